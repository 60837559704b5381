#!/usr/bin/env bash
# bobao fetch's state and its trust (issue 18): two runs into one folder,
# damaged seen lists and caches, state files by the output rules, numbers
# past 99,999,999, huge titles, a signal while waiting on a FIFO source,
# feeds read in part, honest messages, kill -9 mid-run, the caps of the seen
# list and cache filled exactly, a one-character GBK page, FEEDS words that
# look like options.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTS/fixtures/fetch"

command -v python3 >/dev/null || { skip "fetch state tests" "python3 missing"; done_testing; exit; }

WWW="$T/www"
mkdir -p "$WWW"
. "$FIX/serve.sh"
start_server "$WWW"

fetch() {
	timeout 120 "$BOBAO" fetch "$@" >"$T/.out" 2>"$T/.err" </dev/null
	status=$?
	err=$(cat "$T/.err")
}
mkfeed() { python3 "$FIX/mkfeed.py" "$@"; }
articles() { find "$1" -maxdepth 1 -name '[0-9]*-*.txt' | wc -l; }
# no temporary of bb_out (.NAME.XXXXXX) nor of the old writer (.N-x.txt.XXXXXX)
no_temp_in() { [ -z "$(find "$1" -name '.*.??????' 2>/dev/null)" ]; }

mkfeed "$T/three.xml" 3 g
mkfeed "$T/many.xml" 1500 m

# ---- 4: two runs into one folder at once ----
D="$T/two"
"$BOBAO" fetch -q --no-full-text -d "$D" "$T/many.xml" 2>"$T/a.err" &
a=$!
"$BOBAO" fetch -q --no-full-text -d "$D" "$T/many.xml" 2>"$T/b.err" &
b=$!
wait $a; sa=$?
wait $b; sb=$?
zeros=$(( (sa == 0) + (sb == 0) ))
check "two runs at once: each 0 or 75 ($sa, $sb), at least one 0" \
	eval '[[ $sa =~ ^(0|75)$ && $sb =~ ^(0|75)$ ]] && [ $zeros -ge 1 ]'
check "two runs at once: no article overwritten ($(articles "$D") files for $zeros whole runs of 1500)" \
	test "$(articles "$D")" = $((1500 * zeros))
if [ "$sa" = 75 ] || [ "$sb" = 75 ]; then
	check "two runs at once: the busy one says so" grep -q "in use by another bobao fetch" "$T/a.err" "$T/b.err"
fi

# ---- 5: a damaged seen list or cache is refused, never cut ----
D="$T/nul"
printf 'g1\n\0\ng2\n' >"$T/seen.nul"
cp "$T/seen.nul" "$T/seen.nul.before"
fetch -d "$D" --seen "$T/seen.nul" "$T/three.xml"
check "seen list with a NUL byte: 65, named with its line ($err)" \
	eval '[ "$status" = 65 ] && grep -q "seen.nul:2:1: a NUL byte" <<<"$err"'
check "seen list with a NUL byte: not rewritten, nothing fetched" \
	eval 'cmp -s "$T/seen.nul" "$T/seen.nul.before" && [ "$(articles "$D")" = 0 ]'
head -c 100000 /dev/zero | tr '\0' 'k' | fold -w 40 >"$T/seen.big"
printf 'x\0y\n' >>"$T/seen.big"
size=$(stat -c %s "$T/seen.big")
fetch -d "$D" --seen "$T/seen.big" "$T/three.xml"
check "a 100 KB seen list with a NUL at the end: 65, kept whole" \
	eval '[ "$status" = 65 ] && [ "$(stat -c %s "$T/seen.big")" = "$size" ]'
printf '# bobao fetch cache: URL ETAG LAST-MODIFIED\nhttp://a/\t"e"\t\n\0\n' >"$T/cache.nul"
fetch -d "$D" --cache "$T/cache.nul" "$T/three.xml"
check "cache with a NUL byte: 65, named with its line" \
	eval '[ "$status" = 65 ] && grep -q "cache.nul:3:1: a NUL byte" <<<"$err"'
printf 'g1\n\377\376\n' >"$T/seen.latin"
fetch -d "$D" --seen "$T/seen.latin" "$T/three.xml"
check "seen list not UTF-8: 65" eval '[ "$status" = 65 ] && grep -q "seen.latin:2:1: not UTF-8" <<<"$err"'
printf 'g1\r\ng2\r\n' >"$T/seen.crlf"
fetch -d "$D" --seen "$T/seen.crlf" "$T/three.xml"
check "seen list with CRLF lines: read (g1, g2 skipped, g3 new)" \
	eval '[ "$status" = 0 ] && [ "$(articles "$D")" = 1 ] && grep -qx g3 "$T/seen.crlf"'

# ---- 6: numbers past 99,999,999 ----
D="$T/numbers"
mkdir -p "$D"
echo old >"$D/99999999-x.txt"
fetch -d "$D" --no-full-text "$T/three.xml"
check "after 99999999: 100000000-... (exit $status)" eval '[ -f "$D/100000000-article.txt" ] && [ -f "$D/100000002-article.txt" ]'
fetch -d "$D" --no-full-text "$T/many.xml" --max-items 1
check "the next run goes on from 100000002, nothing rewritten" \
	eval '[ -f "$D/100000003-article.txt" ] && grep -q "第3条" "$D/100000002-article.txt" && grep -q "第1条" "$D/100000003-article.txt"'

# ---- 8: seen and cache follow the output rules ----
D="$T/rules"
: >"$T/real-seen"
ln -s "$T/real-seen" "$T/seen.link"
fetch -d "$D" --seen "$T/seen.link" "$T/three.xml"
check "a symlinked --seen: still a link, the file it names written" \
	eval '[ "$status" = 0 ] && [ -L "$T/seen.link" ] && [ "$(wc -l <"$T/real-seen")" = 3 ]'
printf 'old\n' >"$T/seen.ro"
chmod 0444 "$T/seen.ro"
fetch -d "$T/rules-ro" --seen "$T/seen.ro" "$T/three.xml"
check "a write-protected --seen: 73, kept, nothing fetched ($err)" \
	eval '[ "$status" = 73 ] && [ "$(cat "$T/seen.ro")" = old ] && [ "$(stat -c %a "$T/seen.ro")" = 444 ] && [ "$(articles "$T/rules-ro")" = 0 ] && grep -q "write-protected" <<<"$err" && ! grep -q -- --force <<<"$err"'
mkfifo "$T/seen.fifo"
fetch -d "$T/rules-fifo" --seen "$T/seen.fifo" "$T/three.xml"
check "a FIFO as --seen: refused at once (66), not waited on" test "$status" = 66

# ---- 10: a huge title costs nothing ----
D="$T/title"
big=$(head -c 30000 /dev/zero | tr '\0' 'a')
mkfeed "$T/title.xml" 2 t 220 "$big"
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>tab</guid><title>a&#9;b&#10;c</title><description>%s</description></item></channel></rss>' \
	"$(head -c 300 /dev/zero | tr '\0' 'x')" >"$T/tab.xml"
fetch -v -d "$D" --no-full-text "$T/title.xml" "$T/tab.xml"
check "a 30,000-character title: exit 0, every item taken ($err)" \
	eval '[ "$status" = 0 ] && [ "$(wc -l <"$D/rundown.tsv")" = 3 ]'
check "the title cut to 199 characters and an ellipsis, in the rundown and the article" \
	eval '[ "$(head -1 "$D/rundown.tsv" | cut -f2 | wc -m)" = 200 ] && head -1 "$D/rundown.tsv" | grep -q "…$" && [ "$(head -1 "$D/$(head -1 "$D/rundown.tsv" | cut -f1)" | wc -m)" = 202 ]'
check "the cut said with -v" grep -q "title cut at 200 characters" <<<"$err"
check "a title with a tab and a newline: one line, two fields" \
	eval '[ "$(tail -1 "$D/rundown.tsv" | awk -F"\t" "{print NF}")" = 2 ] && tail -1 "$D/rundown.tsv" | grep -q "a b c$"'
check "no rundown line synth would refuse as too long (65,536 bytes)" \
	eval '[ -z "$(awk "length > 1000" "$D/rundown.tsv")" ]'

# ---- 12: a signal while waiting on a FIFO source ----
for order in fifo-first fifo-last; do
	D="$T/sig-$order"
	rm -f "$T/src.fifo"
	mkfifo "$T/src.fifo"
	if [ $order = fifo-first ]; then set -- "$T/src.fifo" "$T/three.xml"; else set -- "$T/three.xml" "$T/src.fifo"; fi
	"$BOBAO" fetch -d "$D" --no-full-text "$@" >/dev/null 2>"$T/sig.err" &
	pid=$!
	for _ in $(seq 100); do
		# blocked opening the FIFO: fifo_open, or on newer kernels its wait_for_partner
		[ "$(readlink /proc/$pid/fd/* 2>/dev/null | grep -c journal)" = 1 ] &&
			[[ $(cat /proc/$pid/wchan 2>/dev/null) =~ ^(fifo_open|wait_for_partner)$ ]] && break
		sleep 0.05
	done
	sleep 0.2
	kill -INT $pid
	wait $pid
	st=$?
	check "SIGINT while opening a FIFO source ($order): 130, nothing kept ($(cat "$T/sig.err"))" \
		eval '[ "$st" = 130 ] && [ "$(articles "$D")" = 0 ] && [ ! -e "$D/rundown.tsv" ]'
done

# ---- 13: a feed read in part is a failed source, said without -v ----
fetch -d "$T/deep" "$URL/deep"
check "an over-deep feed: a failed source (69), the reason on its line ($err)" \
	eval '[ "$status" = 69 ] && grep -q "deep: the feed nested too deep" <<<"$err" && [ "$(articles "$T/deep")" = 0 ]'
fetch -d "$T/trunc" "$URL/truncated" "$T/three.xml"
check "a truncated body: a failed source (75), said ($err)" \
	eval '[ "$status" = 75 ] && grep -q "truncated: transfer closed" <<<"$err" && ! grep -q "cut-1" "$T/trunc"/*.txt'

fetch -d "$T/gzcut" --no-full-text "$URL/gzip-cut" "$T/three.xml"
check "a gzip stream cut short: a failed source (75), said without -v ($err)" \
	eval '[ "$status" = 75 ] && grep -q "gzip-cut: the feed ends before its </rss>" <<<"$err" && ! grep -q "^# t1" "$T/gzcut"/*.txt'
head -c -40 "$T/three.xml" >"$T/three-cut.xml"
fetch -d "$T/filecut" --no-full-text "$T/three-cut.xml"
check "a feed file cut short: a failed source (69), not fewer items" \
	eval '[ "$status" = 69 ] && grep -q "three-cut.xml: the feed ends before" <<<"$err" && [ "$(articles "$T/filecut")" = 0 ]'
printf '%s\n<!-- generated -->\n' "$(cat "$T/three.xml")" >"$T/three-comment.xml"
fetch -d "$T/filecomment" --no-full-text "$T/three-comment.xml"
check "a feed with a comment after its end: whole, read" test "$status" = 0

# ---- 14: messages say what happened ----
fetch -d "$T/hdr" "$URL/big-header"
check "a 1 MB header: said as such, not 'Out of memory' ($err)" \
	eval '[ "$status" = 69 ] && grep -q "big-header: a response header larger" <<<"$err"'
fetch -d "$T/br" "$URL/bad-br"
check "a body libbrotli cannot decode: said, not 'body larger than' ($err)" \
	eval '[ "$status" = 69 ] && grep -q "bad-br: cannot decode the body (Content-Encoding .br.)$" <<<"$err" && ! grep -q "larger than" <<<"$err"'
mkfeed "$WWW/big.xml" 1700 b 10000
fetch -d "$T/bigfeed" --max-size 100M --max-items 1 --no-full-text "$URL/big.xml"
check "a $(($(stat -c %s "$WWW/big.xml") >> 20)) MB feed with --max-size 100M: read ($status: $err)" \
	eval '[ "$status" = 0 ] && [ "$(articles "$T/bigfeed")" = 1 ]'
fetch -d "$T/bigfeed2" --max-size 100M --max-items 1 --no-full-text "$WWW/big.xml"
check "the same feed as a file: read ($status)" test "$status" = 0
fetch -d "$T/bigfeed3" --max-size 1M "$URL/big.xml"
check "the same over --max-size 1M: 'body larger than 1048576 bytes'" \
	eval '[ "$status" = 69 ] && grep -q "body larger than 1048576 bytes" <<<"$err"'

# ---- 20: kill -9 mid-run, then the next run ----
D="$T/killed"
"$BOBAO" fetch -q --no-full-text -d "$D" --seen "$T/seen.killed" "$T/many.xml" 2>/dev/null &
pid=$!
for _ in $(seq 200); do [ "$(articles "$D")" -ge 100 ] && break; sleep 0.02; done
kill -KILL $pid
wait $pid 2>/dev/null
left=$(articles "$D")
check "kill -9 mid-run ($left articles then): no temporary left" no_temp_in "$D"
check "kill -9 mid-run: the journal names the run's articles" test -s "$D/.journal"
fetch -v --no-full-text -d "$D" --seen "$T/seen.killed" "$T/many.xml"
check "the next run: 0, the dead run's articles removed first ($status)" \
	eval '[ "$status" = 0 ] && grep -q "run that did not finish" <<<"$err"'
check "the next run: every article on disk is in the rundown and the seen list (1500)" \
	eval '[ "$(articles "$D")" = 1500 ] && [ "$(wc -l <"$D/rundown.tsv")" = 1500 ] && [ "$(wc -l <"$T/seen.killed")" = 1500 ] && [ ! -e "$D/.journal" ]'
check "the next run: the rundown names only files that are there" \
	eval 'cut -f1 "$D/rundown.tsv" | while read -r p; do [ -f "$D/$p" ] || exit 1; done'

# ---- 20: the journal's recovery rule, both ways ----
D="$T/journal"
fetch -d "$D" --no-full-text --seen "$T/seen.j" "$T/three.xml"
printf '# bobao fetch: a run under way\nseen\t%s\n001-article.txt\tg1\n003-article.txt\tg3\n' "$T/seen.j" >"$D/.journal"
fetch -v -d "$D" --no-full-text --seen "$T/seen.j" "$T/three.xml"
check "a journal whose run put its rundown and seen list in place: the run kept" \
	eval '[ "$status" = 0 ] && [ "$(articles "$D")" = 3 ] && ! grep -q "did not finish" <<<"$err" && [ ! -e "$D/.journal" ]'
D="$T/journal2"
fetch -d "$D" --no-full-text "$T/three.xml"
printf '# bobao fetch: a run under way\nseen\t%s\n001-article.txt\tg1\n002-article.txt\tg2\n003-article.txt\tg3\n' "$T/seen.j2" >"$D/.journal"
: >"$T/seen.j2"
fetch -v -d "$D" --no-full-text --seen "$T/seen.j2" --max-items 1 "$T/many.xml"
check "a journal whose seen list did not go in place: its articles removed, its rundown emptied, then the run" \
	eval '[ "$status" = 0 ] && [ "$(articles "$D")" = 1 ] && grep -q "第1条" "$D/001-article.txt" && [ "$(cat "$D/rundown.tsv")" = "$(printf "001-article.txt\t第1条新闻")" ] && grep -q "did not finish" <<<"$err"'

# ---- 23: a one-character GBK page, its charset declared ----
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>one</guid><title>\xd2\xbb</title><description>\xd2\xbb</description></item></channel></rss>' >"$WWW/one-gbk.xml"
for cs in gbk gb2312; do
	fetch -d "$T/gbk-$cs" --no-full-text "$URL/one-gbk.xml?ct=application/xml;%20charset=$cs"
	check "a one-character feed item declared $cs: read as 一 ($status: $err)" \
		eval '[ "$status" = 0 ] && [ "$(cat "$T/gbk-$cs"/001-*.txt)" = "$(printf "# 一\n一")" ]'
done

# ---- 25: the seen list and the cache filled to their caps exactly ----
seq -f 'k%g' 1 49999 >"$T/seen.cap"
mkfeed "$T/two.xml" 2 n
fetch -d "$T/cap" --no-full-text --seen "$T/seen.cap" "$T/two.xml"
check "seen list: 49,999 keys and 2 new keep the last 50,000 (k1 forgotten)" \
	eval '[ "$status" = 0 ] && [ "$(wc -l <"$T/seen.cap")" = 50000 ] && [ "$(head -1 "$T/seen.cap")" = k2 ] && [ "$(tail -1 "$T/seen.cap")" = n2 ]'
seq -f 'k%g' 1 49998 >"$T/seen.cap2"
fetch -d "$T/cap2" --no-full-text --seen "$T/seen.cap2" "$T/two.xml"
check "seen list: 49,998 keys and 2 new keep all 50,000" \
	eval '[ "$(wc -l <"$T/seen.cap2")" = 50000 ] && [ "$(head -1 "$T/seen.cap2")" = k1 ]'
cp "$T/three.xml" "$WWW/cached.xml"
{ echo "# bobao fetch cache: URL ETAG LAST-MODIFIED"; seq -f $'http://c/%g\t"e"\t' 1 1000; } >"$T/cache.cap"
fetch -d "$T/cap3" --cache "$T/cache.cap" --no-full-text "$URL/cached.xml"
check "cache: 1,000 sources and 1 new keep the last 1,000 (the first forgotten)" \
	eval '[ "$status" = 0 ] && [ "$(grep -vc "^#" "$T/cache.cap")" = 1000 ] && [ "$(sed -n 2p "$T/cache.cap" | cut -f1)" = http://c/2 ] && tail -1 "$T/cache.cap" | grep -q "^$URL/cached.xml"'
{ echo "# bobao fetch cache: URL ETAG LAST-MODIFIED"; seq -f $'http://c/%g\t"e"\t' 1 999; } >"$T/cache.cap2"
fetch -d "$T/cap4" --cache "$T/cache.cap2" --no-full-text "$URL/cached.xml"
check "cache: 999 sources and 1 new keep all 1,000" \
	eval '[ "$(grep -vc "^#" "$T/cache.cap2")" = 1000 ] && [ "$(sed -n 2p "$T/cache.cap2" | cut -f1)" = http://c/1 ]'

# ---- 9: FEEDS words that look like options ----
G="$T/digest"
S="$T/state"
echo untouched >"$T/victim"
cat >"$T/digest.conf" <<CONF
OUTPUT_DIR="$G"
STATE_DIR="$S"
FEEDS="--seen=$T/victim $T/three.xml"
LOUDNESS=off
BOBAO=$BOBAO
CONF
env -i PATH=/usr/bin:/bin "$TESTS/../scripts/bobao-digest" --config "$T/digest.conf" --date 2026-11-28 \
	</dev/null >/dev/null 2>"$T/digest.err"
st=$?
check "FEEDS=--seen=FILE: refused (64), the file untouched, logged ($(cat "$T/digest.err"))" \
	eval '[ "$st" = 64 ] && [ "$(cat "$T/victim")" = untouched ] && tail -1 "$S/digest.log" | grep -q "result=failed status=64"'
check "bobao-digest passes -- before the sources" grep -q -- '-- "${feeds\[@\]}"' "$TESTS/../scripts/bobao-fetch.sh"
mkdir -p "$S/fetch"
exec 7>>"$S/fetch/.lock"
flock -n 7
sed -i "s|^FEEDS=.*|FEEDS=\"$T/three.xml\"|" "$T/digest.conf"
env -i PATH=/usr/bin:/bin "$TESTS/../scripts/bobao-digest" --config "$T/digest.conf" --date 2026-11-28 \
	</dev/null >/dev/null 2>"$T/digest.err"
st=$?
exec 7>&-
check "a second digest while one fetches: 75, the seen list not touched" \
	eval '[ "$st" = 75 ] && [ ! -e "$S/fetch/.seen.new" ] && tail -1 "$S/digest.log" | grep -q "status=75"'

# ---- 20: whatever write fails, the run is whole or not there (fault build) ----
FB=${BOBAO_FAULTS:-}
if [ -x "$FB" ]; then
	P="$T/pristine"
	fetch -d "$P" --no-full-text --seen "$P.seen" "$T/three.xml"
	mkfeed "$T/four.xml" 4 f
	fresh() { rm -rf "$T/f" "$T/f.seen"; cp -a "$P" "$T/f"; cp -a "$P.seen" "$T/f.seen"; }
	same() {
		[ "$(ls -A "$T/f")" = "$(ls -A "$P")" ] && cmp -s "$T/f/rundown.tsv" "$P/rundown.tsv" &&
			cmp -s "$T/f.seen" "$P.seen" && cmp -s "$T/f/.cache" "$P/.cache"
	}
	bad=""
	runs=0
	for prefix in "" "notmpfile,"; do
		fresh
		rm -f "$T/counts"
		BOBAO_FAULT="${prefix%,}" BOBAO_FAULT_COUNT="$T/counts" "$FB" fetch -q --no-full-text \
			-d "$T/f" --seen "$T/f.seen" "$T/four.xml" 2>/dev/null </dev/null
		for kind in write fsync link rename; do
			total=$(sed -n "s/^$kind=//p" "$T/counts")
			for n in $(seq 1 "${total:-0}"); do
				fresh
				BOBAO_FAULT="$prefix$kind:$n" "$FB" fetch -q --no-full-text -d "$T/f" \
					--seen "$T/f.seen" "$T/four.xml" >/dev/null 2>"$T/f.err" </dev/null
				st=$?
				runs=$((runs + 1))
				# failed and as it was; or, past the seen list, whole with the old cache
				{ { [ "$st" = 73 ] || [ "$st" = 74 ]; } && same && [ "$(wc -l <"$T/f.err")" = 1 ]; } ||
					{ [ "$st" = 0 ] && [ "$(articles "$T/f")" = 7 ] && [ "$(wc -l <"$T/f/rundown.tsv")" = 4 ] &&
						[ "$(wc -l <"$T/f.seen")" = 7 ] && cmp -s "$T/f/.cache" "$P/.cache" && cache_fault=$prefix$kind:$n; } ||
					bad="$bad $prefix$kind:$n($st)"
			done
		done
	done
	fresh
	BOBAO_FAULT="$cache_fault" "$FB" fetch --no-full-text -d "$T/f" --seen "$T/f.seen" "$T/four.xml" \
		>/dev/null 2>"$T/f.err" </dev/null
	check "the cache failing to go in place after the seen list ($cache_fault): said, the old one kept" \
		eval '[ -n "$cache_fault" ] && grep -q "cannot create .*\.cache.*; the old cache kept" "$T/f.err"'
	check "every write, fsync, link, rename failing in turn ($runs runs): 73/74, one line, DIR, rundown, seen list and cache as they were${bad:+ (not:$bad)}" \
		eval '[ -z "$bad" ] && [ "$runs" -gt 20 ]'
else
	skip "fetch under injected faults" "no fault build (make faults-build)"
fi

done_testing

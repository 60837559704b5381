#!/usr/bin/env bash
# bobao fetch against a web server of our own on 127.0.0.1: feeds (RSS 2.0,
# RDF, Atom; UTF-8, GBK, Big5), pages wrapped in navigation and ads, summary
# items followed to their pages, redirects, a 404, a slow server, a huge
# body, file:// links; exit statuses, rundown, seen list, cache, and
# nothing half-written.  Then saved pages read by synth and segment.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTS/fixtures/fetch"

command -v python3 >/dev/null || { skip "fetch tests" "python3 missing"; done_testing; exit; }

# ---- the web root: fixtures, GBK and Big5 made from their UTF-8 sources ----
WWW="$T/www"
cp -r "$FIX" "$WWW"
rm -f "$WWW/server.py"
for f in "$WWW"/*.to-gbk.* "$WWW"/*.to-big5.*; do
	case $f in *.to-gbk.*) enc=GBK ;; *) enc=BIG5 ;; esac
	iconv -f UTF-8 -t "$enc" "$f" >"${f/.to-${enc,,}/}" || exit 1
	rm -f "$f"
done

python3 "$FIX/server.py" "$WWW" "$T/port" "$T/server.log" 2>"$T/server.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] || { not_ok "the test server did not start: $(cat "$T/server.err")"; done_testing; exit 1; }
URL="http://127.0.0.1:$(cat "$T/port")"

# fetch ARGS...: bobao fetch with a bound on time; $status, $out, $err
fetch() { run_bobao_timeout fetch "$@"; }
run_bobao_timeout() {
	timeout 60 "$BOBAO" "$@" >"$T/.out" 2>"$T/.err" </dev/null
	status=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}
# No temporary file (.NAME.XXXXXX) left in a folder.
no_temp_in() { [ -z "$(find "$1" -name '.*.??????' 2>/dev/null)" ]; }
requests() { grep -c "^GET $1 $2 " "$T/server.log"; }

# ---- three kinds of feed, one run ----
D="$T/news"
fetch -v -d "$D" --seen "$T/seen" "$URL/rss.xml" "$URL/atom.xml" "$URL/rdf.xml"
check "feeds: exit 0 ($status: $err)" test "$status" = 0
check "feeds: rundown lists 8 articles (4 RSS, 2 Atom, 2 RDF)" test "$(wc -l <"$D/rundown.tsv")" = 8
check "feeds: rundown in feed order, PATH<TAB>TITLE" eval \
	'[ "$(cut -f2 "$D/rundown.tsv" | head -3 | tr "\n" "|")" = "城市公交系统完成电动化改造|新图书馆下月开放|本地链接的条目|" ]'
check "feeds: the Atom HTML title is text" grep -q $'\t科技馆举办机器人展览$' "$D/rundown.tsv"
check "feeds: every rundown path is a file in DIR" eval \
	'cut -f1 "$D/rundown.tsv" | while read -r p; do [ -s "$D/$p" ] || exit 1; done'
check "feeds: files are NNN-slug.txt" eval \
	'[ "$(cut -f1 "$D/rundown.tsv" | grep -cE "^[0-9]{3}-[a-z0-9-]+\.txt$")" = 8 ]'
first=$(cut -f1 "$D/rundown.tsv" | head -1)
check "article: a '# ' headline line first" eval '[ "$(head -1 "$D/$first")" = "# 城市公交系统完成电动化改造" ]'
check "article: one paragraph a line" test "$(wc -l <"$D/$first")" = 5
check "article: no script, no 责任编辑 line, no markup" eval \
	'! grep -qE "脚本|责任编辑|<|>" "$D/$first"'
a1=$(grep $'\t新图书馆下月开放$' "$D/rundown.tsv" | cut -f1)
check "summary item: followed to its page, the article read" \
	grep -q "视障读者可以免费借用听书设备" "$D/$a1"
check "summary item: nothing of the page around it" eval '! grep -qE "首页|文化|相关阅读|本报记者|测试新闻网" "$D/$a1"'
file_item=$(grep $'\t本地链接的条目$' "$D/rundown.tsv" | cut -f1)
check "file:// link: not followed, the summary kept" eval \
	'grep -q "这一条的链接指向本机文件" "$D/$file_item" && ! grep -q "root:" "$D"/*.txt'
check "file:// link: said on stderr" grep -q "file:///etc/passwd.*not followed" "$T/.err"
check "Atom xhtml content read" grep -q "自动化码头投入使用后" "$D"/*-port.txt
check "RDF item read" grep -q "亲子采摘" "$D"/*-harvest.txt
check "feeds: the seen list has the 8 keys" eval \
	'[ "$(wc -l <"$T/seen")" = 8 ] && grep -qx rss-1 "$T/seen" && grep -qx urn:test:rdf:1 "$T/seen" && grep -qx urn:test:atom:2 "$T/seen"'
check "feeds: User-Agent bobao/VERSION" grep -q " bobao/[0-9]" "$T/server.log"
check "feeds: no temporary file left" no_temp_in "$D"
check "feeds: articles and rundown 0666 less the umask ($(umask))" eval \
	'[ "$(stat -c %a "$D/rundown.tsv")" = "$(printf %o $((0666 & ~0$(umask))))" ] && [ "$(stat -c %a "$D/$first")" = "$(stat -c %a "$D/rundown.tsv")" ]'

# ---- the same run again: nothing new, and the feeds not downloaded ----
before=$(ls "$D" | wc -l)
fetch -d "$D" --seen "$T/seen" "$URL/rss.xml" "$URL/atom.xml" "$URL/rdf.xml"
check "again: exit 0" test "$status" = 0
check "again: an empty rundown" test ! -s "$D/rundown.tsv"
check "again: no new article" test "$(ls "$D" | wc -l)" = "$before"
check "again: conditional requests answered 304, bodies sent once" eval \
	'[ "$(requests /rss.xml 304)" = 1 ] && [ "$(requests /rss.xml 200)" = 1 ] && [ "$(requests /atom.xml 304)" = 1 ]'
check "again: unchanged said" grep -q "rss.xml: unchanged" "$T/.err"

# ---- without the cache, the seen list alone keeps items out ----
fetch -d "$D" --no-cache --seen "$T/seen" "$URL/rss.xml"
check "seen: exit 0, nothing new" eval '[ "$status" = 0 ] && [ ! -s "$D/rundown.tsv" ]'
check "seen: the feed was downloaded again" test "$(requests /rss.xml 200)" = 2

# ---- --since, --max-items, numbering goes on ----
fetch -d "$T/since-bad" --since 2024-02-30 "$URL/rss.xml"
check "--since 2024-02-30: exit 64, one line, nothing fetched" \
	eval '[ "$status" = 64 ] && [ "$(wc -l <<<"$err")" = 1 ] && [ ! -e "$T/since-bad/rundown.tsv" ]'
D2="$T/since"
fetch -d "$D2" --since 2026-01-01 "$URL/rss.xml"
check "--since: the 2020 item left out" eval '[ "$status" = 0 ] && ! grep -q 三年前的旧闻 "$D2/rundown.tsv" && [ "$(wc -l <"$D2/rundown.tsv")" = 3 ]'
fetch -d "$D2" --no-cache --max-items 1 "$URL/atom.xml" "$URL/rdf.xml"
check "--max-items 1: one item per source" test "$(wc -l <"$D2/rundown.tsv")" = 2
check "numbers go on from the highest in DIR" eval '[ "$(cut -c1-3 "$D2/rundown.tsv" | tr "\n" " ")" = "004 005 " ]'

# ---- character sets ----
D3="$T/charsets"
fetch -d "$D3" "$URL/rss-gbk.xml" "$URL/page-big5.html" "$URL/page-bare.html" \
	"$URL/page-big5.html?ct=text/html;%20charset=big5"
check "charsets: exit 0 ($err)" test "$status" = 0
check "GBK feed (XML declaration) read as UTF-8" grep -q "地铁十二号线今天正式开通运营" "$D3"/*.txt
check "Big5 page (<meta charset>) read as UTF-8" grep -q "颱風中心預計今晚" "$D3"/*.txt
check "GBK page without a declaration detected" grep -q "气象专家提醒" "$D3"/*.txt
check "charsets: every article is valid UTF-8" eval 'iconv -f UTF-8 -t UTF-8 "$D3"/*.txt >/dev/null'

# ---- a page of navigation and ads around one article ----
D4="$T/page"
fetch -d "$D4" "$URL/page.html"
p=$(cut -f1 "$D4/rundown.tsv")
check "page: exit 0, one article" eval '[ "$status" = 0 ] && [ "$(wc -l <"$D4/rundown.tsv")" = 1 ]'
check "page: its title and three paragraphs" eval \
	'[ "$(head -1 "$D4/$p")" = "# 市政府发布交通新规" ] && [ "$(wc -l <"$D4/$p")" = 4 ]'
check "page: none of the navigation, ads, captions, forms, comments" eval \
	'! grep -qE "首页|广告|分享|图为|评论|网友|热门|版权|责任编辑|样式|脚本|来源" "$D4/$p"'

# ---- summary-only feed: a CMS container, a redirect chain ----
D5="$T/summary"
fetch -d "$D5" "$URL/summary.xml"
check "summary feed: exit 0" test "$status" = 0
check "summary feed: the CMS container's text, no 来源 line" eval \
	'grep -q "一个小区一个方案" "$D5"/*.txt && ! grep -q "来源" "$D5"/*.txt && ! grep -q "主办单位" "$D5"/*.txt'
check "summary feed: 3 redirects followed" grep -q "主要路口将增设公交专用信号灯" "$D5"/*-3.txt
check "summary feed: a page without an article (scripts): the summary kept, said" eval \
	'grep -q "摘要保留下来" "$D5"/*-script-only.txt && grep -q "no article text in .*script-only.html" "$T/.err"'

# ---- failures: one line each naming the source; the others go on ----
D6="$T/partial"
fetch -d "$D6" "$URL/missing" "$URL/page.html"
check "one of two fails: exit 75" test "$status" = 75
check "one of two fails: one line naming it" eval \
	'[ "$(grep -c "$URL/missing" <<<"$err")" = 1 ] && grep -q "$URL/missing: HTTP status 404" <<<"$err"'
check "one of two fails: the other's article and the rundown written" test "$(wc -l <"$D6/rundown.tsv")" = 1

fetch -d "$D6" "$URL/broken-link.xml"
check "an item's page 404: exit 75, said" eval '[ "$status" = 75 ] && grep -q "cannot follow.*404" <<<"$err"'
check "an item's page 404: the feed not cached (retried next time)" eval '! grep -q broken-link "$D6/.cache"'

D7="$T/none"
fetch -d "$D7" --timeout 1 --max-size 1M "$URL/missing" "$URL/redirect/6" "$URL/slow" "$URL/huge" \
	"$URL/to-file" "file:///etc/passwd" "$T/no-such-file.xml"
check "none can be read: exit 69" test "$status" = 69
check "none: 7 failures, a line each" test "$(grep -c '^bobao: fetch: [^ ]*: ' <<<"$err")" -ge 7
check "none: > 5 redirects refused" grep -q "redirect/6: more than 5 redirects" <<<"$err"
check "none: the slow server timed out" grep -q "slow: timed out" <<<"$err"
check "none: the huge body refused" grep -q "huge: body larger than 1048576 bytes" <<<"$err"
check "none: a redirect to file:// refused" grep -q "to-file: redirected to a scheme other than http" <<<"$err"
check "none: a file:// source refused" grep -q "file:///etc/passwd: only http and https" <<<"$err"
check "none: a missing file named" grep -q "no-such-file.xml: cannot open" <<<"$err"
check "none: no rundown, no article, no temporary file" eval \
	'[ ! -e "$D7/rundown.tsv" ] && [ -z "$(ls "$D7")" ] && no_temp_in "$D7"'

fetch -d "$D7" --max-redirects 3 "$URL/redirect/3"
check "--max-redirects 3 allows 3" test "$status" = 0

# ---- stopped mid-run: nothing half-written, the old rundown kept ----
D8="$T/stopped"
fetch -d "$D8" "$URL/page.html"
cp "$D8/rundown.tsv" "$T/rundown.before"
slow_before=$(grep -c "GET /slow" "$T/server.log")
# timeout(1) hands the TERM on to bobao and returns its status
timeout 60 "$BOBAO" fetch -d "$D8" "$URL/atom.xml" "$URL/slow" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do [ "$(grep -c "GET /slow" "$T/server.log")" -gt "$slow_before" ] && break; sleep 0.1; done
kill -TERM $pid
wait $pid
st=$?
check "SIGTERM: exit 130" test "$st" = 130
check "SIGTERM: the rundown as it was, its articles only" eval \
	'cmp -s "$D8/rundown.tsv" "$T/rundown.before" && [ "$(ls "$D8" | wc -l)" = 2 ] && no_temp_in "$D8"'

# ---- bad use ----
fetch "$URL/rss.xml"
check "no -d: exit 64" test "$status" = 64
fetch -d "$T/x" --timeout zero "$URL/rss.xml"
check "bad --timeout: exit 64" test "$status" = 64
if [ "$(id -u)" != 0 ]; then
	mkdir "$T/ro" && chmod a-w "$T/ro"
	fetch -d "$T/ro" "$URL/page.html"
	check "read-only DIR: exit 73" test "$status" = 73
else
	touch "$T/plain"
	fetch -d "$T/plain" "$URL/page.html"
	check "DIR is a file: exit 73" test "$status" = 73
fi

# ---- a local feed; its relative links cannot be resolved, its text is read ----
fetch -d "$T/local" --no-full-text "$FIX/rss.xml" "$WWW/page.html"
check "local files: exit 0, 5 articles" eval '[ "$status" = 0 ] && [ "$(wc -l <"$T/local/rundown.tsv")" = 5 ]'

# ---- a dateline is metadata; fetching again without --seen writes nothing
# twice (--no-cache: the page is downloaded again, not answered 304) ----
cat >"$WWW/dated.html" <<'HTML'
<html><head><meta charset="utf-8"><title>新线路开通</title></head><body>
<article><h1>新线路开通</h1>
<p>2026年11月27日 07:10</p>
<p>市交通运输局宣布，新开通的三条公交线路将于十二月一日起试运行，沿途设站五十八个。</p>
<p>试运行期间票价为两元，持老年卡的市民免费乘车，早高峰时段发车间隔缩短至八分钟。</p>
</article></body></html>
HTML
R="$T/refetch"
fetch -v -d "$R" "$URL/dated.html"
art=$(cut -f1 "$R/rundown.tsv" | head -1)
check "a paragraph that is only a date and a time is not read as news" \
	eval '[ "$status" = 0 ] && grep -q 试运行期间 "$R/$art" && ! grep -q "07:10" "$R/$art"'
run_bobao segment "$R/$art"
check "… segment reads the headline and the news, no dateline" \
	eval '[ "$(head -1 <<<"$out")" = 新线路开通 ] && ! grep -q "2026" <<<"$out"'
files=$(ls "$R" | grep -c '\.txt$')
fetch -v -d "$R" --no-cache "$URL/dated.html" "$URL/rss.xml"
check "fetching again into the same folder without --seen: the page is not written again" \
	eval '[ "$status" = 0 ] && [ "$(ls "$R" | grep -c "\.txt$")" = $((files + 4)) ] && ! grep -q dated "$R/rundown.tsv"'
check "… and not called new" grep -q "dated.html: 1 item, 0 new" <<<"$err"
fetch -v -d "$R" --no-cache --no-seen "$URL/dated.html"
check "--no-seen: every item is new again" grep -q "dated.html: 1 item, 1 new" <<<"$err"

# ---- bobao-digest --feeds, as cron runs it ----
G="$T/digest out" S="$T/digest state"
cat >"$T/digest.conf" <<CONF
OUTPUT_DIR="$G"
STATE_DIR="$S"
FEEDS="$URL/atom.xml $URL/page.html"
LOUDNESS=off
BOBAO=$BOBAO
CONF
digest() { env -i PATH=/usr/bin:/bin "$TESTS/../scripts/bobao-digest" --config "$T/digest.conf" "$@" </dev/null 2>"$T/digest.err"; }
atom_before=$(requests /atom.xml 200)
digest --date 2026-11-28
st=$?
check "digest --feeds: exit 0 under env -i ($(cat "$T/digest.err"))" test "$st" = 0
check "digest --feeds: the bulletin and the podcast feed" \
	eval '[ -s "$G/news-2026-11-28.mp3" ] && xmllint --noout "$G/feed.xml"'
check "digest --feeds: fetched and skipped in the log" eval \
	'[ "$(grep -c " fetch: .*: wrote " "$S/digest.log")" = 3 ] && grep -q "result=ok .*fetched=3 skipped=0" "$S/digest.log"'
check "digest --feeds: the day's rundown kept, the seen list written" eval \
	'[ "$(wc -l <"$S/fetch/2026-11-28/day.tsv")" = 3 ] && [ "$(wc -l <"$S/fetch/seen")" = 3 ]'
cp "$G/news-2026-11-28.mp3" "$T/bulletin.before"
mtime=$(stat -c %Y "$G/news-2026-11-28.mp3")
sleep 1
digest --date 2026-11-28
st=$?
check "digest again, feeds unchanged: exit 0, nothing on stderr" eval '[ "$st" = 0 ] && [ ! -s "$T/digest.err" ]'
check "digest again: no new bulletin" eval \
	'cmp -s "$G/news-2026-11-28.mp3" "$T/bulletin.before" && [ "$(stat -c %Y "$G/news-2026-11-28.mp3")" = "$mtime" ]'
check "digest again: logged as unchanged" eval 'tail -1 "$S/digest.log" | grep -q "result=unchanged"'
check "digest again: the feed asked for with its ETag, not sent again" \
	eval '[ "$(requests /atom.xml 200)" = "$((atom_before + 1))" ] && [ "$(requests /atom.xml 304)" -ge 1 ]'
sed -i "s|^FEEDS=.*|FEEDS=\"$URL/missing $URL/redirect/6\"|" "$T/digest.conf"
digest --date 2026-11-29
st=$?
check "digest, no feed can be read: exit 69, no bulletin, logged" eval \
	'[ "$st" = 69 ] && [ ! -e "$G/news-2026-11-29.mp3" ] && tail -1 "$S/digest.log" | grep -q "result=failed status=69"'
check "digest, no feed can be read: the run's line names each source with its reason" eval \
	'tail -1 "$S/digest.log" | grep -q "failed_sources=2 failed=\"$URL/missing: .*404.*; $URL/redirect/6: .*redirect"'
sed -i "s|^FEEDS=.*|FEEDS=\"$URL/missing $URL/atom.xml\"|" "$T/digest.conf"
digest --date 2026-11-29
check "digest, one feed of two fails: the run's line names it and why" eval \
	'tail -1 "$S/digest.log" | grep -q "failed_sources=1 failed=\"$URL/missing: .*404"'
check "digest: the web root holds only what is published (no seen list, cache, texts, reports, log)" eval \
	'[ -z "$(find "$G" -name ".*" -o -name "*.json" -o -name "*.log" -o -name seen -o -name "*.txt")" ] && [ -s "$S/fetch/seen" ] && [ "$(stat -c %a "$S/reports")" = 700 ]'

# ---- saved pages read aloud: only the article ----
run_bobao segment "$WWW/page.html"
check "segment page.html: exit 0" test "$status" = 0
check "segment page.html: the title, then the article's sentences" eval \
	'[ "$(head -1 <<<"$out")" = "市政府发布交通新规" ] && [ "$(wc -l <<<"$out")" = 4 ]'
check "segment page.html: nothing around the article" eval '! grep -qE "首页|广告|分享|图为|评论|版权|脚本|样式" <<<"$out"'
cp "$WWW/page-big5.html" "$T/saved.page"
run_bobao segment --input-format html "$T/saved.page"
check "--input-format html: a Big5 page by any name" grep -q "颱風中心預計今晚" <<<"$out"
run_bobao segment --input-format text "$WWW/page.html"
check "--input-format text: the markup read as text" grep -q "<p>" <<<"$out"
printf '<html><body><nav>菜单</nav></body></html>' >"$T/empty.html"
run_bobao segment "$T/empty.html"
check "a page without an article: exit 65, said" eval \
	'[ "$status" = 65 ] && grep -q "empty.html: no article text" <<<"$err"'
run_bobao synth -q "$WWW/page.html" -o "$T/page.wav"
check "synth page.html: exit 0, audio written" eval '[ "$status" = 0 ] && [ -s "$T/page.wav" ]'
secs=$(stat_of "$T/page.wav" seconds)
check "synth page.html: about the article's length ($secs s), not the page's" \
	awk -v s="$secs" 'BEGIN { exit !(s > 5 && s < 40) }'

done_testing

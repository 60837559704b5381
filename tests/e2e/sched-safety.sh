#!/usr/bin/env bash
# The cron scripts against hostile configuration and a failing disk: no
# value is ever run, retention touches only the bulletins NAME made and only
# once the new feed is in place, the broadcast lock cannot be taken by
# another user, every failure is one escaped log line, and a feed update
# that fails at any step (a failing command, a full disk, SIGKILL) leaves
# the old feed, or the new one, whole.
. "$(dirname "$0")/../lib.sh"

SCRIPTS="$TESTS/../scripts"
D="$T/station"
out="$D/out"
mkdir -p "$D/articles" "$out"
printf '今天天气很好。\n' >"$D/articles/a.txt"

# A stand-in for bobao synth: copies a prepared bulletin to -o and writes
# the report, so that hundreds of runs stay fast; FILL=1 then fills the disk.
"$BOBAO" synth -q "$D/articles/a.txt" -o "$D/ready.wav" || exit 1
cat >"$D/fake-bobao" <<EOF
#!/bin/bash
o= r=
while [ \$# -gt 0 ]; do
	case \$1 in -o) o=\$2; shift ;; --report) r=\$2; shift ;; esac
	shift
done
/bin/cp "$D/ready.wav" "\$o.part" && /bin/mv "\$o.part" "\$o" || exit 73
[ -z "\$r" ] || echo '{ "duration_seconds": 1.5, "integrated_lufs": -16.0 }' >"\$r"
[ -z "\${FILL:-}" ] || /bin/dd if=/dev/zero of="\${o%/*}/filler" bs=4k 2>/dev/null
exit 0
EOF
chmod +x "$D/fake-bobao"
cat >"$D/conf" <<EOF
ARTICLES_DIR=$D/articles
OUTPUT_DIR=$out
STATE_DIR=$D/state
FORMAT=wav
KEEP_DAYS=3
BOBAO=$D/fake-bobao
EOF
cron() { env -i PATH="${CRON_PATH:-/usr/bin:/bin}" "$@" </dev/null; }
digest() { cron "$SCRIPTS/bobao-digest" --config "$D/conf" "$@" 2>"$T/err"; }
bc() { cron "$SCRIPTS/bobao-broadcast" --bobao "$BOBAO" --as-run-log "$D/as-run.log" \
	--lock-file "$D/lock" "$@" 2>"$T/err"; }
# why: the script's last words, shown when a check fails
why() { sed 's/^/#   stderr: /' "$T/err"; tail -1 "$D/as-run.log" 2>/dev/null | sed 's/^/#   as-run: /'; return 1; }
# every enclosure the feed lists is there, and the feed is XML
feed_whole() {
	xmllint --noout "$out/feed.xml" 2>/dev/null || return 1
	local f
	for f in $(sed -n 's/.*<enclosure url="\([^"]*\)".*/\1/p' "$out/feed.xml"); do
		[ -f "$out/$f" ] || return 1
	done
}

# ---- item 8: numbers are digits, never evaluated ----
for v in 'BASH_VERSINFO[$(touch '"$T"'/pwned)]' 'a[$(touch '"$T"'/pwned)]' abc 0 -5 1e3 ' 7' 3x; do
	cp "$D/conf" "$D/bad.conf"
	printf 'KEEP_DAYS=%s\n' "$v" >>"$D/bad.conf"
	cron "$SCRIPTS/bobao-digest" --config "$D/bad.conf" --date 2026-11-27 2>"$T/err"
	st=$?
	check "digest: KEEP_DAYS=$v in the config: exit 64 naming the key, nothing run" \
		eval '[ $st = 64 ] && grep -q KEEP_DAYS "$T/err" && [ ! -e "$T/pwned" ] && [ ! -e "$out/news-2026-11-27.wav" ]'
done
digest --keep-days='x[$(touch '"$T"'/pwned)]' --date 2026-11-27
st=$?
check "digest: --keep-days=x[\$(cmd)] is refused, not run" \
	eval '[ $st = 64 ] && [ ! -e "$T/pwned" ] && grep -q KEEP_DAYS "$T/err"'
digest --rate 'a[$(touch '"$T"'/pwned)]' --date 2026-11-27
st=$?
check "digest: RATE checked the same way" eval '[ $st = 64 ] && [ ! -e "$T/pwned" ] && grep -q RATE "$T/err"'
for key in retries retry-delay; do
	for v in 'a[$(touch '"$T"'/pwned)]' abc -5 99999; do
		bc --bulletin "$D/ready.wav" --driver null "--$key=$v"
		st=$?
		check "broadcast: --$key=$v: exit 64 naming the key, nothing run" \
			eval '[ $st = 64 ] && grep -qi "${key//-/_}" "$T/err" && [ ! -e "$T/pwned" ]'
	done
done
digest --name '../../escape-%F' --date 2026-11-27
st=$?
check "digest: a NAME that leaves OUTPUT_DIR is refused" \
	eval '[ $st = 64 ] && [ ! -e "$D/../escape-2026-11-27.wav" ]'
digest --name 'news' --date 2026-11-27
check "digest: a NAME without the day is refused (retention could not tell)" test $? = 64
digest --feed-file ../feed.xml --date 2026-11-27
st=$?
check "digest: FEED_FILE with a '/' is refused" eval '[ $st = 64 ] && [ ! -e "$D/feed.xml" ]'

# ---- item 9: retention deletes only what NAME made, after the feed ----
for f in interview-2020-01-01.wav "my podcast 2019-05-05 final.flac" news-2019-01-01.wav.bak \
	news-2019-01-01-extra.wav news-2019-13-45.wav; do
	echo keep >"$out/$f"
done
cp "$D/ready.wav" "$out/news-2026-11-20.wav"
echo '{ "duration_seconds": 1.0 }' >"$out/.news-2026-11-20.json"
digest --date 2026-11-27
check "retention: exit 0" test $? = 0
check "retention: the old bulletin and its report are gone" \
	eval '[ ! -e "$out/news-2026-11-20.wav" ] && [ ! -e "$out/.news-2026-11-20.json" ] && [ ! -e "$D/state/reports/news-2026-11-20.json" ]'
check "retention: other people's dated files are kept" \
	eval '[ -e "$out/interview-2020-01-01.wav" ] && [ -e "$out/my podcast 2019-05-05 final.flac" ] && [ -e "$out/news-2019-01-01.wav.bak" ] && [ -e "$out/news-2019-01-01-extra.wav" ] && [ -e "$out/news-2019-13-45.wav" ]'
check "the feed lists only the bulletins NAME made" \
	eval '[ "$(grep -c "<item>" "$out/feed.xml")" = 1 ] && grep -q "news-2026-11-27.wav" "$out/feed.xml" && feed_whole'

cp "$D/ready.wav" "$out/news-2026-11-21.wav"
mv "$out/feed.xml" "$T/feed.keep"
mkdir "$out/feed.xml"
digest --date 2026-11-28
st=$?
check "feed.xml a directory: exit 73, nothing written inside it" \
	eval '[ $st = 73 ] && [ -z "$(ls -A "$out/feed.xml")" ] && tail -1 "$D/state/digest.log" | grep -q "result=failed"'
check "feed.xml a directory: no bulletin deleted while the feed was not updated" \
	test -e "$out/news-2026-11-21.wav"
rmdir "$out/feed.xml"
mv "$T/feed.keep" "$out/feed.xml"

# ---- item 5: stale temporaries of killed runs are swept ----
touch "$out/.news-2026-11-25.wav.AbC123" "$out/..news-2026-11-25.json.XyZ789" \
	"$out/.feed.xml.Qw12er" "$out/.news-2026-11-26.wav.Held00" \
	"$out/.interview-2020-01-01.wav.abcdef" "$out/.my.secret.abcdef" "$out/.news-2026-11-25.wav.x"
(exec 7<"$out/.news-2026-11-26.wav.Held00"; exec sleep 20) &
holder=$!
sleep 0.3
digest --date 2026-11-28
check "sweep: bobao's stale temporaries and ours are removed" \
	eval '[ ! -e "$out/.news-2026-11-25.wav.AbC123" ] && [ ! -e "$out/..news-2026-11-25.json.XyZ789" ] && [ ! -e "$out/.feed.xml.Qw12er" ]'
check "sweep: a temporary a running process holds is kept" test -e "$out/.news-2026-11-26.wav.Held00"
check "sweep: files of other names are kept" \
	eval '[ -e "$out/.interview-2020-01-01.wav.abcdef" ] && [ -e "$out/.my.secret.abcdef" ] && [ -e "$out/.news-2026-11-25.wav.x" ]'
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# ---- item 17: a newline in a path is escaped, one log line per run ----
nl="$D/new"$'\n'"line"
mkdir -p "$nl"
lines=$(wc -l <"$D/state/digest.log")
digest --articles-dir "$nl" --date 2026-11-28
check "digest: a newline in a path does not split the log line" \
	eval '[ $(( $(wc -l <"$D/state/digest.log") - lines )) = 1 ] && tail -1 "$D/state/digest.log" | grep -qF "new\\nline"'
cp "$D/ready.wav" "$nl/b.wav"
bc --bulletin "$nl/b.wav" --driver null
st=$?
check "broadcast: a newline in the bulletin's path: one as-run line" \
	eval '[ $st = 0 ] && [ "$(wc -l <"$D/as-run.log")" = 1 ] && grep -qF "new\\nline" "$D/as-run.log"'
bc --bulletin "$D/ready.wav" --bobao "$D/no-such-bobao" --driver null
st=$?
check "broadcast: a missing bobao is an as-run line too (64)" \
	eval '[ $st = 64 ] && tail -1 "$D/as-run.log" | grep -q "result=failed status=64.*bobao not found"'
lines=$(wc -l <"$D/state/digest.log")
digest --bobao "$D/no-such-bobao" --date 2026-11-28
st=$?
check "digest: a missing bobao is a log line (64)" \
	eval '[ $st = 64 ] && [ $(( $(wc -l <"$D/state/digest.log") - lines )) = 1 ] && tail -1 "$D/state/digest.log" | grep -q "bobao not found"'

# ---- item 10: the broadcast lock ----
mkdir -m 700 "$D/rt"
cron env RUNTIME_DIRECTORY="$D/rt" "$SCRIPTS/bobao-broadcast" --bobao "$BOBAO" \
	--as-run-log "$D/as-run.log" --bulletin "$D/ready.wav" --driver null 2>"$T/err"
st=$?
check "lock: in RUNTIME_DIRECTORY by default, private (0600)" \
	eval '[ $st = 0 ] && [ "$(stat -c %a "$D/rt/bobao-broadcast.lock")" = 600 ] || why'
check "lock: the default without RUNTIME_DIRECTORY is /run/lock, not /tmp" \
	grep -q 'LOCK_FILE\]=${RUNTIME_DIRECTORY:-/run/lock}/' "$SCRIPTS/bobao-broadcast"
ln -s "$D/elsewhere" "$D/link.lock"
bc --bulletin "$D/ready.wav" --driver null --lock-file "$D/link.lock"
st=$?
check "lock: a symbolic link is refused (73), logged" \
	eval '[ $st = 73 ] && [ ! -e "$D/elsewhere" ] && tail -1 "$D/as-run.log" | grep -q "result=failed status=73" || why'
mkdir -m 777 "$D/open"
bc --bulletin "$D/ready.wav" --driver null --lock-file "$D/open/lock"
check "lock: in a folder anyone may write (not sticky): refused (73)" test $? = 73
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	touch "$D/theirs.lock"
	chown nobody "$D/theirs.lock"
	bc --bulletin "$D/ready.wav" --driver null --lock-file "$D/theirs.lock"
	st=$?
	check "lock: a lock file owned by another user is refused (73)" \
		eval '[ $st = 73 ] && grep -q "another user" "$T/err"'
else
	skip "lock: a lock file owned by another user is refused" "needs root to chown"
fi

# ---- fault injection: the N-th file operation of the feed update fails ----
# Shims for the commands that change files fail on the N-th call overall;
# N = 1, 2, ... until a run succeeds.  Every run: 0 or 73, the feed whole
# (old or new), no bulletin the feed lists deleted, no bulletin deleted by a
# failed run; after one clean run nothing is left behind.
shim="$D/shim"
mkdir -p "$shim"
for c in mv chmod sync mktemp rm xmllint tail; do
	real=$(command -v $c)
	printf '#!/bin/bash\nn=$(( $(cat "%s/count") + 1 ))\necho $n >"%s/count"\n[ "$n" = "$FAULT_N" ] && exit 1\nexec %s "$@"\n' \
		"$D" "$D" "$real" >"$shim/$c"
	chmod +x "$shim/$c"
done
rm -f "$out"/.*.?????? 2>/dev/null
digest --date 2026-11-29 || echo "# setup run failed: $(cat "$T/err")"
n=0 bad=0 last=1
while [ $n -lt 60 ]; do
	n=$((n + 1))
	cp "$D/ready.wav" "$out/news-2026-11-10.wav"   # due for deletion
	cp "$out/feed.xml" "$T/feed.before"
	echo 0 >"$D/count"
	CRON_PATH="$shim:/usr/bin:/bin" cron env FAULT_N=$n "$SCRIPTS/bobao-digest" --config "$D/conf" \
		--date 2026-11-30 2>/dev/null
	st=$?
	if ! feed_whole; then bad=$((bad + 1)); echo "# N=$n: the feed is not whole"; fi
	if [ $st != 0 ]; then
		[ $st = 73 ] || [ $st = 70 ] || { bad=$((bad + 1)); echo "# N=$n: status $st"; }
		[ -e "$out/news-2026-11-10.wav" ] || { bad=$((bad + 1)); echo "# N=$n: deleted on failure"; }
		cmp -s "$out/feed.xml" "$T/feed.before" || ! grep -q 2026-11-30 "$T/feed.before" ||
			{ bad=$((bad + 1)); echo "# N=$n: feed changed by a failed run"; }
	else
		last=0
		break
	fi
done
check "fault injection: $n runs, every failure left the old feed and bulletins ($bad bad)" \
	eval '[ $bad = 0 ] && [ $last = 0 ] && [ $n -gt 5 ]'
digest --date 2026-11-30
check "fault injection: after a clean run nothing is left behind" \
	eval '[ -z "$(ls -A "$out" | grep "^\.feed\|^\.news-2026-11-30\.wav\.")" ] && feed_whole'

# ---- a full disk while the feed is written ----
if mkdir -p "$T/small" && mount -t tmpfs -o size=512k tmpfs "$T/small" 2>/dev/null; then
	trap 'umount "$T/small" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
	sed "s|^OUTPUT_DIR=.*|OUTPUT_DIR=$T/small|" "$D/conf" >"$D/small.conf"
	cron "$SCRIPTS/bobao-digest" --config "$D/small.conf" --date 2026-11-01 2>/dev/null
	cp "$T/small/feed.xml" "$T/feed.small"
	cp "$D/ready.wav" "$T/small/news-2026-10-01.wav"
	cron env FILL=1 "$SCRIPTS/bobao-digest" --config "$D/small.conf" --date 2026-11-02 2>/dev/null
	st=$?
	check "full disk while the feed is written: exit 73, the old feed kept, no temporary" \
		eval '[ $st = 73 ] && cmp -s "$T/small/feed.xml" "$T/feed.small" && [ -z "$(ls -A "$T/small" | grep "^\.feed")" ]'
	check "full disk: no bulletin deleted" test -e "$T/small/news-2026-10-01.wav"
	umount "$T/small"
else
	skip "full disk while the feed is written" "cannot mount a tmpfs (not root)"
	skip "full disk: no bulletin deleted" "cannot mount a tmpfs (not root)"
fi

# ---- SIGKILL at random moments of the feed update ----
bad=0
for i in $(seq 12); do
	cp "$D/ready.wav" "$out/news-2026-11-10.wav"
	# in a process group of its own, killed whole, as a stopped cron job is
	setsid env -i PATH=/usr/bin:/bin "$SCRIPTS/bobao-digest" --config "$D/conf" \
		--date 2026-11-30 </dev/null 2>/dev/null &
	pid=$!
	sleep "0.$((RANDOM % 25))"
	kill -KILL -- -$pid 2>/dev/null
	wait $pid 2>/dev/null
	timeout 5 bash -c "while pgrep -g $pid >/dev/null; do sleep 0.05; done"
	feed_whole || { bad=$((bad + 1)); echo "# kill $i: the feed is not whole"; }
done
digest --date 2026-11-30
check "SIGKILL x12 during digests: the feed always whole; the next run cleans up ($bad bad)" \
	eval '[ $bad = 0 ] && feed_whole && [ -z "$(ls -A "$out" | grep "^\.feed")" ]'

done_testing

#!/usr/bin/env bash
# The cron scripts, run as cron runs them: env -i, PATH=/usr/bin:/bin, no
# HOME, no terminal, paths with spaces.
. "$(dirname "$0")/../lib.sh"

SCRIPTS="$TESTS/../scripts"
D="$T/my news"
mkdir -p "$D/articles" "$D/out dir" "$D/empty"
cp "$EXAMPLES/bulletin.txt" "$EXAMPLES/weather.txt" "$D/articles/"
cat >"$D/bobao.conf" <<CONF
# a test station
ARTICLES_DIR="$D/articles"
OUTPUT_DIR="$D/out dir"
BASE_URL=https://example.org/news/
FEED_TITLE="石嘴山 & <新闻>"
FEED_DESCRIPTION='每日 "新闻" 摘要'
KEEP_DAYS=3
BOBAO=$BOBAO
CONF
cron() { env -i PATH=/usr/bin:/bin "$@" </dev/null; }
digest() { cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" "$@" 2>"$T/digest.err"; }
feed="$D/out dir/feed.xml"
mp3="$D/out dir/news-2026-11-27.mp3"
# the feed's itunes:duration (hh:mm:ss) in seconds
feed_seconds() {
	sed -n 's|.*<itunes:duration>\([0-9]*\):\([0-9]*\):\([0-9]*\)</itunes:duration>.*|\1 \2 \3|p' "$feed" |
		awk '{ print $1 * 3600 + $2 * 60 + $3; exit }'
}

digest --date 2026-11-27
check "digest: exit 0 under env -i" test $? = 0
check "digest: the dated bulletin is there" test -s "$mp3"
check "digest: the feed parses as XML" xmllint --noout "$feed"
check "digest: the enclosure length is the file's size" \
	grep -q "length=\"$(stat -c %s "$mp3")\" type=\"audio/mpeg\"" "$feed"
check "digest: everything in the feed is escaped" \
	grep -q "<title>石嘴山 &amp; &lt;新闻&gt;</title>" "$feed"
check "digest: GUID, RFC 2822 date, itunes:duration" \
	eval 'grep -q "<guid isPermaLink=\"false\">bobao-news-2026-11-27</guid>" "$feed" && grep -q "<pubDate>Fri, 27 Nov 2026 07:00:00 +0000</pubDate>" "$feed" && within "$(feed_seconds)" "$(stat_of "$mp3" seconds)" 1.5'
check "digest: one log line, result=ok" \
	eval '[ "$(wc -l <"$D/out dir/digest.log")" = 1 ] && grep -q "result=ok" "$D/out dir/digest.log"'

cp "$feed" "$T/feed1" && cp "$mp3" "$T/mp31"
digest --date 2026-11-27
check "digest: a second run the same day changes nothing" \
	eval 'cmp -s "$feed" "$T/feed1" && cmp -s "$mp3" "$T/mp31" && [ "$(grep -c "<item>" "$feed")" = 1 ]'

for d in 2026-11-28 2026-11-29 2026-11-30; do digest --date $d; done
check "retention: three days kept, the oldest gone" \
	eval '[ ! -e "$mp3" ] && [ -e "$D/out dir/news-2026-11-30.mp3" ] && [ "$(ls "$D/out dir" | grep -c "\.mp3$")" = 3 ]'
check "retention: its feed item gone too" \
	eval '[ "$(grep -c "<item>" "$feed")" = 3 ] && ! grep -q 2026-11-27 "$feed"'

cp "$feed" "$T/feed2"
printf '坏\xff了\n' >"$D/articles/zz-broken.txt"
digest --date 2026-12-01
st=$?
check "a failed render: bobao's status (65), a log line" \
	eval '[ $st = 65 ] && tail -1 "$D/out dir/digest.log" | grep -q "result=failed"'
check "a failed render: the feed and the bulletins as they were" \
	eval 'cmp -s "$feed" "$T/feed2" && [ ! -e "$D/out dir/news-2026-12-01.mp3" ]'
rm "$D/articles/zz-broken.txt"

cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" --articles-dir "$D/empty" --date 2026-12-02 2>/dev/null
st=$?
check "no articles: exit 66, a clear log line, no bulletin" \
	eval '[ $st = 66 ] && tail -1 "$D/out dir/digest.log" | grep -q "result=empty.*no articles" && [ ! -e "$D/out dir/news-2026-12-02.mp3" ]'
cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" --frobnicate 1 2>/dev/null
check "digest: an unknown option is a usage error (64)" test $? = 64

# ---- the broadcast ----
bc() { cron "$SCRIPTS/bobao-broadcast" --bobao "$BOBAO" --as-run-log "$D/as run.log" \
	--lock-file "$D/lock" "$@" 2>"$T/bc.err"; }
latest="$D/out dir/news-2026-11-30.mp3"
bc --bulletin "$latest" --driver wav --driver-options "file=$D/played.wav"
rc=$?
check "broadcast: exit 0, played through the wav driver" \
	eval '[ $rc = 0 ] && [ -s "$D/played.wav" ]'
check "broadcast: what was played is the bulletin" \
	within "$(stat_of "$D/played.wav" seconds)" "$(stat_of "$latest" seconds)" 0.05
check "broadcast: one as-run line with start, end, file, duration, loudness, driver, result" \
	eval 'tail -1 "$D/as run.log" | grep -qE "^start=.* end=.* file=\".*news-2026-11-30.mp3\" duration=[0-9.]+ loudness=-[0-9.]+ driver=wav device=- result=ok status=0"'

# a second file= in DRIVER_OPTIONS naming the bulletin itself: libao would
# capture onto it (issue 18, 2)
cp "$latest" "$T/latest.orig"
bc --bulletin "$latest" --driver wav --driver-options "file=$D/cap.wav;file=$latest"
rc=$?
check "broadcast: a second file= onto the bulletin refused (64), the bulletin as it was" \
	eval '[ $rc = 64 ] && cmp -s "$latest" "$T/latest.orig" && [ ! -e "$D/cap.wav" ]'

bc --articles-dir "$D/articles" --driver null --loudness pa
rc=$?
check "broadcast: renders, then plays" \
	eval '[ $rc = 0 ] && tail -1 "$D/as run.log" | grep -q "result=ok" && tail -1 "$D/as run.log" | grep -qE "loudness=-1[34]\."'

flock "$D/lock" sleep 3 &
holder=$!
sleep 0.5
bc --bulletin "$latest" --driver null
st=$?
wait $holder
check "broadcast: a held lock is not overlapped (75), and said so" \
	eval '[ $st = 75 ] && tail -1 "$D/as run.log" | grep -q "result=skipped"'

mkdir -p "$D/bad"
printf '坏\xff\n' >"$D/bad/a.txt"
bc --articles-dir "$D/bad" --fallback "$latest" --driver wav --driver-options "file=$D/fallback.wav"
st=$?
check "broadcast: rendering fails, the fallback plays (exit 10)" \
	eval '[ $st = 10 ] && tail -1 "$D/as run.log" | grep -q "result=fallback" && [ -s "$D/fallback.wav" ]'
check "broadcast: the fallback played whole" \
	within "$(stat_of "$D/fallback.wav" seconds)" "$(stat_of "$latest" seconds)" 0.05
bc --articles-dir "$D/bad" --driver null
check "broadcast: rendering fails and no fallback: bobao's status (65)" test $? = 65
bc --bulletin "$latest" --driver alsa --retries 1 --retry-delay 0
st=$?
if [ $st = 0 ]; then
	skip "no device: exit 69 after the retries" "this machine has an ALSA device"
else
	check "no device: exit 69 after the retries, logged" \
		eval '[ $st = 69 ] && tail -1 "$D/as run.log" | grep -q "result=failed status=69"'
fi

done_testing

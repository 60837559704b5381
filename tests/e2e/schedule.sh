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
FEED_IMAGE=https://example.org/news/cover.png
INTRO="今天是{date}。"
KEEP_DAYS=3
BOBAO=$BOBAO
CONF
# the digest's state in XDG_STATE_HOME (as root without it: /var/lib/bobao)
cron() { env -i PATH=/usr/bin:/bin XDG_STATE_HOME="$D/state" "$@" </dev/null; }
digest() { cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" "$@" 2>"$T/digest.err"; }
feed="$D/out dir/feed.xml"
mp3="$D/out dir/news-2026-11-27.mp3"
# the feed's itunes:duration (hh:mm:ss) in seconds
feed_seconds() {
	sed -n 's|.*<itunes:duration>\([0-9]*\):\([0-9]*\):\([0-9]*\)</itunes:duration>.*|\1 \2 \3|p' "$feed" |
		awk '{ print $1 * 3600 + $2 * 60 + $3; exit }'
}

before=$(date +%s)
digest --date 2026-11-27
check "digest: exit 0 under env -i" test $? = 0
check "digest: the dated bulletin is there" test -s "$mp3"
check "digest: the feed parses as XML" xmllint --noout "$feed"
check "digest: the enclosure length is the file's size" \
	grep -q "length=\"$(stat -c %s "$mp3")\" type=\"audio/mpeg\"" "$feed"
check "digest: everything in the feed is escaped" \
	grep -q "<title>石嘴山 &amp; &lt;新闻&gt;</title>" "$feed"
check "digest: GUID, RFC 2822 date, itunes:duration" \
	eval 'grep -q "<guid isPermaLink=\"false\">bobao-news-2026-11-27</guid>" "$feed" && grep -q "<pubDate>[A-Z][a-z][a-z], [0-9][0-9] [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]* [-+][0-9]*</pubDate>" "$feed" && within "$(feed_seconds)" "$(stat_of "$mp3" seconds)" 1.5'
made=$(date -d "$(sed -n 's|.*<pubDate>\(.*\)</pubDate>.*|\1|p' "$feed" | head -1)" +%s)
check "digest: pubDate is when the bulletin was made (not 07:00 of its day)" \
	eval '[ "$made" -ge "$before" ] && [ "$made" -le "$(date +%s)" ]'
check "digest: the feed holds what Apple Podcasts and Podcast Index require (tests/feedcheck.py)" \
	"$TESTS/feedcheck.py" "$feed" --self https://example.org/news/feed.xml --files "$D/out dir"
check "digest: itunes:category News/Daily News, itunes:explicit false, atom:link rel=self" \
	eval 'grep -q "<itunes:category text=\"News\"><itunes:category text=\"Daily News\"/></itunes:category>" "$feed" && grep -q "<itunes:explicit>false</itunes:explicit>" "$feed" && grep -q "<atom:link href=\"https://example.org/news/feed.xml\" rel=\"self\"" "$feed"'
check "digest: the item lists the bulletin's headlines, not the intro" \
	eval 'grep -q "<description>.*11月25日，市交通運輸局宣布.*；下面是天气预报。</description>" "$feed" && ! grep -q "<description>.*今天是" "$feed"'
check "digest: nothing private in the web root: no report, seen list or log" \
	eval '[ -z "$(cd "$D/out dir" && ls -A | grep -E "^\.|\.json$|\.log$")" ] && [ -s "$D/state/bobao/reports/news-2026-11-27.json" ]'
check "digest: one log line, result=ok" \
	eval '[ "$(wc -l <"$D/state/bobao/digest.log")" = 1 ] && grep -q "result=ok" "$D/state/bobao/digest.log"'

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
	eval '[ $st = 65 ] && tail -1 "$D/state/bobao/digest.log" | grep -q "result=failed"'
check "a failed render: the feed and the bulletins as they were" \
	eval 'cmp -s "$feed" "$T/feed2" && [ ! -e "$D/out dir/news-2026-12-01.mp3" ]'
rm "$D/articles/zz-broken.txt"

cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" --articles-dir "$D/empty" --date 2026-12-02 2>/dev/null
st=$?
check "no articles: exit 66, a clear log line, no bulletin" \
	eval '[ $st = 66 ] && tail -1 "$D/state/bobao/digest.log" | grep -q "result=empty.*no articles" && [ ! -e "$D/out dir/news-2026-12-02.mp3" ]'
cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" --frobnicate 1 2>/dev/null
check "digest: an unknown option is a usage error (64)" test $? = 64

# ---- a web root an older version kept its state in: moved on the first run ----
L="$D/legacy"
mkdir -p "$L/www/.fetch/2026-11-26"
printf 'guid-1\n' >"$L/www/.fetch/seen"
printf '{ "duration_seconds": 9.5, "outputs": { "audio": "/srv/secret/path" } }\n' >"$L/www/.news-2026-11-26.json"
cp "$T/mp31" "$L/www/news-2026-11-26.mp3"
printf 'start=old result=ok\n' >"$L/www/digest.log"
env -i PATH=/usr/bin:/bin STATE_DIRECTORY="$L/state" "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" \
	--output-dir "$L/www" --date 2026-11-27 </dev/null 2>"$T/digest.err"
st=$?
check "migration: exit 0; the seen list, report and log moved to STATE_DIRECTORY" \
	eval '[ $st = 0 ] && [ "$(cat "$L/state/fetch/seen")" = guid-1 ] && [ -s "$L/state/reports/news-2026-11-26.json" ] && grep -q "start=old" "$L/state/digest.log"'
check "migration: nothing of it left in the web root" \
	eval '[ ! -e "$L/www/.fetch" ] && [ ! -e "$L/www/.news-2026-11-26.json" ] && [ ! -e "$L/www/digest.log" ]'
check "migration: said on stderr and in the log (result=migrated, naming what moved)" \
	eval 'grep -q "moved the private state out of the web root" "$T/digest.err" && grep -q "result=migrated .*\.fetch .news-2026-11-26.json digest.log" "$L/state/digest.log"'
check "migration: the moved report still gives the old item its duration" \
	grep -q "<itunes:duration>00:00:10</itunes:duration>" "$L/www/feed.xml"
cron "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" --feed-explicit maybe --date 2026-11-27 2>"$T/digest.err"
st=$?
check "FEED_EXPLICIT other than true or false: exit 64 naming it" \
	eval '[ $st = 64 ] && grep -q FEED_EXPLICIT "$T/digest.err"'

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

check "broadcast: a rendered bulletin's as-run line names the folder rendered, which exists" \
	eval 'tail -1 "$D/as run.log" | grep -qF "file=\"$D/articles\""'

# both a bulletin and articles: refused, not one silently chosen
bc --bulletin "$latest" --articles-dir "$D/articles" --driver wav --driver-options "file=$D/both.wav"
st=$?
check "broadcast: BULLETIN and ARTICLES_DIR together: exit 64 naming both, nothing played" \
	eval '[ $st = 64 ] && grep -q "BULLETIN.*ARTICLES_DIR" "$T/bc.err" && [ ! -e "$D/both.wav" ]'
# the same with a STREAM: the as-run line of a refusal names the mount
# too (make fuzz's config loop found "stream_status: unbound variable", 1)
bc --bulletin "$latest" --articles-dir "$D/articles" --driver null \
	--stream "icecast://127.0.0.1:9/news.ogg"
st=$?
check "broadcast: BULLETIN and ARTICLES_DIR with a STREAM: exit 64, an as-run line naming the mount" \
	eval '[ $st = 64 ] && tail -1 "$D/as run.log" | grep -q "stream=.* stream_status=- "'
# the shipped crontab with the shipped broadcast.conf (paths moved into $D)
cp "$latest" "$D/out dir/news-$(date +%F).mp3" 2>/dev/null
sed -e "s|/var/www/html/news/|$D/out dir/|" -e 's|^DRIVER=.*|DRIVER=null|' \
	-e '/^DEVICE=/d' -e "s|^FALLBACK=.*|FALLBACK=\"$latest\"|" -e "s|^LOCK_FILE=.*|LOCK_FILE=$D/lock|" \
	-e "s|^AS_RUN_LOG=.*|AS_RUN_LOG=\"$D/as run.log\"|" "$TESTS/../examples/scheduling/broadcast.conf" \
	>"$D/broadcast.conf"
printf 'LOCK_FILE=%s/lock\nAS_RUN_LOG="%s/as run.log"\n' "$D" "$D" >>"$D/broadcast.conf"
read -ra cronargs < <(sed -n 's|^[0-9* ]*[^ ]*/bobao-broadcast ||p' "$TESTS/../examples/scheduling/crontab")
for i in "${!cronargs[@]}"; do [ "${cronargs[i]}" = /etc/bobao/broadcast.conf ] && cronargs[i]="$D/broadcast.conf"; done
cron "$SCRIPTS/bobao-broadcast" --bobao "$BOBAO" "${cronargs[@]}" 2>"$T/bc.err"
check "broadcast: the shipped crontab and broadcast.conf agree (exit 0, today's bulletin played)" \
	eval '[ $? = 0 ] && tail -1 "$D/as run.log" | grep -qF "file=\"$D/out dir/news-$(date +%F).mp3\""'
rm -f "$D/out dir/news-$(date +%F).mp3"

# LOUDNESS=pa applies to a ready-made bulletin: rendered at -23, aired at -14
if command -v ffmpeg >/dev/null; then
	"$BOBAO" synth -q --loudness broadcast "$D/articles/weather.txt" -o "$D/quiet.mp3"
	bc --bulletin "$D/quiet.mp3" --loudness pa --driver wav --driver-options "file=$D/pa.wav"
	rc=$?
	lufs=$(ffmpeg -hide_banner -nostats -i "$D/pa.wav" -af ebur128 -f null - 2>&1 |
		awk '/^ +I:/ { i = $2 } END { print i }')
	check "broadcast: BULLETIN at -23 LUFS with LOUDNESS=pa airs at -14 ($lufs by ffmpeg)" \
		eval '[ $rc = 0 ] && within "$lufs" -14 0.5'
	check "broadcast: … and the as-run line says the loudness heard" \
		eval 'tail -1 "$D/as run.log" | grep -qE "loudness=-1[34]\.[0-9]* "'
else
	skip "LOUDNESS=pa on a ready-made bulletin" "no ffmpeg"
fi

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

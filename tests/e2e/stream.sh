#!/usr/bin/env bash
# bobao stream against a real Icecast 2 server: Debian's icecast2 on
# 127.0.0.1 at a free port, with a configuration written here.  A listener
# (icerec.py) records each mount: the recording decodes and its speech runs
# are synth's for the same text; each article's headline is the TITLE of a
# logical stream of its own (Ogg) or the StreamTitle (MP3); the pages arrive
# at the pace of the audio (1.00 x within 1 %).  A restart of the server,
# the faults and SIGTERM: stream-restart.sh (apart, so that the two run side
# by side, each with its own server: tests/fixtures/icecast/serve.sh).
. "$(dirname "$0")/../lib.sh"
. "$TESTS/fixtures/icecast/serve.sh"

# pauses longer than eSpeak NG's own, so that the speech runs are sentences
ARGS=(-j 2 --sentence-pause 600 --paragraph-pause 800 --article-pause 1200 --headline-pause 900)
"$BOBAO" synth -q "${ARGS[@]}" "$T/a1.txt" "$T/a2.txt" "$T/a3.txt" -o "$T/ref.wav"
runs "$T/ref.wav" >"$T/ref.runs"
ref_s=$(stat_of "$T/ref.wav" seconds)

# ---- four streams at once: Ogg Vorbis, MP3, Opus, a bulletin file ----
record /news.ogg "$T/news.ogg"
record /news.mp3 "$T/news.mp3" --icy
record /news.opus "$T/news.opus"
record /file.ogg "$T/file.ogg"
start=$(now)
BOBAO_ICECAST_PASSWORD="$PW" "$BOBAO" stream -v "${ARGS[@]}" --name "测试台" --genre News \
	"$T/a1.txt" "$T/a2.txt" "$T/a3.txt" "icecast://127.0.0.1:$PORT/news.ogg" >"$T/out" 2>"$T/err" &
p_ogg=$!
"$BOBAO" stream "${ARGS[@]}" --password-file "$T/pw" "$T/a1.txt" "$T/a2.txt" "$T/a3.txt" \
	"icecast://source@127.0.0.1:$PORT/news.mp3" 2>"$T/mp3.err" &
p_mp3=$!
"$BOBAO" stream "$T/a2.txt" "icecast://source:$PW@127.0.0.1:$PORT/news.opus" 2>"$T/opus.err" &
p_opus=$!
"$BOBAO" stream --title "早间新闻" "$T/ref.wav" "icecast://source:$PW@127.0.0.1:$PORT/file.ogg" \
	2>"$T/file.err" &
p_file=$!
# bobao-broadcast: a bulletin to the PA (the wav driver) and a mount at once
record /both.ogg "$T/both.ogg"
cat >"$T/both.conf" <<CONF
BULLETIN=$T/ref.wav
DRIVER=wav
DRIVER_OPTIONS=file=$T/pa.wav
STREAM=icecast://source:$PW@127.0.0.1:$PORT/both.ogg
STREAM_NAME=测试台
LOCK_FILE=$T/both.lock
AS_RUN_LOG=$T/both.log
WORK_DIR=$T
BOBAO=$BOBAO
CONF
"$TESTS/../scripts/bobao-broadcast" --config "$T/both.conf" 2>"$T/both.err" &
p_both=$!
wait "$p_ogg"
status=$?
wall=$(since "$start")
wait "$p_mp3"
s_mp3=$?
wait "$p_opus"
s_opus=$?
wait "$p_file"
s_file=$?
wait "$p_both"
s_both=$?
wait_recorders

check "ogg: streamed, exit 0" test "$status" = 0
check "ogg: stderr names the mount and each title" \
	eval 'grep -q "on air at 127.0.0.1:$PORT/news.ogg" "$T/err" && grep -q "now playing: 公交新线开通" "$T/err" && grep -q "now playing: 明天天气" "$T/err"'
check "ogg: the recording decodes" ffmpeg -v error -y -i "$T/news.ogg" -ac 1 "$T/news.wav"
runs "$T/news.wav" >"$T/news.runs"
check "ogg: its speech is synth's: as many runs, each within 40 ms ($(wc -l <"$T/ref.runs") runs)" \
	same_runs "$T/ref.runs" "$T/news.runs" 40
check "ogg: as long as synth's bulletin (within 0.15 s)" \
	within "$(stat_of "$T/news.wav" seconds)" "$ref_s" 0.15
grep '^title ' "$T/news.ogg.log" | cut -d' ' -f3- | uniq >"$T/titles"
check "ogg: a logical stream per article, titled by its headline" \
	test "$(cat "$T/titles")" = "$(printf '公交新线开通\n明天天气\n播报完毕')"
# pacing: audio position of each page (the chains one after another)
# against its arrival, past what came at once on connecting (the server's
# burst of what it had queued) and a second more.
pace=$(python3 - "$T/news.ogg.log" <<'EOF'
import sys
rate, off, last, cur, pts = {}, 0.0, {}, None, []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.split(" ", 2)
    if f[0] == "rate":
        rate[f[1]] = int(f[2])
    elif f[0] != "title":
        t, serial, g = float(f[0]), f[1], int(f[2])
        if serial != cur:
            if cur is not None:
                off += last[cur]
            cur = serial
        last[serial] = g / rate[serial]
        pts.append((off + last[serial], t, serial))
burst = max([a for a, t, s in pts if t < 0.3] + [0])   # what the server had queued
# The encoder holds pages back (up to 1.5 s here), so most pages' arrival
# says little; but the last page of an article's logical stream, flushed
# when the next article begins, arrives as soon as its audio is sent: the
# rate is the slope between the first and the last of those.  (The
# stream's very last page Icecast passes on only when the source leaves.)
ends = {}
for a, t, serial in pts:
    ends[serial] = (a, t)
ends = sorted(e for e in ends.values() if e[0] > burst + 1.0)[:-1]
(a1, t1), (a2, t2) = ends[0], ends[-1]
print(f"{(a2 - a1) / (t2 - t1):.4f} {a2 - a1:.1f}")
EOF
)
echo "# pacing: ${pace% *} x real time over ${pace#* } s of audio; ${ref_s} s of audio in ${wall} s"
# on a machine too busy to synthesize in real time the stream says so
# (a gap on air) and goes on at real time from there: the rate then
# measures the gaps too
if grep -q "behind real time" "$T/err"; then
	skip "ogg: paced at 1.00 x (${pace% *}) within 1 %" "synthesis fell behind: $(grep -c "behind real time" "$T/err") gaps"
else
	check "ogg: paced at 1.00 x (${pace% *}) within 1 %" within "${pace% *}" 1 0.01
fi
check "ogg: never sent faster than real time (${wall} s for ${ref_s} s of audio)" \
	awk -v w="$wall" -v a="$ref_s" 'BEGIN { exit !(w >= a - 0.6) }'

check "mp3: streamed with --password-file, exit 0" test "$s_mp3" = 0
check "mp3: the recording decodes, its speech is synth's" \
	eval 'ffmpeg -v error -y -i "$T/news.mp3" -ac 1 "$T/mp3.wav" && runs "$T/mp3.wav" >"$T/mp3.runs" && same_runs "$T/ref.runs" "$T/mp3.runs" 40'
grep '^title ' "$T/news.mp3.log" | cut -d' ' -f3- | uniq >"$T/mp3.titles"
check "mp3: StreamTitle is each headline in turn, UTF-8" \
	test "$(cat "$T/mp3.titles")" = "$(printf '公交新线开通\n明天天气\n播报完毕')"
check "opus: streamed and decodes at 48000 Hz" \
	eval '[ "$s_opus" = 0 ] && ffmpeg -v error -y -i "$T/news.opus" "$T/opus.wav" && [ "$(stat_of "$T/opus.wav" rate)" = 48000 ]'
check "a bulletin file: streamed with its title, the same speech" \
	eval '[ "$s_file" = 0 ] && grep -q "^title .* 早间新闻" "$T/file.ogg.log" && ffmpeg -v error -y -i "$T/file.ogg" "$T/file.wav" && runs "$T/file.wav" >"$T/file.runs" && same_runs "$T/ref.runs" "$T/file.runs" 40'
check "broadcast: to the PA and the mount at once, exit 0" \
	eval '[ "$s_both" = 0 ] && same_runs "$T/ref.runs" <(runs "$T/pa.wav") 40 && ffmpeg -v error -y -i "$T/both.ogg" "$T/both.wav" && same_runs "$T/ref.runs" <(runs "$T/both.wav") 40'
check "broadcast: the as-run line names the mount and its status, not the password" \
	eval 'grep -q "stream=icecast://127.0.0.1:$PORT/both.ogg stream_status=0" "$T/both.log" && ! grep -q "$PW" "$T/both.log"'

done_testing

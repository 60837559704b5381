#!/usr/bin/env bash
# bobao stream against a real Icecast 2 server: Debian's icecast2 on
# 127.0.0.1 at a free port, with a configuration written here.  A listener
# (icerec.py) records each mount: the recording decodes and its speech runs
# are synth's for the same text; each article's headline is the TITLE of a
# logical stream of its own (Ogg) or the StreamTitle (MP3); the pages arrive
# at the pace of the audio (1.00 x within 1 %); a restart of the server
# mid-bulletin is survived and the bulletin goes on from the sentence on
# air; a wrong password, a mount in use and no server each have their exit
# status; SIGTERM frees the mount at once.
. "$(dirname "$0")/../lib.sh"

for tool in icecast2 ffmpeg curl python3; do
	command -v "$tool" >/dev/null || { skip "stream tests" "no $tool"; done_testing; exit; }
done
[ -d /usr/share/icecast2/web ] || { skip "stream tests" "no icecast2 web root"; done_testing; exit; }

ICE_PID=""
REC_PIDS=()
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f\n", a - b }'; }
stop_all() {
	local p
	for p in "${REC_PIDS[@]}" $ICE_PID; do
		kill "$p" 2>/dev/null
	done
	for p in "${REC_PIDS[@]}" $ICE_PID; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	ICE_PID=""
	REC_PIDS=()
}
trap 'stop_all; [ -n "${KEEP:-}" ] || { chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"; }' EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PW="pw-$$-$RANDOM"
BASE="http://127.0.0.1:$PORT"
ICE="$T/ice"
mkdir -p "$ICE/log"
chmod 755 "$T" "$ICE"
chmod 777 "$ICE/log"   # icecast2 as root becomes nobody, who writes the logs
cat >"$ICE/icecast.xml" <<EOF
<icecast>
  <location>test</location><admin>test@localhost</admin>
  <limits>
    <clients>20</clients><sources>8</sources>
    <queue-size>4000000</queue-size><burst-size>2000000</burst-size>
    <client-timeout>30</client-timeout><header-timeout>5</header-timeout>
    <source-timeout>5</source-timeout>
  </limits>
  <authentication>
    <source-password>$PW</source-password><relay-password>$PW</relay-password>
    <admin-user>admin</admin-user><admin-password>$PW</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>$PORT</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <mount type="normal"><mount-name>/news.mp3</mount-name><charset>UTF-8</charset></mount>
  <fileserve>1</fileserve>
  <paths>
    <basedir>$ICE</basedir><logdir>$ICE/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  <security><chroot>0</chroot>
    <changeowner><user>nobody</user><group>nogroup</group></changeowner>
  </security>
</icecast>
EOF

ice_start() {
	icecast2 -c "$ICE/icecast.xml" >>"$ICE/stdout" 2>&1 &
	ICE_PID=$!
	for _ in $(seq 100); do
		curl -sf "$BASE/status-json.xsl" >/dev/null && return 0
		sleep 0.05
	done
	return 1
}
ice_kill() {
	kill "$ICE_PID" 2>/dev/null
	for _ in $(seq 20); do kill -0 "$ICE_PID" 2>/dev/null || break; sleep 0.05; done
	kill -9 "$ICE_PID" 2>/dev/null
	wait "$ICE_PID" 2>/dev/null
	ICE_PID=""
}
# mount_up MOUNT: the server lists a source on it
mount_up() {
	curl -sf "$BASE/status-json.xsl" | grep -q "\"listenurl\":\"$BASE$1\""
}
# record MOUNT OUT [--icy]: a listener in the background
record() {
	python3 "$TESTS/e2e/icerec.py" "$BASE$1" "$2" 20 "${@:3}" 2>"$2.err" &
	REC_PIDS+=($!)
}
wait_recorders() {
	local p
	for p in "${REC_PIDS[@]}"; do wait "$p"; done
	REC_PIDS=()
}
# runs FILE: the lengths of the speech runs in ms, one a line
runs() {
	stat_of "$1" runs_ms | tr ' ' '\n' | awk -F- 'NF == 2 { printf "%d\n", $2 - $1 }'
}
# same_runs A B MS: as many runs, each as long within MS
same_runs() {
	paste "$1" "$2" | awk -v ms="$3" '
		NF != 2 { bad = 1 } { d = $1 - $2; if (d < 0) d = -d; if (d > ms) bad = 1 }
		END { exit bad || NR == 0 }'
}

check "icecast2 starts on 127.0.0.1:$PORT as nobody" ice_start
[ -n "$ICE_PID" ] || { done_testing; exit 1; }

# two short articles with headlines; pauses longer than eSpeak NG's own, so
# that the speech runs are sentences
printf '# 公交新线开通\n市交通局宣布，三条公交新线下月开通。\n票价两元，老年卡免费。\n' >"$T/a1.txt"
printf '# 明天天气\n明天多云，最高气温十五度。\n后天起气温明显下降。\n' >"$T/a2.txt"
printf '# 播报完毕\n以上是今天的新闻。\n' >"$T/a3.txt"
ARGS=(-j 2 --sentence-pause 600 --paragraph-pause 800 --article-pause 1200 --headline-pause 900)
"$BOBAO" synth -q "${ARGS[@]}" "$T/a1.txt" "$T/a2.txt" "$T/a3.txt" -o "$T/ref.wav"
runs "$T/ref.wav" >"$T/ref.runs"
ref_s=$(stat_of "$T/ref.wav" seconds)

# ---- four streams at once: Ogg Vorbis, MP3, Opus, a bulletin file ----
record /news.ogg "$T/news.ogg"
record /news.mp3 "$T/news.mp3" --icy
record /news.opus "$T/news.opus"
record /file.ogg "$T/file.ogg"
echo "$PW" >"$T/pw"
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

# ---- a restart of the server mid-bulletin (through bobao-broadcast) ----
mkdir "$T/arts"
cp "$T/a1.txt" "$T/a2.txt" "$T/arts/"
"$BOBAO" synth -q "$T/a1.txt" "$T/a2.txt" -o "$T/ref2.wav"
runs "$T/ref2.wav" >"$T/ref2.runs"
cat >"$T/bc.conf" <<CONF
ARTICLES_DIR=$T/arts
DRIVER=none
LOUDNESS=off
STREAM=icecast://source@127.0.0.1:$PORT/news.ogg
STREAM_PASSWORD_FILE=$T/pw
LOCK_FILE=$T/bc.lock
AS_RUN_LOG=$T/asrun.log
WORK_DIR=$T
BOBAO=$BOBAO
CONF
record /news.ogg "$T/r1.ogg"
"$TESTS/../scripts/bobao-broadcast" --config "$T/bc.conf" >"$T/r.out" 2>"$T/r.err" &
bp=$!
for _ in $(seq 200); do mount_up /news.ogg && break; sleep 0.05; done
sleep 4
ice_kill
wait_recorders
sleep 1
down=$(now)
ice_start
record /news.ogg "$T/r2.ogg"
for _ in $(seq 400); do mount_up /news.ogg && break; sleep 0.02; done
back=$(since "$down")
wait "$bp"
status=$?
wait_recorders
echo "# reconnect: the mount was back $back s after the server was started again (server down 1 s)"
check "restart: the broadcast goes on to the end, exit 0" test "$status" = 0
says_reconnected() {
	local f
	for f; do
		grep -q "lost; connecting again" "$f" && grep -q "connected again to" "$f" &&
			grep -q "going on from sentence" "$f" || return 1
	done
}
check "restart: stderr and the as-run log say the connection was lost, regained, and from which sentence" \
	says_reconnected "$T/r.err" "$T/asrun.log"
ffmpeg -v error -y -i "$T/r1.ogg" -ac 1 "$T/r1.wav"
ffmpeg -v error -y -i "$T/r2.ogg" -ac 1 "$T/r2.wav"
runs "$T/r1.wav" >"$T/r1.runs"
runs "$T/r2.wav" >"$T/r2.runs"
n1=$(wc -l <"$T/r1.runs")
n2=$(wc -l <"$T/r2.runs")
nref=$(wc -l <"$T/ref2.runs")
# after the restart: every later sentence, whole, from the one on air: the
# run rec1 ends in if it was cut off (or the one before, if that was less
# than the lead and a page before the end), or the next if it was whole
first=$((nref - n2 + 1))
tail -n "$n2" "$T/ref2.runs" >"$T/ref.tail"
cut=$(paste <(tail -n 1 "$T/r1.runs") <(sed -n "${n1}p" "$T/ref2.runs") |
	awk '{ d = $1 - $2; if (d < 0) d = -d; print (d > 40) }')
last=$((n1 + 1 - cut))
check "restart: after it, the later sentences, whole, from the one on air (runs $first-$nref of $nref; rec1 ends in run $n1, $([ "$cut" = 1 ] && echo cut || echo whole))" \
	eval 'same_runs "$T/ref.tail" "$T/r2.runs" 40 && [ "$first" -ge $((n1 - 1)) ] && [ "$first" -le "$last" ] && [ "$first" -gt 1 ]'

# ---- faults: one line each, an exit status each ----
run_bobao stream "$T/a1.txt" "icecast://source:wrong@127.0.0.1:$PORT/news.ogg"
check "wrong password: exit 77, one line" \
	eval '[ "$status" = 77 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *"wrong user or password"* ]]'
"$BOBAO" stream "$T/a1.txt" "icecast://source:$PW@127.0.0.1:$PORT/busy.ogg" >/dev/null 2>&1 &
bp=$!
for _ in $(seq 100); do mount_up /busy.ogg && break; sleep 0.05; done
run_bobao stream "$T/a1.txt" "icecast://source:$PW@127.0.0.1:$PORT/busy.ogg"
check "mount in use: exit 75, one line" \
	eval '[ "$status" = 75 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *"in use"* ]]'
check "the password given in the URL is not in ps" \
	eval '! tr "\0" " " </proc/$bp/cmdline | grep -q "$PW"'
kill -TERM "$bp"
t0=$(now)
for _ in $(seq 100); do mount_up /busy.ogg || break; sleep 0.01; done
freed=$(since "$t0")
wait "$bp"
status=$?
check "SIGTERM: exit 130, the mount free at once (${freed} s)" \
	eval '[ "$status" = 130 ] && ! mount_up /busy.ogg && within "$freed" 0 0.5'
free=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_bobao stream "$T/a1.txt" "icecast://source:$PW@127.0.0.1:$free/news.ogg"
check "no server: exit 69, one line" \
	eval '[ "$status" = 69 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *"cannot connect"* ]]'
run_bobao stream "$T/a1.txt" "icecast://source:$PW@127.0.0.1:$PORT/news.wav"
check "a mount of no known format: exit 64, nothing sent" \
	eval '[ "$status" = 64 ] && [[ $err == *"format"* ]]'
run_bobao stream "$T/a1.txt" "icecast://127.0.0.1:$PORT/news.ogg"
check "no password anywhere: exit 64" eval '[ "$status" = 64 ] && [[ $err == *password* ]]'

done_testing

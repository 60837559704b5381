#!/usr/bin/env bash
# bobao stream against a real Icecast 2 server (tests/fixtures/icecast):
# a restart of the server mid-bulletin is survived and the bulletin goes
# on from the sentence on air; a wrong password, a mount in use and no
# server each have their exit status; SIGTERM frees the mount at once.
# (The streams themselves: stream.sh; apart, so that they run side by
# side, each with its own server.)
. "$(dirname "$0")/../lib.sh"
. "$TESTS/fixtures/icecast/serve.sh"

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

#!/usr/bin/env bash
# Synthesis in worker processes: the same samples whatever the number of
# workers; a worker killed or stopped mid-run is replaced and the unit
# spoken again; one that keeps dying stops the run with a clear error.
. "$(dirname "$0")/../lib.sh"

in1="$EXAMPLES/bulletin.txt"
in2="$EXAMPLES/weather.txt"

"$BOBAO" synth -q --jobs 1 "$in1" "$in2" -o "$T/j1.wav"
"$BOBAO" synth -q --jobs 4 "$in1" "$in2" -o "$T/j4.wav"
"$BOBAO" synth -q "$in1" "$in2" -o "$T/jd.wav"
check "--jobs 1 and --jobs 4 give the same samples" "$AUDIOSTAT" --compare "$T/j1.wav" "$T/j4.wav"
check "the default (one per CPU) gives the same samples" "$AUDIOSTAT" --compare "$T/j1.wav" "$T/jd.wav"
if [ -r "$SAMPLE" ]; then
	"$BOBAO" synth -q --jobs 1 "$SAMPLE" -o "$T/s1.wav"
	"$BOBAO" synth -q --jobs 3 "$SAMPLE" -o "$T/s3.wav"
	check "sample: --jobs 1 and --jobs 3 give the same samples" \
		"$AUDIOSTAT" --compare "$T/s1.wav" "$T/s3.wav"
else
	skip "sample with several workers" "not found at $SAMPLE"
fi
run_bobao synth --jobs 33 "$in2" -o "$T/x.wav"
check "--jobs out of range: exit 64" test "$status" = 64

# a long input, so that workers are busy when we strike
for i in $(seq 12); do cat "$in1"; done >"$T/long.txt"
"$BOBAO" synth -q --jobs 1 "$T/long.txt" -o "$T/long-ref.wav"

# workers of a running bobao: the children it forked.  Not LeakSanitizer's
# tracer, made at exit under ASan by clone() without an exit signal (field
# 38 of /proc/PID/stat is 0, a fork's is SIGCHLD, 17): killed, it leaves
# bobao spinning forever (workers.sh hung so under load).
workers() {
	local c stat
	for c in $(pgrep -P "$1" 2>/dev/null); do
		stat=$(cat "/proc/$c/stat" 2>/dev/null) || continue
		stat=${stat##*) }   # past the name, which may hold spaces
		read -ra f <<<"$stat"
		[ "${f[35]:-}" = 17 ] && echo "$c"
	done
}

# disturb SIGNAL NAME [ENV...]: render long.txt into NAME.wav with two
# workers and send the first worker SIGNAL mid-run; $victim, $st
disturb() {
	local sig=$1 name=$2 pid i
	shift 2
	env "$@" "$BOBAO" synth -q --jobs 2 "$T/long.txt" -o "$T/$name.wav" 2>"$T/$name.err" &
	pid=$!
	for i in $(seq 100); do [ -n "$(workers $pid)" ] && break; sleep 0.05; done
	sleep 0.3
	victim=$(workers $pid | head -1)
	kill -"$sig" "$victim" 2>/dev/null
	wait "$pid"
	st=$?
}

disturb KILL killed
check "a worker killed mid-run: the render still succeeds" test "$st" = 0
check "a worker killed mid-run: the same samples as an undisturbed run" \
	"$AUDIOSTAT" --compare "$T/killed.wav" "$T/long-ref.wav"

disturb STOP hung BOBAO_WORKER_TIMEOUT_MS=500
kill -KILL "$victim" 2>/dev/null
check "a worker that hangs is replaced: the render succeeds" test "$st" = 0
check "a worker that hangs: the same samples" \
	"$AUDIOSTAT" --compare "$T/hung.wav" "$T/long-ref.wav"

mkdir "$T/dying"
"$BOBAO" synth -q --jobs 1 "$T/long.txt" -o "$T/dying/x.wav" 2>"$T/dying.err" &
pid=$!
for i in $(seq 400); do
	kill -0 "$pid" 2>/dev/null || break
	# once bobao has said why it stops, its children are no longer workers
	# (under ASan, LeakSanitizer's tracer is one: killing it hangs the exit)
	[ -s "$T/dying.err" ] && break
	for w in $(workers $pid); do kill -KILL "$w" 2>/dev/null; done
	sleep 0.02
done
wait "$pid"
st=$?
check "workers that keep dying: exit 69" test "$st" = 69
check "workers that keep dying: one line that says so" \
	eval '[ "$(wc -l <"$T/dying.err")" = 1 ] && grep -qE "engine|worker" "$T/dying.err"'
check "workers that keep dying: no file left" no_output_in "$T/dying"

done_testing

#!/usr/bin/env bash
# Hangs, signals and hostile input (issue 9): every loop stops on SIGINT,
# SIGTERM and SIGHUP with 130 and the old file kept; devices, FIFOs and
# pipes are read once; a lexicon ending in a bare CR loads; synth never
# touches a sound system; numbers are decimal and finite.
. "$(dirname "$0")/../lib.sh"

good="$T/good.txt"
printf '李邑飞今天到了石嘴山。\n' >"$good"
mkdir "$T/out"

# ---- item 13: a lexicon whose last byte is a bare CR; a folder ----
printf '李邑飞\tli3 yi4 fei1\r' >"$T/cr.tsv"
timeout 20 "$BOBAO" pinyin --lexicon "$T/cr.tsv" "$good" >"$T/cr.out" 2>"$T/cr.err"
st=$?
check "lexicon ending in a bare CR: loads, no hang" \
	eval '[ $st = 0 ] && grep -q "li3 yi4 fei1" "$T/cr.out"'
printf '李邑飞\tli3 yi4 fei1\r\n\r' >"$T/cr2.tsv"
timeout 20 "$BOBAO" pinyin --lexicon "$T/cr2.tsv" "$good" >/dev/null 2>&1
check "lexicon: CRLF lines and a last bare CR" test $? = 0
mkdir "$T/lexdir"
run_bobao pinyin --lexicon "$T/lexdir" "$good"
check "lexicon that is a folder: exit 66, one line" \
	eval '[ "$status" = 66 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *lexdir*directory* ]]'

# ---- item 12: devices, FIFOs and pipes are read once ----
if mknod "$T/zero" c 1 5 2>/dev/null; then
	timeout -s KILL 20 "$BOBAO" synth "$T/zero" -o "$T/out/z.wav" 2>"$T/z.err"
	st=$?
	check "synth of a /dev/zero node: exit 65 at once, binary data, nothing written" \
		eval '[ $st = 65 ] && grep -q "binary" "$T/z.err" && [ "$(wc -l <"$T/z.err")" = 1 ] && no_output_in "$T/out"'
else
	skip "synth of a /dev/zero node" "cannot mknod (not root)"
fi
"$BOBAO" synth -q "$good" -o "$T/ref.wav"
mkfifo "$T/fifo"
(cat "$good" >"$T/fifo") &
timeout 60 "$BOBAO" synth -q "$T/fifo" -o "$T/out/f.wav"
st=$?
check "synth FIFO: read once, the same bulletin as from the file" \
	eval '[ $st = 0 ] && "$AUDIOSTAT" --compare "$T/out/f.wav" "$T/ref.wav" >/dev/null'
timeout 60 "$BOBAO" synth -q <(cat "$good") -o "$T/out/p.wav"
st=$?
check "synth <(cat FILE): the same bulletin" \
	eval '[ $st = 0 ] && "$AUDIOSTAT" --compare "$T/out/p.wav" "$T/ref.wav" >/dev/null'
cat "$good" | timeout 60 "$BOBAO" synth -q /dev/stdin -o "$T/out/s.wav"
st=$?
check "cat FILE | synth /dev/stdin: the same bulletin" \
	eval '[ $st = 0 ] && "$AUDIOSTAT" --compare "$T/out/s.wav" "$T/ref.wav" >/dev/null'
rm -f "$T/out"/*
# term_waiting ARGS...: synth ARGS, waiting on a FIFO no one writes; SIGTERM
# after a second; $st, and its stderr in $T/w.err
term_waiting() {
	"$BOBAO" synth -q "$@" -o "$T/out/w.wav" 2>"$T/w.err" &
	local pid=$!
	sleep 1
	kill -TERM $pid
	timeout 10 tail -s 0.05 --pid=$pid -f /dev/null
	wait $pid
	st=$?
}
mkfifo "$T/nowriter"
term_waiting "$T/nowriter"
check "SIGTERM while waiting to open a FIFO: 130, 'interrupted', nothing written" \
	eval '[ $st = 130 ] && grep -q interrupted "$T/w.err" && ! grep -q "Interrupted system call" "$T/w.err" && no_output_in "$T/out"'
term_waiting --lexicon "$T/nowriter" "$good"
check "SIGTERM while waiting to open a lexicon FIFO: 130, 'interrupted'" \
	eval '[ $st = 130 ] && grep -q interrupted "$T/w.err" && no_output_in "$T/out"'

# ---- item 16: synth never touches a sound system ----
mkdir -p "$T/home"
if mount -t tmpfs -o ro,size=64k tmpfs "$T/home" 2>/dev/null; then
	trap 'umount "$T/home" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
else
	chmod 555 "$T/home"
fi
env -u XDG_RUNTIME_DIR -u PULSE_SERVER HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	strace -f -e trace=openat,mkdir -o "$T/strace" "$BOBAO" synth -q "$good" -o "$T/out/h.wav" 2>"$T/h.err" ||
	env -u XDG_RUNTIME_DIR HOME="$T/home" "$BOBAO" synth -q "$good" -o "$T/out/h.wav" 2>"$T/h.err"
st=$?
check "read-only HOME: synth exits 0 and says nothing" eval '[ $st = 0 ] && [ ! -s "$T/h.err" ]'
check "read-only HOME: nothing created in it" test -z "$(ls -A "$T/home")"
if [ -s "$T/strace" ]; then
	check "synth opens nothing of PulseAudio's (config, runtime folder)" \
		eval '! grep -v "\.so" "$T/strace" | grep -q pulse'
else
	skip "synth opens nothing of PulseAudio's" "no strace"
fi
umount "$T/home" 2>/dev/null
rm -f "$T/out"/*

# ---- item 17: strict numbers ----
for q in nan 0x1 inf 1e-1 " 0.5" 5. 1.5; do
	run_bobao synth --quality "$q" "$good" -o "$T/out/q.ogg"
	check "--quality '$q': exit 64, nothing written" \
		eval '[ "$status" = 64 ] && [[ $err == *quality* ]] && no_output_in "$T/out"'
done
run_bobao synth --quality .5 "$good" -o "$T/out/q.ogg"
check "--quality .5 is a number" test "$status" = 0
rm -f "$T/out"/*
for v in " 100" +100 0x64 1e2 100.0; do
	run_bobao synth --volume "$v" "$good" -o "$T/out/v.wav"
	check "--volume '$v': exit 64" eval '[ "$status" = 64 ] && no_output_in "$T/out"'
done
run_bobao synth --volume 0 "$good" -o "$T/out/v.wav"
check "--volume 0 (silence, not a bulletin): exit 64 naming it, nothing written" \
	eval '[ "$status" = 64 ] && [[ $err == *volume* ]] && no_output_in "$T/out"'
for l in nan -nan -0x10 -1e1 -16. --16; do
	run_bobao synth --loudness "$l" "$good" -o "$T/out/l.wav"
	check "--loudness '$l': exit 64" eval '[ "$status" = 64 ] && no_output_in "$T/out"'
done
run_bobao --help
check "the top-level help names every format" \
	eval '[[ $out == *WAV*OGG*Opus*FLAC*MP3* ]]'
run_bobao synth --help
check "--jobs help: worker processes, the same samples for any N" \
	eval '[[ $out == *"worker processes"* ]] && [[ $out != *"1: none"* ]]'

echo "# so far: $SECONDS s"
# ---- item 11: the second pass and resampling stop on a signal ----
if [ -f "$SAMPLE" ]; then
	"$BOBAO" synth -q "$good" -o "$T/out/old.wav"
	cp "$T/out/old.wav" "$T/old.copy"
	"$BOBAO" synth -q --loudness broadcast --sample-rate 44100 "$SAMPLE" \
		-o "$T/out/old.wav" 2>"$T/p2.err" &
	pid=$!
	# the output's temporary is opened when the last run of pass 2 starts:
	# unnamed (O_TMPFILE) it shows only among the process's descriptors
	for i in $(seq 600); do
		ls -A "$T/out" | grep -q '^\.old\.wav\.' && break
		ls -l /proc/$pid/fd 2>/dev/null | grep -q -- "-> $T/out/" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.05
	done
	kill -TERM $pid 2>/dev/null
	t0=$(date +%s%N)
	timeout 20 tail -s 0.05 --pid=$pid -f /dev/null
	wait $pid
	st=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "SIGTERM in pass 2 (loudness, resampling): 130 within 2 s (took $ms ms)" \
		eval '[ $st = 130 ] && [ $ms -lt 2000 ]'
	check "SIGTERM in pass 2: the old file as it was, no temporary" \
		eval 'cmp -s "$T/out/old.wav" "$T/old.copy" && [ "$(ls -A "$T/out")" = old.wav ]'
	rm -f "$T/out"/*
else
	skip "SIGTERM in pass 2" "no sample"
	skip "SIGTERM in pass 2: the old file" "no sample"
fi

echo "# so far: $SECONDS s"
# exec_wait PID: until the background job PID is bobao, not yet the shell
# between fork and exec: a signal there makes that shell run this test's
# EXIT trap, rm -rf "$T" (it did, with a wait that forks nothing)
exec_wait() {
	local comm w
	for ((w = 0; w < 100000; w++)); do
		read -r comm <"/proc/$1/comm" 2>/dev/null || return 0
		[ "$comm" = bobao ] && return 0
	done
}

# ---- huge inputs: the encoding is chosen without reading them whole ----
# An 8 GB file of zeros (sparse: no disk used) is binary at 1:1: said at
# once, not after reading 8 GB three times (34 s before).
truncate -s 8G "$T/zeros.txt"
s=$(date +%s%N)
run_bobao segment "$T/zeros.txt"
ms=$((($(date +%s%N) - s) / 1000000))
check "an 8 GB file of zeros: exit 65 at 1:1, in $ms ms (under 5 s)" \
	eval '[ "$status" = 65 ] && [[ $err == *zeros.txt:1:1:* ]] && [ $ms -lt 5000 ]'
rm -f "$T/zeros.txt"
# 512 MB of valid text: the encoding is chosen by reading it all, and
# Ctrl-C stops that too (it took the whole read, half a second, before)
yes '今天天气很好，我们去公园散步。' | head -c 512M >"$T/huge.txt"
"$BOBAO" segment "$T/huge.txt" >/dev/null 2>"$T/huge.err" &
pid=$!
exec_wait $pid
sleep 0.2
kill -INT $pid
s=$(date +%s%N)
wait $pid
st=$?
ms=$((($(date +%s%N) - s) / 1000000))
check "512 MB of text, SIGINT while the encoding is chosen: 130 within $ms ms (under 300)" \
	eval '[ "$st" = 130 ] && [ $ms -lt 300 ]'
rm -f "$T/huge.txt"

# ---- signals at random moments: 20 times each ----
# A 10-article render through both passes, resampled; then play to a file.
# SIGINT and SIGTERM: 130 (or 0 when the run had ended), the old file as it
# was (or the new one, complete), no temporary.  SIGKILL: the old file as it
# was or the new one complete, and no temporary either (outputs are made
# with O_TMPFILE; KILL_CLEAN=0 relaxes that where the fallback names them).
# play --driver wav captures to a temporary too: the old file is kept
# (PLAY_KEEPS_OLD=0 relaxes that).
KILL_CLEAN=${KILL_CLEAN:-1}
PLAY_KEEPS_OLD=${PLAY_KEEPS_OLD:-1}
for i in $(seq 10); do printf '第%d条。今天天气很好。\n' "$i" >"$T/a$i.txt"; done
arts=("$T"/a{1,2,3,4,5,6,7,8,9,10}.txt)
R=(--loudness broadcast --sample-rate 44100)
t0=$(date +%s%N)
"$BOBAO" synth -q "${R[@]}" "${arts[@]}" -o "$T/new.wav"
# signals fall within the time a whole run takes (at most 1 s)
span=$((($(date +%s%N) - t0) / 1000000))
[ $span -le 1000 ] || span=1000
mkdir -p "$T/sig"
# ok_status SIGNAL STATUS: 130 for SIGINT and SIGTERM (143 too for a SIGTERM
# that came before bobao set its handlers: the kernel's, nothing written
# yet), 137 for SIGKILL
ok_status() {
	case $1 in KILL) [ $2 = 137 ] ;; TERM) [ $2 = 130 ] || [ $2 = 143 ] ;; *) [ $2 = 130 ] ;; esac
}
# storm KIND SIGNAL SPAN: 20 runs of KIND (synth or play), SIGNAL at a random
# moment of the first SPAN ms
storm() {
	local kind=$1 sig=$2 span=$3 n d bad=0 hit=0 st pid left out=$T/sig/out.wav t0 ref=$T/new.wav
	[ "$kind" = play ] && ref=$T/long.wav   # what a whole run writes
	t0=$(date +%s%N)
	for n in $(seq 20); do
		cp "$T/old.copy" "$out"
		if [ "$kind" = synth ]; then
			"$BOBAO" synth -q "${R[@]}" "${arts[@]}" -o "$out" 2>/dev/null &
		else
			"$BOBAO" play -q --driver wav --driver-option "file=$out" "$T/long.wav" 2>/dev/null &
		fi
		pid=$!
		exec_wait $pid
		d=$((RANDOM % span * 2 / 3))
		# a wait without a fork: under load a sleep process alone could
		# take longer than a play
		printf -v wait_s '%d.%03d' $((d / 1000)) $((d % 1000))
		read -rt "$wait_s" -u 9 || :
		kill -"$sig" $pid 2>/dev/null
		timeout 30 tail -s 0.05 --pid=$pid -f /dev/null
		wait $pid
		st=$?
		left=$(ls -A "$T/sig" | grep -v '^out\.wav$')
		if [ "$kind" = play ] && [ "$PLAY_KEEPS_OLD" != 1 ] && [ $st != 0 ]; then
			hit=$((hit + 1))
			ok_status $sig $st || { bad=$((bad + 1)); echo "# $kind $sig #$n: status $st"; }
		elif cmp -s "$out" "$T/old.copy"; then
			hit=$((hit + 1))
			ok_status $sig $st || { bad=$((bad + 1)); echo "# $kind $sig #$n: status $st"; }
		elif { [ $st = 0 ] || [ $sig = KILL ]; } && "$AUDIOSTAT" --compare "$out" "$ref" >/dev/null; then
			:   # it had finished (SIGKILL: at least renamed): the new file, whole
		else
			bad=$((bad + 1))
			echo "# $kind $sig #$n: status $st, the old file neither kept nor replaced whole"
		fi
		if [ -n "$left" ] && { [ $sig != KILL ] || [ "$KILL_CLEAN" = 1 ]; }; then
			bad=$((bad + 1))
			echo "# $kind $sig #$n: left $left"
		fi
		rm -f "$T/sig"/.out.wav.* "$T/sig"/..out.wav.*
	done
	echo "# $kind SIG$sig: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
	check "$kind, SIG$sig x20 at random moments: status, old file, temporaries ($hit interrupted, $bad bad)" \
		eval '[ $bad = 0 ] && [ $hit -ge 3 ]'
}
# play a bulletin eight times as long (a play of new.wav alone takes less
# than the shell needs to send a signal on a busy machine), and time the
# shortest of three plays: one slow run would put most signals after the end
mkfifo "$T/never"
exec 9<>"$T/never"   # read -t on it: a wait without a fork
if command -v sox >/dev/null; then
	sox "$T/new.wav" "$T/new.wav" "$T/new.wav" "$T/new.wav" "$T/new.wav" "$T/new.wav" \
		"$T/new.wav" "$T/new.wav" "$T/long.wav"
else
	cp "$T/new.wav" "$T/long.wav"
fi
play_span=
for n in 1 2 3; do
	t0=$(date +%s%N)
	"$BOBAO" play -q --driver wav --driver-option "file=$T/played.wav" "$T/long.wav"
	d=$((($(date +%s%N) - t0) / 1000000 + 1))
	[ -n "$play_span" ] && [ $play_span -le $d ] || play_span=$d
done
for sig in INT TERM KILL; do storm synth $sig $span; done
for sig in INT TERM KILL; do storm play $sig $play_span; done

# play on a terminal: interrupted, it leaves the terminal as it found it
if command -v python3 >/dev/null; then
	python3 - "$BOBAO" "$T/new.wav" "$T/tty.wav" >"$T/tty.out" 2>&1 <<'EOF'
import os, pty, signal, sys, termios, time
bobao, src, dst = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(bobao, [bobao, "play", "--driver", "wav", "--driver-option", "file=" + dst, src])
before = termios.tcgetattr(fd)
time.sleep(0.3)
os.kill(pid, signal.SIGINT)
_, status = os.waitpid(pid, 0)
after = termios.tcgetattr(fd)
print("status", os.waitstatus_to_exitcode(status), "same", before == after)
EOF
	check "play on a terminal, SIGINT: 130 (or done), the terminal's modes unchanged" \
		grep -qE "status (130|0) same True" "$T/tty.out"
else
	skip "play on a terminal" "no python3"
fi

done_testing

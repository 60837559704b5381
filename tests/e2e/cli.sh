#!/usr/bin/env bash
# The tool's command line: usage, exit codes (sysexits.h), one clear line
# per error, and no file left behind when anything goes wrong.
. "$(dirname "$0")/../lib.sh"

good="$T/good.txt"
printf '今天天气很好。\n' >"$good"
mkdir "$T/out"

run_bobao
check "no command: usage, exit 64" test "$status" = 64
run_bobao --help
check "--help: exit 0 and lists the commands" \
	eval '[ "$status" = 0 ] && [[ $out == *synth*play*segment*pinyin*voices* ]]'
run_bobao --version
check "--version" eval '[ "$status" = 0 ] && [[ $out == "bobao "[0-9]* ]]'
run_bobao frobnicate
check "unknown command: exit 64" test "$status" = 64
run_bobao synth --frobnicate "$good" -o "$T/out/x.wav"
check "unknown option: exit 64, one line naming it" \
	eval '[ "$status" = 64 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *--frobnicate* ]]'
run_bobao synth "$good"
check "synth without -o: exit 64" test "$status" = 64
run_bobao synth --rate fast "$good" -o "$T/out/x.wav"
check "non-numeric --rate: exit 64" eval '[ "$status" = 64 ] && [[ $err == *fast*--rate* ]]'
run_bobao synth --rate 1000 "$good" -o "$T/out/x.wav"
check "--rate out of range: exit 64" eval '[ "$status" = 64 ] && [[ $err == *rate* ]]'
run_bobao segment --driver null "$good"
check "an option of another command: exit 64" test "$status" = 64
run_bobao synth --synth-help 2>/dev/null
run_bobao synth --help
check "synth --help shows the pause options" eval '[ "$status" = 0 ] && [[ $out == *--sentence-pause* ]]'
check "no file left by the usage errors" no_output_in "$T/out"

# ---- bad input ----
printf '第一行没问题。\n第二行\xff坏了。\n' >"$T/bad-utf8.txt"
run_bobao synth "$T/bad-utf8.txt" -o "$T/out/x.wav"
check "invalid UTF-8: exit 65" test "$status" = 65
check "invalid UTF-8: FILE:LINE:COL in one line" \
	test "$err" = "bobao: $T/bad-utf8.txt:2:4: invalid UTF-8"
check "invalid UTF-8: no file written" no_output_in "$T/out"

: >"$T/empty.txt"
run_bobao synth "$T/empty.txt" -o "$T/out/x.wav"
check "empty input: exit 65 naming the file" \
	eval '[ "$status" = 65 ] && [ "$err" = "bobao: $T/empty.txt: no text to read" ]'
printf '\n  \n。。。——\n' >"$T/punct.txt"
run_bobao synth "$T/punct.txt" -o "$T/out/x.wav"
check "only punctuation and blanks: exit 65" test "$status" = 65
run_bobao_in /dev/null synth -o "$T/out/x.wav"
check "empty standard input: exit 65" test "$status" = 65
check "empty input: no file written" no_output_in "$T/out"

printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00' >"$T/binary.bin"
head -c 4096 /bin/sh >>"$T/binary.bin"
run_bobao synth "$T/binary.bin" -o "$T/out/x.wav"
check "binary file: exit 65, one line with its position" \
	eval '[ "$status" = 65 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *binary.bin:1:* ]]'
check "binary file: no file written" no_output_in "$T/out"

run_bobao synth "$T/missing.txt" -o "$T/out/x.wav"
check "missing input: exit 66" eval '[ "$status" = 66 ] && [[ $err == *missing.txt* ]]'
run_bobao synth "$T" -o "$T/out/x.wav"
check "a directory as input: exit 66" test "$status" = 66

# a later file is checked before any audio is written for the first
run_bobao synth "$good" "$T/bad-utf8.txt" -o "$T/out/x.wav"
check "bad second article: exit 65 and no file" \
	eval '[ "$status" = 65 ] && [ -z "$(ls -A "$T/out")" ]'

# ---- bad output ----
run_bobao synth "$good" -o "$T/no/such/dir/x.wav"
check "missing output directory: exit 73" \
	eval '[ "$status" = 73 ] && [[ $err == *no/such/dir/x.wav* ]]'
if [ "$(id -u)" = 0 ]; then
	unwritable=/proc/bobao-test.wav    # even root cannot create files there
else
	mkdir "$T/ro" && chmod 555 "$T/ro"
	unwritable="$T/ro/x.wav"
fi
run_bobao synth "$good" -o "$unwritable"
check "unwritable output directory: exit 73, one line" \
	eval '[ "$status" = 73 ] && [ "$(wc -l <<<"$err")" = 1 ]'
run_bobao synth "$good" -o "$T/out"
check "a directory as output: exit 73" test "$status" = 73
run_bobao synth "$good" -o "$T/out/x.mp4"
check "unknown extension: exit 64 suggesting --format" \
	eval '[ "$status" = 64 ] && [[ $err == *--format* ]]'
run_bobao synth --format aiff "$good" -o "$T/out/x.wav"
check "unknown --format: exit 64" test "$status" = 64
run_bobao synth --voice no-such-voice "$good" -o "$T/out/x.wav"
check "unknown voice: exit 64 naming it" \
	eval '[ "$status" = 64 ] && [[ $err == *no-such-voice* ]]'
run_bobao synth --voice cmn "$good" -o "$T/out/x.wav"
check "the broken cmn voice is refused: exit 64" \
	eval '[ "$status" = 64 ] && [[ $err == *pinyin* ]]'
check "bad output settings: no file written" no_output_in "$T/out"

# ---- success, standard input, replacing a file ----
run_bobao_in "$good" synth -o "$T/out/stdin.wav"
check "standard input renders" eval '[ "$status" = 0 ] && [ -s "$T/out/stdin.wav" ]'
run_bobao synth -q "$good" -o "$T/out/stdin.wav"
check "an existing bulletin is replaced" eval '[ "$status" = 0 ] && [ -z "$err" ]'
check "only the bulletin is in the directory" test "$(ls -A "$T/out")" = stdin.wav
perm=$(umask 022 && "$BOBAO" synth "$good" -o "$T/out/perm.wav" && stat -c %a "$T/out/perm.wav")
check "the bulletin is readable by others (umask 022: 644)" test "$perm" = 644
run_bobao synth -v "$good" -o "$T/out/v.wav"
check "-v prints a summary line" eval '[ "$status" = 0 ] && [[ $err == *"1 sentence, "* ]]'

# ---- Ctrl-C: no partial bulletin ----
for i in $(seq 200); do cat "$EXAMPLES/bulletin.txt"; done >"$T/long.txt"
mkdir "$T/int"
"$BOBAO" synth "$T/long.txt" -o "$T/int/long.ogg" 2>"$T/int.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
st=$?
check "SIGINT: exit 130" test "$st" = 130
check "SIGINT: no bulletin and no temporary file" no_output_in "$T/int"
"$BOBAO" synth "$T/long.txt" -o "$T/int/long.wav" 2>/dev/null &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
check "SIGTERM: nothing left either" no_output_in "$T/int"

# ---- progress: on a terminal only ----
for i in $(seq 5); do cat "$EXAMPLES/bulletin.txt"; done >"$T/five.txt"
if command -v script >/dev/null; then
	script -qec "'$BOBAO' synth '$T/five.txt' -o '$T/out/tty.wav'" /dev/null >"$T/tty.log" 2>&1
	check "on a terminal: progress with sentences, audio time and ETA" \
		eval 'grep -q "sentences, .* of audio, .*%, ETA" "$T/tty.log"'
else
	skip "progress on a terminal" "no script(1)"
fi
run_bobao synth "$T/five.txt" -o "$T/out/notty.wav"
check "not a terminal: nothing on stderr" eval '[ "$status" = 0 ] && [ -z "$err" ]'

run_bobao voices
check "voices lists the Mandarin pinyin voice first" \
	eval '[ "$status" = 0 ] && [[ $(head -1 <<<"$out") == "* cmn-latn-pinyin"* ]]'
check "voices does not offer the broken cmn voice" eval '! grep -q "^\* cmn " <<<"$out"'

# ---- --date: a day written YYYY-MM-DD must be one; other text is a tag ----
printf '今天。\n' >"$T/day.txt"
printf 'old\n' >"$T/day.wav"
for d in 2023-02-29 2024-13-01 2024-11-02junk 24-1-1; do
	run_bobao synth -q --date "$d" --intro "今天是{date}。" "$T/day.txt" -o "$T/day.wav"
	check "--date $d: exit 64, one line naming it, the old file kept" \
		eval '[ "$status" = 64 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *"$d"* ]] &&
		      [ "$(cat "$T/day.wav")" = old ]'
done
run_bobao synth -q --date 2024-02-29 --intro "今天是{date}，{weekday}。" "$T/day.txt" \
	-o "$T/day.wav" --subtitles "$T/day.srt"
check "--date 2024-02-29: the intro says that day and its weekday" \
	eval '[ "$status" = 0 ] && grep -q "今天是2024年2月29日，星期四。" "$T/day.srt"'
run_bobao synth -q --date "2024年冬" --intro "{date}" "$T/day.txt" -o "$T/day.wav" --subtitles "$T/day.srt"
check "--date as text: a tag, the intro says today" \
	eval '[ "$status" = 0 ] && grep -q "^$(date +%Y)年$(date +%-m)月$(date +%-d)日" "$T/day.srt"'

done_testing

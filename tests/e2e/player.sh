#!/usr/bin/env bash
# bobao play as an interactive player, driven through a pseudo-terminal
# (tests/e2e/player_pty.py) with the wav driver paced to real time: what the
# keys do is read back from the captured audio, sentence by sentence,
# against the samples and cue times of `bobao synth --subtitles`.
# Here: the keys n, p, left, space and +, and --resume.  Signals, bulletin
# files, i and the sound card: player-signals.sh; the status line, messages,
# the positions file, --no-keys: player-line.sh (apart so that they run side
# by side: most of their time is real-time playback).
. "$(dirname "$0")/../lib.sh"
. "$TESTS/fixtures/player/setup.sh"

# ---- n, then q; the terminal as it was ----
drive next 'wait:sentence 1/4;sleep:1.2;key:n;wait:sentence 3/4;key:q'
check "n, q: exit 0" test "$status" = 0
check "q: 'stopped at sentence 3 of 4'" grep -q 'bobao: stopped at sentence 3 of 4' <<<"$shown"
check "q: the terminal settings restored" test "$stty_same" = 1
check "the status line: article, sentence, time, text as written" \
	grep -q "article 1/1, sentence 1/4, [0-9]*:[0-9][0-9]/[0-9]*:[0-9][0-9], $rate wpm: 今天上午，我们用这句话" <<<"$shown"
found next
check "n: the first sentence cut (at least 0.7 s of it, not whole), played once" \
	eval '[ "$whole_1" = 0 ] && [ "$prefix_1" -ge 700 ] && [ "$starts_1" = 1 ]'
check "n: the second sentence whole, straight after the cut (< 100 ms)" \
	eval '[ "$whole_2" = 1 ] && [ $((at_2 - prefix_at_1 - prefix_1)) -lt 100 ]'

# ---- --resume: where q stopped ----
run_bobao play --resume --no-keys --driver wav --driver-option "file=$T/resumed.wav" "$text"
check "--resume: exit 0, says where" \
	eval '[ "$status" = 0 ] && [[ $err == *"resuming at sentence 3 of 4"* ]]'
found resumed
check "--resume: starts with the third sentence, whole, the first two absent" \
	eval '[ "$whole_3" = 1 ] && [ "$at_3" -lt 100 ] && [ "$prefix_1" = 0 ] && [ "$prefix_2" = 0 ]'
check "played to the end: the position is forgotten" \
	eval '[ ! -s "$XDG_STATE_HOME/bobao/positions" ]'
run_bobao play --resume --no-keys --from 4 --driver null "$text"
check "--resume with nothing kept: says so, starts as asked" \
	eval '[ "$status" = 0 ] && [[ $err == "bobao: no position kept for this text: from the start" ]]'

# ---- p: the start of this sentence; within its first second, the one before ----
drive back 'wait:sentence 2/4;sleep:1.6;key:p;wait:sentence 3/4;sleep:0.6;key:left;sleep:0.8;key:q' --from 2
found back
check "p, left: exit 0" test "$status" = 0
check "p after a second, left within the first: the second sentence begun 3 times, once whole" \
	eval '[ "$whole_2" = 1 ] && [ "$starts_2" = 3 ] && [ "$whole_3" = 0 ]'
check "left within the first second: back to the second sentence" \
	grep -q 'stopped at sentence 2 of 4' <<<"$shown"

# ---- space: pause holds the audio still ----
drive pause 'wait:sentence 2/4;sleep:1.0;key:space;wait:paused;sleep:1.5;key:space;wait:sentence 3/4;key:q' --from 2
found pause
check "space: a hold of the paused length (1.5 s) in the audio" \
	eval '[ "$zeros_ms" -ge 1300 ] && [ "$zeros_ms" -le 2000 ]'
check "space: the sentence goes on where it was (begun once, its start and end add up)" \
	eval '[ "$whole_2" = 0 ] && [ "$starts_2" = 1 ] && [ "$prefix_2" -ge 600 ] &&
	      [ $((prefix_2 + suffix_2)) -ge $((len_2 - 100)) ]'
check "paused: the status line says so" grep -q '^paused, article 1/1, sentence 2/4' <<<"$shown"
"$BOBAO" synth "$text" -o "$T/unpaused.wav" 2>/dev/null
check "without a pause no silence that long" \
	eval '[ "$(python3 "$PTY" find "$T/ref.wav" "$T/ref.vtt" "$T/unpaused.wav" | sed -n "s/zeros_ms=//p")" -lt 1000 ]'

# ---- +: the rest faster ----
drive faster "wait:sentence 2/4;sleep:0.3;key:+;wait:$faster wpm;wait:sentence 4/4;sleep:0.2;key:q" --from 2
# the length of the Nth stretch of sound (a sentence), ms
nth_run() { stat_of "$1" runs_ms | awk -v n="$2" '{ split($n, a, "-"); printf "%d", a[2] - a[1] }'; }
fast3=$(nth_run "$T/faster.wav" 2)
ref3=$(nth_run "$T/ref.wav" 3)
check "+: the status line shows $faster wpm" grep -q "$faster wpm" <<<"$shown"
check "+: the next sentence 5 to 15 % shorter ($fast3 ms against $ref3 ms)" \
	awk -v a="$fast3" -v b="$ref3" 'BEGIN { exit !(a < b * 0.95 && a > b * 0.85) }'

done_testing

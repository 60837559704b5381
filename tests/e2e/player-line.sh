#!/usr/bin/env bash
# bobao play as an interactive player, driven through a pseudo-terminal
# (tests/e2e/player_pty.py) with the wav driver paced to real time: what the
# keys do is read back from the captured audio, sentence by sentence,
# against the samples and cue times of `bobao synth --subtitles`.
# Here: the status line, moves that cannot be made, the positions file,
# --no-keys and no terminal (player.sh has the keys).
. "$(dirname "$0")/../lib.sh"
. "$TESTS/fixtures/player/setup.sh"

# ---- the status line: written when it changes, cut to the width ----
# a screen reader speaks what is written: the sentence once, not twice a second
drive redraw 'wait:sentence 2/4;sleep:0.4;key:space;wait:paused;sleep:2;key:space;sleep:1.5;key:q' --from 2
said=$(grep -o '另外一句话用来测试回到开头' "$T/redraw/transcript" | wc -l)
check "line: the sentence written 3 times in 4 s (shown, paused, playing), not twice a second ($said)" \
	test "$said" -le 3
check "line: the clock still moves (rewritten in place)" grep -q $'\e\\[[0-9]*C0:0[1-9]' "$T/redraw/transcript"
PTY_COLS=40 drive narrow 'wait:sentence 1/4;sleep:2.5;key:q'
eval "$(python3 "$PTY" screen "$T/narrow/transcript" 40)"
check "40 columns: the whole line cut to 39, no line added by redraws ($lines screen lines)" \
	test "$lines" -le 4
PTY_COLS=40 drive narrow_cjk 'wait:sentence 3/4;sleep:1.5;key:q' --from 3 --rate 80
eval "$(python3 "$PTY" screen "$T/narrow_cjk/transcript" 40)"
check "40 columns, Chinese (two columns each): no line added ($lines screen lines, widest $widest)" \
	eval '[ "$lines" -le 4 ] && [ "$widest" -le 39 ]'
PTY_TERM=dumb drive plain 'wait:sentence 3/4;sleep:0.3;key:space;wait:paused;key:space;wait:playing;key:q' --from 2
eval "$(python3 "$PTY" screen "$T/plain/transcript" 200)"
check "TERM=dumb: plain lines, no \\r and no escape code" \
	eval '[ "$escapes" = 0 ] && [ "$crs" = 0 ]'
check "TERM=dumb: a line per sentence, each once" \
	eval '[ "$(grep -c "^sentence 2/4, article 1/1: 另外一句话用来测试回到开头。" <<<"$shown")" = 1 ] &&
	      [ "$(grep -c "^sentence 3/4, article 1/1: 第三句在第二段。" <<<"$shown")" = 1 ]'
check "TERM=dumb: pause and resume said, each on a line" \
	eval 'grep -qx "bobao: paused" <<<"$shown" && grep -qx "bobao: playing" <<<"$shown"'
drive plain_opt 'wait:sentence 4/4;sleep:0.3;key:q' --from 4 --status plain
check "--status plain on an xterm: the same plain lines" \
	eval 'grep -q "^sentence 4/4, article 1/1: 最后还有一句很短的话。" <<<"$shown" && ! grep -q $'"'"'\e'"'"' "$T/plain_opt/transcript"'
run_bobao play --status loud --driver null "$text"
check "--status loud: a usage error (64)" test "$status" = 64

# ---- moves that cannot be made, keys that do nothing here, the end: said ----
drive first 'wait:sentence 1/4;sleep:0.3;key:p;wait:the first sentence;key:];wait:the last article;key:q'
check "p at the first sentence, ] in the last article: said in words" \
	eval 'grep -q "bobao: the first sentence: nothing before it" <<<"$shown" &&
	      grep -q "bobao: the last article: nothing after it" <<<"$shown" && [ "$status" = 0 ]'
drive fastest 'wait:sentence 4/4;key:+;wait:already the fastest rate;key:q' --from 4 --rate 450
check "+ at 450 wpm: said" grep -q "bobao: already the fastest rate, 450 wpm" <<<"$shown"
drive end 'wait:sentence 4/4' --from 4
check "played to the end: said" grep -q "bobao: played to the end of the text" <<<"$shown"
cp "$T/ref.wav" "$T/cued.wav"
cp "$T/ref.vtt" "$T/cued.vtt"
input="$T/cued.wav" drive bulletin_keys 'wait:sentence 2/4;key:+;wait:own speed;key:i;wait:stop 2 of 4;key:q' --from 2
check "a bulletin file: + says it plays at its own speed, i says where in words" \
	eval 'grep -q "bobao: a bulletin file plays at its own speed" <<<"$shown" &&
	      grep -q "bobao: article 1 of 1, 2 of 4 in it, stop 2 of 4, 0:0[0-9] of 0:1[0-9]" <<<"$shown"'

# ---- the positions file: players quitting together, damaged, protected, linked ----
export XDG_STATE_HOME="$T/together"
positions="$XDG_STATE_HOME/bobao/positions"
# playing: its capture (a nameless temporary in $T/caps) is open, so its
# signal handlers are in place
capture_open() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q "$T/caps/"; }
mkdir -p "$T/caps"
lost=0
for round in 1 2 3; do
	pids=()
	for k in 1 2 3 4 5 6; do
		printf '第%s轮第%s位听众。%s\n' "$round" "$k" "$(cat "$text")" >"$T/six$k.txt"
		"$BOBAO" play --no-keys --realtime --driver wav --driver-option "file=$T/caps/$k.wav" \
			"$T/six$k.txt" 2>/dev/null &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 200); do capture_open "$pid" && break; sleep 0.05; done
	done
	kill -INT "${pids[@]}"
	wait "${pids[@]}"
	lost=$((lost + round * 6 - $(grep -c . "$positions")))
	lost_round=$((round * 6 - $(grep -c . "$positions")))
	[ "$lost_round" = 0 ] || break
done
check "six players interrupted at once, three rounds: every position kept ($lost lost)" \
	test "$lost" = 0
cp "$positions" "$T/positions.before"
printf '0000000000000001\t1\t2\t0\n\0\x01binary\n' >"$positions"
cp "$positions" "$T/binary.before"
run_bobao play --resume --no-keys --driver null "$text"
check "a binary positions file: exit 65, its name and line, the file as it was" \
	eval '[ "$status" = 65 ] && [[ $err == "bobao: $positions:2: binary data"* ]] && cmp -s "$positions" "$T/binary.before"'
printf '0000000000000001\t1\t2\t0\nnot a position\n' >"$positions"
run_bobao play --from 2 --realtime --driver null "$text"
check "a damaged positions file: exit 65, name, line and column, before playing" \
	eval '[ "$status" = 65 ] && [[ $err == "bobao: $positions:2:1: not a position"* ]]'
cp "$T/positions.before" "$positions"
chmod 0444 "$positions"
run_bobao play --from 2 --realtime --driver wav --driver-option "file=$T/ro.wav" "$text"
check "a write-protected positions file: exit 73, said, not replaced, nothing played" \
	eval '[ "$status" = 73 ] && [[ $err == *"write-protected"* ]] && [ "$(stat -c %a "$positions")" = 444 ] && cmp -s "$positions" "$T/positions.before" && [ ! -e "$T/ro.wav" ]'
drive ro_forced 'wait:sentence 3/4;key:q' --from 3 --force
check "--force: a write-protected positions file replaced" \
	eval '[ "$status" = 0 ] && [ "$(grep -c . "$positions")" = 19 ]'
mv "$positions" "$T/real-positions"
chmod 0644 "$T/real-positions"
ln -s "$T/real-positions" "$positions"
drive linked 'wait:sentence 2/4;key:q' --from 2
check "a symbolic link to the positions file: followed, the link kept" \
	eval '[ "$status" = 0 ] && [ -L "$positions" ] && [ "$(grep -c . "$T/real-positions")" = 19 ] &&
	      grep -q "$(printf "\t2\t4\t")" "$T/real-positions"'
export XDG_STATE_HOME="$T/state"

# ---- --no-keys, status only on a terminal ----
drive nokeys 'wait:sentence 4/4;sleep:0.5;key:n;sleep:1.5;key:q' --no-keys --from 4
found nokeys
check "--no-keys: keys ignored, sentence 4 whole; --from 4 starts there" \
	eval '[ "$status" = 0 ] && [ "$whole_4" = 1 ] && [ "$prefix_3" = 0 ]'
run_bobao play --from 4 --driver null --realtime "$text"
check "no terminal: no status line, nothing on stderr" \
	eval '[ "$status" = 0 ] && [ -z "$err" ]'
run_bobao play --from 5 --driver null "$text"
check "--from past the end: exit 64, one line" \
	eval '[ "$status" = 64 ] && [ "$err" = "bobao: no sentence 5: the text has 4" ]'
run_bobao play --from 0 --driver null "$text"
check "--from 0: exit 64" test "$status" = 64

done_testing

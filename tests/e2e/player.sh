#!/usr/bin/env bash
# bobao play as an interactive player, driven through a pseudo-terminal
# (tests/e2e/player_pty.py) with the wav driver paced to real time: what the
# keys do is read back from the captured audio, sentence by sentence,
# against the samples and cue times of `bobao synth --subtitles`.
. "$(dirname "$0")/../lib.sh"

PTY="$TESTS/e2e/player_pty.py"
if ! python3 -c 'import pexpect' 2>/dev/null; then
	skip "the player through a terminal" "python3-pexpect is not installed"
	done_testing
	exit
fi
export XDG_STATE_HOME="$T/state"
# the default rate as the help gives it, and 10 % faster after '+'
rate=$("$BOBAO" play --help | sed -n 's/.*--rate WPM .*(\([0-9]*\)).*/\1/p')
faster=$(((rate * 11 + 5) / 10))

text="$T/news.txt"
printf '%s\n' \
	'今天上午，我们用这句话测试暂停和下一句的按键。另外一句话用来测试回到开头。' \
	'第三句在第二段。最后还有一句很短的话。' >"$text"
"$BOBAO" synth "$text" -o "$T/ref.wav" --subtitles "$T/ref.vtt" || exit 1

# drive NAME STEPS [OPTIONS...]: play the text on a terminal into $T/NAME.wav;
# sets $status, $stty_same, $raw_checks; the terminal's text in $T/NAME/transcript.
drive() {
	local name=$1 steps=$2
	shift 2
	mkdir -p "$T/$name"
	eval "$(python3 "$PTY" drive "$T/$name" "$steps" -- "$BOBAO" play --driver wav \
		--driver-option "file=$T/$name.wav" --realtime "$@" "${input:-$text}")"
	status=$rc
	shown=$(tr '\r' '\n' <"$T/$name/transcript")
}

# found NAME: the sentences of the reference in $T/NAME.wav (whole_K, at_K, ...).
found() {
	eval "$(python3 "$PTY" find "$T/ref.wav" "$T/ref.vtt" "$T/$1.wav")"
}

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

# ---- Ctrl-C, SIGTERM, SIGHUP, Ctrl-\, Ctrl-Z and fg ----
# an interrupted play keeps the old capture as it was (exit 0 means complete)
for name in intr term hup quit; do echo "old $name" >"$T/$name.wav"; done
drive intr 'wait:sentence 1/4;sleep:0.3;intr'
check "Ctrl-C: exit 130, terminal restored" \
	eval '[ "$status" = 130 ] && [ "$stty_same" = 1 ]'
check "Ctrl-C: the position kept" grep -q 'stopped at sentence 1 of 4' <<<"$shown"
check "Ctrl-C: the old capture as it was, no partial RIFF in its place" grep -qx 'old intr' "$T/intr.wav"
drive term 'wait:sentence 1/4;sleep:0.3;term'
check "SIGTERM: exit 130, terminal restored, the old capture kept" \
	eval '[ "$status" = 130 ] && [ "$stty_same" = 1 ] && grep -qx "old term" "$T/term.wav"'
drive hup 'wait:sentence 1/4;sleep:0.3;hup'
check "SIGHUP: exit 130, the old capture kept" \
	eval '[ "$status" = 130 ] && grep -qx "old hup" "$T/hup.wav"'
drive quit 'wait:sentence 1/4;raw:1;sleep:0.3;quit'
check "Ctrl-\\ (SIGQUIT): the terminal restored (not left -icanon -echo)" \
	eval '[ "$stty_same" = 1 ] && [ "$raw_checks" = ok ]'
check "Ctrl-\\: killed by SIGQUIT (131), the old capture kept" \
	eval '[ "$status" = 131 ] && grep -qx "old quit" "$T/quit.wav"'
drive done 'wait:sentence 4/4;sleep:3' --from 4
check "played to the end: the capture in place, a RIFF" \
	eval '[ "$status" = 0 ] && [ "$(head -c 4 "$T/done.wav")" = RIFF ]'
drive stop 'wait:sentence 1/4;raw:1;tstp;wait:job stopped;raw:1;sleep:0.3;key:q'
check "Ctrl-Z: the terminal as it was while stopped" test "$during_same" = 1
check "fg: raw again, q works, the terminal restored" \
	eval '[ "$raw_checks" = ok ] && [ "$status" = 0 ] && [ "$stty_same" = 1 ]'

# ---- bulletin files: by cue (a .vtt beside), by chapter (Ogg), by 5 s ----
cp "$T/ref.wav" "$T/cued.wav"
cp "$T/ref.vtt" "$T/cued.vtt"
run_bobao play --from 3 --no-keys --driver wav --driver-option "file=$T/cuedplay.wav" "$T/cued.wav"
found cuedplay
check "news.wav with news.vtt beside it: moves by its cues (--from 3: the third, whole, first)" \
	eval '[ "$status" = 0 ] && [ "$whole_3" = 1 ] && [ "$at_3" -lt 100 ] && [ "$prefix_2" = 0 ]'
"$BOBAO" synth "$text" "$text" -o "$T/two.ogg"
run_bobao play --from 2 --no-keys --driver wav --driver-option "file=$T/chapter2.wav" "$T/two.ogg"
check "an Ogg file's chapters: --from 2 plays the second article only, from its speech" \
	eval '[ "$status" = 0 ] && within "$(stat_of "$T/chapter2.wav" seconds)" \
	      "$(awk -v s="$(stat_of "$T/ref.wav" seconds)" "BEGIN { print s - 0.29 }")" 0.08'
rm "$T/cued.vtt"
run_bobao play --from 2 --no-keys --driver wav --driver-option "file=$T/step2.wav" "$T/cued.wav"
check "without cues or chapters: steps of 5 s (--from 2 skips 5 s)" \
	eval '[ "$status" = 0 ] && within "$(stat_of "$T/step2.wav" seconds)" \
	      "$(awk -v s="$(stat_of "$T/ref.wav" seconds)" "BEGIN { print s - 5 }")" 0.05'

# ---- a bulletin file: its length as the total, its chapters as the stops ----
# a first chapter over a minute long (decoded a minute at a time) and a short one
for _ in 1 2 3 4 5 6; do cat "$text"; done >"$T/long.txt"
"$BOBAO" synth --rate 120 "$T/long.txt" "$text" -o "$T/chapters.ogg" 2>/dev/null
length=$(stat_of "$T/chapters.ogg" seconds)
total=$(awk -v s="$length" 'BEGIN { t = int(s + 0.5); printf "%d:%02d", t / 60, t % 60 }')
input="$T/chapters.ogg" drive chapters 'wait:sentence 1/2;sleep:0.5;key:n;wait:sentence 2/2;sleep:0.3;key:q'
check "two chapters, the first over a minute: two stops, the file's length ($total) as the total" \
	eval '[ "$status" = 0 ] && grep -q "article 1/2, sentence 1/2, 0:0[0-9]/$total: " <<<"$shown" &&
	      ! grep -q "sentence [0-9]/3" <<<"$shown"'
"$BOBAO" synth --rate 120 "$text" -o "$T/second.wav" 2>/dev/null
start2=$(awk -v s="$length" -v r="$(stat_of "$T/second.wav" seconds)" 'BEGIN { print s - r }')
at2=$(grep -o "article 2/2, sentence 2/2, [0-9]*:[0-9]*/" <<<"$shown" | head -1 |
	awk -F'[ :/]' '{ print $7 * 60 + $8 }')
check "n in the long first chapter: the second chapter (at ${at2:-?} s, expected $start2 s), not the first's next minute" \
	eval '[ -n "$at2" ] && within "$at2" "$start2" 1.5 && grep -q "stopped at sentence 2 of 2" <<<"$shown"'
cp "$T/ref.vtt" "$T/cued.vtt"
input="$T/cued.wav" drive cued_total 'wait:sentence 4/4;sleep:0.3;key:q' --from 4
cued_total=$(awk -v s="$(stat_of "$T/cued.wav" seconds)" 'BEGIN { t = int(s + 0.5); printf "%d:%02d", t / 60, t % 60 }')
check "cues: the total is the file's length ($cued_total), not where its last cue starts" \
	grep -q "sentence 4/4, 0:[0-9][0-9]/$cued_total: " <<<"$shown"

# ---- i: where we are, spoken ----
printf '第1篇，第4句，共4句\n' >"$T/where.txt"
"$BOBAO" synth "$T/where.txt" -o "$T/where.wav"
drive info 'wait:sentence 4/4;sleep:0.8;key:i;sleep:2.8;key:q' --from 4
found info
check "i: the position spoken, 第1篇，第4句，共4句, then the sentence again" \
	eval '[ "$status" = 0 ] && [ "$starts_4" -ge 2 ] &&
	      python3 "$PTY" contains "$T/info.wav" "$T/where.wav"'

# ---- paused for long, the sound card is freed ----
# ALSA with its file plugin stands for a sound card: a live driver, which
# --realtime paces; the player holds the file open while it holds the card
mkdir -p "$T/alsa"
printf 'pcm.!default { type file slave.pcm "null" file "%s" format "wav" }\n' \
	"$T/alsa/card.wav" >"$T/alsa/.asoundrc"
if HOME="$T/alsa" "$BOBAO" play --driver alsa --no-keys --from 4 "$text" 2>/dev/null; then
	mkdir -p "$T/release"
	eval "$(HOME="$T/alsa" python3 "$PTY" drive "$T/release" \
		'wait:sentence 1/4;open:card.wav:1;key:space;sleep:1;open:card.wav:1;sleep:2.6;open:card.wav:0;key:space;open:card.wav:1;key:q' -- \
		"$BOBAO" play --driver alsa --realtime "$text")"
	check "paused: the sound card kept for a moment, freed after 3 s, taken again on resume" \
		eval '[ "$rc" = 0 ] && [ "$raw_checks" = ok ]'
else
	skip "paused: the sound card freed" "libao's alsa driver cannot open ALSA's file plugin here"
fi

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

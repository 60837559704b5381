#!/usr/bin/env bash
# bobao play as an interactive player, driven through a pseudo-terminal
# (tests/e2e/player_pty.py) with the wav driver paced to real time: what the
# keys do is read back from the captured audio, sentence by sentence,
# against the samples and cue times of `bobao synth --subtitles`.
# Here: Ctrl-C, SIGTERM, SIGHUP, Ctrl-\, Ctrl-Z; bulletin files (cues,
# chapters, 5 s steps); i; the sound card freed while paused (player.sh has
# the keys).
. "$(dirname "$0")/../lib.sh"
. "$TESTS/fixtures/player/setup.sh"

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

done_testing

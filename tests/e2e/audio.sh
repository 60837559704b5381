#!/usr/bin/env bash
# Bulletins read back with libsndfile: rate, channels, duration, and every
# pause measured from the samples against its setting; formats; what the
# player plays is what synth writes.
. "$(dirname "$0")/../lib.sh"

# Pauses longer than any eSpeak NG makes inside a sentence (~230 ms), so
# that every quiet stretch over 300 ms is one of ours.
PAUSES=(--breath-pause 420 --sentence-pause 600 --paragraph-pause 900
	--article-pause 1300 --lead-in 500 --lead-out 700)
declare -A MS=([breath]=420 [sentence]=600 [paragraph]=900 [article]=1300)

# check_pauses NAME AUDIO INPUT...: the gaps in AUDIO are, in order, the
# pauses the units of INPUT call for, each within 15 ms.
check_pauses() {
	local name=$1 audio=$2 want got i bad=0
	shift 2
	want=$("$BOBAO" segment --units "$@" | cut -f1 | tail -n +2 | while read -r k; do
		echo "${MS[$k]}"; done)
	got=$("$AUDIOSTAT" "$audio" 200 300 | sed -n 's/^gaps_ms=//p' | tr ' ' '\n' | sed '/^$/d')
	check "$name: $(wc -l <<<"$want") pauses for $(($(wc -l <<<"$want") + 1)) units" \
		test "$(wc -l <<<"$got")" = "$(wc -l <<<"$want")"
	paste <(echo "$want") <(echo "$got") >"$T/pairs"
	while read -r w g; do
		within "$g" "$w" 15 || { bad=$((bad + 1)); echo "#   pause $g ms, set $w ms"; }
	done <"$T/pairs"
	check "$name: every pause within 15 ms of its setting" test "$bad" = 0
	check "$name: lead-in 500 ms" within "$(stat_of "$audio" lead_in_ms)" 500 15
	check "$name: lead-out 700 ms" within "$(stat_of "$audio" lead_out_ms)" 700 15
}

# same_pauses NAME LOSSY REFERENCE: a lossy encoding smears quiet onsets,
# so compare its pauses with the reference's, both measured above the
# codec's noise (threshold 800), each within 15 ms.
same_pauses() {
	local name=$1 bad=0
	"$AUDIOSTAT" "$2" 800 300 | sed -n 's/^gaps_ms=//p' | tr ' ' '\n' | sed '/^$/d' >"$T/g1"
	"$AUDIOSTAT" "$3" 800 300 | sed -n 's/^gaps_ms=//p' | tr ' ' '\n' | sed '/^$/d' >"$T/g2"
	check "$name: as many pauses as the lossless file ($(wc -l <"$T/g2"))" \
		test "$(wc -l <"$T/g1")" = "$(wc -l <"$T/g2")"
	while read -r a b; do
		within "$a" "$b" 15 || { bad=$((bad + 1)); echo "#   pause $a ms, lossless $b ms"; }
	done < <(paste "$T/g1" "$T/g2")
	check "$name: every pause within 15 ms of the lossless file's" test "$bad" = 0
}

# plausible_duration AUDIO INPUT...: 0.12 to 0.5 s per spoken character,
# plus the pauses.
plausible_duration() {
	local audio=$1 chars secs
	shift
	chars=$("$BOBAO" segment "$@" | perl -CSD -ne '$n += () = /[\p{sc=Han}A-Za-z0-9]/g; END { print $n }')
	secs=$(stat_of "$audio" seconds)
	awk -v c="$chars" -v s="$secs" 'BEGIN { exit !(s > c * 0.12 && s < c * 0.5 + 30) }'
}

in1="$EXAMPLES/bulletin.txt"
in2="$EXAMPLES/weather.txt"

run_bobao synth "${PAUSES[@]}" "$in1" "$in2" -o "$T/b.wav" --title "公交新闻" --artist "播报台" --date 2026-11-27
check "synth WAV: exit 0" test "$status" = 0
check "WAV: 22050 Hz mono 16-bit" \
	eval '[ "$(stat_of "$T/b.wav" rate)" = 22050 ] && [ "$(stat_of "$T/b.wav" channels)" = 1 ] && [ "$(stat_of "$T/b.wav" format)" = wav ]'
check "WAV: duration plausible for the text ($(stat_of "$T/b.wav" seconds) s)" \
	plausible_duration "$T/b.wav" "$in1" "$in2"
check_pauses "WAV" "$T/b.wav" "$in1" "$in2"
"$AUDIOSTAT" --tags "$T/b.wav" >"$T/tags"
check "WAV: Chinese tags read back" \
	eval 'grep -qx "title=公交新闻" "$T/tags" && grep -qx "artist=播报台" "$T/tags"'

run_bobao synth "${PAUSES[@]}" "$in1" "$in2" -o "$T/b.ogg" --title "公交新闻" --date 2026-11-27
check "synth OGG: exit 0, Vorbis at 22050 Hz" \
	eval '[ "$status" = 0 ] && [ "$(stat_of "$T/b.ogg" format)" = oga ] && [ "$(stat_of "$T/b.ogg" rate)" = 22050 ]'
check "OGG: same length as the WAV" \
	test "$(stat_of "$T/b.ogg" frames)" = "$(stat_of "$T/b.wav" frames)"
same_pauses "OGG" "$T/b.ogg" "$T/b.wav"
check "OGG: lead-in 500 ms" within "$(stat_of "$T/b.ogg" lead_in_ms)" 500 15
"$AUDIOSTAT" --tags "$T/b.ogg" >"$T/tags"
check "OGG: Chinese title and date read back" \
	eval 'grep -qx "title=公交新闻" "$T/tags" && grep -qx "date=2026-11-27" "$T/tags"'

run_bobao synth "${PAUSES[@]}" --format flac "$in1" "$in2" -o "$T/b.audio"
check "--format flac overrides the name; lossless: same samples as the WAV" \
	"$AUDIOSTAT" --compare "$T/b.audio" "$T/b.wav"

run_bobao synth --sentence-pause 0 --breath-pause 0 --paragraph-pause 0 --article-pause 0 \
	--lead-in 0 --lead-out 0 "$in2" -o "$T/tight.wav"
check "pauses of 0: no lead-in, no lead-out" \
	eval '[ "$(stat_of "$T/tight.wav" lead_in_ms)" = 0.0 ] && within "$(stat_of "$T/tight.wav" lead_out_ms)" 0 1'

run_bobao synth --rate 300 "$in2" -o "$T/fast.wav"
run_bobao synth --rate 120 "$in2" -o "$T/slow.wav"
check "--rate changes the speed" \
	awk -v f="$(stat_of "$T/fast.wav" seconds)" -v s="$(stat_of "$T/slow.wav" seconds)" 'BEGIN { exit !(f * 1.5 < s) }'

# ---- the player ----
run_bobao play "${PAUSES[@]}" --driver wav --driver-option "file=$T/played.wav" "$in1" "$in2"
check "play to libao's wav driver: exit 0" test "$status" = 0
check "what play plays is what synth writes, sample for sample" \
	"$AUDIOSTAT" --compare "$T/played.wav" "$T/b.wav"
run_bobao play --driver raw --driver-option "file=$T/played.raw" "$T/b.ogg"
check "play an OGG bulletin: raw bytes = its samples" \
	test "$(stat -c %s "$T/played.raw")" = "$(($(stat_of "$T/b.ogg" frames) * 2))"
run_bobao play --driver wav --driver-option "file=$T/replayed.wav" "$T/b.wav"
check "play a WAV bulletin as it is" "$AUDIOSTAT" --compare "$T/replayed.wav" "$T/b.wav"
run_bobao play --driver null "$in2"
check "null driver: exit 0, nothing printed" eval '[ "$status" = 0 ] && [ -z "$err$out" ]'
run_bobao play --driver nosuch "$in2"
check "unknown driver: exit 64, lists the drivers" \
	eval '[ "$status" = 64 ] && [[ $err == *null* ]]'
run_bobao play --driver wav "$in2"
check "file driver without file=: exit 64" eval '[ "$status" = 64 ] && [[ $err == *file=PATH* ]]'
run_bobao play --driver null --driver-option nonsense "$in2"
check "driver option without '=': exit 64" test "$status" = 64
run_bobao play --driver alsa "$in2"
if [ "$status" = 0 ]; then
	skip "no device: exit 69" "this machine has a working ALSA device"
else
	check "no device: exit 69, one line naming the driver and another to try" \
		eval '[ "$status" = 69 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == *alsa*--driver* ]]'
fi
run_bobao play "$T/b.wav" "$in2"
check "play: text and audio files mixed: exit 64" test "$status" = 64
run_bobao play --driver null "$T/missing.ogg"
check "play: missing bulletin: exit 66" test "$status" = 66
printf 'not audio' >"$T/fake.wav"
run_bobao play --driver null "$T/fake.wav"
check "play: a bulletin that is not audio: exit 65" test "$status" = 65

# ---- the shared sample ----
if [ -r "$SAMPLE" ]; then
	run_bobao synth "${PAUSES[@]}" "$SAMPLE" -o "$T/sample.ogg"
	check "sample to OGG: exit 0" test "$status" = 0
	run_bobao synth "${PAUSES[@]}" "$SAMPLE" -o "$T/sample.wav"
	check "sample to WAV: exit 0" test "$status" = 0
	check "sample: duration plausible ($(stat_of "$T/sample.wav" seconds) s)" \
		plausible_duration "$T/sample.wav" "$SAMPLE"
	check_pauses "sample WAV" "$T/sample.wav" "$SAMPLE"
	check "sample OGG: same length as the WAV" \
		test "$(stat_of "$T/sample.ogg" frames)" = "$(stat_of "$T/sample.wav" frames)"
else
	skip "shared sample" "not found at $SAMPLE"
fi

done_testing

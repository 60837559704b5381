#!/usr/bin/env bash
# A newcomer's first minutes, as the README tells them: make, make demo, one
# test alone.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$TESTS/.." && pwd)

# ---- after a plain make, 'tests/run tests/e2e/NAME.sh' has what it needs ----
plan=$(make -n -C "$top" BUILD="$T/b" all 2>/dev/null)
check "a plain make builds tests/audiostat (the README's one-test command reads audio with it)" \
	grep -q -- "-o $T/b/tests/audiostat " <<<"$plan"
check "the README names the one-test command and how long make check takes" \
	eval 'grep -q "tests/run tests/e2e/rundown.sh" "$top/README.md" && grep -qE "make check. takes about [0-9]+ minutes" "$top/README.md"'

# ---- make demo: loudness-corrected, as the README says bulletins are ----
if command -v ffmpeg >/dev/null; then
	DEMO_OUT="$T/demo" "$top/scripts/demo" "$BOBAO" >"$T/demo.log" 2>&1
	check "scripts/demo renders out/bulletin.ogg and .wav" \
		eval '[ $? = 0 ] && [ -s "$T/demo/bulletin.ogg" ] && [ -s "$T/demo/bulletin.wav" ]'
	for f in bulletin.ogg bulletin.wav; do
		read -r lufs peak < <(ffmpeg -hide_banner -nostats -i "$T/demo/$f" \
			-af ebur128=peak=true:dualmono=true -f null - 2>&1 |
			awk '/^ +I:/ { i = $2 } /^ +Peak:/ { p = $2 } END { print i, p }')
		check "demo $f: -16 LUFS as dual mono ($lufs), true peak under -1 dBTP ($peak)" \
			eval 'within "$lufs" -16 0.5 && awk -v p="$peak" "BEGIN { exit !(p <= -0.95) }"'
	done
	plain=$(ffmpeg -hide_banner -nostats -i "$T/demo/bulletin.wav" -af ebur128 -f null - 2>&1 |
		awk '/^ +I:/ { i = $2 } END { print i }')
	check "read as plain mono, --loudness podcast is -19 LUFS ($plain), as the README explains" \
		eval 'within "$plain" -19 0.5 && grep -q "dualmono=true" "$top/README.md"'
else
	skip "make demo's loudness" "no ffmpeg"
fi

done_testing

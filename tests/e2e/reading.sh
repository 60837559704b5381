#!/usr/bin/env bash
# What eSpeak NG's pinyin voice is given never reads as English: the inputs
# of every table of tests/unit/test_reading.c and the shared sample through
# `bobao phonemes`, and the merged 儿化 syllables through espeak-ng itself.
. "$(dirname "$0")/../lib.sh"

TABLES="$(dirname "$0")/../unit/test_reading.c"

# every row's input: the first string of a line '	{ "IN", "WANT", "why" },'
perl -ne 'print "$1\n" if /^\t\{ "((?:[^"\\]|\\.)*)", "/' "$TABLES" >"$T/inputs.txt"
rows=$(wc -l <"$T/inputs.txt")
check "table inputs found ($rows)" test "$rows" -gt 300

run_bobao phonemes "$T/inputs.txt"
check "table inputs: phonemes, exit 0" test "$status" = 0
check "table inputs: no '(en)' inside Mandarin" eval '! grep -n "(en)" <<<"$out"'

# the pinyin of the rows, as eSpeak NG reads it (Latin runs left out)
"$BOBAO" pinyin --per-line "$T/inputs.txt" | tr ' ' '\n' | grep -E '^[a-z]+[1-5][,.?]?$' |
	tr -d ',.?' | sort -u >"$T/syllables.txt"
check "every syllable of the rows read as Mandarin by espeak-ng" \
	eval '! espeak-ng -v cmn-latn-pinyin -q -x <"$T/syllables.txt" | grep -q "(en)"'
check "儿化 syllables are among them" eval 'grep -qx zher4 "$T/syllables.txt" && grep -qx huir4 "$T/syllables.txt"'

if [ -r "$SAMPLE" ]; then
	run_bobao phonemes "$SAMPLE"
	check "sample: no '(en)' inside Mandarin" eval '[ "$status" = 0 ] && ! grep -q "(en)" <<<"$out"'
else
	skip "shared sample" "not found at $SAMPLE"
fi

done_testing

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

# The context model checked in is the one scripts/gen-context learns from
# CPP dev with the features this build computes: what was learnt is what
# bobao looks up (a change to the features, the rules or the lexicons that
# decide what the model sees needs the table learnt again: docs/reading.md).
CPP="${CPP_DATA:-$SAMPLES/../data/cpp}"
FEATURES="$(dirname "$BOBAO")/tests/context-features"
if [ -r "$CPP/cpp_dev.tsv" ] && [ -x "$FEATURES" ] && command -v python3 >/dev/null; then
	scripts/gen-context "$FEATURES" "$CPP/cpp_dev.tsv" >"$T/context_data.c"
	check "segment/context_data.c is what gen-context learns from CPP dev" \
		cmp -s "$T/context_data.c" segment/context_data.c
	printf '覃先生来自广西\n' | "$FEATURES" >"$T/features.txt"
	check "context-features: a line per Han character, its reading and features" \
		eval 'grep -qxP "1\t覃\ttan2\t0c\tBctan2\tL\|覃\tR覃先\tP\|\|覃\tN覃先生\tT\|覃先" "$T/features.txt" &&
		      [ "$(wc -l <"$T/features.txt")" = 7 ]'
else
	skip "the context model learnt again" "no CPP data at $CPP, no $FEATURES or no python3"
fi

# the built-in lexicons list a word once: a second line is dead (the first
# wins) or, with another reading, a contradiction nobody decided
LEX="$(dirname "$0")/../../data"
dups=$(awk -F'\t' '!/^#/ && NF >= 2 && seen[FILENAME, $1]++ { print FILENAME ":" FNR ": " $1 }' \
	"$LEX/lexicon.tsv" "$LEX/char-defaults.tsv")
check "data/lexicon.tsv and char-defaults.tsv list each word once${dups:+: $dups}" test -z "$dups"

done_testing

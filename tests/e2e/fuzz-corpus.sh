#!/usr/bin/env bash
# Every fuzz target's corpus (tests/fuzz/corpus/NAME: seeds and the inputs
# that once crashed or hung it) replayed under this build's sanitizers,
# without libFuzzer: a fixed crash stays fixed.  make fuzz explores more.
. "$(dirname "$0")/../lib.sh"

found=0
for bin in "$(dirname "$BOBAO")"/tests/replay_*; do
	[ -x "$bin" ] || continue
	found=1
	name=${bin##*/replay_}
	check "fuzz target '$name' has a seed corpus (tests/fuzz/corpus/$name/)" \
		test -n "$(ls -A "$TESTS/fuzz/corpus/$name" 2>/dev/null)"
	timeout 120 "$bin" "$TESTS/fuzz/corpus/$name" >"$T/out" 2>"$T/err"
	status=$?
	check "fuzz corpus '$name': $(cat "$T/out") (status $status)" \
		eval '[ "$status" = 0 ] && [ ! -s "$T/err" ]'
	[ -s "$T/err" ] && head -5 "$T/err" | sed 's/^/#   /'
done
[ "$found" = 1 ] || skip "fuzz corpora" "no replay_* programs in this build"
done_testing

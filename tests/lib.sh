# tests/lib.sh - helpers for the end-to-end shell tests (TAP output).
#
#   . "$(dirname "$0")/../lib.sh"
#   check "what is expected" test "$x" = 3
#   run_bobao synth in.txt -o out.wav    # sets $status, $out, $err
#   done_testing
set -u
: "${BOBAO:?run through tests/run}" "${AUDIOSTAT:?run through tests/run}"
TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXAMPLES="$TESTS/../examples"
SAMPLE="${SAMPLES:-}/000_ea283f24a9431eae.txt"
T=$(mktemp -d "${TMPDIR:-/tmp}/bobao-test.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
t_count=0
t_failed=0

ok() { t_count=$((t_count + 1)); echo "ok $t_count - $*"; }
not_ok() { t_count=$((t_count + 1)); t_failed=$((t_failed + 1)); echo "not ok $t_count - $*"; }
skip() { t_count=$((t_count + 1)); echo "ok $t_count - $1 # SKIP $2"; }

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; echo "#   failed: $*"; fi
}

# run_bobao ARGS...: run the tool; $status, $out (stdout), $err (stderr).
run_bobao() {
	"$BOBAO" "$@" >"$T/.out" 2>"$T/.err" </dev/null
	status=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# run_bobao_in INPUT ARGS...: the same with INPUT on standard input.
run_bobao_in() {
	local input=$1
	shift
	"$BOBAO" "$@" >"$T/.out" 2>"$T/.err" <"$input"
	status=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# stat_of FILE KEY [THRESHOLD MIN_GAP]: one value from audiostat.
stat_of() {
	"$AUDIOSTAT" "$1" "${3:-200}" "${4:-250}" | sed -n "s/^$2=//p"
}

# A float comparison: within A B TOLERANCE.
within() {
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'
}

# No bulletin and no temporary file left in a directory.
no_output_in() {
	[ -z "$(ls -A "$1")" ]
}

done_testing() {
	echo "1..$t_count"
	[ "$t_failed" -eq 0 ]
}

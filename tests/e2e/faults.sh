#!/usr/bin/env bash
# Fault injection, SQLite-style, with the BB_FAULTS build (make
# faults-build): the N-th allocation, write, fsync, rename or link of the
# run fails, for N = 1, 2, 3 ... until the run has made fewer calls than N.
# Every run must end with the status of its fault and one line of bobao's
# own (ASan would add its report and change the status), nothing left
# behind, the old bulletin untouched.  Allocations and an encoder's writes
# are many: the first FAULT_SAMPLES calls and FAULT_SAMPLES more spread over
# the rest are tried (FAULT_SAMPLES=0: every one, a sweep of minutes).
. "$(dirname "$0")/../lib.sh"

FB=${BOBAO_FAULTS:-}
SAMPLES=${FAULT_SAMPLES:-8}
if [ ! -x "$FB" ]; then
	skip "fault injection" "no fault build at '$FB' (make faults-build)"
	done_testing
	exit
fi

in="$T/in.txt"
printf '今天天气很好。\n' >"$in"
D="$T/d"
declare -A WANT=([alloc]=71 [write]=74 [fsync]=74 [rename]=73 [link]=73)

# counts KEEP PREFIX ARGS...: how many calls of each kind a clean run makes
# ($count_KIND).
counts() {
	rm -rf "$D" && mkdir "$D"
	printf 'old bulletin\n' >"$D/$1"
	BOBAO_FAULT="$2" BOBAO_FAULT_COUNT="$T/counts" "$FB" "${@:3}" >/dev/null 2>"$T/.err" </dev/null ||
		{ echo "# clean run failed: $(cat "$T/.err")"; return 1; }
	while IFS== read -r k v; do eval "count_$k=$v"; done <"$T/counts"
}

# sweep NAME KEEP KIND [ENV_PREFIX] -- ARGS...: run with each fault of KIND
# in turn; KEEP is the old file that must survive (in $D).
sweep() {
	local name=$1 keep=$2 kind=$3 prefix=$4 n total step=1 bad=0 runs=0 st lines left
	shift 5
	counts "$keep" "$prefix" "$@" || { not_ok "$name: a clean run"; return; }
	eval "total=\${count_$kind:-0}"
	for ((n = 1; n <= total; n += step)); do
		step=1
		[ "$SAMPLES" -gt 0 ] && [ "$n" -ge "$SAMPLES" ] && step=$(((total - SAMPLES) / SAMPLES + 1))
		rm -rf "$D" && mkdir "$D"
		printf 'old bulletin\n' >"$D/$keep"
		BOBAO_FAULT="$prefix$kind:$n" "$FB" "$@" >"$T/.out" 2>"$T/.err" </dev/null
		st=$? runs=$((runs + 1))
		lines=$(wc -l <"$T/.err")
		left=$(ls -A "$D")
		if [ "$st" != "${WANT[$kind]}" ] || [ "$lines" != 1 ] || ! grep -q '^bobao: ' "$T/.err" ||
		   [ "$left" != "$keep" ] || [ "$(cat "$D/$keep")" != "old bulletin" ] || [ -s "$T/.out" ]; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && echo "#   $prefix$kind:$n: status $st, $lines lines, left: $(echo $left): $(head -c 200 "$T/.err")"
		fi
	done
	check "$name, $kind: $runs faults of $total, each status ${WANT[$kind]}, one line, the old file kept, nothing left" \
		test "$bad" = 0
}

synth=(synth -q -j 1 "$in" --subtitles "$D/news.vtt" --report "$D/news.json")
for kind in write fsync rename link alloc; do
	sweep "synth to Ogg with sidecars" news.ogg "$kind" "" -- "${synth[@]}" -o "$D/news.ogg"
done
for kind in write fsync; do
	sweep "synth to WAV, two passes" news.wav "$kind" "" -- "${synth[@]}" -o "$D/news.wav" --loudness broadcast
done
# old sidecars beside the old bulletin: whatever fails, all three are as
# they were (the sidecars go in place before the bulletin: when it fails
# after them, what they replaced comes back)
for pk in rename link fsync write notmpfile,rename notmpfile,write notmpfile,fsync; do
	prefix=${pk%,*} kind=${pk#*,}
	[ "$prefix" = "$pk" ] && prefix= || prefix="$prefix,"
	counts news.ogg "$prefix" "${synth[@]}" -o "$D/news.ogg" || { not_ok "old sidecars, $pk: a clean run"; continue; }
	eval "total=\${count_$kind:-0}"
	bad=0
	for ((n = 1; n <= total && n <= 40; n++)); do
		rm -rf "$D" && mkdir "$D"
		printf 'old bulletin\n' >"$D/news.ogg"
		printf 'old vtt\n' >"$D/news.vtt"
		printf 'old json\n' >"$D/news.json"
		BOBAO_FAULT="$prefix$kind:$n" "$FB" "${synth[@]}" -o "$D/news.ogg" >/dev/null 2>"$T/.err" </dev/null
		st=$?
		if [ "$st" != "${WANT[$kind]}" ] || [ "$(cat "$D/news.ogg")" != "old bulletin" ] ||
		   [ "$(cat "$D/news.vtt")" != "old vtt" ] || [ "$(cat "$D/news.json")" != "old json" ] ||
		   [ "$(ls -A "$D" | tr '\n' ' ')" != "news.json news.ogg news.vtt " ]; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && echo "#   $prefix$kind:$n: status $st, vtt '$(cat "$D/news.vtt")', left: $(ls -A "$D" | tr '\n' ' ')"
		fi
	done
	check "old sidecars, $pk: each of $total faults keeps the bulletin and both sidecars" test "$bad" = 0
done
# the named-temporary scheme, where O_TMPFILE is not supported; fsync too:
# a temporary whose finishing failed must not be renamed into place
for kind in write fsync rename; do
	sweep "synth to MP3, no O_TMPFILE" news.mp3 "$kind" "notmpfile," -- "${synth[@]}" -o "$D/news.mp3"
done
rm -rf "$D" && mkdir "$D"
BOBAO_FAULT=notmpfile "$FB" "${synth[@]}" -o "$D/news.mp3" 2>"$T/.err"
rc=$?
check "no O_TMPFILE: the bulletin and sidecars in place, no temporary left" \
	eval '[ $rc = 0 ] && [ "$(ls -A "$D" | tr "\n" " ")" = "news.json news.mp3 news.vtt " ]'

play=(play -q -j 1 --driver wav --driver-option "file=$D/played.wav" "$in")
for kind in fsync link alloc; do
	sweep "play to a file driver" played.wav "$kind" "" -- "${play[@]}"
done
for kind in rename fsync; do
	sweep "play to a file driver, no O_TMPFILE" played.wav "$kind" "notmpfile," -- "${play[@]}"
done

done_testing

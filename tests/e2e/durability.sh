#!/usr/bin/env bash
# Every file bobao puts in place is on disk before it gets its name, seen
# from the system calls themselves (strace), not from the fault build's
# hook: the temporary's data fsync'd before it is linked or renamed into
# place, and the folder fsync'd after (tests/syncorder.py).  A crash or a
# power cut after exit 0 must not leave an empty or short bulletin behind.
# The named-temporary path (no O_TMPFILE) is checked with the fault build's
# "notmpfile" (make faults-build) when it is there.
. "$(dirname "$0")/../lib.sh"

if ! command -v strace >/dev/null; then
	skip "what reaches the disk, seen by strace" "strace is not installed"
	done_testing
	exit
fi
printf '今天天气很好。\n明天有雨。\n' >"$T/in.txt"
D="$T/d"
CALLS=openat,fsync,fdatasync,linkat,rename,renameat,renameat2

# traced NAME MIN BIN ARGS...: run under strace in a fresh $D (an old
# bulletin there, so that the renaming path is taken too); check the order.
traced() {
	local name=$1 min=$2 bin=$3 st
	shift 3
	rm -rf "$D" && mkdir "$D"
	printf 'old\n' >"$D/news.ogg"
	# LeakSanitizer cannot run under ptrace
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y -e trace="$CALLS" -o "$T/trace" \
		"$bin" "$@" >/dev/null 2>"$T/.err" </dev/null
	st=$?
	python3 "$TESTS/syncorder.py" "$D" "$T/trace" "$min" >"$T/order"
	check "$name: exit 0, $(grep -c '^placed' "$T/order") files each fsync'd before it is put in place, the folder after$(grep '^bad' "$T/order" | head -3 | tr '\n' ' ' | sed 's/^/: /')" \
		eval '[ "$st" = 0 ] && tail -1 "$T/order" | grep -q "^ok"'
}

all=(synth -q -j 1 "$T/in.txt" --subtitles "$D/news.vtt" --chapters "$D/news.json"
	--report "$D/report.json" --html "$D/news.html")
traced "synth to Ogg, every sidecar and the page" 5 "$BOBAO" "${all[@]}" -o "$D/news.ogg"
traced "synth, page captions of their own" 4 "$BOBAO" synth -q -j 1 "$T/in.txt" \
	--subtitles "$D/news.srt" --html "$D/news.html" -o "$D/news.ogg"
traced "synth to WAV in two passes (loudness)" 1 "$BOBAO" synth -q -j 1 "$T/in.txt" \
	--loudness broadcast -o "$D/news.wav"
traced "play to a file driver" 1 "$BOBAO" play -q -j 1 --driver wav \
	--driver-option "file=$D/played.wav" "$T/in.txt"

FB=${BOBAO_FAULTS:-}
if [ -x "$FB" ]; then
	export BOBAO_FAULT=notmpfile
	traced "no O_TMPFILE: synth to Ogg, every sidecar and the page" 5 "$FB" "${all[@]}" \
		-o "$D/news.ogg"
	traced "no O_TMPFILE: play to a file driver" 1 "$FB" play -q -j 1 --driver wav \
		--driver-option "file=$D/played.wav" "$T/in.txt"
	unset BOBAO_FAULT
else
	skip "the named-temporary path" "no fault build at '$FB' (make faults-build)"
fi

# the checker itself sees a missing fsync (a trace without one)
cat >"$T/bad-trace" <<EOF
1 openat(AT_FDCWD</x>, "$D/", O_RDWR|O_CLOEXEC|O_TMPFILE, 0666) = 4<$D/#1>(deleted)
1 linkat(4<$D/#1>(deleted), "", AT_FDCWD</x>, "$D/news.ogg", AT_EMPTY_PATH) = 0
1 fsync(5<$D>) = 0
EOF
check "syncorder.py refuses a file linked before fsync" \
	eval '! python3 "$TESTS/syncorder.py" "$D" "$T/bad-trace" 1 >/dev/null'
done_testing

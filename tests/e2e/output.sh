#!/usr/bin/env bash
# Where output goes, as Unix users expect: "-" is standard output; FIFOs
# and devices are written in place; symlinks are followed; write-protected
# files are kept; a full disk is status 74 with the old bulletin intact; an
# output onto an input is refused before anything is written; a killed run
# leaves nothing behind.  Device nodes are made here, never the machine's.
. "$(dirname "$0")/../lib.sh"

in="$T/in.txt"
printf '今天天气很好。\n明天有雨。\n' >"$in"
D="$T/d"
mkdir "$D"
FMTS=(wav ogg opus flac mp3)

# one_line: stderr is a single line of bobao's own.
one_line() { [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == "bobao: "* ]]; }
# only_in DIR NAME...: DIR holds exactly these names (no temporaries).
only_in() {
	local dir=$1
	shift
	[ "$(cd "$dir" && ls -A | sort)" = "$(if [ $# -gt 0 ]; then printf '%s\n' "$@" | sort; fi)" ]
}

# ---- reference files, written normally ----
for f in "${FMTS[@]}"; do
	run_bobao synth "$in" -o "$D/ref.$f"
done
check "reference bulletins in every format" \
	eval '[ "$status" = 0 ] && only_in "$D" ref.wav ref.ogg ref.opus ref.flac ref.mp3'
ref_frames=$(stat_of "$D/ref.wav" frames)

# ---- -o - is standard output, streamed ----
# decoded NAME: its samples (mono s16le at the file's rate), as bytes
decoded() { ffmpeg -v error -i "$1" -f s16le -ac 1 - 2>/dev/null | wc -c; }
for f in "${FMTS[@]}"; do
	(cd "$D" && "$BOBAO" synth "$in" -o - --format "$f" 2>"$T/.err" | cat >"$T/s.$f"
	 exit "${PIPESTATUS[0]}")
	st=$?
	check "-o - --format $f through a pipe: exit 0, no file named '-', nothing on stderr" \
		eval '[ "$st" = 0 ] && [ ! -e "$D/-" ] && [ ! -s "$T/.err" ]'
	if command -v ffmpeg >/dev/null; then
		# MP3 streamed has no LAME tag to say how much padding to drop
		tol=$([ "$f" = mp3 ] && echo 0.3 || echo 0)
		a=$(decoded "$T/s.$f") b=$(decoded "$D/ref.$f")
		rate=$(stat_of "$D/ref.$f" rate)
		check "-o - --format $f: decodes to the file's length (${a} and ${b} bytes)" \
			within "$(awk -v a="$a" -v r="$rate" 'BEGIN { print a / 2 / r }')" \
			"$(awk -v b="$b" -v r="$rate" 'BEGIN { print b / 2 / r }')" "$tol"
	else
		skip "-o - --format $f decodes to the file's length" "ffmpeg not installed"
	fi
done
check "WAV on a pipe: the same samples as the file" \
	eval '[ "$(stat_of "$T/s.wav" frames)" = "$ref_frames" ] && "$AUDIOSTAT" --compare "$T/s.wav" "$D/ref.wav" >/dev/null'
check "WAV on a pipe: sizes 'unknown' (0xFFFFFFFF) in the header" \
	test "$(od -An -tx1 -j4 -N4 "$T/s.wav" | tr -d ' ')" = ffffffff
if command -v sox >/dev/null && command -v ffmpeg >/dev/null; then
	"$BOBAO" synth "$in" -o - --format wav | sox -t wav - -t raw - 2>/dev/null >"$T/sox.raw"
	"$BOBAO" synth "$in" -o - --format wav | ffmpeg -v error -f wav -i - -f s16le - >"$T/ff.raw" 2>/dev/null
	check "sox and ffmpeg read the streamed WAV from a pipe, every sample" \
		eval '[ "$(stat -c %s "$T/sox.raw")" = $((ref_frames * 2)) ] &&
		      [ "$(stat -c %s "$T/ff.raw")" = $((ref_frames * 2)) ]'
else
	skip "sox and ffmpeg read the streamed WAV" "sox or ffmpeg not installed"
fi
if command -v script >/dev/null; then
	script -qec "'$BOBAO' synth '$in' -o - --format wav" /dev/null >"$T/tty.out" 2>&1
	st=$?
	check "-o - on a terminal: exit 64, one line, no audio" \
		eval '[ "$st" = 64 ] && grep -q "terminal" "$T/tty.out" && [ "$(wc -l <"$T/tty.out")" = 1 ]'
else
	skip "-o - on a terminal" "script (util-linux) not installed"
fi

# ---- devices and FIFOs are written in place ----
if mknod "$T/full" c 1 7 2>/dev/null && mknod "$T/null" c 1 3 2>/dev/null; then
	for f in wav ogg flac; do
		run_bobao synth "$in" -o "$T/full" --format "$f"
		check "a full device ($f): exit 74, one line, the node still a device" \
			eval '[ "$status" = 74 ] && one_line && [ -c "$T/full" ]'
		run_bobao synth "$in" -o "$T/null" --format "$f"
		check "a null device ($f): exit 0, the node still a device" \
			eval '[ "$status" = 0 ] && [ -c "$T/null" ] && [ -z "$out" ]'
	done
else
	skip "device nodes written in place" "mknod not permitted (not root)"
fi
mkfifo "$T/fifo.wav"
timeout 60 cat "$T/fifo.wav" >"$T/from-fifo.wav" &
reader=$!
run_bobao synth "$in" -o "$T/fifo.wav"
wait "$reader"
check "a FIFO: exit 0, still a FIFO, the reader gets the whole bulletin" \
	eval '[ "$status" = 0 ] && [ -p "$T/fifo.wav" ] &&
	      [ "$(stat_of "$T/from-fifo.wav" frames)" = "$ref_frames" ]'
# SIGTERM while waiting for a FIFO's reader: 130, one line
"$BOBAO" synth "$in" -o "$T/fifo.wav" -j 1 2>"$T/.err" &
pid=$!
sleep 1.5
kill -TERM "$pid"
wait "$pid"
st=$?
err=$(cat "$T/.err")
check "SIGTERM while a FIFO has no reader: exit 130, one line" \
	eval '[ "$st" = 130 ] && one_line && [ -p "$T/fifo.wav" ]'

# ---- symbolic and hard links ----
mkdir "$T/l"
cp "$D/ref.flac" "$T/l/target.wav"
ln -s target.wav "$T/l/link.wav"
ln "$T/l/target.wav" "$T/l/hard.wav"
run_bobao synth "$in" -o "$T/l/link.wav"
check "a symlink: still the same link, the file it names replaced" \
	eval '[ "$status" = 0 ] && [ -L "$T/l/link.wav" ] && [ "$(readlink "$T/l/link.wav")" = target.wav ] &&
	      [ "$(stat_of "$T/l/target.wav" format)" = wav ] && only_in "$T/l" link.wav target.wav hard.wav'
check "a hard link keeps the old contents (the target gets a new inode)" \
	eval '[ "$(stat_of "$T/l/hard.wav" format)" = flac ]'
ln -s new.wav "$T/l/dangling.wav"
run_bobao synth "$in" -o "$T/l/dangling.wav"
check "a dangling symlink: the file it names is created" \
	eval '[ "$status" = 0 ] && [ -L "$T/l/dangling.wav" ] && [ "$(stat_of "$T/l/new.wav" frames)" = "$ref_frames" ]'
ln -s loop.wav "$T/l/loop.wav"
run_bobao synth "$in" -o "$T/l/loop.wav"
check "a symlink loop: exit 73, one line" eval '[ "$status" = 73 ] && one_line'

# ---- write-protected files ----
cp "$D/ref.flac" "$T/ro.wav"
chmod 444 "$T/ro.wav"
run_bobao synth "$in" -o "$T/ro.wav"
check "a 0444 file: exit 73, one line naming --force, the file unchanged" \
	eval '[ "$status" = 73 ] && one_line && [[ $err == *--force* ]] && cmp -s "$T/ro.wav" "$D/ref.flac"'
run_bobao synth "$in" -o "$T/ro.wav" --force
check "--force replaces it" eval '[ "$status" = 0 ] && [ "$(stat_of "$T/ro.wav" format)" = wav ]'
cp "$D/ref.flac" "$T/ro.vtt"
chmod 444 "$T/ro.vtt"
run_bobao synth "$in" -o "$T/side.wav" --subtitles "$T/ro.vtt"
check "a write-protected sidecar: exit 73, no bulletin written" \
	eval '[ "$status" = 73 ] && [ ! -e "$T/side.wav" ] && cmp -s "$T/ro.vtt" "$D/ref.flac"'
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp "$D/ref.flac" "$T/theirs.wav"
	chown nobody "$T/theirs.wav"
	chmod 644 "$T/theirs.wav"
	run_bobao synth "$in" -o "$T/theirs.wav"
	check "as root, another user's 0644 file: exit 73, unchanged" \
		eval '[ "$status" = 73 ] && cmp -s "$T/theirs.wav" "$D/ref.flac"'
else
	skip "another user's file" "not root"
fi

# ---- outputs onto inputs, outputs onto each other: 64 before anything ----
mkdir "$T/c"
cp "$in" "$T/c/a.txt"
ln -s a.txt "$T/c/alias.txt"
printf '李邑飞\tli3 yi4 fei1\n' >"$T/c/lex.tsv"
printf 'a.txt\n' >"$T/c/rundown.txt"
cp "$D/ref.wav" "$T/c/jingle.wav"
cp "$in" "$T/c/art.vtt"                  # an article that a page's captions would replace
cp "$T/c/lex.tsv" "$T/c/lexv.vtt"
cp "$T/c/rundown.txt" "$T/c/rd.html"
mkdir -p "$T/c/state/bobao"
cp "$in" "$T/c/state/bobao/positions"    # an article where the positions go
cp -a "$T/c" "$T/c.orig"
clash() {
	local what=$1
	shift
	run_bobao "$@"
	check "$what: exit 64, one line, nothing written or changed" \
		eval '[ "$status" = 64 ] && one_line && diff -r "$T/c" "$T/c.orig" >/dev/null'
}
clash "-o onto the input" synth "$T/c/a.txt" -o "$T/c/a.txt" --format wav
clash "-o onto a symlink to the input" synth "$T/c/a.txt" -o "$T/c/alias.txt" --format wav
clash "-o onto --lexicon" synth "$T/c/a.txt" --lexicon "$T/c/lex.tsv" -o "$T/c/lex.tsv" --format wav
clash "-o onto --rundown" synth --rundown "$T/c/rundown.txt" -o "$T/c/rundown.txt" --format wav
clash "-o onto --jingle-before" synth "$T/c/a.txt" --jingle-before "$T/c/jingle.wav" -o "$T/c/jingle.wav"
clash "--report onto the input" synth "$T/c/a.txt" -o "$T/c/x.wav" --report "$T/c/a.txt"
clash "--subtitles onto --jingle-after" synth "$T/c/a.txt" -o "$T/c/x.wav" --jingle-after "$T/c/jingle.wav" --subtitles "$T/c/jingle.wav"
clash "-o and --report on one new path" synth "$T/c/a.txt" -o "$T/c/x.wav" --report "$T/c/x.wav"
clash "--subtitles and --report on one path" synth "$T/c/a.txt" -o "$T/c/x.wav" --subtitles "$T/c/x.vtt" --report "$T/c/./x.vtt"
clash "play's file= onto the input" play --driver wav --driver-option "file=$T/c/a.txt" "$T/c/a.txt"
clash "play's file= onto the audio played" play --driver wav --driver-option "file=$T/c/jingle.wav" "$T/c/jingle.wav"
# the page and its captions are outputs like the others (issue 18, 1)
clash "--html onto the input" synth "$T/c/a.txt" -o "$T/c/x.ogg" --html "$T/c/a.txt"
clash "--html's captions onto the input" synth "$T/c/art.vtt" -o "$T/c/x.ogg" --html "$T/c/art.html"
clash "--html's captions onto --lexicon" synth "$T/c/a.txt" --lexicon "$T/c/lexv.vtt" -o "$T/c/x.ogg" --html "$T/c/lexv.html"
clash "--html onto --rundown" synth --rundown "$T/c/rd.html" -o "$T/c/x.ogg" --html "$T/c/rd.html"
clash "-o onto --bed" synth "$T/c/a.txt" --bed "$T/c/jingle.wav" -o "$T/c/jingle.wav"
clash "--report onto --bed" synth "$T/c/a.txt" --bed "$T/c/jingle.wav" -o "$T/c/x.ogg" --report "$T/c/jingle.wav"
clash "--html onto --jingle-after" synth "$T/c/a.txt" --jingle-after "$T/c/jingle.wav" -o "$T/c/x.ogg" --html "$T/c/jingle.wav"
clash "-o and --html on one path" synth "$T/c/a.txt" -o "$T/c/y.ogg" --html "$T/c/y.ogg"
clash "-o onto the page's captions" synth "$T/c/a.txt" -o "$T/c/news.vtt" --format ogg --html "$T/c/news.html"
clash "--chapters onto the page" synth "$T/c/a.txt" -o "$T/c/x.ogg" --html "$T/c/p.html" --chapters "$T/c/p.html"
clash "--chapters onto the page's captions" synth "$T/c/a.txt" -o "$T/c/x.ogg" --html "$T/c/p.html" --chapters "$T/c/p.vtt"
clash "--report onto the page's captions" synth "$T/c/a.txt" -o "$T/c/x.ogg" --html "$T/c/p.html" --report "$T/c/p.vtt"
clash "--subtitles onto the page" synth "$T/c/a.txt" -o "$T/c/x.ogg" --html "$T/c/p.srt" --subtitles "$T/c/p.srt"
# several file= to play: libao writes to the last one (issue 18, 2)
clash "play's second file= onto the audio played" play --driver wav --driver-option "file=$T/c/cap.wav" --driver-option "file=$T/c/jingle.wav" "$T/c/jingle.wav"
clash "play's second file= onto the input" play --driver wav --driver-option "file=$T/c/cap.wav" --driver-option "file=$T/c/a.txt" "$T/c/a.txt"
clash "play's file= given twice" play --driver wav --driver-option "file=$T/c/cap.wav" --driver-option "file=$T/c/cap2.wav" "$T/c/a.txt"
# the interactive player (--realtime, --from, keys) checked nothing at all
clash "play --realtime: file= onto the input" play --realtime --driver wav --driver-option "file=$T/c/a.txt" "$T/c/a.txt"
clash "play --from: a second file= onto the input" play --from 1 --driver wav --driver-option "file=$T/c/cap.wav" --driver-option "file=$T/c/a.txt" "$T/c/a.txt"
XDG_STATE_HOME="$T/c/state" clash "play --resume: the positions file is the input" play --resume --driver null "$T/c/state/bobao/positions"

# ---- play to a file driver: in place only when done ----
printf 'old\n' >"$T/played.wav"
run_bobao play --driver wav --driver-option "file=$T/played.wav" "$in"
check "play --driver wav file=: exit 0, the capture in place" \
	eval '[ "$status" = 0 ] && [ "$(stat_of "$T/played.wav" frames)" = "$ref_frames" ]'
long="$T/long.txt"
for i in 1 2 3 4 5 6 7 8; do cat "$EXAMPLES"/*.txt; done >"$long"
# temporary_open PID DIR: wait (10 s at most) until PID holds a file in DIR
# open other than DIR/played.wav: the capture's temporary, so bobao is past
# its start-up and writing.
temporary_open() {
	local i
	for i in $(seq 200); do
		ls -l "/proc/$1/fd" 2>/dev/null | grep -v -- "-> $2/played.wav\$" | grep -q -- "-> $2/" &&
			return 0
		sleep 0.05
	done
	return 1
}
# interrupted_play SIGNAL: play the long text to $T/p/played.wav, signal it
# once the capture's temporary is open (a fixed sleep signalled too early
# on a loaded machine); $st is its status.
interrupted_play() {
	"$BOBAO" play -q -j 1 --driver wav --driver-option "file=$T/p/played.wav" "$long" 2>"$T/.err" &
	pid=$!
	temporary_open "$pid" "$T/p"
	kill "-$1" "$pid"
	wait "$pid"
	st=$?
}
mkdir "$T/p"
interrupted_play TERM
check "play to a file, SIGTERM: exit 130, nothing in place, nothing left behind" \
	eval '[ "$st" = 130 ] && only_in "$T/p"'
cp "$D/ref.flac" "$T/p/played.wav"
interrupted_play INT
check "play to a file, SIGINT: exit 130, the old file as it was" \
	eval '[ "$st" = 130 ] && cmp -s "$T/p/played.wav" "$D/ref.flac" && only_in "$T/p" played.wav'

# ---- SIGKILL leaves no temporary (O_TMPFILE) ----
mkdir "$T/k"
cp "$D/ref.flac" "$T/k/news.wav"
"$BOBAO" synth -q -j 1 "$long" -o "$T/k/news.wav" --subtitles "$T/k/news.vtt" --report "$T/k/news.json" &
pid=$!
# killed once the bulletin's temporary is open (an unnamed file in $T/k)
for i in $(seq 200); do
	ls -l /proc/$pid/fd 2>/dev/null | grep -q -- "-> $T/k/" && break
	sleep 0.05
done
kill -KILL "$pid"
killed=$?
wait "$pid" 2>/dev/null
check "SIGKILL mid-render: no temporary left, the old bulletin as it was" \
	eval '[ $killed = 0 ] && only_in "$T/k" news.wav && cmp -s "$T/k/news.wav" "$D/ref.flac"'

# ---- TMPDIR of any length ----
longtmp="$T/a-temporary-folder-with-a-name-much-longer-than-forty-characters-and-then-some"
mkdir "$longtmp"
TMPDIR=$longtmp run_bobao synth "$in" --intro "今天是{date}。" -o "$T/intro.wav" --loudness broadcast
check "TMPDIR of 90 characters: --intro and two passes work" \
	eval '[ "$status" = 0 ] && only_in "$longtmp"'
TMPDIR="$T/no-such-folder" run_bobao synth "$in" -o "$T/tmpdir.wav" --loudness broadcast
check "TMPDIR is where the first pass goes: a missing one is 74, one line naming it" \
	eval '[ "$status" = 74 ] && one_line && [[ $err == *no-such-folder* ]] && [ ! -e "$T/tmpdir.wav" ]'

# ---- a full disk: 74, one line, the old bulletin intact ----
small="$T/small"
mkdir "$small"
if mount -t tmpfs -o size=64k tmpfs "$small" 2>/dev/null; then
	trap 'umount "$small" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
	big="$T/big.txt"
	cat "$EXAMPLES"/*.txt >"$big"
	for f in "${FMTS[@]}"; do
		printf 'old bulletin\n' >"$small/news.$f"
		run_bobao synth -j 1 "$big" -o "$small/news.$f"
		check "full disk, $f: exit 74, one line, nothing on stdout, the old file kept, no temporary" \
			eval '[ "$status" = 74 ] && one_line && [[ $err == *"No space left"* ]] && [ -z "$out" ] &&
			      [ "$(cat "$small/news.$f")" = "old bulletin" ] && only_in "$small" news.$f'
		rm -f "$small/news.$f"
	done
	printf 'old bulletin\n' >"$small/news.mp3"
	run_bobao synth -j 1 "$big" -o "$small/news.mp3" --loudness broadcast
	check "full disk, two passes (--loudness): exit 74, the old file kept" \
		eval '[ "$status" = 74 ] && one_line && [ "$(cat "$small/news.mp3")" = "old bulletin" ] &&
		      only_in "$small" news.mp3'
	printf 'old capture\n' >"$small/played.wav"
	head -c 100k /dev/zero >"$small/filler" 2>/dev/null
	run_bobao synth "$in" -o "$small/news.mp3"
	check "a disk already full: exit 74, the old file kept" \
		eval '[ "$status" = 74 ] && one_line && [ "$(cat "$small/news.mp3")" = "old bulletin" ]'
	run_bobao synth "$in" -o "$T/fits.wav" --subtitles "$small/news.vtt" --report "$small/news.json"
	check "sidecars on a full disk: exit 74, no bulletin put in place" \
		eval '[ "$status" = 74 ] && one_line && [ ! -e "$T/fits.wav" ] && only_in "$small" news.mp3 filler played.wav'
	run_bobao play -j 1 --driver wav --driver-option "file=$small/played.wav" "$in"
	check "play to a file on a full disk: exit 74, one line naming it, the old file kept" \
		eval '[ "$status" = 74 ] && one_line && [[ $err == *played.wav*"No space left"* ]] &&
		      [ "$(cat "$small/played.wav")" = "old capture" ]'
	umount "$small"
else
	skip "a full disk (tmpfs)" "mount not permitted (not root)"
fi

done_testing

#!/usr/bin/env bash
# --rundown files as users write them: long titles, blank and indented
# lines, CRLF, standard input; bad lines named by file and line, exit 65,
# nothing written.  The parser itself: tests/unit/test_rundown.c.
. "$(dirname "$0")/../lib.sh"

mkdir "$T/rd"
printf '下面是天气预报。\n' >"$T/rd/a.txt"
printf '明天多云。\n' >"$T/rd/b.txt"
# a title of 6000 bytes: the old parser read 4095 bytes a time and opened
# the rest of the line as a path
long=$(printf '长%.0s' $(seq 1999))
printf 'a.txt\t%s尾\n   \n\t\n  # a note\r\nb.txt\r\n' "$long" >"$T/rd/list.txt"
run_bobao synth -q --rundown "$T/rd/list.txt" -o "$T/a.wav" --chapters "$T/a.json"
check "a 6000-byte title, blank, whitespace-only and CRLF lines: exit 0 ($err)" test "$status" = 0
check "two chapters, the long title whole" \
	perl -Mutf8 -MJSON::PP -e 'local $/; my $c = decode_json(<STDIN>)->{chapters};
		exit !(@$c == 2 && $c->[0]{title} eq ("长" x 1999) . "尾" && $c->[1]{title} =~ /明天/)' <"$T/a.json"

cd "$T/rd" || exit 1
printf 'a.txt\tA\nb.txt\n' | "$BOBAO" synth -q --rundown - -o "$T/stdin.wav" 2>"$T/.err"
rc=$?
check "--rundown -: standard input, paths from the current folder" \
	eval '[ $rc = 0 ] && "$AUDIOSTAT" --compare "$T/stdin.wav" "$T/a.wav" >/dev/null'
cd - >/dev/null || exit 1

bad() {   # bad DESCRIPTION EXPECTED-MESSAGE: list.txt fails, nothing written
	want="bobao: $T/rd/bad.txt:$2"
	run_bobao synth -q --rundown "$T/rd/bad.txt" -o "$T/bad.wav" --subtitles "$T/bad.vtt"
	check "$1: exit 65 '$2'" \
		eval '[ "$status" = 65 ] && [ "$err" = "$want" ] && [ ! -e "$T/bad.wav" ] && [ ! -e "$T/bad.vtt" ]'
}
{ printf 'a.txt\n'; head -c 70000 /dev/zero | tr '\0' x; printf '\n'; } >"$T/rd/bad.txt"
bad "a line over 64 KiB" "2: line longer than 65536 bytes"
printf 'a.txt\n\tTitle\n' >"$T/rd/bad.txt"
bad "a title without a path" "2: a title without a path (PATH<TAB>TITLE)"
printf 'a.txt\t\xb1\xea\xcc\xe2\n' >"$T/rd/bad.txt"
bad "a GBK title" "1:7: the title is not UTF-8"
printf '# nothing\n\n   \n' >"$T/rd/bad.txt"
run_bobao synth -q --rundown "$T/rd/bad.txt" -o "$T/bad.wav"
check "no articles: exit 65, named" \
	eval '[ "$status" = 65 ] && [ "$err" = "bobao: $T/rd/bad.txt: no articles in the rundown" ] && [ ! -e "$T/bad.wav" ]'
run_bobao synth -q --rundown "$T/rd" -o "$T/bad.wav"
check "a directory: exit 66, one line" \
	eval '[ "$status" = 66 ] && [[ $err == *"Is a directory"* ]] && [ "$(printf "%s\n" "$err" | wc -l)" = 1 ]'
run_bobao synth -q --rundown "$T/rd/missing.txt" -o "$T/bad.wav"
check "a missing rundown: exit 66" test "$status" = 66
printf 'a.txt\nmissing.txt\n' >"$T/rd/bad.txt"
run_bobao synth -q --rundown "$T/rd/bad.txt" -o "$T/bad.wav"
check "a missing article: exit 66 naming it, nothing written" \
	eval '[ "$status" = 66 ] && [[ $err == *"$T/rd/missing.txt"* ]] && [ ! -e "$T/bad.wav" ]'

done_testing

#!/usr/bin/env bash
# Two presenters and a music bed, measured in the audio: the pitch of each
# article's speech (audiostat --f0) alternates between two groups, the
# bed's level under speech and between items (audiostat --bed, the mix
# less the same bulletin without the bed) shows the ducking depth, its
# loop points do not click, and the pauses and loudness targets hold.
. "$(dirname "$0")/../lib.sh"

printf '%s\n' '北京市今天举行新闻发布会。会议介绍了城市交通的最新情况。' >"$T/a1.txt"
printf '%s\n' '上海的地铁线路又增加了一条。市民出行更加方便了。' >"$T/a2.txt"
printf '%s\n' '广州今年的夏天特别炎热。气象部门提醒大家注意防暑。' >"$T/a3.txt"
printf '%s\n' '深圳的科技企业发展很快。很多年轻人来这里工作。' >"$T/a4.txt"
ARTICLES=("$T/a1.txt" "$T/a2.txt" "$T/a3.txt" "$T/a4.txt")

# starts FILE.json: the chapters' start times, one a line, then the end
starts() {
	sed -n 's/.*"startTime": \([0-9.]*\).*/\1/p' "$1"
	stat_of "$2" seconds
}

# f0s AUDIO CHAPTERS: the median pitch of each article, one a line
f0s() {
	local a b
	starts "$2" "$1" | paste - <(starts "$2" "$1" | tail -n +2) | head -n -1 |
		while read -r a b; do "$AUDIOSTAT" --f0 "$1" "$a" "$b" | sed -n 's/^f0=//p'; done
}

# ---- two presenters ----
run_bobao synth --presenters '甲=+m3,乙=+f2' "${ARTICLES[@]}" -o "$T/two.wav" \
	--chapters "$T/two.json" --subtitles "$T/two.vtt" --report "$T/two-report.json" \
	--html "$T/two.html"
check "presenters: exit 0" test "$status" = 0
mapfile -t F < <(f0s "$T/two.wav" "$T/two.json")
echo "# median F0 by article: ${F[*]}"
check "presenters: four articles measured" test "${#F[@]}" = 4
# articles 1 and 3 by the first presenter, 2 and 4 by the second: the two
# groups apart by more than a third
check "presenters: the pitch alternates, two groups apart" awk -v a="${F[0]:-0}" \
	-v b="${F[1]:-0}" -v c="${F[2]:-0}" -v d="${F[3]:-0}" \
	'BEGIN { lo = a > c ? a : c; hi = b < d ? b : d; exit !(lo > 0 && hi > 1.33 * lo) }'
check "presenters: the subtitles name the reader of each cue" \
	test "$(grep -c '^<v 甲>' "$T/two.vtt") $(grep -c '^<v 乙>' "$T/two.vtt")" = "4 4"
check "presenters: the report lists who read each article" \
	grep -q '"readers": \["甲", "乙", "甲", "乙"\]' "$T/two-report.json"
check "presenters: the page names the reader of each article" \
	test "$(grep -c '<p class="reader">甲</p>' "$T/two.html") $(grep -c '<p class="reader">乙</p>' "$T/two.html")" = "2 2"

# one voice: the same pauses, to the millisecond, and one pitch group
run_bobao synth "${ARTICLES[@]}" -o "$T/one.wav" --chapters "$T/one.json"
mapfile -t G < <(f0s "$T/one.wav" "$T/one.json")
check "one voice: no two groups (${G[*]})" awk -v a="${G[0]:-0}" -v b="${G[1]:-0}" \
	'BEGIN { r = a / b; exit !(r > 0.85 && r < 1.18) }'
check "presenters: the pauses are the one voice's, each within 15 ms" \
	awk -v a="$(stat_of "$T/two.wav" gaps_ms 200 300)" -v b="$(stat_of "$T/one.wav" gaps_ms 200 300)" \
	'BEGIN { n = split(a, x, " "); m = split(b, y, " "); if (n != m || n < 7) exit 1
	         for (i = 1; i <= n; i++) { d = x[i] - y[i]; if (d < -15 || d > 15) exit 1 } }'

# the rundown's marks choose the presenter; the intro and the outro are
# read by both, a sentence each
printf '%s\t\t2\n%s\t\t2\n%s\n' "${ARTICLES[0]}" "${ARTICLES[1]}" "${ARTICLES[2]}" >"$T/rd.tsv"
run_bobao synth --presenters '+m3,+f2' --rundown "$T/rd.tsv" --intro '各位听众好。欢迎收听新闻。' \
	--outro '今天的新闻就是这些。再见。' -o "$T/rd.wav" --subtitles "$T/rd.vtt" --report "$T/rd.json"
check "rundown: exit 0" test "$status" = 0
check "rundown: marked items by the second presenter, the intro and outro by both" \
	grep -q '"readers": \["+m3", "+f2", "+f2", "+m3", "+m3"\]' "$T/rd.json"
check "rundown: the intro's two sentences by the two presenters" \
	test "$(sed -n 's/^<v \([^>]*\)>.*/\1/p' "$T/rd.vtt" | head -2 | tr '\n' ' ')" = "+m3 +f2 "

# ---- bad values ----
run_bobao synth --presenters '+m3' "$T/a1.txt" -o "$T/bad.wav"
check "one presenter: exit 64, nothing written" test "$status $(ls "$T"/bad* 2>/dev/null | wc -l)" = "64 0"
run_bobao synth --presenters '+m3,no-such-voice' "$T/a1.txt" -o "$T/bad.wav"
check "an unknown presenter voice: exit 64 naming it" \
	test "$status" = 64 -a -n "$(grep -F "no-such-voice" <<<"$err")"
printf '%s\t\tbde\n' "${ARTICLES[0]}" >"$T/bad.tsv"
run_bobao synth --rundown "$T/bad.tsv" -o "$T/bad.wav"
check "an unknown mark: exit 65 with file, line and column" \
	test "$status" = 65 -a -n "$(grep -F "bad.tsv:1:" <<<"$err" | grep -F "bde")"
run_bobao synth --bed-duck 50 "$T/a1.txt" -o "$T/bad.wav"
check "--bed-duck 50: exit 64" test "$status" = 64
run_bobao synth --bed "$T/none.wav" "$T/a1.txt" -o "$T/bad.wav"
check "a missing bed: exit 66, nothing written" test "$status $(ls "$T"/bad.wav 2>/dev/null | wc -l)" = "66 0"

# ---- the music bed ----
# two sines that do not fit the bed's length a whole number of times, so
# that a loop without a cross-fade steps
sox -n -r 22050 -c 1 "$T/bed.wav" synth 3.01 sine 221 sine 331 vol 0.3
printf '%s\t\tbed\n%s\t\tbed\n%s\n' "${ARTICLES[0]}" "${ARTICLES[1]}" "${ARTICLES[2]}" >"$T/bed.tsv"
run_bobao synth --rundown "$T/bed.tsv" --lead-out 1000 -o "$T/speech.wav"
for duck in 18 10; do
	run_bobao synth --rundown "$T/bed.tsv" --bed "$T/bed.wav" --bed-duck "$duck" --lead-out 1000 \
		-o "$T/bed$duck.wav"
	"$AUDIOSTAT" --bed "$T/bed$duck.wav" "$T/speech.wav" >"$T/bed$duck.txt"
	echo "# bed, --bed-duck $duck:" $(cat "$T/bed$duck.txt")
	got=$(sed -n 's/^duck_db=//p' "$T/bed$duck.txt")
	check "bed: ducked ${got:-?} dB under speech, within 2 dB of $duck" within "${got:-99}" "$duck" 2
done
check "bed: no step at a loop point (the largest under a tenth of its peak)" awk \
	-v s="$(sed -n 's/^step=//p' "$T/bed18.txt")" -v p="$(sed -n 's/^peak=//p' "$T/bed18.txt")" \
	'BEGIN { exit !(p > 1000 && s < 0.1 * p) }'
# the third item has no bed: the mix is the speech there
run_bobao synth --rundown "$T/bed.tsv" --bed "$T/bed.wav" --lead-out 1000 -o "$T/bedc.wav" \
	--chapters "$T/bedc.json"
third=$(sed -n 's/.*"startTime": \([0-9.]*\).*/\1/p' "$T/bedc.json" | sed -n 3p)
# only_before MIX SPEECH SECONDS: MIX differs from SPEECH before SECONDS and
# is the same, sample for sample, from there on
only_before() {
	python3 - "$@" <<'EOF'
import sys, wave, array
def pcm(p):
    w = wave.open(p)
    return array.array('h', w.readframes(w.getnframes())), w.getframerate()
(m, r), (s, _) = pcm(sys.argv[1]), pcm(sys.argv[2])
at = int(float(sys.argv[3]) * r)
sys.exit(0 if len(m) == len(s) and m[:at] != s[:at] and m[at:] == s[at:] else 1)
EOF
}
check "bed: under the marked items, faded out before the unmarked one" \
	only_before "$T/bedc.wav" "$T/speech.wav" "$third"
# no marks: under the intro only
run_bobao synth --intro '各位听众好。欢迎收听新闻。' --lead-out 1000 "${ARTICLES[@]:0:2}" \
	-o "$T/intro.wav" --chapters "$T/intro.json"
run_bobao synth --intro '各位听众好。欢迎收听新闻。' --lead-out 1000 "${ARTICLES[@]:0:2}" \
	--bed "$T/bed.wav" -o "$T/intro-bed.wav"
second=$(sed -n 's/.*"startTime": \([0-9.]*\).*/\1/p' "$T/intro.json" | sed -n 2p)
check "bed: without marks, under the intro, out before the first article" \
	only_before "$T/intro-bed.wav" "$T/intro.wav" "$second"

# loudness and true peak on the mix
run_bobao synth --rundown "$T/bed.tsv" --bed "$T/bed.wav" --presenters '+m3,+f2' \
	--loudness broadcast -o "$T/mix.flac" --report "$T/mix.json"
check "bed and presenters, broadcast: exit 0" test "$status" = 0
read -r lufs tp < <(ffmpeg -nostats -hide_banner -i "$T/mix.flac" -af ebur128=peak=true -f null - 2>&1 |
	awk '/I:/ { i = $2 } /Peak:/ { p = $2 } END { print i, p }')
echo "# mix: $lufs LUFS, $tp dBTP (ffmpeg ebur128)"
check "mix: -23 LUFS within 0.5 (ffmpeg)" within "${lufs:-0}" -23 0.5
check "mix: true peak at or under -1 dBTP (ffmpeg, 0.1 dB)" awk -v p="${tp:-0}" 'BEGIN { exit !(p <= -0.9) }'

# ---- bobao-broadcast: PRESENTERS, BED ----
mkdir -p "$T/day"
cp "${ARTICLES[@]}" "$T/day/"
env -i PATH=/usr/bin:/bin "$TESTS/../scripts/bobao-broadcast" --bobao "$BOBAO" \
	--as-run-log "$T/as-run.log" --lock-file "$T/lock" --work-dir "$T" --articles-dir "$T/day" \
	--presenters '+m3,+f2' --bed "$T/bed.wav" --bed-duck 12 --loudness off \
	--driver wav --driver-options "file=$T/aired.wav" </dev/null 2>"$T/bc.err"
rc=$?
check "broadcast with PRESENTERS and BED: exit 0" test "$rc" = 0
run_bobao synth --presenters '+m3,+f2' --bed "$T/bed.wav" --bed-duck 12 \
	"$T/day/a1.txt" "$T/day/a2.txt" "$T/day/a3.txt" "$T/day/a4.txt" -o "$T/same.wav"
check "broadcast: what aired is synth's bulletin with the bed and the two presenters" \
	"$AUDIOSTAT" --compare "$T/aired.wav" "$T/same.wav"

done_testing

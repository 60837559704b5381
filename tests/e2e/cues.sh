#!/usr/bin/env bash
# Subtitles, chapters and the report against the speech found in the audio
# itself, on long real text: every cue's start and end within 50 ms of where
# a run of speech starts and ends (amplitude > 64, runs split by gaps of at
# least 120 ms), and every run of speech inside a cue.  On the shared sample
# and on ten times it (one file), as WAV and as a resampled Opus file read
# back by libsndfile; chapters (JSON and Ogg) where their first cue starts;
# the report's duration the file's.  Ten times it as Opus takes minutes
# (resampling): it runs when BOBAO_TEST_LONG=1 (make check-long).
. "$(dirname "$0")/../lib.sh"

# ---- SubRip, strictly (issue 18, 24): a players' format with no leniency
# to rely on.  Blocks of "N", "HH:MM:SS,mmm --> HH:MM:SS,mmm" (a comma
# before the milliseconds, both times), the text, a blank line; N from 1
# up; the times those of the WebVTT subtitles of the same run. ----
printf '今天天气很好，我们去公园散步。\n明天有雨，气温下降到12度。\n\n第二段：晚上有风。\n' >"$T/srt.txt"
run_bobao synth -q -j 1 "$T/srt.txt" -o "$T/srt.wav" --subtitles "$T/srt.srt"
st_srt=$status
run_bobao synth -q -j 1 "$T/srt.txt" -o "$T/srt2.wav" --subtitles "$T/srt.vtt"
check "SubRip and WebVTT of one text rendered" eval '[ "$st_srt" = 0 ] && [ "$status" = 0 ]'
srt_bad=$(awk '
	BEGIN { want = "index"; n = 0 }
	{ sub(/\r$/, "") }
	want == "index" { if ($0 !~ /^[0-9]+$/ || $0 != n + 1) { print NR ": \"" $0 "\" is not cue " n + 1; exit } n++; want = "time"; next }
	want == "time" { if ($0 !~ /^[0-9][0-9]:[0-5][0-9]:[0-5][0-9],[0-9][0-9][0-9] --> [0-9][0-9]:[0-5][0-9]:[0-5][0-9],[0-9][0-9][0-9]$/) { print NR ": \"" $0 "\" is no SubRip timing"; exit } want = "text"; next }
	want == "text" { if ($0 == "") { print NR ": a cue without text"; exit } want = "more"; next }
	want == "more" { if ($0 == "") want = "index"; next }
	END { if (!n) print "no cues" }' "$T/srt.srt")
check "SubRip: numbered blocks, HH:MM:SS,mmm --> HH:MM:SS,mmm timings, text, blank lines${srt_bad:+ ($srt_bad)}" \
	test -z "$srt_bad"
check "SubRip: the timings of the WebVTT subtitles, with a comma" \
	eval 'diff <(grep -- " --> " "$T/srt.srt") <(grep -- " --> " "$T/srt.vtt" | tr . ,) >/dev/null'

[ -r "$SAMPLE" ] || { skip "cues on the sample" "no sample at $SAMPLE"; done_testing; exit; }
# sync AUDIO VTT: "" when every cue fits the speech, else what does not
sync() {
	"$AUDIOSTAT" "$1" 64 120 | sed -n 's/^runs_ms=//p' | tr ' ' '\n' | grep -- - | tr - ' ' >"$T/runs"
	grep -- "-->" "$2" | awk '{
		split($1, a, ":"); split($3, b, ":");
		printf "%.1f %.1f\n", (a[1] * 3600 + a[2] * 60 + a[3]) * 1000, (b[1] * 3600 + b[2] * 60 + b[3]) * 1000 }' >"$T/cues"
	awk -v tol=50 'NR == FNR { rs[NR] = $1; re[NR] = $2; n = NR; next }
		{ cs[FNR] = $1; ce[FNR] = $2; m = FNR }
		END {
			if (!n || !m) { print "no runs or no cues"; exit }
			for (c = 1; c <= m; c++) {
				ds = de = 1e9
				for (r = 1; r <= n; r++) {
					d = cs[c] - rs[r]; if (d < 0) d = -d; if (d < ds) ds = d
					d = ce[c] - re[r]; if (d < 0) d = -d; if (d < de) de = d
				}
				if (ds > worst) worst = ds
				if (de > worst) worst = de
				if (ds > tol) printf "cue %d starts %.0f ms from any onset; ", c, ds
				if (de > tol) printf "cue %d ends %.0f ms from any offset; ", c, de
			}
			for (r = 1; r <= n; r++) {
				inside = 0
				for (c = 1; c <= m && !inside; c++)
					inside = rs[r] >= cs[c] - tol && re[r] <= ce[c] + tol
				if (!inside) printf "speech %.0f-%.0f ms in no cue; ", rs[r], re[r]
			}
			printf "%.1f\n", worst > "/dev/stderr"
		}' "$T/runs" "$T/cues" || echo "cannot compare"
}

# cues NAME INPUT EXT [OPTIONS]: render, then check every cue
cues() {
	local name=$1 in=$2 ext=$3 t0 t1
	shift 3
	t0=$(date +%s.%N)
	run_bobao synth -q "$in" -o "$T/$name.$ext" --subtitles "$T/$name.vtt" "$@"
	t1=$(date +%s.%N)
	echo "# $name: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s to render"
	check "$name: rendered ($err)" test "$status" = 0
	bad=$(sync "$T/$name.$ext" "$T/$name.vtt" 2>"$T/worst")
	check "$name: $(grep -c -- "-->" "$T/$name.vtt") cues, each within 50 ms of its speech (at most $(cat "$T/worst") ms off)${bad:+: $bad}" \
		test -z "$bad"
}

# chapters_ok JSON VTT: every chapter where a cue starts (within 1.5 ms)
chapters_ok() {
	perl -MJSON::PP -e 'local $/; print "$_->{startTime}\n" for @{decode_json(<STDIN>)->{chapters}}' \
		<"$1" >"$T/chapters"
	grep -- "-->" "$2" | awk '{ split($1, a, ":"); printf "%.3f\n", a[1] * 3600 + a[2] * 60 + a[3] }' \
		>"$T/starts"
	[ -s "$T/chapters" ] && awk 'NR == FNR { s[NR] = $1; n = NR; next }
		{ ok = 0; for (i = 1; i <= n; i++) { d = $1 - s[i]; if (d < 0) d = -d; if (d <= 0.0015) ok = 1 }
		  if (!ok) exit 1 }' "$T/starts" "$T/chapters"
}

cues sample "$SAMPLE" wav --chapters "$T/sample.json" --report "$T/report.json"
dur=$(perl -MJSON::PP -e 'local $/; print decode_json(<STDIN>)->{duration_seconds}' <"$T/report.json")
check "sample: the report's duration_seconds is the file's length ($dur s)" \
	within "$dur" "$(stat_of "$T/sample.wav" seconds)" 0.002
cues sample-opus "$SAMPLE" opus --sample-rate 48000 --chapters "$T/sample-opus.json"
check "sample-opus: 48000 Hz read back" test "$(stat_of "$T/sample-opus.opus" rate)" = 48000
if command -v ffprobe >/dev/null; then
	check "sample-opus: the Ogg chapter (CHAPTER001, read by ffprobe) where the first cue starts" \
		eval 'chapters_ok "$T/sample-opus.json" "$T/sample-opus.vtt" &&
			within "$(ffprobe -v error -show_chapters -of csv=p=0 "$T/sample-opus.opus" | cut -d, -f4)" "$(cat "$T/chapters")" 0.0015'
else
	skip "Ogg chapters" "no ffprobe"
fi
# three articles: each chapter where its article's first cue and speech start
cues three "$EXAMPLES/bulletin.txt" wav --chapters "$T/three.json" "$SAMPLE" "$EXAMPLES/weather.txt"
check "three articles: three chapters, each where a cue starts" \
	eval 'chapters_ok "$T/three.json" "$T/three.vtt" && [ "$(wc -l <"$T/chapters")" = 3 ]'

for i in $(seq 10); do cat "$SAMPLE"; done >"$T/x10.txt"
cues x10 "$T/x10.txt" wav
if [ "${BOBAO_TEST_LONG:-}" = 1 ]; then
	cues x10-opus "$T/x10.txt" opus --sample-rate 48000
else
	skip "x10-opus: cues within 50 ms" "takes minutes; BOBAO_TEST_LONG=1 (make check-long)"
fi

done_testing

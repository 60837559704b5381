#!/usr/bin/env bash
# Broadcast-ready files: every format read back by libsndfile and by an
# independent decoder (ffmpeg); loudness and true peak measured by ffmpeg's
# own EBU R128 meter; Chinese tags round-tripped; subtitle cues against the
# speech found in the samples; chapters and report parsed as JSON.
. "$(dirname "$0")/../lib.sh"

in1="$EXAMPLES/bulletin.txt"
in2="$EXAMPLES/weather.txt"
# pauses longer than eSpeak NG's own, so that speech runs are sentences
PAUSES=(--breath-pause 420 --sentence-pause 600 --paragraph-pause 900 --article-pause 1300)

command -v ffmpeg >/dev/null || { skip "broadcast tests" "no ffmpeg"; done_testing; exit; }

# ffmeter FILE [dualmono]: "LUFS PEAK" by ffmpeg's ebur128 filter
ffmeter() {
	ffmpeg -hide_banner -nostats -i "$1" -af "ebur128=peak=true:dualmono=${2:-false}" \
		-f null - 2>&1 | awk '/^ +I:/ { i = $2 } /^ +Peak:/ { p = $2 } END { print i, p }'
}
# fftag FILE KEY: a tag as ffprobe reads it
fftag() {
	ffprobe -v error -show_entries format_tags="$2":stream_tags="$2" -of default=nw=1:nk=1 "$1" |
		head -1
}
ffrate() {
	ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of default=nw=1:nk=1 "$1"
}

"$BOBAO" synth -q "${PAUSES[@]}" "$in1" "$in2" -o "$T/ref.wav"
"$BOBAO" synth -q "$in1" "$in2" -o "$T/ref-plain.wav"
ref=$(stat_of "$T/ref.wav" seconds)

TAGS=(--title "公交新闻" --artist "播报台" --album "早间新闻" --date 2026-11-27 --comment "测试说明")
for fmt in wav ogg opus flac mp3; do
	run_bobao synth "${PAUSES[@]}" "${TAGS[@]}" "$in1" "$in2" -o "$T/b.$fmt"
	check "$fmt: written" test "$status" = 0
	rate=22050
	[ "$fmt" = opus ] && rate=48000
	check "$fmt: libsndfile reads $rate Hz mono" \
		eval '[ "$(stat_of "$T/b.$fmt" rate)" = $rate ] && [ "$(stat_of "$T/b.$fmt" channels)" = 1 ]'
	check "$fmt: ffmpeg decodes it at $rate Hz" test "$(ffrate "$T/b.$fmt")" = "$rate"
	check "$fmt: as long as the WAV (within 0.1 s)" within "$(stat_of "$T/b.$fmt" seconds)" "$ref" 0.1
	check "$fmt: Chinese title, artist and album read back by ffprobe" \
		eval '[ "$(fftag "$T/b.$fmt" title)" = 公交新闻 ] && [ "$(fftag "$T/b.$fmt" artist)" = 播报台 ] && [ "$(fftag "$T/b.$fmt" album)" = 早间新闻 ]'
done
"$AUDIOSTAT" --tags "$T/b.flac" >"$T/tags"
check "flac: libsndfile reads the Chinese title too" grep -qx "title=公交新闻" "$T/tags"
check "mp3: ID3v2.4 tag" \
	test "$(head -c 4 "$T/b.mp3" | od -An -tx1 | tr -d ' \n')" = 49443304
run_bobao synth --sample-rate 44100 "$in2" -o "$T/r44.wav"
check "--sample-rate 44100: resampled, same length" \
	eval '[ "$(stat_of "$T/r44.wav" rate)" = 44100 ] && within "$(stat_of "$T/r44.wav" seconds)" "$(stat_of "$T/ref.wav" seconds | head -1)" 200'
run_bobao synth --sample-rate 44100 "$in2" -o "$T/bad.opus"
check "--sample-rate Opus does not take: exit 64, nothing written" \
	eval '[ "$status" = 64 ] && [ ! -e "$T/bad.opus" ] && [[ $err == *48000* ]]'
run_bobao synth --quality 0.1 "$in2" -o "$T/q1.ogg"
run_bobao synth --quality 0.9 "$in2" -o "$T/q9.ogg"
check "--quality changes the size" \
	test "$(stat -c %s "$T/q1.ogg")" -lt "$(stat -c %s "$T/q9.ogg")"
# --bitrate, read back by ffprobe: MP3 is constant, Opus averages near it
for k in 32 96; do
	run_bobao synth --bitrate $k "$in2" -o "$T/b$k.mp3"
	check "--bitrate $k: an MP3 at $k kbit/s" \
		eval '[ "$(ffprobe -v error -show_entries stream=bit_rate -of csv=p=0 "$T/b$k.mp3")" = ${k}000 ]'
done
run_bobao synth --bitrate 128 --sample-rate 44100 "$in2" -o "$T/b128.mp3"
check "--bitrate 128 at 44100 Hz: MPEG-1's range" \
	eval '[ "$(ffprobe -v error -show_entries stream=bit_rate -of csv=p=0 "$T/b128.mp3")" = 128000 ]'
for k in 16 128; do   # the default is near 60
	run_bobao synth --bitrate $k "$in2" -o "$T/b$k.opus"
	br=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$T/b$k.opus")
	check "--bitrate $k: an Opus file near $k kbit/s ($br)" within "$br" ${k}000 $((k * 250))
done
run_bobao synth --bitrate 200 "$in2" -o "$T/x.mp3"
check "--bitrate over MP3's range at 22050 Hz: exit 64 naming it, nothing written" \
	eval '[ "$status" = 64 ] && [[ $err == *"8 to 160"* ]] && [ ! -e "$T/x.mp3" ]'
run_bobao synth --bitrate 64 "$in2" -o "$T/x.ogg"
check "--bitrate for Vorbis: exit 64 pointing to --quality, nothing written" \
	eval '[ "$status" = 64 ] && [[ $err == *--quality* ]] && [ ! -e "$T/x.ogg" ]'

# loudness, measured independently
for case in "broadcast wav -23 false" "broadcast ogg -23 false" "podcast mp3 -16 true" \
	"pa wav -14 false" "pa opus -14 false" "-20 flac -20 false"; do
	set -- $case
	run_bobao synth --loudness="$1" "$in1" "$in2" -o "$T/l.$2" --report "$T/l.$2.json"
	read -r lufs peak < <(ffmeter "$T/l.$2" "$4")
	check "--loudness $1 $2: $lufs LUFS by ffmpeg, within 0.5 of $3" within "$lufs" "$3" 0.5
	check "--loudness $1 $2: true peak $peak dBTP, at most -1" \
		awk -v p="$peak" 'BEGIN { exit !(p <= -1.0) }'
	# the report says what the file holds, decoded (a lossy codec moves the
	# peaks: the figures before encoding were 0.3 dB off)
	rl=$(sed -n 's/.*"integrated_lufs": \(-*[0-9.]*\).*/\1/p' "$T/l.$2.json")
	rp=$(sed -n 's/.*"true_peak_dbtp": \(-*[0-9.]*\).*/\1/p' "$T/l.$2.json")
	check "--loudness $1 $2: the report's $rl LUFS, $rp dBTP are ffmpeg's (within 0.2)" \
		eval 'within "$rl" "$lufs" 0.2 && within "$rp" "$peak" 0.2'
done
run_bobao synth --loudness loud "$in2" -o "$T/x.wav"
check "unknown --loudness: exit 64" test "$status" = 64

# subtitles and chapters
run_bobao synth "${PAUSES[@]}" "$in1" "$in2" -o "$T/s.wav" --subtitles "$T/s.vtt" \
	--chapters "$T/s.json" --report "$T/s-report.json"
check "subtitles, chapters, report: written" eval '[ "$status" = 0 ] && [ -s "$T/s.vtt" ] && [ -s "$T/s.json" ]'
check "vtt: WEBVTT, one cue per sentence" \
	eval '[ "$(head -1 "$T/s.vtt")" = WEBVTT ] && [ "$(grep -c -- "-->" "$T/s.vtt")" = "$("$BOBAO" segment "$in1" "$in2" | wc -l)" ]'
check "vtt: the cues hold the text as written (traditional characters)" \
	grep -q "^據介紹，新線路全長約46公里" "$T/s.vtt"
# each cue starts and ends within 50 ms of a run of speech in the samples
"$AUDIOSTAT" "$T/s.wav" 200 300 | sed -n 's/^runs_ms=//p' | tr ' ' '\n' | sed '/^$/d' >"$T/runs"
grep -- "-->" "$T/s.vtt" | awk '{
	split($1, a, ":"); split($3, b, ":");
	printf "%.1f %.1f\n", (a[1] * 3600 + a[2] * 60 + a[3]) * 1000, (b[1] * 3600 + b[2] * 60 + b[3]) * 1000 }' >"$T/cues"
bad=$(awk 'NR == FNR { split($1, r, "-"); s[NR] = r[1]; e[NR] = r[2]; n = NR; next }
	{ ok = 0; for (i = 1; i <= n; i++) {
		ds = $1 - s[i]; if (ds < 0) ds = -ds;
		if (ds <= 50) { for (j = i; j <= n; j++) { de = $2 - e[j]; if (de < 0) de = -de; if (de <= 50) ok = 1 } }
	  } if (!ok) print }' "$T/runs" "$T/cues")
check "vtt: every cue within 50 ms of where its speech starts and ends" test -z "$bad"
check "chapters: JSON, one chapter per article" \
	perl -Mutf8 -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); exit !(@{$j->{chapters}} == 2 && $j->{chapters}[0]{startTime} > 0 && $j->{chapters}[1]{title} =~ /天气预报/)' <"$T/s.json"
check "report: JSON with the duration of the file" \
	perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); exit !(abs($j->{duration_seconds} - $ARGV[0]) < 0.01 && $j->{articles} == 2 && $j->{sentences} == 12)' \
	"$(stat_of "$T/s.wav" seconds)" <"$T/s-report.json"
# the Ogg and Opus files of the loudness cases above (through both passes)
for fmt in ogg opus; do
	chapters=$(ffprobe -v error -show_chapters -of csv=p=0 "$T/l.$fmt" | cut -d, -f4 | xargs)
	check "$fmt: CHAPTER comments: a chapter per article, where speech starts ($chapters)" \
		eval '[ "$(wc -w <<<"$chapters")" = 2 ] && within "${chapters%% *}" 0.3 0.01'
	check "$fmt: still read by libsndfile, all of it" \
		within "$(stat_of "$T/l.$fmt" seconds)" "$(stat_of "$T/ref-plain.wav" seconds)" 0.1
done
check "ogg: the chapter names the article by its first sentence" \
	eval 'ffprobe -v error -show_chapters "$T/l.ogg" | grep -q "TAG:title=下面是天气预报。"'
run_bobao synth "$in2" -o "$T/x.wav" --subtitles "$T/x.txt"
check "unknown subtitle format: exit 64, nothing written" \
	eval '[ "$status" = 64 ] && [ ! -e "$T/x.wav" ] && [ ! -e "$T/x.txt" ]'
printf 'bad \xff\n' >"$T/bad.txt"
run_bobao synth "$T/bad.txt" -o "$T/y.wav" --subtitles "$T/y.srt" --report "$T/y.json"
check "a failed render leaves no subtitles or report" \
	eval '[ "$status" = 65 ] && [ ! -e "$T/y.srt" ] && [ ! -e "$T/y.json" ] && [ -z "$(ls -A "$T" | grep "^\.y")" ]'

# live playback: a running estimate of loudness
run_bobao play --loudness broadcast --driver wav --driver-option "file=$T/live.wav" "$in1" "$in2"
read -r lufs peak < <(ffmeter "$T/live.wav")
check "play --loudness broadcast: $lufs LUFS by ffmpeg, within 1 of -23" within "$lufs" -23 1
check "play --loudness broadcast: true peak $peak, at most -1" \
	awk -v p="$peak" 'BEGIN { exit !(p <= -1.0) }'
# an audio file played with --loudness: measured whole, then corrected
run_bobao play -v --loudness pa --driver wav --driver-option "file=$T/pf.wav" "$T/ref-plain.wav"
read -r lufs peak < <(ffmeter "$T/pf.wav")
check "play FILE --loudness pa: $lufs LUFS by ffmpeg, within 0.5 of -14" within "$lufs" -14 0.5
check "play FILE --loudness pa: true peak $peak, at most -1" \
	awk -v p="$peak" 'BEGIN { exit !(p <= -1.0) }'
check "play FILE --loudness pa: all of it, and -v says so" \
	eval 'within "$(stat_of "$T/pf.wav" seconds)" "$(stat_of "$T/ref-plain.wav" seconds)" 0.01 && [[ $err == *"ref-plain.wav: $(printf %.1f "$(stat_of "$T/ref-plain.wav" seconds)") s ("*" played, -14."*" LUFS"* ]]'
sox -q "$T/ref-plain.wav" -c 2 "$T/stereo.wav"
run_bobao play --loudness pa --driver wav --driver-option "file=$T/ps.wav" "$T/stereo.wav"
check "play FILE --loudness with a stereo file: refused with a reason" \
	eval '[ "$status" != 0 ] && [[ $err == *"mono files only"* ]]'

# a programme: jingles, intro, headline, articles, outro
sox -n -r 44100 -c 2 "$T/jingle.wav" synth 2 sine 440 sine 660 vol 0.5 2>/dev/null ||
	ffmpeg -v error -f lavfi -i "sine=f=440:d=2" -ac 2 -ar 44100 "$T/jingle.wav"
printf '# 今日头条\n这是正文的第一句。第二句。\n' >"$T/head.txt"
run_bobao synth --intro "今天是{date}，{weekday}，下面播报新闻。" --outro "播报完毕。" \
	--date 2026-11-27 --jingle-before "$T/jingle.wav" --jingle-between "$T/jingle.wav" \
	--jingle-after "$T/jingle.wav" --article-pause 1300 --sentence-pause 600 \
	--paragraph-pause 900 --headline-pause 1500 --lead-in 300 \
	"$T/head.txt" "$in2" -o "$T/prog.wav" --subtitles "$T/prog.vtt" --chapters "$T/prog.json"
check "programme: written" test "$status" = 0
gaps=$("$AUDIOSTAT" "$T/prog.wav" 200 300 | sed -n 's/^gaps_ms=//p' | xargs)
check "programme: jingle, intro, jingle, headline, its pause, articles, outro, jingle ($gaps)" \
	test "$gaps" = "1300.0 1300.0 1300.0 1500.0 600.0 1300.0 1300.0 900.0 600.0 1300.0 1300.0 1300.0"
runs=$("$AUDIOSTAT" "$T/prog.wav" 200 300 | sed -n 's/^runs_ms=//p' | xargs)
first=${runs%% *}
check "programme: the jingle resampled from 44.1 kHz lasts its 2 s ($first)" \
	awk -v r="$first" 'BEGIN { split(r, a, "-"); d = a[2] - a[1]; exit !(d > 1950 && d < 2010) }'
check "programme: the intro says the date and the day" \
	grep -q "今天是2026年11月27日，星期五，下面播报新闻。" "$T/prog.vtt"
check "programme: the headline is a cue without its marker" grep -qx "今日头条" "$T/prog.vtt"
check "programme: a chapter for the intro, each article and the outro" \
	perl -MJSON::PP -e 'local $/; exit !(@{decode_json(<STDIN>)->{chapters}} == 4)' <"$T/prog.json"
mkdir "$T/rd"
cp "$in1" "$in2" "$T/rd/"
printf '# the day\nbulletin.txt\t交通新闻\n\nweather.txt\n' >"$T/rd/rundown.txt"
run_bobao synth --rundown "$T/rd/rundown.txt" -o "$T/rd.wav" --chapters "$T/rd.json"
check "--rundown: articles from the file, paths beside it" \
	"$AUDIOSTAT" --compare "$T/rd.wav" "$T/ref-plain.wav"
check "--rundown: titles name the chapters, the first sentence otherwise" \
	perl -Mutf8 -MJSON::PP -e 'local $/; my $c = decode_json(<STDIN>)->{chapters}; exit !($c->[0]{title} eq "交通新闻" && $c->[1]{title} =~ /天气预报/)' <"$T/rd.json"
run_bobao synth --rundown "$T/rd/rundown.txt" "$in1" -o "$T/rd2.wav"
check "--rundown and files both: exit 64" test "$status" = 64
run_bobao synth --jingle-between "$T/missing.wav" "$in1" "$in2" -o "$T/z.wav"
check "a missing jingle: exit 66, nothing written" eval '[ "$status" = 66 ] && [ ! -e "$T/z.wav" ]'

done_testing

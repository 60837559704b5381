#!/usr/bin/env bash
# The text front end through the tool: segment, pinyin and phonemes on the
# examples, on small inputs, and on the shared sample when it is there.
. "$(dirname "$0")/../lib.sh"

# \p{sc=Han}: the script itself (\p{Han} also matches 、 and 。)
# none REGEX: no line of standard input matches.
none() { perl -CSD -ne "exit 1 if /$1/"; }
han_count() { perl -CSD -ne '$n += () = /\p{sc=Han}/g; END { print $n + 0 }'; }
syllables() { tr ' ' '\n' | grep -cE '^[a-z]+[1-5][,.?]?$'; }

# ---- examples ----
run_bobao segment "$EXAMPLES/bulletin.txt"
check "segment: exit 0" test "$status" = 0
check "segment: 9 sentences in the bulletin" test "$(wc -l <<<"$out")" = 9
check "segment: no annotation left" eval '! grep -qE "\((q|d|t)" <<<"$out"'
check "segment: no ASCII comma or semicolon next to Han" \
	none '\p{sc=Han}[,;]|[,;]\p{sc=Han}' <<<"$out"
check "segment: the byline '?' became spaces" \
	eval 'grep -qx "（記者 王曉明 李靜）" <<<"$out"'
check "segment: ASCII quotes became Chinese ones" eval 'grep -q "“智慧公交”" <<<"$out"'

run_bobao segment --units "$EXAMPLES/bulletin.txt" "$EXAMPLES/weather.txt"
kinds=$(cut -f1 <<<"$out" | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')
check "units: one start, one article, breath groups present ($kinds)" \
	eval '[[ $kinds == *article=1* && $kinds == *start=1* && $kinds == *breath=* ]]'
check "units: paragraphs split by single newlines and blank lines" \
	eval '[[ $kinds == *paragraph=4* ]]'

run_bobao pinyin "$EXAMPLES/bulletin.txt"
check "pinyin: annotations give the reading" \
	eval 'grep -q "qiang2 diao4" <<<"$out" && grep -q "tiao2 zheng3" <<<"$out" && grep -q "gao1 xin1 qu1" <<<"$out"'
check "pinyin: numbers read in Chinese" \
	eval 'grep -q "shi2 yi1 yue4 er4 shi2 wu3 ri4" <<<"$out" && grep -q "bai3 fen1 zhi1 shi2 er4 dian3 wu3" <<<"$out"'
check "pinyin: the acronym is spelled for the Latin voice" eval 'grep -q " A.P.P " <<<"$out"'
check "pinyin: no tone marks, no Han, no digits outside syllables" \
	none '\p{sc=Han}|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]|\b\d' <<<"$out"

printf '第一句。\n\n第三句有两个字。第二句。\n' >"$T/lines.txt"
run_bobao pinyin --per-line "$T/lines.txt"
check "--per-line: one output line per input line, blank included" \
	eval '[ "$(printf "%s\n" "$out" | wc -l)" = 3 ] && [ -z "$(sed -n 2p <<<"$out")" ]'
check "--per-line: a line's sentences stay on its line" \
	test "$(sed -n 3p <<<"$out")" = "di4 san1 ju4 you3 liang3 ge4 zi4. di4 er4 ju4."
printf '区(qū)域发展\n' | { "$BOBAO" pinyin >"$T/p.out"; echo $? >"$T/p.rc"; }
check "pinyin reads standard input" test "$(cat "$T/p.out")" = "qu1 yu4 fa1 zhan3"

run_bobao phonemes "$EXAMPLES/bulletin.txt" "$EXAMPLES/weather.txt"
check "phonemes: exit 0, one line per sentence" \
	eval '[ "$status" = 0 ] && [ "$(wc -l <<<"$out")" = 12 ]'
check "phonemes: Chinese is read as Mandarin, never '(en)'" eval '! grep -q "(en)" <<<"$out"'

# ---- encodings ----
utf8="$T/enc.txt"
printf '氣象台預計，明天多雲，最高氣溫15度。\n銀行行長說：“調整利率。”\n' >"$utf8"
iconv -f UTF-8 -t GB18030 "$utf8" >"$T/enc.gb"
iconv -f UTF-8 -t BIG5 "$utf8" >"$T/enc.big5"
iconv -f UTF-8 -t GB18030 "$EXAMPLES/weather.txt" >"$T/weather.gb"
want=$("$BOBAO" segment "$utf8")
run_bobao segment "$T/enc.gb"
check "GB18030 file read by auto-detection" test "$out" = "$want"
run_bobao segment "$T/enc.big5"
check "Big5 file read by auto-detection" test "$out" = "$want"
run_bobao segment "$T/weather.gb"
check "GB18030 simplified text read by auto-detection" \
	test "$out" = "$("$BOBAO" segment "$EXAMPLES/weather.txt")"
run_bobao_in "$T/weather.gb" pinyin
check "GB18030 on standard input" test "$out" = "$("$BOBAO" pinyin "$EXAMPLES/weather.txt")"
run_bobao segment --encoding big5 "$T/enc.big5"
check "--encoding big5" test "$out" = "$want"
run_bobao segment --encoding utf-8 "$T/enc.gb"
check "--encoding utf-8 on GB18030: exit 65 with the position" \
	eval '[ "$status" = 65 ] && [[ $err == *enc.gb:1:*UTF-8* ]]'
run_bobao segment --encoding klingon "$utf8"
check "unknown encoding: exit 64" test "$status" = 64

# ---- proofreading and lexicons ----
run_bobao pinyin --annotate "$EXAMPLES/bulletin.txt"
check "--annotate: each Han character followed by its reading" \
	eval 'grep -q "^11月(yue4)25日(ri4)，市(shi4)" <<<"$out"'
printf '%s\n' "$out" >"$T/annotated.txt"
check "--annotate output read back gives the same pinyin" \
	test "$("$BOBAO" pinyin "$T/annotated.txt")" = "$("$BOBAO" pinyin "$EXAMPLES/bulletin.txt")"
sed 's/行(xing2)/行(hang2)/' "$T/annotated.txt" >"$T/corrected.txt"
check "a corrected annotation is read as corrected" \
	eval '"$BOBAO" pinyin "$T/corrected.txt" | grep -q "shi4 yun4 hang2"'
printf '乾洋新材料和李邑飞\n' >"$T/names.txt"
printf '# names in the news\n乾洋\tqián yáng\n李邑飞\tli3 yi4 fei1\n' >"$T/names.tsv"
run_bobao pinyin --lexicon "$T/names.tsv" "$T/names.txt"
check "--lexicon: names read as listed" \
	test "$out" = "qian2 yang2 xin1 cai2 liao4 he2 li3 yi4 fei1"
printf '傳統 传统 [chuan2 tong3] /tradition/\n新材料 新材料 [xin1 cai2 liao4] /x/\n' >"$T/cedict.txt"
run_bobao pinyin --lexicon "$T/cedict.txt" --lexicon "$T/names.tsv" "$T/names.txt"
check "--lexicon: CC-CEDICT lines and several files" test "$status" = 0
printf '好\thao3\n坏人\thuai4\n' >"$T/bad.tsv"
run_bobao pinyin --lexicon "$T/bad.tsv" "$T/names.txt"
check "--lexicon with a bad line: exit 65, FILE:LINE" \
	eval '[ "$status" = 65 ] && [[ $err == *bad.tsv:2:* ]]'
run_bobao synth --lexicon "$T/missing.tsv" "$T/names.txt" -o "$T/x.wav"
check "--lexicon missing: exit 66, nothing written" \
	eval '[ "$status" = 66 ] && [ ! -e "$T/x.wav" ]'

# ---- the shared sample ----
if [ -r "$SAMPLE" ]; then
	run_bobao segment "$SAMPLE"
	check "sample: 13 sentences (11 。, one ；, the byline)" test "$(wc -l <<<"$out")" = 13
	check "sample: no pinyin annotation left" \
		none '[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|\([a-z]' <<<"$out"
	check "sample: no '?' and no ASCII punctuation next to Han" \
		none '[?？]|\p{sc=Han}[,;()]|[,;()]\p{sc=Han}' <<<"$out"
	check "sample: byline is names, not a question" \
		eval 'grep -qx "（記者 馬曉芳 陳瑤）" <<<"$out"'
	run_bobao segment --units "$SAMPLE"
	check "sample: the 200-character sentence is cut into breath groups" \
		eval '[ "$(grep -c "^breath" <<<"$out")" -ge 4 ]'
	longest=$(cut -f2 <<<"$out" | perl -CSD -ne '$n = () = /\p{sc=Han}/g; $m = $n if $n > $m; END { print $m }')
	check "sample: no unit over 60 Han characters (longest $longest)" test "$longest" -le 60
	# every Han character is one syllable: lines 2.. have no digits
	"$BOBAO" segment "$SAMPLE" | tail -n +2 >"$T/s.txt"
	"$BOBAO" pinyin "$SAMPLE" | tail -n +2 >"$T/p.txt"
	check "sample: one syllable per Han character" \
		test "$(han_count <"$T/s.txt")" = "$(syllables <"$T/p.txt")"
	run_bobao phonemes "$SAMPLE"
	check "sample: phonemes never switch to English" \
		eval '[ "$status" = 0 ] && ! grep -q "(en)" <<<"$out"'
else
	skip "shared sample" "not found at $SAMPLE"
fi

done_testing

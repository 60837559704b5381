#!/usr/bin/env bash
# What the engines receive for acronyms, codes, surnames and place names
# (issue 17, parts 3 and 4): the English voice spells an acronym that it
# would say as a word (WHO), and the pinyin voice gets the readings of
# tests/unit/test_codes.c and test_names.c through the real CLI.
. "$(dirname "$0")/../lib.sh"

printf '世卫组织WHO发布报告。\n他住进了ICU。\nNASA发射了火箭。\n' >"$T/acronyms.txt"
run_bobao pinyin --per-line "$T/acronyms.txt"
check "pinyin: WHO and ICU spelled for the Latin voice, NASA kept" \
	test "$out" = "shi4 wei4 zu3 zhi1 W.H.O fa1 bu4 bao4 gao4.
ta1 zhu4 jin4 le5 I.C.U.
NASA fa1 she4 le5 huo3 jian4."
run_bobao phonemes "$T/acronyms.txt"
# eSpeak NG's English: W is d'Vb@Lju:, "who" alone would be h'u:
check "phonemes: the English voice says W, H, O, not 'who'" \
	eval 'grep -q "d,Vb@Lj,u:,eItS.oU" <<<"$out" && ! grep -q "h.u:[^,]" <<<"$(head -1 <<<"$out")"'
check "phonemes: the English voice says I, C, U, not 'icu'" \
	eval 'grep -q ",aIs,i:j.u:" <<<"$out"'
check "phonemes: no '(en)' inside Mandarin" eval '! grep -q "(en)" <<<"$out"'

printf '山西洪洞县的单老师和记者解某。\n' >"$T/names.txt"
run_bobao pinyin "$T/names.txt"
check "pinyin: place name and surnames" \
	test "$out" = "shan1 xi1 hong2 tong2 xian4 de5 shan4 lao3 shi1 he2 ji4 zhe3 xie4 mou3."

done_testing

/* test_codes.c - acronyms, symbols and codes as a newsreader says them
 * (issue 17, part 3).  One row: a sentence, what is spoken or read, why. */
#include "unit.h"
#include "front.h"

/* What the engines are given: pinyin for the pinyin voice, and the Latin
 * runs as sent to the English voice (W.H.O is spelled by it). */
static const struct row code_rows[] = {
	{ "世卫组织WHO发布报告。", "shi4 wei4 zu3 zhi1 W.H.O fa1 bu4 bao4 gao4.",
	  "WHO spelled, not the word who" },
	{ "这家公司IPO了。", "zhe4 jia1 gong1 si1 I.P.O le5.", "IPO spelled" },
	{ "他住进了ICU。", "ta1 zhu4 jin4 le5 I.C.U.", "ICU spelled" },
	{ "CBD地区", "C.B.D di4 qu1", "CBD spelled" },
	{ "NASA发射了火箭。", "NASA fa1 she4 le5 huo3 jian4.", "NASA said as a word" },
	{ "OPEC决定减产。", "OPEC jue2 ding4 jian3 chan3.", "OPEC said as a word" },
	{ "iPhone很贵。", "iPhone hen3 gui4.", "a mixed-case word left alone" },
	{ "航班CA981起飞。", "hang2 ban1 C.A jiu3 ba1 yao1 qi3 fei1.",
	  "a flight: letters spelled, digits one by one" },
	{ "高铁G1234次。", "gao1 tie3 G yao1 er4 san1 si4 ci4.", "a train number" },
	{ "5A级景区。", "wu3 A ji2 jing3 qu1.", "a grade" },
	{ "U23亚洲杯。", "U er4 shi2 san1 ya4 zhou1 bei1.", "an age group: U 二十三" },
	{ "R&D部门。", "R&D bu4 men2.", "& inside a name, said by the Latin voice" },
	{ "男子4×400米接力。", "nan2 zi3 si4 cheng2 si4 bai3 mi3 jie1 li4.", "× 乘" },
	{ "互联网+教育。", "hu4 lian2 wang3 jia1 jiao4 yu4.", "+ joining words: 加" },
	{ "比例为3∶1。", "bi3 li4 wei2 san1 bi3 yi1.", "the ratio colon U+2236" },
	{ "价格为12元/公斤。", "jia4 ge2 wei2 shi2 er4 yuan2 mei3 gong1 jin1.", "/ in a rate: 每" },
	{ "浓度为0.5毫克/升。", "nong2 du4 wei2 ling2 dian3 wu3 hao2 ke4 mei3 sheng1.", "毫克/升" },
	{ "风速5m/s。", "feng1 su4 wu3 mi3 mei3 miao3.", "m/s 米每秒" },
	{ "2024年1月1日—2024年1月5日。",
	  "er4 ling2 er4 si4 nian2 yi1 yue4 yi1 ri4 zhi4 er4 ling2 er4 si4 nian2 yi1 yue4 wu3 ri4.",
	  "— between two dates: 至" },
	{ "9:00～11:00。", "jiu3 dian3 dao4 shi2 yi1 dian3.", "～ between two times: 到" },
	{ "他是No.1选手。", "ta1 shi4 di4 yi1 xuan3 shou3.", "No. before a number: 第" },
	{ "邮编100010。", "you2 bian1 yao1 ling2 ling2 ling2 yao1 ling2.", "a postcode digit by digit" },
	{ "账号62220201。", "zhang4 hao4 liu4 er4 er4 er4 ling2 er4 ling2 yao1.",
	  "an account number digit by digit" },
	{ "版本3.12.1发布。", "ban3 ben3 san1 dian3 yi1 er4 dian3 yi1 fa1 bu4.",
	  "a version with two dots" },
	{ "他以10秒05夺冠。", "ta1 yi3 shi2 miao3 ling2 wu3 duo2 guan4.", "hundredths after 秒" },
	{ "她跳出8米21。", "ta1 tiao4 chu1 ba1 mi3 er4 yi1.", "centimetres after 米" },
	{ "长5米20厘米。", "chang2 wu3 mi3 er4 shi2 li2 mi3.", "a length of two units stays a number" },
	{ "他跑了100米20次。", "ta1 pao3 le5 yi4 bai3 mi3 er4 shi2 ci4.", "a count after 米 stays a number" },
	{ "比赛将于20:15开赛。", "bi3 sai4 jiang1 yu2 er4 shi2 dian3 shi2 wu3 fen1 kai1 sai4.",
	  "a clock time: 于 and 开赛 govern it, not 比赛" },
	{ "决赛定于20:15开赛。", "jue2 sai4 ding4 yu2 er4 shi2 dian3 shi2 wu3 fen1 kai1 sai4.",
	  "a clock time" },
	{ "比赛以3:1结束。", "bi3 sai4 yi3 san1 bi3 yi1 jie2 shu4.", "a score stays a score" },
};

static void test_codes(void **state)
{
	(void)state;
	check_rows(code_rows, ARRAY_SIZE(code_rows), offsetof(struct front, speech));
}

static void test_latin_spans(void **state)
{
	struct front f;

	(void)state;
	front("世卫组织WHO和NASA", &f);
	assert_string_equal(f.spans, "M:shi4 wei4 zu3 zhi1 L:W.H.O M:he2 L:NASA");
	front("Node.js", &f);
	assert_string_equal(f.spans, "L:Node. js");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_latin_spans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

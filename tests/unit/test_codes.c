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
	/* from the untuned news set of issue 17 (b3) */
	{ "福建队以2-0战胜澳门队。", "fu2 jian4 dui4 yi3 er4 bi3 ling2 zhan4 sheng4 ao4 men2 dui4.",
	  "a dash score before 战胜: 比" },
	{ "将比分改写为1-0。", "jiang1 bi3 fen1 gai3 xie3 wei2 yi1 bi3 ling2.",
	  "a dash score after 比分: 比" },
	{ "福建队虽0-1惜败。", "fu2 jian4 dui4 sui1 ling2 bi3 yi1 xi1 bai4.", "0-1惜败" },
	{ "年龄在18-35岁之间。", "nian2 ling2 zai4 shi2 ba1 dao4 san1 shi2 wu3 sui4 zhi1 jian1.",
	  "a range stays a range" },
	{ "小组赛2胜1负。", "xiao3 zu3 sai4 liang3 sheng4 yi2 fu4.", "两胜一负" },
	{ "下午2时50分发出警告。", "xia4 wu3 liang3 shi2 wu3 shi2 fen1 fa1 chu1 jing3 gao4.",
	  "两时 on the clock" },
	{ "下午2時50分發出警告。", "xia4 wu3 liang3 shi2 wu3 shi2 fen1 fa1 chu1 jing3 gao4.",
	  "traditional: the context words match 時" },
	{ "人員已於1-2小時內完成。", "ren2 yuan2 yi3 yu2 yi1 dao4 liang3 xiao3 shi2 nei4 wan2 cheng2.",
	  "traditional: 2小時 is 两小时" },
	{ "這兩場比賽共有2個進球。",
	  "zhe4 liang3 chang3 bi3 sai4 gong4 you3 liang3 ge4 jin4 qiu2.",
	  "traditional: 2個 is 两个" },
	{ "請致電熱線2300 1110。", "qing3 zhi4 dian4 re4 xian4 er4 san1 ling2 ling2, yao1 yao1 yao1 ling2.",
	  "traditional: a number after 熱線 digit by digit" },
	{ "2024-25賽季英超。", "er4 ling2 er4 si4 zhi4 er4 wu3 sai4 ji4 ying1 chao1.",
	  "a season with the second year's last two digits" },
	{ "淀粉样Aβ蛋白。", "dian4 fen3 yang4 A bei4 ta3 dan4 bai2.", "β 贝塔 (it was silent)" },
	{ "γ射线暴。", "ga1 ma3 she4 xian4 bao4.", "γ 伽马" },
	{ "派员处理。（完）【编辑：谭畅】", "pai4 yuan2 chu3 li3.",
	  "the end mark and the editor's credit are not read" },	/* from the news sets of issue 17 (c1, c2): ○ as zero, a slash that is
	 * no rate, ＋ closing a programme's name */
	{ "他生於一九八○年。", "ta1 sheng1 yu2 yi1 jiu3 ba1 ling2 nian2.", "○ (U+25CB) between Chinese digits: 〇" },
	{ "二◯二五年", "er4 ling2 er4 wu3 nian2", "◯ (U+25EF) between Chinese digits" },
	{ "一九九○年代", "yi1 jiu3 jiu3 ling2 nian2 dai4", "○ after Chinese digits before 年" },
	{ "失業率下降○點三個百分點。", "shi1 ye4 lv4 xia4 jiang4 ling2 dian3 san1 ge4 bai3 fen1 dian3.",
	  "○ before a decimal point" },
	{ "增幅為百分之○點○五。", "zeng1 fu2 wei2 bai3 fen1 zhi1 ling2 dian3 ling2 wu3.",
	  "○ on both sides of the decimal point" },
	{ "○ 会议纪要", "hui4 yi4 ji4 yao4", "a lone ○, a bullet, stays unread" },
	{ "评分○○●", "ping2 fen1", "circles as shapes stay unread" },
	{ "二ＯＯ八年", "er4 ling2 ling2 ba1 nian2", "full-width letter O between Chinese digits" },
	{ "女双组合王晓雨/李静获得冠军。",
	  "nv3 shuang1 zu3 he2 wang2 xiao3 yu3, li3 jing4 huo4 de2 guan4 jun1.",
	  "/ between two names: a pause, not 每 (李 is no unit)" },
	{ "男双组合陈明/周立伟晋级。", "nan2 shuang1 zu3 he2 chen2 ming2, zhou1 li4 wei3 jin4 ji2.",
	  "/ before 周 that starts a name, not the unit 周" },
	{ "記者林美玲／台中報導", "ji4 zhe3 lin2 mei3 ling2, tai2 zhong1 bao4 dao3",
	  "a byline: ／ before a place is not 每 (台 only starts like a unit)" },
	{ "每人20元/天。", "mei3 ren2 er4 shi2 yuan2 mei3 tian1.", "元/天 stays a rate" },
	{ "产量达500箱/小时。", "chan3 liang4 da2 wu3 bai3 xiang1 mei3 xiao3 shi2.", "箱/小时: 每" },
	{ "最高时速120km/h。", "zui4 gao1 shi2 su4 yi4 bai3 er4 shi2 gong1 li3 mei3 xiao3 shi2.",
	  "120 before a Latin unit is a speed, not the service number" },
	{ "推出“数据＋”行动。", "tui1 chu1 shu4 ju4 jia1 xing2 dong4.",
	  "full-width ＋ before a closing quote: 加" },
	{ "「5G+」应用", "wu3 G jia1 ying4 yong4", "+ after a code before 」: 加" },
	{ "关于“健康+”。", "guan1 yu2 jian4 kang1 jia1.", "+ before ” at the end" },
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

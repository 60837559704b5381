/* test_names.c - surnames and place names as a newsreader reads them
 * (issue 17, part 4).  One row: a sentence, the pinyin, why. */
#include "unit.h"
#include "front.h"

static const struct row surname_rows[] = {
	{ "朴先生到了。", "piao2 xian1 sheng5 dao4 le5.", "朴 before a title" },
	{ "单老师说。", "shan4 lao3 shi1 shuo1.", "单 before a title" },
	{ "记者解某说。", "ji4 zhe3 xie4 mou3 shuo1.", "解 before 某" },
	{ "仇先生和查先生。", "qiu2 xian1 sheng5 he2 zha1 xian1 sheng5.", "仇, 查" },
	{ "曾老师来了。", "zeng1 lao3 shi1 lai2 le5.", "曾 before a title" },
	{ "他姓区。", "ta1 xing4 ou1.", "姓 before a surname" },
	{ "缪女士说。", "miao4 nv3 shi4 shuo1.", "缪" },
	{ "尉迟恭是唐朝名将。", "yu4 chi2 gong1 shi4 tang2 chao2 ming2 jiang4.", "compound surname" },
	{ "万俟卨。", "mo4 qi2 xie4.", "compound surname" },
	{ "种老师，员老师，洗先生。", "chong2 lao3 shi1, yun4 lao3 shi1, xian3 xian1 sheng5.",
	  "种, 员, 洗" },
	{ "乐先生，盖先生，华先生。", "yue4 xian1 sheng5, ge3 xian1 sheng5, hua4 xian1 sheng5.",
	  "乐, 盖, 华" },
	{ "覃局长，召先生，繁女士。", "qin2 ju2 zhang3, shao4 xian1 sheng5, po2 nv3 shi4.",
	  "覃, 召, 繁" },
	{ "宿先生和适先生。", "su4 xian1 sheng5 he2 kuo4 xian1 sheng5.", "宿, 适" },
	{ "朴槿惠总统会见了仇晓红女士。",
	  "piao2 jin3 hui4 zong3 tong3 hui4 jian4 le5 qiu2 xiao3 hong2 nv3 shi4.",
	  "a given name between surname and title" },
	{ "令狐冲。", "ling2 hu2 chong1.", "令狐" },
	/* given names (the proofread sets of issue 17) */
	{ "大会发言人刘结一微笑走上台。刘结一向记者问候。",
	  "da4 hui4 fa1 yan2 ren2 liu2 jie2 yi1 wei1 xiao4 zou3 shang4 tai2. | "
	  "liu2 jie2 yi1 xiang4 ji4 zhe3 wen4 hou4.",
	  "一 ending a name after a role, then remembered: no 一向" },
	{ "九号王一韩再下一城。", "jiu3 hao4 wang2 yi1 han2 zai4 xia4 yi4 cheng2.",
	  "一 in a given name keeps yi1" },
	{ "狮队靠著邱智呈、林子豪、胡金龙接连安打先拿一分。",
	  "shi1 dui4 kao4 zhe5 qiu1 zhi4 cheng2, lin2 zi3 hao2, hu2 jin1 long2 jie1 lian2 an1 da3 xian1 na2 yi4 fen1.",
	  "子 zi3 in a name of a list, not the suffix of 林子" },
	{ "投手陈柏豪先发。", "tou2 shou3 chen2 bai3 hao2 xian1 fa1.", "柏 bai3 in a name" },
	{ "今天面对曾陶镕打席。", "jin1 tian1 mian4 dui4 zeng1 tao2 rong2 da3 xi2.",
	  "曾 a surname after a verb, before a given name" },
	{ "他向曾晓峰借了书。", "ta1 xiang4 zeng1 xiao3 feng1 jie4 le5 shu1.",
	  "曾 after a preposition, before a given name" },
	{ "发言人单雄信表示支持。", "fa1 yan2 ren2 shan4 xiong2 xin4 biao3 shi4 zhi1 chi2.",
	  "单 after a role, a name of the dictionary" },
	{ "记者解振华报道。", "ji4 zhe3 xie4 zhen4 hua2 bao4 dao4.", "解 after a role, 振华 a word too" },
	/* not surnames */
	{ "单位里的人。", "dan1 wei4 li3 de5 ren2.", "单位" },
	{ "他解决了问题。", "ta1 jie3 jue2 le5 wen4 ti2.", "解决" },
	{ "他曾经来过。", "ta1 ceng2 jing1 lai2 guo5.", "曾经" },
	{ "音乐老师。", "yin1 yue4 lao3 shi1.", "音乐 is a word: 乐 no surname" },
	{ "他任局长多年。", "ta1 ren4 ju2 zhang3 duo1 nian2.", "任 a verb before an office" },
	{ "她曾代表中国参赛。", "ta1 ceng2 dai4 biao3 zhong1 guo2 can1 sai4.",
	  "曾 before a verb that is also an office" },
	{ "他曾在老师家住过。", "ta1 ceng2 zai4 lao3 shi1 jia1 zhu4 guo5.",
	  "曾 no surname before 在 and a title" },
	{ "某种程度上，解某些题。", "mou3 zhong3 cheng2 du4 shang4, jie3 mou3 xie1 ti2.",
	  "某些 is no 某 of a name" },
	{ "简单老师。", "jian3 dan1 lao3 shi1.", "简单 is a word" },
	{ "柏林墙倒塌，会议于柏林举行。", "bo2 lin2 qiang2 dao3 ta1, hui4 yi4 yu2 bo2 lin2 ju3 xing2.",
	  "柏林 bo2" },
	{ "林子里有鸟。", "lin2 zi5 li3 you3 niao3.", "林子 the woods" },
	{ "他对曾在此工作的人说。", "ta1 dui4 ceng2 zai4 ci3 gong1 zuo4 de5 ren2 shuo1.",
	  "曾在 after a preposition: the adverb" },
	{ "他面对曾经的对手，曾多次获奖。", "ta1 mian4 dui4 ceng2 jing1 de5 dui4 shou3, ceng2 duo1 ci4 huo4 jiang3.",
	  "曾经, 曾多次" },
	{ "调查曾显示问题。", "diao4 cha2 ceng2 xian3 shi4 wen4 ti2.", "曾 before a verb" },
	{ "发言人於声明中宣布。", "fa1 yan2 ren2 yu2 sheng1 ming2 zhong1 xuan1 bu4.",
	  "於 before a word after a role: no name" },
	{ "他们发行单曲，采用单栱。", "ta1 men5 fa1 xing2 dan1 qu3, cai3 yong4 dan1 gong3.",
	  "单 after a verb: no name" },
	{ "伤者由救护员送院治理。", "shang1 zhe3 you2 jiu4 hu4 yuan2 song4 yuan4 zhi4 li3.",
	  "员 of 救护员 no surname" },
};

static void test_surnames(void **state)
{
	(void)state;
	check_rows(surname_rows, ARRAY_SIZE(surname_rows), offsetof(struct front, speech));
}

static const struct row place_rows[] = {
	{ "山西洪洞县发生地震。", "shan1 xi1 hong2 tong2 xian4 fa1 sheng1 di4 zhen4.", "洞 tong2" },
	{ "东莞市的工厂。", "dong1 guan3 shi4 de5 gong1 chang3.", "莞 guan3" },
	{ "武汉黄陂区。", "wu3 han4 huang2 pi2 qu1.", "陂 pi2" },
	{ "安徽涡阳县。", "an1 hui1 guo1 yang2 xian4.", "涡 guo1" },
	{ "四川筠连县。", "si4 chuan1 jun1 lian2 xian4.", "筠 jun1" },
	{ "枞阳县和歙县。", "zong1 yang2 xian4 he2 she4 xian4.", "枞 zong1, 歙 she4" },
	{ "成都郫都区。", "cheng2 du1 pi2 du1 qu1.", "郫 pi2, 都 du1 in names" },
	{ "新疆莎车县。", "xin1 jiang1 sha1 che1 xian4.", "莎 sha1" },
	{ "广州番禺区。", "guang3 zhou1 pan1 yu2 qu1.", "番 pan1" },
	{ "六安市和蚌埠市。", "lu4 an1 shi4 he2 beng4 bu4 shi4.", "六 lu4, 蚌 beng4" },
	{ "江西铅山县。", "jiang1 xi1 yan2 shan1 xian4.", "铅 yan2" },
	{ "河北乐亭县。", "he2 bei3 lao4 ting2 xian4.", "乐 lao4" },
	{ "浙江台州。", "zhe4 jiang1 tai1 zhou1.", "台 tai1" },
	{ "山东济宁。", "shan1 dong1 ji3 ning2.", "济 ji3" },
	{ "上海闵行区。", "shang4 hai3 min3 hang2 qu1.", "行 hang2" },
	{ "山东单县。", "shan1 dong1 shan4 xian4.", "单 shan4" },
	{ "甘肃民乐县。", "gan1 su4 min2 le4 xian4.", "民乐县 le4" },
	{ "欣赏民乐。", "xin1 shang3 min2 yue4.", "民乐 alone is folk music" },
	{ "浙江乐清市。", "zhe4 jiang1 yue4 qing1 shi4.", "乐 yue4" },
	{ "河北蔚县。", "he2 bei3 yu4 xian4.", "蔚 yu4" },
};

static void test_places(void **state)
{
	(void)state;
	check_rows(place_rows, ARRAY_SIZE(place_rows), offsetof(struct front, speech));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_surnames),
		cmocka_unit_test(test_places),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

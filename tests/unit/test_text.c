/* test_text.c - the text front end, table by table: cleanup, sentences
 * and breath groups, spoken form and what the engine is given. */
#include "unit.h"
#include "front.h"

static const struct row clean_rows[] = {
	{ "區(qū)域", "區域", "tone-marked annotation dropped" },
	{ "產(chǎn)業(yè)發(fā)展", "產業發展", "one annotation per character" },
	{ "銀行(yínháng)", "銀行", "two syllables for two characters" },
	{ "调(diao4)整", "调整", "tone-digit annotation" },
	{ "区（qū）", "区", "full-width parentheses" },
	{ "(记者 王明)", "（记者 王明）", "Han inside parentheses is text" },
	{ "区(qu)", "区（qu）", "pinyin without tones is text" },
	{ "人工智能(AI)", "人工智能（AI）", "upper case is not pinyin; brackets match" },
	{ "你好,世界!", "你好，世界！", "ASCII punctuation in Chinese" },
	{ "甲;乙:丙", "甲；乙：丙", "semicolon and colon" },
	{ "很好.下一句", "很好。下一句", "ASCII full stop after Han" },
	{ "价格1,280元", "价格1,280元", "thousands separator stays" },
	{ "时间9:30开始", "时间9:30开始", "time colon stays" },
	{ "增长3.5%", "增长3.5%", "decimal point stays" },
	{ "Hello, world.", "Hello, world.", "Latin text untouched" },
	{ "(記者?馬曉芳?陳瑤)", "（記者 馬曉芳 陳瑤）", "byline '?' is a separator" },
	{ "记者?王明报道", "记者 王明报道", "byline without brackets" },
	{ "你去吗?我不去。", "你去吗？我不去。", "a real question stays one" },
	{ "（你知道吗?）", "（你知道吗？）", "question inside brackets" },
	{ "ＡＢＣ１２３，１２％", "ABC123，12%", "full-width letters and digits folded" },
	{ "你好　世界", "你好 世界", "ideographic space" },
	{ "你\xE2\x80\x8B好\xEF\xBB\xBF", "你好", "zero-width space and BOM dropped" },
	{ "他说\"你好\"", "他说“你好”", "ASCII quotes made Chinese" },
	{ "等等...", "等等…", "ASCII ellipsis" },
	{ "  前后空格  ", "前后空格", "outer spaces" },
	{ "你好 ，世界", "你好，世界", "space before punctuation" },
	{ "A\t\tB", "A B", "runs of white space" },
};

static void test_clean(void **state)
{
	(void)state;
	check_rows(clean_rows, ARRAY_SIZE(clean_rows), offsetof(struct front, clean));
}

static const struct row split_rows[] = {
	{ "第一句。第二句！第三句？", "第一句。|第二句！|第三句？", "end marks" },
	{ "甲；乙。", "甲；|乙。", "semicolon ends a sentence" },
	{ "他说：“好。”然后走了。", "他说：“好。”|然后走了。", "closing quote stays" },
	{ "真的吗？！是的。", "真的吗？！|是的。", "runs of end marks" },
	{ "（记者 马晓芳。）下一句", "（记者 马晓芳。）|下一句", "closing bracket stays" },
	{ "没有标点", "没有标点", "no end mark" },
	{ "。。。", "", "nothing to say: no unit" },
	{ "3.5亿元。", "3.5亿元。", "a decimal point ends nothing" },
	{ "English one. Another one.", "English one.|Another one.", "Latin sentences" },
	{ "等等……然后", "等等……|然后", "ellipsis" },
};

static void test_split(void **state)
{
	(void)state;
	check_rows(split_rows, ARRAY_SIZE(split_rows), offsetof(struct front, units));
}

/* Count speakable characters of a UTF-8 piece (Han, Latin, digits). */
static size_t speakable(const char *s, size_t n)
{
	size_t i = 0, k = 0, len;
	uint32_t cp;

	while (i < n && (len = bb_utf8_decode((const unsigned char *)s + i, n - i, &cp))) {
		k += seg_is_han(cp) || seg_is_latin(cp) || seg_is_digit(cp);
		i += len;
	}
	return k;
}

static void test_breath_groups(void **state)
{
	/* 8 clauses of 10 characters: over SEG_SENTENCE_MAX, cut at commas */
	static const char clause[] = "一二三四五六七八九十";
	char line[1024] = "", joined[1024] = "";
	struct front f;
	const char *p, *q;
	int i, groups = 0;

	(void)state;
	for (i = 0; i < 8; i++) {
		strcat(line, clause);
		strcat(line, i < 7 ? "，" : "。");
	}
	front(line, &f);
	assert_int_equal(f.rc, BOBAO_OK);
	for (p = f.units;; p = q + 1) {
		size_t n;

		q = strpbrk(p, "|~");
		n = q ? (size_t)(q - p) : strlen(p);
		groups++;
		assert_true(speakable(p, n) >= SEG_BREATH_MIN);
		assert_true(speakable(p, n) <= SEG_BREATH_TARGET + SEG_BREATH_MIN);
		/* every cut is right after a comma */
		if (q)
			assert_memory_equal(q - 3, "，", 3);
		strncat(joined, p, n);
		if (!q)
			break;
		assert_int_equal(*q, '~');   /* breath groups, not sentences */
	}
	assert_true(groups >= 2);
	assert_string_equal(joined, line);
}

static void test_hard_cut(void **state)
{
	/* 130 Han characters and a number with no comma anywhere */
	char line[1024] = "";
	struct front f;
	const char *bar;
	int i;

	(void)state;
	for (i = 0; i < 118; i++)
		strcat(line, "国");
	strcat(line, "12345678");   /* straddles the cut: must stay whole */
	for (i = 0; i < 12; i++)
		strcat(line, "家");
	front(line, &f);
	assert_int_equal(f.rc, BOBAO_OK);
	bar = strchr(f.units, '~');
	assert_non_null(bar);
	assert_null(strchr(bar + 1, '~'));
	assert_true(speakable(f.units, (size_t)(bar - f.units)) <= SEG_UNIT_HARD_MAX);
	assert_memory_equal(bar - 3, "国", 3);   /* cut before the number */
	assert_memory_equal(bar + 1, "12345678", 8);
}

static const struct row speech_rows[] = {
	{ "你好，世界！", "ni3 hao3, shi4 jie4.", "pause marks attach to syllables" },
	{ "區(qū)域", "qu1 yu4", "annotation read, not spoken" },
	{ "調(diào)研", "diao4 yan2", "annotation chooses the reading" },
	{ "银行(yin2 hang2)", "yin2 hang2", "digit annotation" },
	{ "绿色", "lv4 se4", "ü as v" },
	{ "真的吗？", "zhen1 de5 ma5?", "neutral tones and question" },
	{ "2024年", "er4 ling2 er4 si4 nian2", "a year digit by digit" },
	{ "1,280元", "yi4 qian1 er4 bai3 ba1 shi2 yuan2", "thousands separator; yì before 千" },
	{ "增长3.5%", "zeng1 zhang3 bai3 fen1 zhi1 san1 dian3 wu3", "percent" },
	{ "10人", "shi2 ren2", "ten without yi" },
	{ "15和110人", "shi2 wu3 he2 yi4 bai3 yi1 shi2 ren2", "teens; yì before 百, yi shi inside" },
	{ "100010", "shi2 wan4 ling2 yi1 shi2", "zero inside a number" },
	{ "20000", "liang3 wan4", "两 before 万" },
	{ "1000000001", "shi2 yi4 ling2 yi1", "yi and a gap of zeros" },
	{ "-5度", "ling2 xia4 wu3 du4", "negative degrees: 零下" },
	{ "010", "ling2 yi1 ling2", "leading zero: digits" },
	{ "3.5亿元。", "san1 dian3 wu3 yi4 yuan2.", "decimal" },
	{ "（记者 王明）", "ji4 zhe3, wang2 ming2,", "names separated by a pause" },
	{ "《人民日报》", "ren2 min2 ri4 bao4", "title marks are silent" },
	{ "他说“你好”", "ta1 shuo1 ni3 hao3", "quotes are silent" },
	{ "我用GDP说话", "wo3 yong4 G.D.P shuo1 hua4", "an acronym spelled for the Latin voice" },
	{ "好。好。", "hao3. | hao3.", "one speech per unit" },
};

static void test_speech(void **state)
{
	(void)state;
	check_rows(speech_rows, ARRAY_SIZE(speech_rows), offsetof(struct front, speech));
}

static void test_spans(void **state)
{
	struct front f;

	(void)state;
	front("我用GDP说话", &f);
	assert_string_equal(f.spans, "M:wo3 yong4 L:G.D.P M:shuo1 hua4");
	front("Hello, world.", &f);
	assert_string_equal(f.spans, "L:Hello, world.");
	front("三星Galaxy手机", &f);
	assert_string_equal(f.spans, "M:san1 xing1 L:Galaxy M:shou3 ji1");
}

/* Every Han character is exactly one syllable with a tone digit. */
static void test_one_syllable_per_han(void **state)
{
	static const char line[] = "要系统总结近年来全区工业园区发展成绩和有益经验，完整准确全面贯彻新发展理念。";
	struct front f;
	const char *p;
	size_t tokens = 0;

	(void)state;
	front(line, &f);
	assert_int_equal(f.rc, BOBAO_OK);
	for (p = f.speech; *p; p++) {
		if (*p >= '1' && *p <= '5')
			tokens++;
		else
			assert_true((*p >= 'a' && *p <= 'z') || *p == ' ' || *p == ',' || *p == '.');
	}
	assert_int_equal(tokens, speakable(line, sizeof(line) - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_breath_groups),
		cmocka_unit_test(test_hard_cut),
		cmocka_unit_test(test_speech),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_one_syllable_per_han),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

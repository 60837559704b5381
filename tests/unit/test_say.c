/* test_say.c - what sd_bobao says besides the text: punctuation names,
 * spelled characters, key names (speechd/say.c). */
#include "unit.h"

/* The module's own small files, built in: they are not part of libbobao. */
#include "../../speechd/sd_buf.c"
#include "../../speechd/say.c"

static void test_punctuation(void **state)
{
	static const struct {
		const char *in;
		enum sd_say_punct mode;
		const char *want;
		const char *why;
	} rows[] = {
		{ "你好，世界。", SD_SAY_PUNCT_NONE, "你好，世界。", "none: pauses only" },
		{ "你好，世界。", SD_SAY_PUNCT_SOME, "你好，世界。", "some: not sentence marks" },
		{ "你好，世界。", SD_SAY_PUNCT_ALL, "你好 逗号，世界 句号。", "all: named, pause kept" },
		{ "真的！", SD_SAY_PUNCT_ALL, "真的 感叹号！", "full-width ! named as !" },
		{ "a@b.com", SD_SAY_PUNCT_SOME, "a 艾特 b.com", "some: @, not the dot" },
		{ "a@b.com", SD_SAY_PUNCT_ALL, "a 艾特 b 点 com", "all: the dot too" },
		{ "《红楼梦》", SD_SAY_PUNCT_SOME, "《红楼梦》", "some: no book-title marks" },
		{ "《红楼梦》", SD_SAY_PUNCT_MOST, " 左书名号 红楼梦 右书名号 ", "most: named" },
		{ "增长5%", SD_SAY_PUNCT_ALL, "增长5%", "5% is read as a number" },
		{ "百分号%", SD_SAY_PUNCT_SOME, "百分号 百分号 ", "a lone % is named" },
		{ "3.14", SD_SAY_PUNCT_ALL, "3.14", "a decimal point" },
		{ "10:30", SD_SAY_PUNCT_ALL, "10:30", "a time" },
		{ "1,000", SD_SAY_PUNCT_ALL, "1,000", "a thousands separator" },
		{ "2024-05-01", SD_SAY_PUNCT_ALL, "2024-05-01", "a date" },
		{ "a-b", SD_SAY_PUNCT_MOST, "a 减号 b", "a dash between letters" },
		{ "Hi, you.", SD_SAY_PUNCT_ALL, "Hi 逗号, you 点.", "before a space or the end: kept" },
		{ "a\xff" "b", SD_SAY_PUNCT_NONE, "ab", "bytes that are not UTF-8 left out" },
	};
	struct sd_buf out = SD_BUF_INIT(4096);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		sd_buf_reset(&out);
		assert_int_equal(sd_say_punct(&out, rows[i].in, strlen(rows[i].in), rows[i].mode), 0);
		assert_row_string_equal(i, sd_buf_str(&out), rows[i].want);
	}
	sd_buf_release(&out);
}

static void test_characters(void **state)
{
	static const struct {
		const char *in, *want;
		size_t used;
	} rows[] = {
		{ " ", "空格", 1 },      { "a", "a", 1 },       { "，", "逗号", 3 },
		{ "银行", "银", 3 },     { "\n", "换行", 1 },   { "<", "小于号", 1 },
		{ "5", "5", 1 },         { "\x01", "", 1 },     { "\xff", "", 1 },
		{ "€", "€", 3 },
	};
	struct sd_buf out = SD_BUF_INIT(64);
	size_t i, used;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		sd_buf_reset(&out);
		assert_int_equal(sd_say_char(&out, rows[i].in, strlen(rows[i].in), &used), 0);
		assert_row_string_equal(i, sd_buf_str(&out), rows[i].want);
		assert_int_equal(used, rows[i].used);
	}
	sd_buf_release(&out);
}

static void test_keys(void **state)
{
	static const struct {
		const char *key, *want;
	} rows[] = {
		{ "space", "空格" },
		{ "shift_a", "上档 a" },
		{ "control_alt_delete", "控制 Alt 删除" },
		{ "kp-enter", "小键盘 回车" },
		{ "kp-5", "小键盘 5" },
		{ "f12", "F12" },
		{ "_", "下划线" },
		{ "shift__", "上档 下划线" },
		{ "double-quote", "引号" },
		{ "page-down", "下翻页" },
		{ "xy", "x y" },
		{ "", "" },
	};
	struct sd_buf out = SD_BUF_INIT(256);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		sd_buf_reset(&out);
		assert_int_equal(sd_say_key(&out, rows[i].key), 0);
		assert_row_string_equal(i, sd_buf_str(&out), rows[i].want);
	}
	sd_buf_release(&out);
}

static void test_caps(void **state)
{
	struct sd_buf out = SD_BUF_INIT(8);

	(void)state;
	assert_int_equal(sd_buf_adds(&out, "12345678"), 0);
	assert_int_equal(sd_buf_adds(&out, "9"), -1);   /* over the cap: nothing added */
	assert_int_equal(out.len, 8);
	assert_string_equal(sd_buf_str(&out), "12345678");
	sd_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_characters),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_core.c - error codes, buffers, UTF-8 and pinyin parsing. */
#include <stddef.h>

#include "unit.h"
#include "bb.h"
#include "seg.h"
#include "core.h"

static void test_every_code_has_a_message(void **state)
{
	int c, d;

	(void)state;
	for (c = 0; c < BOBAO_E__COUNT; c++) {
		const char *m = bobao_strerror((bobao_code)c);
		int st = bobao_exit_status((bobao_code)c);

		assert_string_not_equal(m, "unknown error code");
		assert_true(m[0] && m[strlen(m) - 1] != '.');
		/* sysexits.h, or 130 for an interruption */
		assert_true(st == 0 || (st >= 64 && st <= 78) || st == 130);
		assert_true((st == 0) == (c == BOBAO_OK));
		for (d = 0; d < c; d++)
			assert_string_not_equal(m, bobao_strerror((bobao_code)d));
	}
	assert_string_equal(bobao_strerror(BOBAO_E__COUNT), "unknown error code");
	assert_string_equal(bobao_strerror((bobao_code)-1), "unknown error code");
	assert_int_equal(bobao_exit_status(BOBAO_E_ENCODING), 65);
	assert_int_equal(bobao_exit_status(BOBAO_E_NOINPUT), 66);
	assert_int_equal(bobao_exit_status(BOBAO_E_DEVICE), 69);
	assert_int_equal(bobao_exit_status(BOBAO_E_CREATE), 73);
	assert_int_equal(bobao_exit_status(BOBAO_E_IO), 74);
}

static void test_buf_cap(void **state)
{
	struct bb_buf b = BB_BUF_INIT(8);

	(void)state;
	assert_int_equal(bb_buf_adds(&b, "12345678"), BOBAO_OK);
	assert_int_equal(bb_buf_addch(&b, '9'), BOBAO_E_TOOLONG);
	assert_string_equal(bb_buf_str(&b), "12345678");
	bb_buf_reset(&b);
	assert_int_equal(bb_buf_addf(&b, "%d-%s", 42, "ab"), BOBAO_OK);
	assert_string_equal(bb_buf_str(&b), "42-ab");
	assert_int_equal(bb_buf_addf(&b, "%s", "too long"), BOBAO_E_TOOLONG);
	bb_buf_release(&b);
	assert_string_equal(bb_buf_str(&b), "");
}

static void test_u32_cap(void **state)
{
	struct bb_u32 a = BB_U32_INIT(100);
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		assert_int_equal(bb_u32_push(&a, (uint32_t)i), BOBAO_OK);
	assert_int_equal(bb_u32_push(&a, 1), BOBAO_E_TOOLONG);
	assert_int_equal(a.v[99], 99);
	bb_u32_release(&a);
}

static void test_utf8(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
	} rows[] = {
		{ "A", 1, 'A' },
		{ "\xC3\xBC", 2, 0xFC },
		{ "\xE4\xB8\xAD", 3, 0x4E2D },
		{ "\xF0\xA0\x80\x80", 4, 0x20000 },
		{ "\xC0\xAF", 0, 0 },           /* overlong */
		{ "\xE0\x80\xAF", 0, 0 },       /* overlong */
		{ "\xED\xA0\x80", 0, 0 },       /* surrogate */
		{ "\xF4\x90\x80\x80", 0, 0 },   /* beyond U+10FFFF */
		{ "\xE4\xB8", 0, 0 },           /* truncated */
		{ "\xFF", 0, 0 },
		{ "\x80", 0, 0 },               /* lone continuation */
	};
	struct bb_buf b = BB_BUF_INIT(64);
	size_t i, n;
	uint32_t cp;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		n = bb_utf8_decode((const unsigned char *)rows[i].s, strlen(rows[i].s), &cp);
		assert_int_equal(n, rows[i].len);
		if (!n)
			continue;
		assert_int_equal(cp, rows[i].cp);
		bb_buf_reset(&b);
		assert_int_equal(bb_buf_addcp(&b, cp), BOBAO_OK);
		assert_string_equal(bb_buf_str(&b), rows[i].s);
	}
	bb_buf_release(&b);
}

static void test_decode_positions(void **state)
{
	static const char bad[] = "你好\xFF世界";
	static const char nul[] = "ab\0cd";
	struct bb_u32 out = BB_U32_INIT(64);
	struct seg_pos pos = { 0 };

	(void)state;
	assert_int_equal(seg_decode(bad, sizeof(bad) - 1, &out, &pos), BOBAO_E_ENCODING);
	assert_int_equal(pos.col, 3);
	out.len = 0;
	assert_int_equal(seg_decode(nul, sizeof(nul) - 1, &out, &pos), BOBAO_E_BINARY);
	assert_int_equal(pos.col, 3);
	out.len = 0;
	assert_int_equal(seg_decode("a\tb", 3, &out, &pos), BOBAO_OK);
	assert_int_equal(out.len, 3);
	bb_u32_release(&out);
}

/* Parse a UTF-8 pinyin string; render the readings as "qu1 yu4". */
static int parse(const char *s, char *out, size_t size)
{
	struct bb_u32 cps = BB_U32_INIT(256);
	struct bb_buf b = BB_BUF_INIT(256);
	struct seg_pos pos;
	seg_reading_t r[16];
	int n, i;

	seg_decode(s, strlen(s), &cps, &pos);
	n = seg_parse_pinyin(cps.v, cps.len, r, 16);
	for (i = 0; i < n; i++) {
		if (i)
			bb_buf_addch(&b, ' ');
		seg_reading_append(&b, r[i]);
	}
	snprintf(out, size, "%s", bb_buf_str(&b));
	bb_buf_release(&b);
	bb_u32_release(&cps);
	return n;
}

static void test_pinyin_parse(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "qū", "qu1" },
		{ "chǎnyè", "chan3 ye4" },
		{ "yínháng", "yin2 hang2" },
		{ "diao4", "diao4" },
		{ "chan3 ye4", "chan3 ye4" },
		{ "lǜ", "lv4" },
		{ "nǚ", "nv3" },
		{ "lu\xCC\x88\xCC\x80", "lv4" },        /* combining marks */
		{ "qu\xCC\x84", "qu1" },
		{ "zhuàng", "zhuang4" },
		{ "xī'ān", "xi1 an1" },
		{ "dōngxi", "dong1 xi5" },              /* neutral: no mark */
		{ "AI", NULL },                          /* upper case */
		{ "ai", NULL },                          /* no tone anywhere */
		{ "qq1", NULL },                         /* not a syllable */
		{ "ba6", NULL },                         /* no tone 6 */
		{ "hǎo3", NULL },                        /* two tones */
		{ "", NULL },
	};
	char got[128];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		n = parse(rows[i].in, got, sizeof(got));
		if (!rows[i].want) {
			if (n > 0)
				print_error("row %zu: '%s' parsed as '%s'\n", i, rows[i].in, got);
			assert_true(n <= 0);
		} else {
			assert_row_string_equal(i, got, rows[i].want);
		}
	}
}

static void test_lookup(void **state)
{
	struct bb_buf b = BB_BUF_INIT(64);

	(void)state;
	assert_true(seg_n_readings > 20000);
	assert_true(seg_is_han(0x4E2D));
	assert_false(seg_is_han('A'));
	seg_reading_append(&b, seg_lookup(0x4E2D));   /* 中 */
	assert_string_equal(bb_buf_str(&b), "zhong1");
	bb_buf_reset(&b);
	seg_reading_append(&b, seg_lookup(0x5340));   /* 區, traditional */
	assert_string_equal(bb_buf_str(&b), "qu1");
	assert_int_equal(seg_lookup('A'), 0);
	assert_int_equal(seg_syllable_index("zhuang", 6) >= 0, 1);
	assert_int_equal(seg_syllable_index("zhuangg", 7), -1);
	bb_buf_release(&b);
}

/* The ABI rule (bobao.h): a program built with a smaller struct (an
 * older header) gets only its own bytes written, and the library reads
 * only those, the fields it lacks taking their defaults. */
static void test_sized_structs(void **state)
{
	size_t old = offsetof(struct bobao_output, reads);   /* a header without reads, html */
	union {
		struct bobao_output o;
		unsigned char bytes[sizeof(struct bobao_output) + 16];
	} u;
	struct bobao_output full;
	struct bobao_stats st;
	struct bb_err err = { { 0 } };
	bobao *b;
	size_t i;

	(void)state;
	memset(&u, 0xAB, sizeof(u));
	bobao_output_init_sized(&u.o, BOBAO_OUTPUT_FILE, old);
	assert_int_equal(u.o.size, old);
	assert_true(u.o.quality == -1);
	for (i = old; i < sizeof(u.bytes); i++)   /* nothing past the program's struct */
		assert_int_equal(u.bytes[i], 0xAB);
	/* read back: what lies past its size (0xAB garbage) is not read */
	memset(&full, 0, sizeof(full));
	full.html = "default";
	assert_int_equal(bb_sized_read(&full, sizeof(full), &u.o, "bobao_output", &err), BOBAO_OK);
	assert_int_equal(full.size, sizeof(full));
	assert_string_equal(full.html, "default");
	assert_true(full.quality == -1);
	/* a struct its init never saw is refused, with a message */
	memset(&u, 0, sizeof(u));
	assert_int_equal(bb_sized_read(&full, sizeof(full), &u.o, "bobao_output", &err),
	                 BOBAO_E_ARG);
	assert_non_null(strstr(err.msg, "bobao_output_init"));
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	assert_int_equal(bobao_render(b, NULL, 0, &u.o), BOBAO_E_ARG);
	/* stats: a smaller struct is written only as far as its size */
	memset(&st, 0xAB, sizeof(st));
	bobao_get_stats_sized(b, &st, offsetof(struct bobao_stats, loudness));
	assert_int_equal(st.units, 0);
	assert_int_equal(((unsigned char *)&st)[offsetof(struct bobao_stats, loudness)], 0xAB);
	bobao_free(b);
}

/* The pause rule (core_pause), which render, the player and speak share:
 * a row is the break, whether a headline came before, the pause. */
static void test_pause_rule(void **state)
{
	static const struct { enum bobao_break brk; int headline, ms; } rows[] = {
		{ BOBAO_BREAK_NONE, 0, 300 },        /* the lead-in */
		{ BOBAO_BREAK_BREATH, 0, 150 },
		{ BOBAO_BREAK_SENTENCE, 0, 350 },
		{ BOBAO_BREAK_PARAGRAPH, 0, 700 },
		{ BOBAO_BREAK_ARTICLE, 0, 1200 },
		{ BOBAO_BREAK_SENTENCE, 1, 1000 },   /* after a headline: at least its pause */
		{ BOBAO_BREAK_PARAGRAPH, 1, 1000 },
		{ BOBAO_BREAK_ARTICLE, 1, 1200 },    /* a new article keeps its own */
	};
	struct bobao_options o;
	size_t i;

	(void)state;
	bobao_options_init(&o);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(core_pause(&o, rows[i].brk, rows[i].headline), rows[i].ms);
	o.pause_headline = 100;   /* never shortens */
	assert_int_equal(core_pause(&o, BOBAO_BREAK_PARAGRAPH, 1), 700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_a_message),
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_u32_cap),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_decode_positions),
		cmocka_unit_test(test_pinyin_parse),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_sized_structs),
		cmocka_unit_test(test_pause_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

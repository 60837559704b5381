/* test_speechd.c - sd_bobao's SSML reader and configuration (speechd/ssml.c,
 * speechd/config.c): deep nesting is read, not dropped; bobao.conf and the
 * lexicons it names are regular files of bounded size, and anything else
 * is said and left out at once, never waited on. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "unit.h"

/* The module's own small files, built in: they are not part of libbobao. */
#include "../../speechd/sd_buf.c"
#include "../../speechd/config.c"
#include "../../speechd/ssml.c"

static char said[1024];   /* the last line logged */

void sd_note(int level, const char *fmt, ...)
{
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vsnprintf(said, sizeof(said), fmt, ap);
	va_end(ap);
}

/* The message's text items, joined. */
static void text_of(const struct sd_ssml *doc, char *out, size_t n)
{
	size_t i, k = 0;

	out[0] = '\0';
	for (i = 0; i < doc->n; i++)
		if (doc->v[i].kind == SD_SSML_TEXT && k < n)
			k += (size_t)snprintf(out + k, n - k, "%s", doc->v[i].text);
}

/* <speak> with text at depth elements deep, and text after them. */
static char *nested(int depth)
{
	size_t n = (size_t)depth * 8 + 100, k;
	char *s = malloc(n);
	int i;

	assert_non_null(s);
	k = (size_t)sprintf(s, "<speak>");
	for (i = 0; i < depth; i++)
		k += (size_t)sprintf(s + k, "<s>");
	k += (size_t)sprintf(s + k, "深处的话");
	for (i = 0; i < depth; i++)
		k += (size_t)sprintf(s + k, "</s>");
	sprintf(s + k, "之后</speak>");
	return s;
}

/* Text nested deeper than SD_SSML_DEPTH_MAX elements was silently dropped
 * (issue 18, 17): it is read, and the module is told. */
static void test_deep_ssml(void **state)
{
	static const int depths[] = { 10, SD_SSML_DEPTH_MAX - 1, SD_SSML_DEPTH_MAX + 1, 250, 1000 };
	struct sd_ssml doc;
	char text[256];
	size_t i;
	int deep;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(depths); i++) {
		char *s = nested(depths[i]);

		assert_int_equal(sd_ssml_parse(&doc, s, strlen(s)), 0);
		text_of(&doc, text, sizeof(text));
		if (!strstr(text, "深处的话") || !strstr(text, "之后"))
			print_error("depth %d: '%s'\n", depths[i], text);
		assert_non_null(strstr(text, "深处的话"));
		assert_non_null(strstr(text, "之后"));
		deep = doc.deep;
		sd_ssml_release(&doc);
		free(s);
		assert_int_equal(deep, depths[i] > SD_SSML_DEPTH_MAX);
	}
}

static void test_config_lines(void **state)
{
	static const char text[] =
		"# comment\n"
		"BobaoBreathPause 120\r\n"
		"  BobaoSentencePause \"250\"\n"
		"BobaoParagraphPause 99999\n"          /* out of range: bobao's */
		"Bobao\0Lexicon x\n"                   /* a NUL: the line ignored */
		"BobaoLexicon \"/a b/lex.tsv\"\n"
		"BobaoLexicon\n"
		"Unknown 1\n";
	struct sd_config c;

	(void)state;
	sd_config_init(&c);
	sd_config_parse(&c, text, sizeof(text) - 1, "bobao.conf");
	assert_int_equal(c.breath, 120);
	assert_int_equal(c.sentence, 250);
	assert_int_equal(c.paragraph, -1);
	assert_int_equal(c.n_lexicons, 1);
	assert_string_equal(c.lexicons[0], "/a b/lex.tsv");
	assert_string_equal(said, "bobao.conf:8: unknown setting 'Unknown' ignored");
	sd_config_release(&c);
}

/* A pause is 0 to 60000 ms, both ends included; anything else is bobao's. */
static void test_config_pauses(void **state)
{
	static const struct {
		const char *value;
		int want;
	} rows[] = {
		{ "0", 0 }, { "60000", 60000 }, { "\"59999\"", 59999 }, { "60001", -1 },
		{ "-1", -1 }, { "1e3", -1 }, { "", -1 }, { "99999999999999999999", -1 },
	};
	struct sd_config c;
	char line[64];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		sd_config_init(&c);
		snprintf(line, sizeof(line), "BobaoParagraphPause %s\n", rows[i].value);
		sd_config_parse(&c, line, strlen(line), "bobao.conf");
		if (c.paragraph != rows[i].want)
			print_error("row %zu: '%s'\n", i, rows[i].value);
		assert_int_equal(c.paragraph, rows[i].want);
	}
}

/* A configuration or lexicon that is no regular file, or too large, is
 * said and left out at once (an alarm turns a wait into a failure). */
static void test_config_files(void **state)
{
	char dir[] = "/tmp/test_speechd.XXXXXX", path[256];
	struct sd_config c;
	FILE *fp;
	int fd;

	(void)state;
	alarm(20);
	assert_non_null(mkdtemp(dir));
	/* a FIFO without a writer: opening it for reading would block */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	sd_config_init(&c);
	sd_config_read(&c, path);
	assert_int_equal(c.breath, -1);
	assert_int_equal(sd_regular_file(path, SD_LEXICON_MAX, NULL, "left out"), -1);
	assert_int_equal(sd_regular_file(path, SD_LEXICON_MAX, &fd, "left out"), -1);
	assert_int_equal(fd, -1);
	assert_non_null(strstr(said, "is not a regular file"));
	unlink(path);
	/* an endless device, made here (never the machine's /dev) */
	snprintf(path, sizeof(path), "%s/zero", dir);
	if (mknod(path, S_IFCHR | 0600, makedev(1, 5)) == 0) {
		said[0] = '\0';
		sd_config_read(&c, path);
		assert_int_equal(c.breath, -1);
		assert_non_null(strstr(said, "defaults apply"));
		assert_int_equal(sd_regular_file(path, SD_LEXICON_MAX, NULL, "left out"), -1);
		unlink(path);
	}
	/* larger than SD_CONFIG_MAX: refused, not cut */
	snprintf(path, sizeof(path), "%s/big.conf", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("BobaoBreathPause 100\n", fp);
	for (fd = 0; fd < SD_CONFIG_MAX / 10; fd++)
		fputs("# padding\n", fp);
	fclose(fp);
	sd_config_read(&c, path);
	assert_int_equal(c.breath, -1);
	assert_non_null(strstr(said, "larger than"));
	assert_non_null(strstr(said, "defaults apply"));
	/* a regular file is read */
	assert_non_null(fp = fopen(path, "w"));
	fputs("BobaoBreathPause 100\n", fp);
	fclose(fp);
	sd_config_read(&c, path);
	assert_int_equal(c.breath, 100);
	assert_int_equal(sd_regular_file(path, SD_LEXICON_MAX, NULL, "left out"), 0);
	assert_int_equal(sd_regular_file(path, 5, NULL, "left out"), -1);
	unlink(path);
	rmdir(dir);
	sd_config_release(&c);
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep_ssml),
		cmocka_unit_test(test_config_lines),
		cmocka_unit_test(test_config_pauses),
		cmocka_unit_test(test_config_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

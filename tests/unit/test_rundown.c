/* test_rundown.c - the --rundown parser of the tool (cli/rundown.c). */
#include "unit.h"
#include "cli_rundown.h"

/* One row: a rundown file's text, what it gives ("path|title;..." with
 * an empty title for none, "path|title|flags;" with marks) or the status
 * and message it fails with. */
static const struct row {
	const char *text;
	const char *want;      /* articles, or the message when status != 0 */
	int status;
	const char *why;
} rows[] = {
	{ "a.txt\nb.txt\tTitle B\n", "news/a.txt|;news/b.txt|Title B;", 0, "paths from the rundown's folder" },
	{ "/abs/a.txt\n", "/abs/a.txt|;", 0, "absolute paths as they are" },
	{ "a.txt\r\nb.txt\t标题\r\n", "news/a.txt|;news/b.txt|标题;", 0, "CRLF lines" },
	{ "\n   \n\t\n \t \na.txt", "news/a.txt|;", 0, "blank lines skipped, no final newline" },
	{ "# comment\n  # indented\na.txt\n", "news/a.txt|;", 0, "comments skipped" },
	{ "  a.txt  \t  Title  \n", "news/a.txt|Title;", 0, "spaces around path and title dropped" },
	{ "a.txt\t\n", "news/a.txt|;", 0, "an empty title is none" },
	{ "\xEF\xBB\xBF" "a.txt\n", "news/a.txt|;", 0, "byte-order mark" },
	{ "a b.txt\n", "news/a b.txt|;", 0, "a space inside a path" },
	{ "", "", 0, "empty: no articles, no error from the parser" },
	{ "\tTitle\n", "news/list.txt:1: a title without a path (PATH<TAB>TITLE)", 65, "title alone" },
	{ "a.txt\n\nb.txt\tA\tB\n", "news/list.txt:3:9: unknown mark 'B' (1, 2, bed)", 65, "three fields: marks" },
	{ "a.txt\tA\tbed\tx\n", "news/list.txt:1:12: a third tab (PATH<TAB>TITLE<TAB>MARKS)", 65, "four fields" },
	{ "a.txt\tT\tbed\n", "news/a.txt|T|4;", 0, "the bed under an item" },
	{ "a.txt\t\t2 bed\nb.txt\t\t1,bed\n", "news/a.txt||6;news/b.txt||5;", 0, "presenters and bed, no title" },
	{ "a.txt\t\t \n", "news/a.txt|;", 0, "empty marks are none" },
	{ "a.txt\tT\t1 2\n", "news/list.txt:1:9: two presenters for one item", 65, "two presenters" },
	{ "a.txt\t\xff\n", "news/list.txt:1:7: the title is not UTF-8", 65, "title not UTF-8" },
	{ "a.txt\t\xed\xa0\x80\n", "news/list.txt:1:7: the title is not UTF-8", 65, "a surrogate" },
	{ "a.txt\tx\x1b[2J\n", "news/list.txt:1:8: a control character in the title", 65, "escape in the title" },
	{ "a\x01.txt\n", "news/list.txt:1:2: a control character in the path", 65, "control character in the path" },
	{ "b.txt\na\rb.txt\n", "news/list.txt:2:2: a control character in the path", 65, "a bare CR inside a line" },
};

static void articles(const struct cli_rundown *r, char *out, size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < r->n && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, r->items[i] ? "%s|%s|%u;" : "%s|%s;",
		                        r->paths[i], r->titles[i] ? r->titles[i] : "", r->items[i]);
}

static void test_rows(void **state)
{
	char got[1024];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct cli_rundown r = RUNDOWN_INIT;
		int st = cli_rundown_parse(&r, "news/list.txt", rows[i].text, strlen(rows[i].text));

		if (st != rows[i].status)
			print_error("row %zu (%s): status %d\n", i, rows[i].why, st);
		assert_int_equal(st, rows[i].status);
		if (st)
			assert_row_string_equal(i, r.msg, rows[i].want);
		else {
			articles(&r, got, sizeof(got));
			assert_row_string_equal(i, got, rows[i].want);
		}
		cli_rundown_release(&r);
	}
}

/* A NUL byte cannot end a path early. */
static void test_nul(void **state)
{
	struct cli_rundown r = RUNDOWN_INIT;

	(void)state;
	assert_int_equal(cli_rundown_parse(&r, "l", "a.txt\nb\0c.txt\n", 14), 65);
	assert_string_equal(r.msg, "l:2:2: a NUL byte");
	cli_rundown_release(&r);
}

/* Lines are never cut: a long one is whole, or an error; never its tail
 * taken for a path (the old parser read 4095 bytes a time). */
static void test_long_lines(void **state)
{
	size_t n = RUNDOWN_LINE_MAX + 2;
	char *text = malloc(n + 16), msg[128];
	struct cli_rundown r = RUNDOWN_INIT;

	(void)state;
	assert_non_null(text);
	memset(text, 'a', 5000);
	memcpy(text + 5000, "\tT\nb.txt\n", 9);
	assert_int_equal(cli_rundown_parse(&r, "l", text, 5009), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(strlen(r.paths[0]), 5000);
	assert_string_equal(r.titles[0], "T");
	assert_string_equal(r.paths[1], "b.txt");
	cli_rundown_release(&r);

	memset(text, 'a', RUNDOWN_LINE_MAX);
	assert_int_equal(cli_rundown_parse(&r, "l", text, RUNDOWN_LINE_MAX), 0);
	assert_int_equal(r.n, 1);
	cli_rundown_release(&r);

	memset(text, 'a', n);
	memcpy(text + n, "\nb.txt\n", 7);
	assert_int_equal(cli_rundown_parse(&r, "l", text, n + 7), 65);
	snprintf(msg, sizeof(msg), "l:1: line longer than %d bytes", RUNDOWN_LINE_MAX);
	assert_string_equal(r.msg, msg);
	assert_int_equal(r.n, 0);
	cli_rundown_release(&r);
	free(text);
}

/* A failure after good lines keeps them owned by r: no leak (ASan). */
static void test_release_after_error(void **state)
{
	struct cli_rundown r = RUNDOWN_INIT;

	(void)state;
	assert_int_equal(cli_rundown_parse(&r, "l", "a\tA\nb\n\tc\n", 9), 65);
	assert_int_equal(r.n, 2);
	cli_rundown_release(&r);
	assert_int_equal(r.n, 0);
	assert_null(r.paths);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_release_after_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

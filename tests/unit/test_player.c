/* test_player.c - the interactive player: the positions file (bounded,
 * newest first, rewritten whole) and moving about a text by sentence,
 * paragraph and article, then playing it to its end on the null driver. */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "plr.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/test_player.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_all(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[512];

	if (!d)
		return unlink(path);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			remove_all(sub);
		}
	closedir(d);
	return rmdir(path);
}

static int teardown(void **state)
{
	(void)state;
	remove_all(dir);
	return 0;
}

static size_t lines_of(const char *path)
{
	FILE *fp = fopen(path, "r");
	size_t n = 0;
	int c;

	if (!fp)
		return 0;
	while ((c = getc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

static size_t entries_in(const char *folder)
{
	DIR *d = opendir(folder);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static unsigned long kept_at(const char *path, uint64_t hash, unsigned long *total)
{
	struct bb_err err = { { 0 } };
	unsigned long s = 99;

	assert_int_equal(plr_position_get(path, hash, &s, total, &err), BOBAO_OK);
	return s;
}

static void test_positions(void **state)
{
	struct bb_err err = { { 0 } };
	char path[200], folder[128], link[220];
	unsigned long total = 0, s;
	uint64_t h;
	FILE *fp;

	(void)state;
	snprintf(folder, sizeof(folder), "%s/state/bobao", dir);
	snprintf(path, sizeof(path), "%s/positions", folder);
	/* nothing kept yet; the folders are made on the first write */
	assert_int_equal(kept_at(path, 1, NULL), 0);
	assert_int_equal(plr_position_put(path, 1, 5, 13, 0, &err), BOBAO_OK);
	assert_int_equal(kept_at(path, 1, &total), 5);
	assert_int_equal(total, 13);
	/* bounded: the newest PLR_POSITIONS_MAX texts */
	for (h = 100; h < 100 + PLR_POSITIONS_MAX + 50; h++)
		assert_int_equal(plr_position_put(path, h, (unsigned long)h, 1000, 0, &err), BOBAO_OK);
	assert_int_equal(lines_of(path), PLR_POSITIONS_MAX);
	assert_int_equal(kept_at(path, 1, NULL), 0);           /* the oldest went */
	assert_int_equal(kept_at(path, 100 + PLR_POSITIONS_MAX + 49, NULL),
	                 100 + PLR_POSITIONS_MAX + 49);
	assert_int_equal(kept_at(path, 100 + 50, NULL), 150);  /* the oldest kept */
	/* a text played again moves to the top, once */
	assert_int_equal(plr_position_put(path, 150, 7, 1000, 0, &err), BOBAO_OK);
	assert_int_equal(kept_at(path, 150, NULL), 7);
	assert_int_equal(lines_of(path), PLR_POSITIONS_MAX);
	/* sentence 0 forgets */
	assert_int_equal(plr_position_put(path, 150, 0, 1000, 0, &err), BOBAO_OK);
	assert_int_equal(kept_at(path, 150, NULL), 0);
	assert_int_equal(lines_of(path), PLR_POSITIONS_MAX - 1);
	/* rewritten whole (bb_out): no temporary file stays beside it, and
	 * it stays private: 0600 whatever the umask */
	assert_int_equal(entries_in(folder), 1);
	{
		struct stat st;

		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	/* a symbolic link is followed: the file it names is rewritten */
	snprintf(link, sizeof(link), "%s/link", folder);
	assert_int_equal(symlink("positions", link), 0);
	assert_int_equal(plr_position_put(link, 3, 2, 4, 0, &err), BOBAO_OK);
	assert_int_equal(kept_at(path, 3, NULL), 2);
	assert_int_equal(unlink(link), 0);
	/* write-protected: refused, the file as it was */
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(plr_position_put(path, 4, 1, 2, 0, &err), BOBAO_E_CREATE);
	assert_int_equal(plr_position_check(path, 0, &err), BOBAO_E_CREATE);
	assert_int_equal(kept_at(path, 4, NULL), 0);
	assert_int_equal(chmod(path, 0644), 0);
	/* junk is refused with the file's name and line, and the file kept */
	fp = fopen(path, "a");
	assert_non_null(fp);
	fputs("zzz\n", fp);
	fclose(fp);
	s = 42;
	memset(&err, 0, sizeof(err));
	assert_int_equal(plr_position_get(path, 0xff, &s, NULL, &err), BOBAO_E_ENCODING);
	if (!strstr(err.msg, "/positions:101:1: not a position"))
		fail_msg("%s", err.msg);
	assert_int_equal(plr_position_put(path, 2, 1, 2, 0, &err), BOBAO_E_ENCODING);
	assert_int_equal(lines_of(path), PLR_POSITIONS_MAX + 1);
	/* a NUL byte: binary */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("00000000000000ee\t2\t3\t0\n\n0000", fp);
	fputc('\0', fp);
	fclose(fp);
	memset(&err, 0, sizeof(err));
	assert_int_equal(plr_position_get(path, 0xee, &s, NULL, &err), BOBAO_E_BINARY);
	assert_non_null(strstr(err.msg, "/positions:3: binary data"));
}

static void test_positions_parse(void **state)
{
	static const struct {
		const char *in, *err;   /* err NULL: parses */
		size_t count;
	} rows[] = {
		{ "", NULL, 0 },
		{ "00000000000000ee\t2\t3\t0\n", NULL, 1 },
		{ "00000000000000ee\t2\t3\t0", NULL, 1 },               /* no final newline */
		{ "00000000000000ee\t2\t3\t0\n\n", "f:2:1:", 0 },      /* an empty line */
		{ "00000000000000ee\t9\t3\t0\n", "f:1:18:", 0 },        /* 9 of 3 */
		{ "00000000000000ee\t0\t3\t0\n", "f:1:18:", 0 },        /* sentence 0 */
		{ "00000000000000EE\t2\t3\t0\n", "f:1:15:", 0 },        /* upper case: not ours */
		{ "0000000000000ee\t2\t3\t0\n", "f:1:16:", 0 },         /* 15 digits */
		{ "00000000000000ee\t2\t3\t0\r\n", "f:1:23:", 0 },     /* CRLF */
		{ "00000000000000ee\t2\t3\t-1\n", "f:1:22:", 0 },
		{ "00000000000000ee\t2\t3\t99999999999999999999\n", "f:1:", 0 },
		{ "00000000000000ee\t2\t3\n", "f:1:", 0 },
	};
	struct plr_position out[PLR_POSITIONS_MAX];
	size_t i, n;

	(void)state;
	for (i = 0; i < BB_ARRAY_SIZE(rows); i++) {
		struct bb_err err = { { 0 } };
		bobao_code rc = plr_positions_parse(rows[i].in, strlen(rows[i].in), "f", out, &n, &err);

		if (!rows[i].err) {
			assert_int_equal(rc, BOBAO_OK);
			assert_int_equal(n, rows[i].count);
		} else {
			assert_int_equal(rc, BOBAO_E_ENCODING);
			if (strncmp(err.msg, rows[i].err, strlen(rows[i].err)))
				fail_msg("row %zu: '%s', expected '%s...'", i, err.msg, rows[i].err);
		}
	}
}

static void test_hash(void **state)
{
	(void)state;
	/* FNV-1a's published value for "a" */
	assert_true(plr_hash(PLR_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(plr_hash(PLR_HASH_INIT, "ab", 2) != plr_hash(PLR_HASH_INIT, "ba", 2));
}

/* Three articles: the second has two paragraphs of two sentences. */
static void write_text(char in[3][128])
{
	static const char *const text[3] = {
		"第一篇第一句。第一篇第二句。\n",
		"第二篇第一句。第二篇第二句。\n第二段第一句。第二段第二句。\n",
		"第三篇只有一句。\n",
	};

	for (int i = 0; i < 3; i++) {
		FILE *fp;

		snprintf(in[i], 128, "%s/art%d.txt", dir, i);
		fp = fopen(in[i], "w");
		assert_non_null(fp);
		fputs(text[i], fp);
		fclose(fp);
	}
}

static unsigned long at(bobao_player *pl)
{
	struct bobao_position p;

	bobao_player_position(pl, &p);
	return p.sentence;
}

static void test_moves(void **state)
{
	char in[3][128], store[160];
	const char *inputs[3] = { in[0], in[1], in[2] };
	static const char *const opts[] = { NULL };
	struct bobao_output out;
	struct bobao_player_options po;
	struct bobao_position p;
	bobao_player *pl;
	bobao *b;
	int done = 0, i;

	(void)state;
	write_text(in);
	snprintf(store, sizeof(store), "%s/moves/positions", dir);
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	bobao_output_init(&out, BOBAO_OUTPUT_PLAYER);
	out.driver = "null";
	out.driver_options = opts;
	bobao_player_options_init(&po);
	po.from = 4;
	po.positions = store;
	assert_int_equal(bobao_player_open(b, inputs, 3, &out, &po, &pl), BOBAO_OK);
	bobao_player_position(pl, &p);
	assert_int_equal(p.sentence, 4);
	assert_int_equal(p.sentences, 7);
	assert_int_equal(p.article, 2);
	assert_int_equal(p.articles, 3);
	assert_int_equal(p.in_article, 2);
	assert_int_equal(p.article_sentences, 4);
	assert_int_equal(p.paragraphs, 4);
	assert_string_equal(p.text, "第二篇第二句。");
	/* not heard yet: back goes to the one before */
	bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, -1);
	assert_int_equal(at(pl), 3);
	bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, 1);
	bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, 1);
	assert_int_equal(at(pl), 5);
	bobao_player_seek(pl, BOBAO_SEEK_PARAGRAPH, -1);   /* first of its paragraph: the one before */
	assert_int_equal(at(pl), 3);
	bobao_player_seek(pl, BOBAO_SEEK_PARAGRAPH, 1);
	assert_int_equal(at(pl), 5);
	bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, 1);
	assert_int_equal(at(pl), 7);
	bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, 1);      /* no article after: stays */
	assert_int_equal(at(pl), 7);
	bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, -1);
	assert_int_equal(at(pl), 3);
	bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, -1);
	assert_int_equal(at(pl), 1);
	bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, -1);    /* before the first: the first */
	assert_int_equal(at(pl), 1);
	bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, 2);
	assert_int_equal(at(pl), 7);
	assert_int_equal(bobao_player_rate(pl, 1000), 450);
	assert_int_equal(bobao_player_rate(pl, 193), 193);
	/* stopped here: kept */
	assert_int_equal(bobao_player_close(pl, 1), BOBAO_OK);

	/* --resume starts there; played to the end it is forgotten */
	bobao_player_options_init(&po);
	po.positions = store;
	po.resume = 1;
	assert_int_equal(bobao_player_open(b, inputs, 3, &out, &po, &pl), BOBAO_OK);
	assert_int_equal(at(pl), 7);
	for (i = 0; i < 2000 && !done; i++)
		assert_int_equal(bobao_player_run(pl, 50, &done), BOBAO_OK);
	assert_true(done);
	bobao_player_position(pl, &p);
	assert_true(p.done);
	assert_true(p.total > 0.5);
	assert_int_equal(bobao_player_close(pl, 1), BOBAO_OK);
	assert_int_equal(bobao_player_open(b, inputs, 3, &out, &po, &pl), BOBAO_OK);
	assert_int_equal(at(pl), 1);
	bobao_player_close(pl, 0);

	/* a sentence that is not there */
	po.resume = 0;
	po.from = 8;
	assert_int_equal(bobao_player_open(b, inputs, 3, &out, &po, &pl), BOBAO_E_ARG);
	assert_non_null(strstr(bobao_errmsg(b), "no sentence 8"));
	bobao_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_positions_parse),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_moves),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

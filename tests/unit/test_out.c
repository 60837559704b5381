/* test_out.c - bb_out (base/out.c): where and how output files are
 * written, and bb_same_file. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "bb_out.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/bobao-out.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
	return system(cmd);
}

/* The names in dir, sorted, space-separated. */
static const char *names(void)
{
	static char buf[1024];
	struct dirent **list;
	int n, i;

	buf[0] = '\0';
	n = scandir(dir, &list, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			strncat(buf, list[i]->d_name, sizeof(buf) - strlen(buf) - 2);
			strcat(buf, " ");
		}
		free(list[i]);
	}
	free(list);
	return buf;
}

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
	char p[128];
	FILE *fp;

	path_of(p, sizeof(p), name);
	assert_non_null(fp = fopen(p, "w"));
	fputs(text, fp);
	fclose(fp);
}

static const char *get(const char *name)
{
	static char buf[256];
	char p[128];
	FILE *fp;
	size_t k;

	path_of(p, sizeof(p), name);
	if (!(fp = fopen(p, "r")))
		return "(none)";
	k = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[k] = '\0';
	fclose(fp);
	return buf;
}

/* Open name in dir with flags and write text: the open bb_out in *o
 * (which borrows its path: kept here until the next call). */
static void start(struct bb_out *o, const char *name, unsigned flags, const char *text)
{
	static char p[128];
	struct bb_err err = { { 0 } };

	path_of(p, sizeof(p), name);
	assert_int_equal(bb_out_open(o, p, flags, &err), BOBAO_OK);
	assert_int_equal(bb_out_write(o, text, strlen(text), &err), BOBAO_OK);
}

static void clean(void)
{
	teardown(NULL);
	assert_int_equal(mkdir(dir, 0700), 0);
}

/* The new contents appear only on commit; discard keeps the old file. */
static void test_replace_and_discard(void **state)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };
	struct stat st;
	char p[128];
	mode_t mask = umask(022);

	(void)state;
	clean();
	put("news.txt", "old");
	path_of(p, sizeof(p), "news.txt");
	start(&o, "news.txt", 0, "new");
	assert_string_equal(get("news.txt"), "old");
	assert_string_equal(names(), "news.txt ");   /* O_TMPFILE: no name yet */
	bb_out_discard(&o);
	assert_string_equal(get("news.txt"), "old");
	assert_string_equal(names(), "news.txt ");
	start(&o, "news.txt", 0, "new");
	assert_int_equal(bb_out_commit(&o, &err), BOBAO_OK);
	assert_string_equal(get("news.txt"), "new");
	assert_string_equal(names(), "news.txt ");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	umask(mask);
}

/* A write behind bb_out's back (an encoder that lost count) is caught. */
static void test_size_checked(void **state)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };
	char p[128];

	(void)state;
	clean();
	put("news.txt", "old");
	path_of(p, sizeof(p), "news.txt");
	start(&o, "news.txt", 0, "new");
	assert_int_equal(write(o.fd, "!", 1), 1);
	assert_int_equal(bb_out_commit(&o, &err), BOBAO_E_IO);
	assert_non_null(strstr(err.msg, "3 bytes written, 4 in the file"));
	assert_string_equal(get("news.txt"), "old");
	assert_string_equal(names(), "news.txt ");
}

static void test_symlink_followed(void **state)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };
	char p[128], t[128], l[64];
	ssize_t n;

	(void)state;
	clean();
	put("target.txt", "old");
	path_of(p, sizeof(p), "link.txt");
	assert_int_equal(symlink("target.txt", p), 0);
	start(&o, "link.txt", 0, "new");
	assert_int_equal(bb_out_commit(&o, &err), BOBAO_OK);
	assert_string_equal(get("target.txt"), "new");
	assert_int_equal(n = readlink(p, l, sizeof(l) - 1), 10);
	l[n] = '\0';
	assert_string_equal(l, "target.txt");
	/* a loop is an error, not a hang */
	path_of(t, sizeof(t), "loop.txt");
	assert_int_equal(symlink("loop.txt", t), 0);
	assert_int_equal(bb_out_open(&o, t, 0, &err), BOBAO_E_CREATE);
}

static void test_write_protected(void **state)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };
	char p[128];

	(void)state;
	clean();
	put("ro.txt", "old");
	path_of(p, sizeof(p), "ro.txt");
	assert_int_equal(chmod(p, 0444), 0);
	assert_int_equal(bb_out_open(&o, p, 0, &err), BOBAO_E_CREATE);
	assert_non_null(strstr(err.msg, "write-protected"));
	start(&o, "ro.txt", BB_OUT_FORCE, "new");
	assert_int_equal(bb_out_commit(&o, &err), BOBAO_OK);
	assert_string_equal(get("ro.txt"), "new");
	path_of(p, sizeof(p), ".");
	assert_int_equal(bb_out_open(&o, p, 0, &err), BOBAO_E_CREATE);   /* a directory */
}

/* finish flushes without putting in place; commit after it does. */
static void test_finish_then_commit(void **state)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };
	char p[128];

	(void)state;
	clean();
	path_of(p, sizeof(p), "a.txt");
	start(&o, "a.txt", 0, "abc");
	assert_int_equal(bb_out_finish(&o, &err), BOBAO_OK);
	assert_string_equal(names(), "");
	assert_int_equal(bb_out_commit(&o, &err), BOBAO_OK);
	assert_string_equal(get("a.txt"), "abc");
}

static void test_same_file(void **state)
{
	char a[128], b[128], c[128], link[128];

	(void)state;
	clean();
	put("a.txt", "a");
	put("b.txt", "b");
	path_of(a, sizeof(a), "a.txt");
	path_of(b, sizeof(b), "b.txt");
	path_of(link, sizeof(link), "alias.txt");
	assert_int_equal(symlink("a.txt", link), 0);
	assert_int_equal(bb_same_file(a, a), 1);
	assert_int_equal(bb_same_file(a, link), 1);
	assert_int_equal(bb_same_file(a, b), 0);
	snprintf(c, sizeof(c), "%s/./new.wav", dir);   /* not there yet: by name */
	path_of(b, sizeof(b), "new.wav");
	assert_int_equal(bb_same_file(b, c), 1);
	path_of(c, sizeof(c), "new.vtt");
	assert_int_equal(bb_same_file(b, c), 0);
	assert_int_equal(bb_same_file("-", "-"), 1);
	assert_int_equal(bb_same_file("-", a), 0);
	assert_int_equal(bb_same_file(a, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_and_discard),
		cmocka_unit_test(test_size_checked),
		cmocka_unit_test(test_symlink_followed),
		cmocka_unit_test(test_write_protected),
		cmocka_unit_test(test_finish_then_commit),
		cmocka_unit_test(test_same_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_out.c - bb_out (base/out.c): where and how output files are
 * written, bb_same_file, and bb_publish (base/publish.c): a run's files
 * in place together or not at all. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "bb_out.h"
#include "bb_publish.h"

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

/* Stage name (in dir) with text into pub; paths kept in p[]. */
static void stage(struct bb_publish *pub, char p[][128], int i, const char *name,
                  const char *text, unsigned flags)
{
	struct bb_out o;
	struct bb_err err = { { 0 } };

	path_of(p[i], 128, name);
	assert_int_equal(bb_out_open(&o, p[i], 0, &err), BOBAO_OK);
	assert_int_equal(bb_out_write(&o, text, strlen(text), &err), BOBAO_OK);
	assert_non_null(bb_publish_stage(pub, &o, flags, &err));
	assert_int_equal(o.fd, -1);   /* pub owns it now */
}

/* Staged files go in place only on commit, all of them; when the last
 * (the bulletin) cannot, the sidecars that went before it are taken back:
 * a new one removed, a replaced one written back. */
static void test_publish(void **state)
{
	struct bb_publish pub;
	struct bb_err err = { { 0 } };
	char p[4][128], sub[128];

	(void)state;
	clean();
	put("news.vtt", "old vtt");
	bb_publish_init(&pub);
	stage(&pub, p, 0, "news.wav", "new wav", BB_PUBLISH_LAST);
	stage(&pub, p, 1, "news.vtt", "new vtt", 0);
	stage(&pub, p, 2, "news.json", "new json", 0);
	assert_string_equal(names(), "news.vtt ");
	assert_int_equal(bb_publish_commit(&pub, &err), BOBAO_OK);
	bb_publish_release(&pub);
	assert_string_equal(names(), "news.json news.vtt news.wav ");
	assert_string_equal(get("news.vtt"), "new vtt");
	assert_string_equal(get("news.wav"), "new wav");

	/* the bulletin's folder goes before it can be linked there */
	clean();
	put("news.vtt", "old vtt");
	path_of(sub, sizeof(sub), "sub");
	assert_int_equal(mkdir(sub, 0700), 0);
	bb_publish_init(&pub);
	stage(&pub, p, 0, "sub/news.wav", "new wav", BB_PUBLISH_LAST);
	stage(&pub, p, 1, "news.vtt", "new vtt", 0);
	stage(&pub, p, 2, "news.json", "new json", 0);
	assert_int_equal(rmdir(sub), 0);
	assert_int_equal(bb_publish_commit(&pub, &err), BOBAO_E_CREATE);
	bb_publish_release(&pub);
	assert_string_equal(names(), "news.vtt ");
	assert_string_equal(get("news.vtt"), "old vtt");

	/* a file dropped from the set, and a release without commit */
	clean();
	bb_publish_init(&pub);
	stage(&pub, p, 0, "a.txt", "a", 0);
	stage(&pub, p, 1, "b.txt", "b", 0);
	bb_publish_drop(&pub, &pub.out[0]);
	assert_int_equal(pub.n, 1);
	assert_int_equal(bb_publish_commit(&pub, &err), BOBAO_OK);
	bb_publish_release(&pub);
	assert_string_equal(names(), "b.txt ");
	bb_publish_init(&pub);
	stage(&pub, p, 0, "c.txt", "c", 0);
	bb_publish_release(&pub);
	assert_string_equal(names(), "b.txt ");
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
		cmocka_unit_test(test_publish),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

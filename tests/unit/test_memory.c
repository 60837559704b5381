/* test_memory.c - bobao_render_text(): articles held in memory to a
 * bulletin, read back with libsndfile and compared with the same text
 * rendered from files; its messages name the text, no temporary is left. */
#include <dirent.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

static const char *const news[] = {
	"市交通运输局宣布，新开通的3条公交线路将于12月1日起试运行。\n"
	"试运行期间票价为2元。\n",
	"下面是天气预报。\n明天白天到夜间多云，最高气温15度。\n",
};

struct dir {
	char path[64];
};

static void make_dir(struct dir *d)
{
	snprintf(d->path, sizeof(d->path), "/tmp/bobao-unit.XXXXXX");
	assert_non_null(mkdtemp(d->path));
}

/* how many entries a folder holds, . and .. aside */
static int entries(const char *path)
{
	DIR *dp = opendir(path);
	struct dirent *e;
	int n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dp);
	return n;
}

/* frames of a sound file, its rate and channels; its samples in *pcm */
static sf_count_t read_back(const char *path, int *rate, int *channels, short **pcm)
{
	SF_INFO info;
	SNDFILE *f;

	memset(&info, 0, sizeof(info));
	f = sf_open(path, SFM_READ, &info);
	assert_non_null(f);
	*rate = info.samplerate;
	*channels = info.channels;
	*pcm = malloc((size_t)info.frames * sizeof(**pcm) + 1);
	assert_non_null(*pcm);
	assert_int_equal(sf_readf_short(f, *pcm, info.frames), info.frames);
	sf_close(f);
	return info.frames;
}

static void render_to(bobao *b, const char *path, int from_memory, const char *const *files)
{
	struct bobao_output out;

	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	out.path = path;
	if (from_memory)
		assert_int_equal(bobao_render_text(b, news, NULL, 2, &out), BOBAO_OK);
	else
		assert_int_equal(bobao_render(b, files, 2, &out), BOBAO_OK);
}

static void test_memory_renders_as_files_do(void **state)
{
	struct dir tmp, files;
	char mem_wav[128], file_wav[128], in[2][128];
	const char *inputs[2] = { in[0], in[1] };
	struct bobao_stats st;
	short *a, *b2;
	int rate, ch, rate2, ch2, i;
	sf_count_t n, n2;
	bobao *b;

	(void)state;
	make_dir(&tmp);
	make_dir(&files);
	setenv("TMPDIR", tmp.path, 1);
	for (i = 0; i < 2; i++) {
		FILE *fp;

		snprintf(in[i], sizeof(in[i]), "%s/%d.txt", files.path, i);
		assert_non_null(fp = fopen(in[i], "w"));
		fputs(news[i], fp);
		fclose(fp);
	}
	snprintf(mem_wav, sizeof(mem_wav), "%s/mem.wav", files.path);
	snprintf(file_wav, sizeof(file_wav), "%s/file.wav", files.path);
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	render_to(b, mem_wav, 1, NULL);
	bobao_get_stats(b, &st);
	assert_int_equal(st.articles, 2);
	assert_true(st.sentences >= 4);
	render_to(b, file_wav, 0, inputs);
	bobao_free(b);

	n = read_back(mem_wav, &rate, &ch, &a);
	n2 = read_back(file_wav, &rate2, &ch2, &b2);
	assert_int_equal(rate, 22050);
	assert_int_equal(ch, 1);
	assert_true(n > 22050 * 5);   /* seconds of speech, not a click */
	assert_true((double)n / rate > st.audio_seconds - 0.01 &&
	            (double)n / rate < st.audio_seconds + 0.01);
	/* the same speech, sample for sample, as from the files */
	assert_int_equal(n, n2);
	assert_memory_equal(a, b2, (size_t)n * sizeof(*a));
	free(a);
	free(b2);
	assert_int_equal(entries(tmp.path), 0);   /* no temporary left */
	unlink(mem_wav);
	unlink(file_wav);
	unlink(in[0]);
	unlink(in[1]);
	rmdir(files.path);
	rmdir(tmp.path);
	unsetenv("TMPDIR");
}

static void test_memory_errors_name_the_text(void **state)
{
	static const char *const bad[] = { "好的。\n", "坏\xff了。\n" };
	static const char *const names[] = { "first", "晚间新闻" };
	struct dir tmp;
	struct bobao_output out;
	char wav[128];
	bobao *b;

	(void)state;
	make_dir(&tmp);
	setenv("TMPDIR", tmp.path, 1);
	snprintf(wav, sizeof(wav), "%s/out.wav", tmp.path);
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	out.path = wav;
	assert_int_equal(bobao_render_text(b, bad, names, 2, &out), BOBAO_E_ENCODING);
	assert_true(!strncmp(bobao_errmsg(b), "晚间新闻:1:", strlen("晚间新闻:1:")));
	assert_null(strstr(bobao_errmsg(b), tmp.path));
	assert_int_equal(bobao_render_text(b, bad, NULL, 2, &out), BOBAO_E_ENCODING);
	assert_true(!strncmp(bobao_errmsg(b), "text 2:1:", 9));
	assert_int_equal(entries(tmp.path), 0);   /* no output, no temporary */
	assert_int_equal(bobao_render_text(b, bad, NULL, 0, &out), BOBAO_E_ARG);
	bobao_free(b);
	rmdir(tmp.path);
	unsetenv("TMPDIR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_renders_as_files_do),
		cmocka_unit_test(test_memory_errors_name_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

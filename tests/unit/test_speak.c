/* test_speak.c - bobao_speak(): text in memory, streamed, marks, stopping. */
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

struct heard {
	size_t n;             /* samples so far */
	int first, last;      /* first and last sample */
	int rate;
	size_t calls;
	size_t stop_after;    /* return non-zero on this audio call (0: never) */
	bobao *interrupt;     /* bobao_interrupt() it on the first call */
	char marks[8][16];
	size_t mark_at[8];
	size_t n_marks;
	int audio_after_stop; /* callbacks after one returned non-zero */
	int stopped;
};

static int audio(void *ctx, const short *pcm, size_t n, int rate)
{
	struct heard *h = ctx;

	if (h->stopped)
		h->audio_after_stop = 1;
	if (!h->n)
		h->first = pcm[0];
	h->last = pcm[n - 1];
	h->n += n;
	h->rate = rate;
	h->calls++;
	if (h->interrupt)
		bobao_interrupt(h->interrupt);
	if (h->stop_after && h->calls >= h->stop_after)
		h->stopped = 1;
	return h->stopped;
}

static int mark(void *ctx, const char *name)
{
	struct heard *h = ctx;

	if (h->stopped)
		h->audio_after_stop = 1;
	if (h->n_marks < ARRAY_SIZE(h->marks)) {
		snprintf(h->marks[h->n_marks], sizeof(h->marks[0]), "%s", name);
		h->mark_at[h->n_marks++] = h->n;
	}
	return 0;
}

static bobao *handle(void)
{
	bobao *b;

	assert_int_equal(bobao_new(&b), BOBAO_OK);
	return b;
}

static bobao_code speak(bobao *b, const char *text, const struct bobao_mark *m, size_t nm,
                        struct heard *h)
{
	struct bobao_speak_cb cb = { audio, mark, h };

	return bobao_speak(b, text, strlen(text), m, nm, &cb);
}

static void test_speech_from_the_first_sample(void **state)
{
	bobao *b = handle();
	struct heard h = { 0 };

	(void)state;
	assert_int_equal(speak(b, "银行行长说，增长了5%。", NULL, 0, &h), BOBAO_OK);
	assert_int_equal(h.rate, 22050);
	assert_true(h.n > 2 * 22050u);      /* a sentence: seconds, not a blip */
	assert_true(abs(h.first) > 200);    /* no lead-in: the first sample is speech */
	assert_true(abs(h.last) > 200);     /* no lead-out */
	assert_true(h.calls > 10);          /* streamed in pieces, not at the end */
	bobao_free(b);
}

static void test_marks(void **state)
{
	const char *text = "第一句。第二句。";
	struct bobao_mark m[] = {
		{ 0, "start" }, { strlen("第一句。"), "one" }, { strlen(text), "end" },
	};
	struct heard h = { 0 }, first = { 0 }, whole = { 0 };
	bobao *b = handle();
	struct bobao_options o;

	(void)state;
	bobao_options_init(&o);
	o.pause_sentence = 500;
	assert_int_equal(bobao_set_options(b, &o), BOBAO_OK);
	assert_int_equal(speak(b, "第一句。", NULL, 0, &first), BOBAO_OK);
	assert_int_equal(speak(b, text, NULL, 0, &whole), BOBAO_OK);
	assert_int_equal(speak(b, text, m, ARRAY_SIZE(m), &h), BOBAO_OK);
	assert_int_equal(h.n_marks, 3);
	assert_string_equal(h.marks[0], "start");
	assert_string_equal(h.marks[1], "one");
	assert_string_equal(h.marks[2], "end");
	assert_int_equal(h.mark_at[0], 0);
	/* after the first sentence, before the pause: within 10 ms */
	assert_true(h.mark_at[1] + 220 >= first.n && h.mark_at[1] <= first.n + 220);
	assert_int_equal(h.mark_at[2], h.n);
	/* the pause after the mark is the sentence's */
	assert_true(h.n + 220 * 5 >= whole.n && h.n <= whole.n + 220 * 5);
	assert_true(h.n > first.n + 22050 / 2);
	bobao_free(b);
}

static void test_bad_marks(void **state)
{
	const char *text = "你好";
	struct bobao_mark backwards[] = { { 3, "b" }, { 0, "a" } };
	struct bobao_mark beyond[] = { { 7, "x" } };
	struct bobao_mark inside[] = { { 1, "x" } };   /* in the middle of 你 */
	struct heard h = { 0 };
	bobao *b = handle();

	(void)state;
	assert_int_equal(speak(b, text, backwards, 2, &h), BOBAO_E_ARG);
	assert_int_equal(speak(b, text, beyond, 1, &h), BOBAO_E_ARG);
	assert_int_equal(speak(b, text, inside, 1, &h), BOBAO_E_ARG);
	assert_non_null(strstr(bobao_errmsg(b), "mark 1"));
	assert_int_equal(h.n + h.n_marks, 0);
	assert_int_equal(bobao_speak(b, text, 6, NULL, 0, NULL), BOBAO_E_ARG);
	bobao_free(b);
}

static void test_nothing_to_say(void **state)
{
	struct bobao_mark m[] = { { 0, "only" } };
	struct heard h = { 0 };
	bobao *b = handle();
	struct bobao_speak_cb cb = { audio, mark, &h };

	(void)state;
	assert_int_equal(bobao_speak(b, NULL, 0, NULL, 0, &cb), BOBAO_OK);   /* opens */
	assert_int_equal(speak(b, "，。  ", m, 1, &h), BOBAO_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.n_marks, 1);
	assert_int_equal(speak(b, "你\xff好", NULL, 0, &h), BOBAO_E_ENCODING);
	assert_non_null(strstr(bobao_errmsg(b), "invalid UTF-8"));
	bobao_free(b);
}

static void test_stop(void **state)
{
	const char *text = "今天天气很好，我们去公园散步，看到很多人在锻炼身体。我们也去了。";
	struct bobao_mark m[] = { { strlen(text), "end" } };
	struct heard h = { 0 }, i = { 0 }, after = { 0 };
	bobao *b = handle();

	(void)state;
	h.stop_after = 2;
	assert_int_equal(speak(b, text, m, 1, &h), BOBAO_E_INTERRUPTED);
	assert_int_equal(h.calls, 2);
	assert_false(h.audio_after_stop);
	assert_int_equal(h.n_marks, 0);
	i.interrupt = b;
	assert_int_equal(speak(b, text, NULL, 0, &i), BOBAO_E_INTERRUPTED);
	assert_int_equal(i.calls, 1);
	/* an interrupt does not outlive its call */
	assert_int_equal(speak(b, "你好", NULL, 0, &after), BOBAO_OK);
	assert_true(after.n > 0);
	bobao_free(b);
}

/* A bulletin rendered into dir/name from text; its size in bytes. */
static long render_to(bobao *b, const char *dir, const char *name)
{
	struct bobao_output out;
	char in[512], path[512];
	const char *inputs[1] = { in };
	struct stat st;
	FILE *fp;

	snprintf(in, sizeof(in), "%s/in.txt", dir);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(in, "w"));
	fputs("今天天气很好。\n", fp);
	fclose(fp);
	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	out.path = path;
	if (bobao_render(b, inputs, 1, &out) != BOBAO_OK) {
		print_error("%s\n", bobao_errmsg(b));
		return -1;
	}
	return stat(path, &st) ? -1 : (long)st.st_size;
}

static int count_piece(void *ctx, const struct bobao_text *t)
{
	(void)t;
	++*(int *)ctx;
	return 0;
}

/* Every order of calls on one handle works (issue 18, 18): the workers of
 * bobao_render() are forked with the handle's own engine open. */
static void test_speak_then_render(void **state)
{
	char dir[] = "/tmp/test_speak.XXXXXX", in[64];
	const char *inputs[1] = { in };
	struct heard h = { 0 }, again = { 0 };
	struct bobao_options o;
	int pieces = 0;
	bobao *b = handle();

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(in, sizeof(in), "%s/in.txt", dir);
	bobao_options_init(&o);
	o.jobs = 1;
	assert_int_equal(bobao_set_options(b, &o), BOBAO_OK);
	assert_int_equal(speak(b, "你好", NULL, 0, &h), BOBAO_OK);
	assert_true(render_to(b, dir, "one.wav") > 10000);
	o.jobs = 2;   /* (bobao_set_options() closes the engine: speak again) */
	assert_int_equal(bobao_set_options(b, &o), BOBAO_OK);
	assert_int_equal(speak(b, "你好", NULL, 0, &h), BOBAO_OK);
	assert_true(render_to(b, dir, "two.wav") > 10000);
	/* the engine opened by bobao_read_text() for phonemes, then a render */
	assert_int_equal(bobao_read_text(b, inputs, 1, BOBAO_TEXT_PHONEMES, count_piece, &pieces),
	                 BOBAO_OK);
	assert_int_equal(pieces, 1);
	assert_int_equal(speak(b, "你好", NULL, 0, &h), BOBAO_OK);
	assert_true(render_to(b, dir, "three.wav") > 10000);
	assert_int_equal(speak(b, "你好", NULL, 0, &again), BOBAO_OK);
	assert_true(again.n > 0);
	bobao_free(b);
	unlink(in);
	snprintf(in, sizeof(in), "%s/one.wav", dir);
	unlink(in);
	snprintf(in, sizeof(in), "%s/two.wav", dir);
	unlink(in);
	snprintf(in, sizeof(in), "%s/three.wav", dir);
	unlink(in);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_speech_from_the_first_sample),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_bad_marks),
		cmocka_unit_test(test_nothing_to_say),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_speak_then_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

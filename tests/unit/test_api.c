/* test_api.c - every public function of bobao.h given NULLs: BOBAO_E_ARG
 * (a message on the handle when there is one), never a crash; the void
 * ones do nothing.  A new public function gets a line here. */
#include "unit.h"

static int piece(void *ctx, const struct bobao_text *t)
{
	(void)ctx;
	(void)t;
	return 0;
}

static int voice(void *ctx, const struct bobao_voice *v)
{
	(void)ctx;
	(void)v;
	return 0;
}

static int audio(void *ctx, const short *pcm, size_t n, int rate)
{
	(void)ctx;
	(void)pcm;
	(void)n;
	(void)rate;
	return 0;
}

/* rc is BOBAO_E_ARG and b says why. */
#define assert_arg(b, call)                                                     \
	do {                                                                    \
		assert_int_equal((call), BOBAO_E_ARG);                          \
		assert_true(bobao_errmsg(b)[0] != '\0');                        \
	} while (0)

static void test_null_handle(void **state)
{
	const char *in[1] = { "in.txt" };
	struct bobao_output out;
	struct bobao_stats st;
	struct bobao_position pos;
	struct bobao_fetch_options fo;
	char *text = NULL;
	size_t len = 0;
	bobao_player *pl = (bobao_player *)&st;   /* must be set to NULL or left */

	(void)state;
	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	out.path = "x.wav";
	bobao_fetch_options_init(&fo);
	fo.dir = "d";
	assert_int_equal(bobao_new(NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_set_options(NULL, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_add_lexicon(NULL, "x.tsv"), BOBAO_E_ARG);
	assert_int_equal(bobao_render(NULL, in, 1, &out), BOBAO_E_ARG);
	assert_int_equal(bobao_play_file(NULL, "x.wav", &out), BOBAO_E_ARG);
	assert_int_equal(bobao_read_text(NULL, in, 1, 0, piece, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_voices(NULL, 0, voice, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_speak(NULL, "x", 1, NULL, 0, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_fetch(NULL, in, 1, &fo), BOBAO_E_ARG);
	assert_int_equal(bobao_extract_html(NULL, "<p>x</p>", 8, NULL, &text, &len), BOBAO_E_ARG);
	assert_null(text);
	assert_int_equal(bobao_player_open(NULL, in, 1, &out, NULL, &pl), BOBAO_E_ARG);
	assert_int_equal(bobao_player_run(NULL, 10, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_player_say(NULL, "x"), BOBAO_E_ARG);
	assert_int_equal(bobao_player_rate(NULL, 200), 0);
	assert_int_equal(bobao_player_close(NULL, 1), BOBAO_OK);
	bobao_player_seek(NULL, BOBAO_SEEK_SENTENCE, 1);
	bobao_player_pause(NULL, 1);
	memset(&pos, 0xff, sizeof(pos));
	bobao_player_position(NULL, &pos);
	assert_int_equal(pos.sentence, 0);
	memset(&st, 0xff, sizeof(st));
	bobao_get_stats(NULL, &st);
	assert_int_equal(st.units, 0);
	assert_string_equal(bobao_errmsg(NULL), "");
	bobao_interrupt(NULL);
	bobao_free(NULL);
	bobao_options_init((struct bobao_options *)NULL);
	bobao_output_init((struct bobao_output *)NULL, BOBAO_OUTPUT_FILE);
	bobao_player_options_init((struct bobao_player_options *)NULL);
	bobao_fetch_options_init((struct bobao_fetch_options *)NULL);
	assert_non_null(bobao_strerror((bobao_code)-1));
	assert_true(bobao_exit_status((bobao_code)-1) > 0);
}

static void test_null_arguments(void **state)
{
	const char *in[2] = { "in.txt", NULL };
	const char *none[1] = { NULL };
	struct bobao_output out, player;
	struct bobao_fetch_options fo;
	struct bobao_speak_cb cb = { audio, NULL, NULL };
	bobao_player *pl = NULL;
	char *text = NULL;
	size_t len = 0;
	int done = 0;
	bobao *b;

	(void)state;
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	out.path = "/nonexistent/x.wav";
	bobao_output_init(&player, BOBAO_OUTPUT_PLAYER);
	player.driver = "null";
	bobao_fetch_options_init(&fo);
	fo.dir = "/nonexistent/d";
	assert_arg(b, bobao_set_options(b, NULL));
	assert_arg(b, bobao_add_lexicon(b, NULL));
	/* a NULL entry among the inputs, or NULL inputs to count */
	assert_arg(b, bobao_read_text(b, in, 2, 0, piece, NULL));
	assert_arg(b, bobao_read_text(b, none, 1, 0, piece, NULL));
	assert_arg(b, bobao_read_text(b, NULL, 1, 0, piece, NULL));
	assert_arg(b, bobao_read_text(b, in, 1, 0, NULL, NULL));
	assert_arg(b, bobao_render(b, in, 2, &out));
	assert_arg(b, bobao_render(b, NULL, 1, &out));
	assert_arg(b, bobao_render(b, in, 1, NULL));
	assert_arg(b, bobao_play_file(b, NULL, &player));
	assert_arg(b, bobao_play_file(b, "x.wav", NULL));
	assert_arg(b, bobao_voices(b, 0, NULL, NULL));
	assert_arg(b, bobao_speak(b, NULL, 1, NULL, 0, &cb));
	assert_arg(b, bobao_speak(b, "x", 1, NULL, 0, NULL));
	assert_arg(b, bobao_speak(b, "x", 1, NULL, 1, &cb));
	assert_arg(b, bobao_fetch(b, in, 2, &fo));
	assert_arg(b, bobao_fetch(b, NULL, 1, &fo));
	assert_arg(b, bobao_fetch(b, in, 1, NULL));
	assert_arg(b, bobao_extract_html(b, NULL, 8, NULL, &text, &len));
	assert_arg(b, bobao_extract_html(b, "<p>x</p>", 8, NULL, NULL, &len));
	assert_arg(b, bobao_extract_html(b, "<p>x</p>", 8, NULL, &text, NULL));
	assert_arg(b, bobao_player_open(b, in, 2, &player, NULL, &pl));
	assert_null(pl);
	assert_arg(b, bobao_player_open(b, in, 1, NULL, NULL, &pl));
	assert_int_equal(bobao_player_open(b, in, 1, &player, NULL, NULL), BOBAO_E_ARG);
	assert_int_equal(bobao_player_run(NULL, 10, &done), BOBAO_E_ARG);
	bobao_get_stats(b, (struct bobao_stats *)NULL);
	bobao_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_handle),
		cmocka_unit_test(test_null_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

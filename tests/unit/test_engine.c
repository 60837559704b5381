/* test_engine.c - the eSpeak NG engine through the tts interface. */
#include "unit.h"
#include "tts.h"

struct pcm {
	size_t n;
	int16_t peak;
	int stop_after;   /* stop the engine after this many calls (0: never) */
	int calls;
};

static int collect(void *ctx, const int16_t *pcm, size_t n)
{
	struct pcm *p = ctx;
	size_t i;

	for (i = 0; i < n; i++)
		if (abs(pcm[i]) > p->peak)
			p->peak = (int16_t)abs(pcm[i]);
	p->n += n;
	return p->stop_after && ++p->calls >= p->stop_after;
}

static struct tts_params params(const char *voice)
{
	struct tts_params p = { .voice = voice, .latin_voice = "en", .rate = 175, .pitch = 50,
	                        .volume = 100 };

	return p;
}

static void test_mandarin(void **state)
{
	struct tts_engine e = TTS_ENGINE_INIT;
	struct tts_params p = params("cmn-latn-pinyin");
	struct bb_err err = { { 0 } };
	struct bb_buf ph = BB_BUF_INIT(4096);
	struct pcm pcm = { 0 };

	(void)state;
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_OK);
	assert_int_equal(e.sample_rate, 22050);
	assert_int_equal(tts_synth(&e, "ni3 hao3, shi4 jie4.", TTS_MANDARIN, collect, &pcm, &err),
	                 BOBAO_OK);
	assert_true(pcm.n > (size_t)e.sample_rate / 2);   /* four syllables: > 0.5 s */
	assert_true(pcm.peak > 5000);
	/* read as Mandarin: tones in the phonemes, no switch to English */
	assert_int_equal(tts_phonemes(&e, "yin2 hang2 ni3 hao3", TTS_MANDARIN, &ph, &err),
	                 BOBAO_OK);
	assert_null(strstr(bb_buf_str(&ph), "(en)"));
	assert_non_null(strstr(bb_buf_str(&ph), "35"));   /* a rising tone */
	/* and the Latin voice reads English */
	bb_buf_reset(&ph);
	assert_int_equal(tts_phonemes(&e, "GDP", TTS_LATIN, &ph, &err), BOBAO_OK);
	assert_true(ph.len > 0);
	assert_null(strstr(bb_buf_str(&ph), "51"));        /* no Mandarin tone */
	bb_buf_release(&ph);
	tts_close(&e);
}

static void test_stop(void **state)
{
	struct tts_engine e = TTS_ENGINE_INIT;
	struct tts_params p = params("cmn-latn-pinyin");
	struct bb_err err = { { 0 } };
	struct pcm pcm = { 0 };

	(void)state;
	pcm.stop_after = 1;
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_OK);
	assert_int_equal(tts_synth(&e, "zhe4 shi4 yi1 ge4 hen3 chang2 de5 ju4 zi5.", TTS_MANDARIN,
	                           collect, &pcm, &err),
	                 BOBAO_E_INTERRUPTED);
	assert_int_equal(pcm.calls, 1);
	tts_close(&e);
}

static void test_bad_voices(void **state)
{
	struct tts_engine e = TTS_ENGINE_INIT;
	struct tts_params p = params("no-such-voice");
	struct bb_err err = { { 0 } };

	(void)state;
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_E_VOICE);
	assert_non_null(strstr(err.msg, "no-such-voice"));
	assert_null(e.h);
	/* "cmn" exists but reads tone digits as English numbers */
	bb_err_clear(&err);
	p = params("cmn");
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_E_VOICE);
	assert_non_null(strstr(err.msg, "does not read pinyin"));
	/* a variant of the pinyin voice is fine */
	bb_err_clear(&err);
	p = params("cmn-latn-pinyin+f2");
	if (tts_open(&e, NULL, &p, &err) != BOBAO_OK)
		fail_msg("%s", err.msg);
	tts_close(&e);
	assert_int_equal(tts_open(&e, "festival", &p, &err), BOBAO_E_ENGINE);
	/* a presenter's voices are checked when the engine opens, before any
	 * audio: the Mandarin one must read pinyin, the Latin one exist */
	p = params("cmn-latn-pinyin");
	p.presenter[0] = "cmn-latn-pinyin+m3";
	p.presenter_latin[0] = "en+m3";
	p.presenter[1] = "cmn";
	p.presenter_latin[1] = "en+f2";
	bb_err_clear(&err);
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_E_VOICE);
	assert_non_null(strstr(err.msg, "'cmn' does not read pinyin"));
	tts_close(&e);
	p.presenter[1] = "cmn-latn-pinyin+f2";
	p.presenter_latin[1] = "no-such-voice+f2";
	bb_err_clear(&err);
	assert_int_equal(tts_open(&e, NULL, &p, &err), BOBAO_E_VOICE);
	assert_non_null(strstr(err.msg, "no-such-voice+f2"));
	tts_close(&e);
	p.presenter_latin[1] = "en+f2";
	if (tts_open(&e, NULL, &p, &err) != BOBAO_OK)
		fail_msg("%s", err.msg);
	assert_string_equal(e.p.voice, "cmn-latn-pinyin");   /* the voice between units */
	tts_close(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mandarin),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_bad_voices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

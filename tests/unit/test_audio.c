/* test_audio.c - the pause assembler (through a memory sink written for
 * this test, which also proves the sink interface) and the file sink. */
#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <unistd.h>

#include "unit.h"
#include "aud.h"

#define RATE 22050
#define MS(ms) ((size_t)(ms) * RATE / 1000)

/* ---- a sink that keeps everything in memory ---- */

struct mem {
	int16_t *pcm;
	size_t n;
	int started, stopped, committed;
};

static struct mem *mem_of(struct aud_sink *s)
{
	return *(struct mem **)s->priv;
}

static bobao_code mem_start(struct aud_sink *s, struct bb_err *err)
{
	(void)err;
	*(struct mem **)s->priv = (struct mem *)(uintptr_t)s->p->path;
	mem_of(s)->started = 1;
	return BOBAO_OK;
}

static bobao_code mem_flow(struct aud_sink *s, const int16_t *pcm, size_t n,
                           struct bb_err *err)
{
	struct mem *m = mem_of(s);

	(void)err;
	m->pcm = realloc(m->pcm, (m->n + n) * sizeof(*pcm));
	memcpy(m->pcm + m->n, pcm, n * sizeof(*pcm));
	m->n += n;
	return BOBAO_OK;
}

static bobao_code mem_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	(void)err;
	mem_of(s)->stopped = 1;
	mem_of(s)->committed = commit;
	return BOBAO_OK;
}

static const struct aud_sink_handler mem_sink = {
	"memory", sizeof(struct mem *), mem_start, mem_flow, mem_stop,
	NULL,
};

/* A synthetic unit: `quiet_before` of low noise, `loud` of a square wave,
 * `quiet_after` of low noise. */
static int16_t *unit(size_t quiet_before, size_t loud, size_t quiet_after, size_t *n)
{
	int16_t *p;
	size_t i;

	*n = quiet_before + loud + quiet_after;
	p = calloc(*n, sizeof(*p));
	for (i = 0; i < *n; i++)
		p[i] = (int16_t)(i % 2 ? 50 : -50);   /* under the threshold */
	for (i = 0; i < loud; i++)
		p[quiet_before + i] = (int16_t)(i % 20 < 10 ? 8000 : -8000);
	return p;
}

/* Quiet stretches between audible samples, in frames. */
static size_t gaps(const struct mem *m, size_t *out, size_t max, size_t *lead, size_t *tail)
{
	size_t i, last = (size_t)-1, k = 0;

	for (i = 0; i < m->n; i++) {
		if (abs(m->pcm[i]) <= AUD_SILENCE_THRESHOLD)
			continue;
		if (last == (size_t)-1)
			*lead = i;
		else if (i - last - 1 > 0 && k < max)   /* the wave is never quiet */
			out[k++] = i - last - 1;
		last = i;
	}
	*tail = m->n - 1 - last;
	return k;
}

static void run_units(struct mem *m, const int *pauses, size_t count, int lead_out)
{
	struct aud_sink s = AUD_SINK_INIT;
	struct aud_format fmt = { RATE, 1 };
	struct aud_params p;
	struct aud_assembler a;
	struct bb_err err = { { 0 } };
	size_t i, n;

	memset(&p, 0, sizeof(p));
	p.path = (const char *)m;   /* the memory sink's "path" is its struct */
	s.h = NULL;
	/* open by hand: the registry holds the real sinks only */
	s.fmt = fmt;
	s.p = &p;
	s.priv = calloc(1, mem_sink.priv_size);
	s.h = &mem_sink;
	assert_int_equal(mem_sink.start(&s, &err), BOBAO_OK);
	aud_assembler_init(&a, &s, RATE);
	for (i = 0; i < count; i++) {
		/* varied quiet around speech: more, less and no margin */
		int16_t *u = unit(MS(i % 3 * 40), MS(300), MS((2 - i % 3) * 40), &n);

		if (pauses[i] < 0) {   /* a unit with nothing audible */
			memset(u, 0, n * sizeof(*u));
			assert_int_equal(aud_assembler_unit(&a, u, n, -pauses[i], &err), BOBAO_OK);
		} else {
			assert_int_equal(aud_assembler_unit(&a, u, n, pauses[i], &err), BOBAO_OK);
		}
		free(u);
	}
	assert_int_equal(aud_assembler_finish(&a, lead_out, &err), BOBAO_OK);
	assert_int_equal(aud_sink_close(&s, 1, &err), BOBAO_OK);
}

static void test_exact_pauses(void **state)
{
	static const int pauses[] = { 300, 350, 150, 700, 1200, 0, 5, 350 };
	struct mem m = { 0 };
	size_t g[16], lead = 0, tail = 0, k, i;

	(void)state;
	run_units(&m, pauses, ARRAY_SIZE(pauses), 450);
	assert_true(m.started && m.stopped && m.committed);
	k = gaps(&m, g, 16, &lead, &tail);
	assert_int_equal(lead, MS(300));
	assert_int_equal(tail, MS(450));
	/* a pause of 0 joins two units: no gap at all */
	assert_int_equal(k, 6);
	assert_int_equal(g[0], MS(350));
	assert_int_equal(g[1], MS(150));
	assert_int_equal(g[2], MS(700));
	assert_int_equal(g[3], MS(1200));
	assert_int_equal(g[4], MS(5));
	assert_int_equal(g[5], MS(350));
	/* every unit's 300 ms of sound is there */
	for (i = 0, k = 0; i < m.n; i++)
		k += abs(m.pcm[i]) > AUD_SILENCE_THRESHOLD;
	assert_int_equal(k, ARRAY_SIZE(pauses) * MS(300));
	free(m.pcm);
}

static void test_silent_unit_carries_its_pause(void **state)
{
	/* the second unit is silent: its paragraph pause (700) wins over the
	 * sentence pause (350) of the unit after it */
	static const int pauses[] = { 300, -700, 350 };
	struct mem m = { 0 };
	size_t g[4], lead = 0, tail = 0;

	(void)state;
	run_units(&m, pauses, ARRAY_SIZE(pauses), 300);
	assert_int_equal(gaps(&m, g, 4, &lead, &tail), 1);
	assert_int_equal(g[0], MS(700));
	free(m.pcm);
}

/* ---- the file sink ---- */

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/bobao-unit.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static int entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
	if (d)
		closedir(d);
	return n;
}

static bobao_code write_file(const char *path, const char *format, size_t frames, int commit)
{
	struct aud_sink s = AUD_SINK_INIT;
	struct aud_format fmt = { RATE, 1 };
	struct aud_params p;
	struct bb_err err = { { 0 } };
	int16_t *pcm = calloc(frames, sizeof(*pcm));
	bobao_code rc;
	size_t i;

	for (i = 0; i < frames; i++)
		pcm[i] = (int16_t)(i % 50 * 400 - 10000);
	memset(&p, 0, sizeof(p));
	p.path = path;
	p.format = format;
	p.title = "新闻播报";
	p.artist = "播报台";
	p.date = "2026-11-27";
	rc = aud_sink_open(&s, "file", &fmt, &p, &err);
	if (rc == BOBAO_OK) {
		rc = aud_sink_write(&s, pcm, frames, &err);   /* one large write */
		rc = aud_sink_close(&s, commit && rc == BOBAO_OK, &err);
	}
	free(pcm);
	return rc;
}

static void read_back(const char *path, int format, sf_count_t frames)
{
	SF_INFO info;
	SNDFILE *sf;

	memset(&info, 0, sizeof(info));
	sf = sf_open(path, SFM_READ, &info);
	assert_non_null(sf);
	assert_int_equal(info.samplerate, RATE);
	assert_int_equal(info.channels, 1);
	assert_int_equal(info.format & SF_FORMAT_TYPEMASK, format);
	assert_int_equal(info.frames, frames);
	assert_string_equal(sf_get_string(sf, SF_STR_TITLE), "新闻播报");
	assert_string_equal(sf_get_string(sf, SF_STR_ARTIST), "播报台");
	sf_close(sf);
}

static void test_formats(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/a.wav", dir);
	assert_int_equal(write_file(path, NULL, 3 * RATE, 1), BOBAO_OK);
	read_back(path, SF_FORMAT_WAV, 3 * RATE);
	/* Vorbis: the large write must be cut into pieces, not crash */
	snprintf(path, sizeof(path), "%s/b.ogg", dir);
	assert_int_equal(write_file(path, NULL, 3 * RATE, 1), BOBAO_OK);
	read_back(path, SF_FORMAT_OGG, 3 * RATE);
	snprintf(path, sizeof(path), "%s/c.bin", dir);
	assert_int_equal(write_file(path, "flac", RATE, 1), BOBAO_OK);
	read_back(path, SF_FORMAT_FLAC, RATE);
	assert_int_equal(entries(dir), 3);
	assert_int_equal(access(path, R_OK), 0);
}

static void test_no_partial_file(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/abort.ogg", dir);
	assert_int_equal(write_file(path, NULL, RATE, 0), BOBAO_OK);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(entries(dir), 3);   /* only test_formats' files */
}

static void test_file_errors(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/x.mp4", dir);
	assert_int_equal(write_file(path, NULL, 10, 1), BOBAO_E_FORMAT);
	assert_int_equal(write_file(path, "aiff-ish", 10, 1), BOBAO_E_FORMAT);
	snprintf(path, sizeof(path), "%s/missing/x.wav", dir);
	assert_int_equal(write_file(path, NULL, 10, 1), BOBAO_E_CREATE);
	assert_int_equal(write_file(dir, "wav", 10, 1), BOBAO_E_CREATE);
	assert_int_equal(entries(dir), 3);
}

/* The resampler keeps its state from block to block: 2 s of a 1 kHz sine
 * fed in blocks of 8192 comes out 22050 -> 44100 Hz as long as it went in,
 * on time (no filter delay) and the same tone. */
static void test_resampler_streams(void **state)
{
	enum { IN = 2 * 22050, BLK = 8192 };
	struct aud_resampler rs;
	float *in = malloc(IN * sizeof(float)), *out = malloc((2 * IN + 20000) * sizeof(float));
	size_t i, got = 0, room = 2 * IN + 20000;
	double err = 0;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	for (i = 0; i < IN; i++)
		in[i] = 0.5f * (float)sin(2 * M_PI * 1000.0 * (double)i / 22050);
	assert_int_equal(aud_resampler_init(&rs, 22050, 44100), BOBAO_OK);
	for (i = 0; i < IN; i += BLK) {
		size_t n = IN - i < BLK ? IN - i : BLK;

		got += aud_resampler_run(&rs, in + i, n, out + got, room - got, 0);
	}
	got += aud_resampler_run(&rs, NULL, 0, out + got, room - got, 1);
	aud_resampler_free(&rs);
	assert_true(got >= 2 * IN - 2 && got <= 2 * IN + 2);
	for (i = 4410; i < 2 * IN - 4410; i++) {
		double d = out[i] - 0.5 * sin(2 * M_PI * 1000.0 * (double)i / 44100);

		err += d * d;
	}
	assert_true(sqrt(err / (double)(2 * IN - 8820)) < 0.005);   /* under -40 dB */
	free(in);
	free(out);
}

/* Past the RIFF limit a WAV file becomes RF64 (EBU Tech 3306), in place:
 * the JUNK chunk its ds64, with the 64-bit sizes.  The limit is lowered so
 * that no 4 GiB are needed; the same code runs past the real one. */
static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* The first n bytes of the file at path into h; returns its size. */
static long head_of(const char *path, unsigned char *h, size_t n)
{
	FILE *fp = fopen(path, "rb");
	long size;

	assert_non_null(fp);
	assert_int_equal(fread(h, 1, n, fp), n);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	fclose(fp);
	return size;
}

static void test_rf64(void **state)
{
	char path[128];
	unsigned char h[64];
	uint64_t saved = aud_wav_riff_max;
	long size;

	(void)state;
	snprintf(path, sizeof(path), "%s/long.wav", dir);
	aud_wav_riff_max = 100000;
	assert_int_equal(write_file(path, NULL, 3 * RATE, 1), BOBAO_OK);   /* 132300 bytes of data */
	aud_wav_riff_max = saved;
	size = head_of(path, h, sizeof(h));
	assert_memory_equal(h, "RF64", 4);
	assert_int_equal(le32(h + 4), 0xFFFFFFFFu);
	assert_memory_equal(h + 8, "WAVEds64", 8);
	assert_int_equal(le32(h + 16), 28);
	assert_int_equal(le64(h + 20), (uint64_t)size - 8);   /* RIFF size */
	assert_int_equal(le64(h + 28), 3 * RATE * 2);          /* data size */
	assert_int_equal(le64(h + 36), 3 * RATE);              /* frames */
	read_back(path, SF_FORMAT_RF64, 3 * RATE);
	/* under the limit: plain RIFF with both sizes right */
	assert_int_equal(write_file(path, NULL, RATE, 1), BOBAO_OK);
	size = head_of(path, h, sizeof(h));
	assert_memory_equal(h, "RIFF", 4);
	assert_int_equal(le32(h + 4), (uint64_t)size - 8);
	read_back(path, SF_FORMAT_WAV, RATE);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_pauses),
		cmocka_unit_test(test_silent_unit_carries_its_pause),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_no_partial_file),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_resampler_streams),
		cmocka_unit_test(test_rf64),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

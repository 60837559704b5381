/*
 * loudness.c - loudness measurement (libebur128), a true-peak limiter and
 * resampling (libsoxr), the stages a bulletin passes on its way to
 * the encoder.
 *
 * The limiter looks ahead 2 ms: the gain needed by each sample (ceiling over
 * its level) goes through a sliding minimum over the look-ahead window, then
 * a moving average of the same length, so the gain is already down when the
 * peak arrives and never steps; it recovers within 50 ms.  Output is
 * delayed by the window; aud_limiter_run() drops that delay at the start and
 * aud_limiter_flush() gives the last samples, so timing is unchanged.
 * Inter-sample peaks are not predicted: the caller measures the true peak
 * of what comes out and runs again with a lower ceiling if needed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ebur128.h>
#include <soxr.h>

#include "aud.h"

static bobao_code meter_init(struct aud_meter *m, int rate, int dual_mono, int mode)
{
	ebur128_state *st = ebur128_init(1, (unsigned long)rate, mode);

	if (!(m->st = st))
		return BOBAO_E_NOMEM;
	if (dual_mono)
		ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
	return BOBAO_OK;
}

bobao_code aud_meter_init(struct aud_meter *m, int rate, int dual_mono)
{
	return meter_init(m, rate, dual_mono,
	                  EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_S);
}

/* The true-peak meter oversamples every sample: most of a meter's cost. */
bobao_code aud_meter_init_loudness(struct aud_meter *m, int rate, int dual_mono)
{
	return meter_init(m, rate, dual_mono, EBUR128_MODE_I);
}

bobao_code aud_meter_add(struct aud_meter *m, const float *x, size_t n)
{
	return ebur128_add_frames_float(m->st, x, n) == EBUR128_SUCCESS ? BOBAO_OK
	                                                                : BOBAO_E_INTERNAL;
}

double aud_meter_integrated(const struct aud_meter *m)
{
	double l;

	if (!m->st || ebur128_loudness_global(m->st, &l) != EBUR128_SUCCESS || !isfinite(l))
		return -70;
	return l;
}

double aud_meter_short_term(const struct aud_meter *m)
{
	double l;

	if (!m->st || ebur128_loudness_shortterm(m->st, &l) != EBUR128_SUCCESS || !isfinite(l))
		return -70;
	return l;
}

double aud_meter_true_peak(const struct aud_meter *m)
{
	double p;

	if (!m->st || ebur128_true_peak(m->st, 0, &p) != EBUR128_SUCCESS || p <= 0)
		return -120;
	return 20 * log10(p);
}

void aud_meter_free(struct aud_meter *m)
{
	ebur128_state *st = m->st;

	if (st)
		ebur128_destroy(&st);
	m->st = NULL;
}

/* ---- the limiter ---- */

bobao_code aud_limiter_init(struct aud_limiter *l, int rate, double ceiling_db)
{
	size_t look = (size_t)rate * 2 / 1000 + 1;   /* 2 ms */

	memset(l, 0, sizeof(*l));
	l->ceiling = (float)pow(10, ceiling_db / 20);
	l->look = look;
	l->release = (float)(1.0 / (0.05 * rate));   /* back to 1 in 50 ms */
	l->delay = calloc(look, sizeof(*l->delay));
	l->need = calloc(look, sizeof(*l->need));
	l->mins = calloc(look, sizeof(*l->mins));
	l->dq = calloc(look + 1, sizeof(*l->dq));
	l->dqv = calloc(look + 1, sizeof(*l->dqv));
	if (!l->delay || !l->need || !l->mins || !l->dq || !l->dqv) {
		aud_limiter_free(l);
		return BOBAO_E_NOMEM;
	}
	l->gain = 1;
	for (size_t i = 0; i < look; i++)
		l->mins[i] = 1;
	l->sum = (float)look;
	return BOBAO_OK;
}

void aud_limiter_free(struct aud_limiter *l)
{
	free(l->delay);
	free(l->need);
	free(l->mins);
	free(l->dq);
	free(l->dqv);
	memset(l, 0, sizeof(*l));
}

/* One sample in; returns 1 and sets *y when a sample comes out, L-1
 * samples later.  need(t) = the gain sample t needs; m(t) = the minimum of
 * need over [t-L+1, t], the look-ahead minimum of sample t-L+1; the gain of
 * sample p is the average of m over [p, p+L-1]: every one of those windows
 * holds p, so the gain at p is at most need(p) and the ceiling holds. */
static int limit_one(struct aud_limiter *l, float x, float *y)
{
	size_t L = l->look, cap = L + 1;
	unsigned long long t = l->count++;
	float need = fabsf(x) > l->ceiling ? l->ceiling / fabsf(x) : 1, m, avg;

	while (l->dqn && l->dqv[(l->dqh + l->dqn - 1) % cap] >= need)
		l->dqn--;
	l->dq[(l->dqh + l->dqn) % cap] = t;
	l->dqv[(l->dqh + l->dqn) % cap] = need;
	l->dqn++;
	if (l->dq[l->dqh] + L <= t) {
		l->dqh = (l->dqh + 1) % cap;
		l->dqn--;
	}
	m = l->dqv[l->dqh];
	l->sum += m - l->mins[t % L];
	l->mins[t % L] = m;
	l->delay[t % L] = x;
	if (t + 1 < L)
		return 0;
	avg = l->sum / (float)L;
	l->gain = avg < l->gain ? avg : fminf(avg, l->gain + l->release);
	*y = l->delay[(t + 1) % L] * l->gain;
	return 1;
}

size_t aud_limiter_run(struct aud_limiter *l, const float *in, size_t n, float *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += (size_t)limit_one(l, in[i], out + k);
	return k;
}

size_t aud_limiter_flush(struct aud_limiter *l, float *out)
{
	size_t i, k = 0;

	for (i = 0; i + 1 < l->look; i++)
		k += (size_t)limit_one(l, 0, out + k);
	return k;
}

/* ---- resampling ---- */

/* libsoxr, created once per pass and fed block by block: its state (the
 * filter and what it has buffered) carries from one call to the next. */
bobao_code aud_resampler_init(struct aud_resampler *r, int from, int to)
{
	soxr_error_t e = NULL;
	soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);

	memset(r, 0, sizeof(*r));
	r->ratio = (double)to / from;
	if (from == to)
		return BOBAO_OK;
	r->soxr = soxr_create(from, to, 1, &e, NULL, &q, NULL);
	return r->soxr && !e ? BOBAO_OK : BOBAO_E_NOMEM;
}

/* Resample n samples (n may be 0 with last set) into out (room samples):
 * what the resampler can give now, and with last everything it holds. */
size_t aud_resampler_run(struct aud_resampler *r, const float *in, size_t n, float *out,
                         size_t room, int last)
{
	size_t done = 0, got = 0, k;

	if (!r->soxr) {
		k = n < room ? n : room;
		memcpy(out, in, k * sizeof(*in));
		return k;
	}
	while (done < n && got < room) {
		size_t used = 0, made = 0;

		if (soxr_process(r->soxr, in + done, n - done, &used, out + got, room - got, &made))
			return got;
		done += used;
		got += made;
		if (!used && !made)
			break;
	}
	while (last && got < room) {
		size_t made = 0;

		if (soxr_process(r->soxr, NULL, 0, NULL, out + got, room - got, &made) || !made)
			break;
		got += made;
	}
	return got;
}

void aud_resampler_free(struct aud_resampler *r)
{
	if (r->soxr)
		soxr_delete(r->soxr);
	r->soxr = NULL;
}

/* ---- live playback: loudness by a running estimate ---- */

/* Before the meter has heard enough, speech from eSpeak NG at volume 100
 * is taken to be this loud (measured on the 2-hour benchmark input). */
#define SPEECH_LUFS (-18.8)
#define LEVEL_STEP_DB 0.02   /* gain change per block, at most */

struct level {
	struct aud_sink inner;     /* the player */
	struct aud_meter meter;    /* of what comes in */
	struct aud_limiter lim;
	double gain_db;
	unsigned long long heard;  /* frames */
	float in[4096], out[4096];
	int16_t pcm[4096];
};

static bobao_code level_start(struct aud_sink *s, struct bb_err *err)
{
	struct level *l = s->priv;
	bobao_code rc;

	if ((rc = aud_meter_init(&l->meter, s->fmt.rate, s->p->dual_mono)) != BOBAO_OK ||
	    (rc = aud_limiter_init(&l->lim, s->fmt.rate, s->p->ceiling_db - 0.3)) != BOBAO_OK)
		return rc;
	l->gain_db = s->p->target_lufs - SPEECH_LUFS;
	l->inner = (struct aud_sink)AUD_SINK_INIT;
	return aud_sink_open(&l->inner, "device", &s->fmt, s->p, err);
}

static bobao_code level_block(struct aud_sink *s, const float *x, size_t n, struct bb_err *err)
{
	struct level *l = s->priv;
	size_t k = aud_limiter_run(&l->lim, x, n, l->out), i;

	for (i = 0; i < k; i++) {
		float v = l->out[i] * 32768.0f;

		l->pcm[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrintf(v));
	}
	return aud_sink_write(&l->inner, l->pcm, k, err);
}

static bobao_code level_flow(struct aud_sink *s, const int16_t *pcm, size_t n,
                             struct bb_err *err)
{
	struct level *l = s->priv;
	size_t i, k, j;
	bobao_code rc = BOBAO_OK;

	for (i = 0; i < n && rc == BOBAO_OK; i += k) {
		double want, g;

		k = n - i < 4096 ? n - i : 4096;
		for (j = 0; j < k; j++)
			l->in[j] = (float)pcm[i + j] / 32768.0f;
		if ((rc = aud_meter_add(&l->meter, l->in, k)) != BOBAO_OK)
			break;
		l->heard += k;
		/* after 10 s, follow what the meter has heard, smoothly */
		if (l->heard > (unsigned long long)s->fmt.rate * 10 &&
		    aud_meter_integrated(&l->meter) > -70) {
			want = s->p->target_lufs - aud_meter_integrated(&l->meter);
			l->gain_db += fmax(-LEVEL_STEP_DB, fmin(LEVEL_STEP_DB, want - l->gain_db));
		}
		g = pow(10, l->gain_db / 20);
		for (j = 0; j < k; j++)
			l->in[j] *= (float)g;
		rc = level_block(s, l->in, k, err);
	}
	return rc;
}

static bobao_code level_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct level *l = s->priv;
	bobao_code rc = BOBAO_OK, crc;
	size_t k;

	if (commit && l->lim.look && l->inner.h) {
		k = aud_limiter_flush(&l->lim, l->out);
		for (size_t i = 0; i < k; i++)
			l->pcm[i] = (int16_t)lrintf(l->out[i] * 32767.0f);
		rc = aud_sink_write(&l->inner, l->pcm, k, err);
	}
	crc = aud_sink_close(&l->inner, commit && rc == BOBAO_OK, err);
	aud_meter_free(&l->meter);
	aud_limiter_free(&l->lim);
	return rc == BOBAO_OK ? crc : rc;
}

const struct aud_sink_handler aud_level_sink = {
	"level",
	sizeof(struct level),
	level_start,
	level_flow,
	level_stop,
};

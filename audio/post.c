/*
 * post.c - the second pass of a bulletin file: loudness, limiting,
 * resampling, encoding.
 *
 * Pass 1 (render.c) writes the assembled speech into a capture: a
 * temporary raw file, measured as it is written.  Pass 2 reads it back,
 * applies the gain that brings it to the target loudness, limits its peaks
 * and resamples it for the encoder, measuring what comes out.  When the
 * true peak of the result is over the ceiling (inter-sample peaks, which the
 * limiter does not predict), pass 2 runs again with the limiter lower.  A
 * lossy file is decoded and measured before it goes in place: over the
 * ceiling it is encoded again, and the figures reported are the decoded
 * file's.  Memory stays bounded: both passes stream in blocks.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aud.h"
#include "bb_out.h"

#define BLOCK 8192
#define TRIES 6
#define TRIES_LOSSY 3   /* encodings of a lossy file, each checked by decoding it */

/* ---- the capture sink: raw samples in a temporary file, measured ---- */

struct capture {
	FILE *fp;
	struct aud_meter meter;
	float buf[BLOCK];
};

static bobao_code capture_start(struct aud_sink *s, struct bb_err *err)
{
	struct capture *c = s->priv;
	bobao_code rc;

	if (!(c->fp = bb_tmpfile()))
		return bb_err_set(err, BOBAO_E_IO, "cannot create a temporary file in '%s': %s",
		                  getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		                  strerror(errno));
	/* the loudness is what pass 2 corrects: measured only when a target is
	 * set (params->target_lufs, by bobao_render and bobao_play_file) */
	if (s->p->target_lufs != 0 &&
	    (rc = aud_meter_init_loudness(&c->meter, s->fmt.rate, s->p->dual_mono)) != BOBAO_OK)
		return rc;
	return BOBAO_OK;
}

static bobao_code capture_flow(struct aud_sink *s, const int16_t *pcm, size_t n,
                               struct bb_err *err)
{
	struct capture *c = s->priv;
	size_t i, k;

	if (bb_fault(BB_FAULT_WRITE) || fwrite(pcm, sizeof(*pcm), n, c->fp) != n)
		return bb_err_set(err, BOBAO_E_IO, "cannot write a temporary file: %s",
		                  strerror(errno));
	for (i = 0; c->meter.st && i < n; i += k) {
		k = n - i < BLOCK ? n - i : BLOCK;
		for (size_t j = 0; j < k; j++)
			c->buf[j] = (float)pcm[i + j] / 32768.0f;
		if (aud_meter_add(&c->meter, c->buf, k) != BOBAO_OK)
			return BOBAO_E_INTERNAL;
	}
	return BOBAO_OK;
}

static bobao_code capture_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct capture *c = s->priv;

	(void)commit;
	(void)err;
	if (c->fp)
		fclose(c->fp);
	c->fp = NULL;
	aud_meter_free(&c->meter);
	return BOBAO_OK;
}

const struct aud_sink_handler aud_capture_sink = {
	"capture",
	sizeof(struct capture),
	capture_start,
	capture_flow,
	capture_stop,
};

double aud_post_loudness(struct aud_sink *capture)
{
	return aud_meter_integrated(&((struct capture *)capture->priv)->meter);
}

/* ---- pass 2 ---- */

static int16_t to16(float x)
{
	x *= 32768.0f;
	if (x > 32767.0f)
		return 32767;
	if (x < -32768.0f)
		return -32768;
	return (int16_t)lrintf(x);
}

struct pass {
	struct aud_limiter lim;
	struct aud_resampler rs;
	struct aud_meter meter;
	float *in, *lim_out, *rs_out;
	int16_t *pcm;
	size_t rs_room;
};

static void pass_free(struct pass *p)
{
	aud_limiter_free(&p->lim);
	aud_resampler_free(&p->rs);
	aud_meter_free(&p->meter);
	free(p->in);
	free(p->lim_out);
	free(p->rs_out);
	free(p->pcm);
}

/* Send n limited samples through the resampler to the sink. */
static bobao_code emit(struct pass *p, const float *x, size_t n, int last,
                       struct aud_sink *sink, struct bb_err *err)
{
	size_t k = aud_resampler_run(&p->rs, x, n, p->rs_out, p->rs_room, last), i;
	bobao_code rc;

	for (i = 0; i < k; i++)
		p->pcm[i] = to16(p->rs_out[i]);
	for (i = 0; i < k; i++)
		p->rs_out[i] = (float)p->pcm[i] / 32768.0f;   /* measure what is written */
	if (p->meter.st && (rc = aud_meter_add(&p->meter, p->rs_out, k)) != BOBAO_OK)
		return rc;
	return sink ? aud_sink_write(sink, p->pcm, k, err) : BOBAO_OK;   /* NULL: a dry run */
}

/* One run of pass 2 into an open sink, or dry (sink NULL), measured. */
static bobao_code run(struct aud_sink *capture, const struct aud_post *post, double gain_db,
                      double ceiling, struct aud_sink *sink, struct pass *p,
                      struct bb_err *err)
{
	struct capture *c = capture->priv;
	int16_t raw[BLOCK];
	size_t n, i, k;
	float gain = (float)pow(10, gain_db / 20);
	bobao_code rc = BOBAO_OK;

	memset(p, 0, sizeof(*p));
	p->rs_room = (size_t)(BLOCK * ((double)post->rate / capture->fmt.rate)) * 2 + 8192;
	p->in = malloc(BLOCK * sizeof(float));
	p->lim_out = malloc((BLOCK + 1024) * sizeof(float));
	p->rs_out = malloc(p->rs_room * sizeof(float));
	p->pcm = malloc(p->rs_room * sizeof(int16_t));
	if (!p->in || !p->lim_out || !p->rs_out || !p->pcm)
		return BOBAO_E_NOMEM;
	if ((rc = aud_limiter_init(&p->lim, capture->fmt.rate, ceiling)) != BOBAO_OK ||
	    (rc = aud_resampler_init(&p->rs, capture->fmt.rate, post->rate)) != BOBAO_OK ||
	    ((post->limit || post->measure) &&
	     (rc = aud_meter_init(&p->meter, post->rate, post->dual_mono)) != BOBAO_OK))
		return rc;
	if (fflush(c->fp) || ferror(c->fp))
		return bb_err_set(err, BOBAO_E_IO, "cannot write a temporary file: %s",
		                  strerror(errno));
	rewind(c->fp);
	while (rc == BOBAO_OK && (n = fread(raw, sizeof(*raw), BLOCK, c->fp)) > 0) {
		if (post->stop && *post->stop) {
			rc = BOBAO_E_INTERRUPTED;
			break;
		}
		for (i = 0; i < n; i++)
			p->in[i] = (float)raw[i] / 32768.0f * gain;
		k = post->limit ? aud_limiter_run(&p->lim, p->in, n, p->lim_out) : n;
		rc = emit(p, post->limit ? p->lim_out : p->in, k, 0, sink, err);
	}
	if (rc == BOBAO_OK && ferror(c->fp))
		rc = bb_err_set(err, BOBAO_E_IO, "cannot read a temporary file");
	if (rc == BOBAO_OK) {
		k = post->limit ? aud_limiter_flush(&p->lim, p->lim_out) : 0;
		rc = emit(p, p->lim_out, k, 1, sink, err);
	}
	return rc;
}

struct decoded {
	struct aud_meter meter;
	volatile sig_atomic_t *stop;
};

static bobao_code measure_decoded(void *ctx, const struct aud_format *fmt,
                                  const int16_t *pcm, size_t n)
{
	struct decoded *d = ctx;
	float buf[4096];
	size_t i, k;
	bobao_code rc = BOBAO_OK;

	(void)fmt;
	if (d->stop && *d->stop)
		return BOBAO_E_INTERRUPTED;
	for (i = 0; i < n && rc == BOBAO_OK; i += k) {
		k = n - i < 4096 ? n - i : 4096;
		for (size_t j = 0; j < k; j++)
			buf[j] = (float)pcm[i + j] / 32768.0f;
		rc = aud_meter_add(&d->meter, buf, k);
	}
	return rc;
}

/* Dry runs: find the gain and limiter ceiling that give the target
 * loudness with true peaks at most `peak` (before encoding). */
static bobao_code tune(struct aud_sink *capture, const struct aud_post *post, double peak,
                       double *gain, double *ceiling, struct bb_err *err)
{
	struct pass p;
	int tries;
	bobao_code rc;

	for (tries = 0; tries < TRIES; tries++) {
		double tp, l;

		rc = run(capture, post, *gain, *ceiling, NULL, &p, err);
		tp = aud_meter_true_peak(&p.meter);
		l = aud_meter_integrated(&p.meter);
		pass_free(&p);
		if (rc != BOBAO_OK)
			return rc;
		if (tp <= peak && fabs(l - post->target) <= 0.2)
			break;
		if (tp > peak)
			*ceiling -= tp - peak + 0.1;
		*gain += post->target - l;
	}
	return BOBAO_OK;
}

/* Just before a lossy file goes in place: decode it from its temporary
 * and measure what listeners will get, so that the figures (and the
 * report) say that.  Over the ceiling (a codec overshoots) it is refused,
 * but on the last try: the old file stays while aud_post_finish encodes again,
 * lower.  Then the caller's own hook: the sidecars. */
struct verify {
	struct aud_sink *sink;
	const struct aud_params *params;   /* the caller's, with its hook */
	const struct aud_post *post;
	struct aud_post_result *res;
	int last;                          /* the last try: taken as it is */
	int over;                          /* refused for its peaks */
};

static bobao_code verify(void *ctx, struct bb_err *err)
{
	struct verify *v = ctx;
	struct decoded m = { { NULL }, v->post->stop };
	const char *name = aud_file_name(v->sink);
	bobao_code rc;

	if (name) {   /* NULL: a stream, which cannot be read back */
		if ((rc = aud_meter_init(&m.meter, v->post->rate, v->post->dual_mono)) != BOBAO_OK)
			return rc;
		rc = aud_file_read(name, measure_decoded, &m, err);
		v->res->true_peak = aud_meter_true_peak(&m.meter);
		v->res->loudness = aud_meter_integrated(&m.meter);
		aud_meter_free(&m.meter);
		if (rc != BOBAO_OK)
			return rc;
		if (v->res->true_peak > v->post->ceiling_db && !v->last) {
			v->over = 1;
			return BOBAO_E_INTERNAL;   /* said nowhere: encoded again */
		}
	}
	return v->params->before_commit ?
	       v->params->before_commit(v->params->before_commit_ctx, err) : BOBAO_OK;
}

bobao_code aud_post_finish(struct aud_sink *capture, const struct aud_post *post,
                           const struct aud_params *params, struct aud_post_result *res,
                           struct bb_err *err)
{
	struct aud_format fmt = { post->rate, 1 };
	int lossy = !post->player && aud_file_lossy(params->path, params->format), tries;
	/* a lossy codec overshoots: aim 1 dB lower, then check what was
	 * written by decoding it, and aim lower still if needed */
	double peak = post->ceiling_db - (lossy ? 1.0 : 0);
	double gain = post->gain_db, ceiling = peak - 0.3;
	struct pass p;
	bobao_code rc = BOBAO_OK, crc = BOBAO_OK;

	for (tries = 0; tries < TRIES_LOSSY; tries++) {
		struct aud_sink sink = AUD_SINK_INIT;
		struct aud_params checked = *params;
		struct verify v = { &sink, params, post, res, tries == TRIES_LOSSY - 1, 0 };

		if (post->limit && (rc = tune(capture, post, peak, &gain, &ceiling, err)) != BOBAO_OK)
			return rc;
		if (post->limit && lossy) {
			checked.before_commit = verify;
			checked.before_commit_ctx = &v;
		}
		if ((rc = aud_sink_open(&sink, post->player ? "device" : "file", &fmt, &checked,
		                        err)) != BOBAO_OK)
			return rc;
		rc = run(capture, post, gain, ceiling, &sink, &p, err);
		res->true_peak = aud_meter_true_peak(&p.meter);
		res->loudness = aud_meter_integrated(&p.meter);
		res->seconds = (double)sink.frames / post->rate;
		pass_free(&p);
		crc = aud_sink_close(&sink, rc == BOBAO_OK, err);
		if (rc != BOBAO_OK || !v.over)
			break;
		peak -= res->true_peak - post->ceiling_db + 0.1;
	}
	return rc == BOBAO_OK ? crc : rc;
}

/*
 * render.c - text to audio: engine, assembler, sink.
 *
 * Unit by unit: the unit is synthesized (synth.c), here or by a pool of
 * worker processes (pool.c) that hands the audio back in order; the
 * assembler then trims it and writes the exact pause before it, and the
 * sink encodes it while the workers go on.  At most a small window of
 * units is held at a time, whatever the length of the input.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aud.h"
#include "core.h"

struct render {
	struct bobao *b;
	struct aud_sink sink;
	struct aud_assembler as;
	struct pool *pool;        /* the worker processes */
	struct bb_buf blob;       /* the current unit, as bytes */
	unsigned long units;
	double fraction;          /* of the input read so far */
	struct timespec t0;
};

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int pause_of(const struct bobao_options *o, enum bobao_break brk)
{
	switch (brk) {
	case BOBAO_BREAK_NONE:      return o->lead_in;
	case BOBAO_BREAK_BREATH:    return o->pause_breath;
	case BOBAO_BREAK_SENTENCE:  return o->pause_sentence;
	case BOBAO_BREAK_PARAGRAPH: return o->pause_paragraph;
	case BOBAO_BREAK_ARTICLE:   return o->pause_article;
	}
	return o->pause_sentence;
}

/* A unit's audio, in order: pause, speech, figures, progress.  The tag
 * carries the kind of break before the unit. */
static bobao_code deliver(void *ctx, const int16_t *pcm, size_t n, long tag)
{
	struct render *r = ctx;
	struct bobao *b = r->b;
	const struct bobao_options *o = &b->opt;
	enum bobao_break brk = (enum bobao_break)tag;
	struct bobao_progress p;
	bobao_code rc;

	rc = aud_assembler_unit(&r->as, pcm, n, pause_of(o, brk), &b->err);
	if (rc != BOBAO_OK)
		return rc;
	r->units++;
	b->stats.units++;
	b->stats.sentences += brk != BOBAO_BREAK_BREATH;
	b->stats.paragraphs += brk >= BOBAO_BREAK_PARAGRAPH || brk == BOBAO_BREAK_NONE;
	b->stats.articles += brk == BOBAO_BREAK_ARTICLE || brk == BOBAO_BREAK_NONE;
	if (o->progress) {
		p.units = r->units;
		p.audio_seconds = (double)r->sink.frames / r->sink.fmt.rate;
		p.elapsed = since(&r->t0);
		p.fraction = r->fraction;
		if (o->progress(o->progress_ctx, &p))
			return BOBAO_E_INTERRUPTED;
	}
	return b->stop ? BOBAO_E_INTERRUPTED : BOBAO_OK;
}

static bobao_code unit(void *ctx, const struct walk_item *w)
{
	struct render *r = ctx;
	bobao_code rc;

	r->fraction = w->fraction;
	if ((rc = core_blob(w->speech, &r->blob)) != BOBAO_OK)
		return rc;
	return pool_submit(r->pool, &r->blob, (long)w->brk);
}

/* Workers to use: the option, or one per online CPU. */
static int jobs_of(const struct bobao_options *o)
{
	long n;

	if (o->jobs > 0)
		return o->jobs;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

/* A pool of workers, each with its own engine; --jobs 1 is one worker:
 * the same path, so the same samples, whatever the number. */
static bobao_code start_engine(struct render *r, int *rate)
{
	struct bobao *b = r->b;
	struct tts_params p;

	p.voice = b->opt.voice;
	p.latin_voice = b->opt.latin_voice;
	p.rate = b->opt.rate;
	p.pitch = b->opt.pitch;
	p.volume = b->opt.volume;
	return pool_start(&r->pool, jobs_of(&b->opt), &p, deliver, r, &b->stop, &b->err, rate);
}

static bobao_code check_output(struct bobao *b, const struct bobao_output *out)
{
	if (!out)
		return bb_err_set(&b->err, BOBAO_E_ARG, "no output given");
	if (out->kind == BOBAO_OUTPUT_FILE) {
		if (!out->path || !*out->path)
			return bb_err_set(&b->err, BOBAO_E_ARG, "no output file given");
		if (out->format && !aud_file_format_known(out->format))
			return bb_err_set(&b->err, BOBAO_E_FORMAT,
			                  "unknown format '%s' (formats: wav, ogg, flac)", out->format);
	} else if (out->kind != BOBAO_OUTPUT_PLAYER) {
		return bb_err_set(&b->err, BOBAO_E_ARG, "unknown output kind");
	}
	return BOBAO_OK;
}

static void params_of(const struct bobao_output *out, struct aud_params *p)
{
	memset(p, 0, sizeof(*p));
	p->path = out->path;
	p->format = out->format;
	p->title = out->title;
	p->artist = out->artist;
	p->date = out->date;
	p->driver = out->driver;
	p->driver_options = out->driver_options;
}

bobao_code bobao_render(bobao *b, const char *const *inputs, size_t n,
                        const struct bobao_output *out)
{
	struct render r;
	struct aud_params ap;
	struct aud_format fmt;
	bobao_code rc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&b->stats, 0, sizeof(b->stats));
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.sink = (struct aud_sink)AUD_SINK_INIT;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	if ((rc = check_output(b, out)) != BOBAO_OK ||
	    (rc = core_check(b, inputs, n)) != BOBAO_OK ||
	    (rc = start_engine(&r, &fmt.rate)) != BOBAO_OK)
		goto out;
	bb_buf_init(&r.blob, 16 * WALK_LINE_MAX);
	params_of(out, &ap);
	fmt.channels = 1;
	if ((rc = aud_sink_open(&r.sink, out->kind == BOBAO_OUTPUT_FILE ? "file" : "player",
	                        &fmt, &ap, &b->err)) != BOBAO_OK)
		goto out;
	aud_assembler_init(&r.as, &r.sink, fmt.rate);
	if ((rc = core_walk(b, inputs, n, 0, unit, &r)) != BOBAO_OK ||
	    (rc = pool_finish(r.pool)) != BOBAO_OK)
		goto out;
	if (!r.units) {
		rc = bb_err_set(&b->err, BOBAO_E_EMPTY, "no text to read");
		goto out;
	}
	rc = aud_assembler_finish(&r.as, b->opt.lead_out, &b->err);
out:
	{
		bobao_code crc = aud_sink_close(&r.sink, rc == BOBAO_OK, &b->err);

		if (rc == BOBAO_OK)
			rc = crc;
	}
	pool_free(r.pool);
	bb_buf_release(&r.blob);
	if (r.sink.fmt.rate)
		b->stats.audio_seconds = (double)r.sink.frames / r.sink.fmt.rate;
	b->stats.elapsed = since(&r.t0);
	if (rc == BOBAO_E_INTERRUPTED)
		bb_err_set(&b->err, rc, "interrupted; no output written");
	return core_fail(b, rc);
}

void bobao_get_stats(const bobao *b, struct bobao_stats *out)
{
	memcpy(out, &b->stats, sizeof(*out));
}

struct play {
	struct bobao *b;
	struct aud_sink sink;
	struct aud_params ap;
};

static bobao_code play_chunk(void *ctx, const struct aud_format *fmt,
                             const int16_t *pcm, size_t frames)
{
	struct play *p = ctx;
	bobao_code rc;

	if (p->b->stop)
		return BOBAO_E_INTERRUPTED;
	if (!p->sink.h &&
	    (rc = aud_sink_open(&p->sink, "player", fmt, &p->ap, &p->b->err)) != BOBAO_OK)
		return rc;
	return aud_sink_write(&p->sink, pcm, frames, &p->b->err);
}

bobao_code bobao_play_file(bobao *b, const char *path, const struct bobao_output *out)
{
	struct play p;
	bobao_code rc, crc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&p, 0, sizeof(p));
	p.b = b;
	p.sink = (struct aud_sink)AUD_SINK_INIT;
	if (!out || out->kind != BOBAO_OUTPUT_PLAYER)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG, "no player given"));
	params_of(out, &p.ap);
	rc = aud_file_read(path, play_chunk, &p, &b->err);
	crc = aud_sink_close(&p.sink, rc == BOBAO_OK, &b->err);
	if (rc == BOBAO_OK)
		rc = crc;
	return core_fail(b, rc);
}

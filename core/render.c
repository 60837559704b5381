/*
 * render.c - text to audio: engine, assembler, sink.
 *
 * Unit by unit: the unit is synthesized (synth.c), here or by a pool of
 * worker processes (pool.c) that hands the audio back in order; the
 * assembler then trims it and writes the exact pause before it, and the
 * sink encodes it while the workers go on.  At most a small window of
 * units is held at a time, whatever the length of the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aud.h"
#include "bb_out.h"
#include "core.h"
#include "side.h"

/* What a unit says, kept from its submission to its delivery. */
struct meta {
	enum bobao_break brk;
	int sentence_end;
	int headline;
	int presenter;        /* 0 or 1; -1: one voice */
	struct bb_buf text;
};

/* What the programme says of an article, besides enum bobao_item. */
enum {
	ITEM_INTRO = 1 << 8,   /* read by both presenters in turn */
	ITEM_OUTRO = 1 << 9
};

/* Two presenters: each one's name and voices. */
struct presenters {
	char *name[2], *voice[2], *latin[2];
	int n;                 /* 0 or 2 */
};

/* A jingle, decoded, resampled to the speech's rate, at its loudness. */
struct jingle {
	struct bb_buf pcm;   /* int16 mono */
	int rate;
};

#define META_MAX 256   /* more than the pool's window */

struct render {
	struct bobao *b;
	struct aud_sink sink;
	struct aud_assembler as;
	struct tts_pool *pool;        /* the worker processes */
	struct bb_buf blob;       /* the current unit, as bytes */
	struct meta meta[META_MAX];
	unsigned long submitted;
	unsigned long units;
	double fraction;          /* of the input read so far */
	struct timespec t0;
	struct side_cues *cues;        /* subtitles, chapters, report, page, or NULL */
	struct aud_meter meter;   /* of the speech, when asked for */
	int measure;
	int after_headline;       /* the last unit was a headline */
	size_t article;           /* articles begun so far */
	const char **titles;      /* per article of the programme, or NULL */
	int ogg;                  /* Ogg output: chapters as CHAPTERxxx comments */
	struct bb_buf comments;   /* them, each ended by a NUL */
	struct bb_buf heading;    /* the first sentence of the article */
	int naming;               /* that sentence is still coming */
	struct jingle before, between, after;
	struct jingle bed;        /* the music bed, at the speech's rate */
	struct aud_sink bedsink;  /* it, mixed before the sink, when there is one */
	struct aud_params bedp;   /* the bed sink's */
	size_t bed_loop;
	struct presenters pr;
	unsigned *flags;          /* per article of the programme: ITEM_* */
	size_t sub_article;       /* articles begun, as units are submitted */
	int sub_presenter;        /* who reads it */
	const struct bobao_output *out;
	int rate;                 /* of the output */
	struct aud_post_result *res;  /* pass 2's figures, when two passes */
	const char *created[5];   /* sidecars put in place where there was none */
	const char *kept[5];      /* sidecars that replace a file ... */
	int kept_fd[5];           /* ... and that file, open to put it back */
	char *captions;           /* the page's own captions, a copy */
	size_t n_created, n_kept;
	float fbuf[4096];
};

#define JINGLE_MAX_S 120
#define SPEECH_LUFS (-18.8)   /* eSpeak NG at volume 100: jingles match it */

struct jingle_read {
	struct aud_resampler rs;
	struct bb_buf *pcm;
	struct aud_meter meter;
	int to, started;
	float in[4096], out[4096 * 8];
};

static bobao_code jingle_chunk(void *ctx, const struct aud_format *fmt,
                               const int16_t *pcm, size_t n)
{
	struct jingle_read *j = ctx;
	size_t i, c, k;
	bobao_code rc;

	if (!j->started) {
		if ((rc = aud_resampler_init(&j->rs, fmt->rate, j->to)) != BOBAO_OK ||
		    (rc = aud_meter_init(&j->meter, j->to, 0)) != BOBAO_OK)
			return rc;
		j->started = 1;
	}
	for (i = 0; i < n; i += k) {
		k = n - i < 4096 ? n - i : 4096;
		for (size_t f = 0; f < k; f++) {   /* mono: the mean of the channels */
			float v = 0;

			for (c = 0; c < (size_t)fmt->channels; c++)
				v += pcm[(i + f) * (size_t)fmt->channels + c];
			j->in[f] = v / (float)fmt->channels / 32768.0f;
		}
		k = k > 4096 ? 4096 : k;
		{
			size_t m = aud_resampler_run(&j->rs, j->in, k, j->out, BB_ARRAY_SIZE(j->out), 0);

			if ((rc = aud_meter_add(&j->meter, j->out, m)) != BOBAO_OK)
				return rc;
			for (size_t f = 0; f < m; f++) {
				int16_t v = (int16_t)lrintf(fmaxf(-1, fminf(1, j->out[f])) * 32767);

				if ((rc = bb_buf_add(j->pcm, &v, sizeof(v))) != BOBAO_OK)
					return rc;
			}
		}
	}
	return BOBAO_OK;
}

/* Load a jingle at the speech's rate and loudness. */
static bobao_code jingle_load(struct bobao *b, const char *path, int rate, struct jingle *out)
{
	struct jingle_read j;
	bobao_code rc;
	double gain;
	size_t i, n;

	if (!path)
		return BOBAO_OK;
	memset(&j, 0, sizeof(j));
	j.to = rate;
	bb_buf_init(&out->pcm, (size_t)JINGLE_MAX_S * (size_t)rate * 2);
	j.pcm = &out->pcm;
	rc = aud_file_read(path, jingle_chunk, &j, &b->err);
	if (rc == BOBAO_E_TOOLONG)
		rc = bb_err_set(&b->err, rc, "jingle '%s' is longer than %d s", path, JINGLE_MAX_S);
	if (rc == BOBAO_OK && j.started) {
		double l = aud_meter_integrated(&j.meter);
		int16_t *p = (int16_t *)(void *)out->pcm.ptr;

		gain = l > -70 ? pow(10, (SPEECH_LUFS - l) / 20) : 1;
		for (i = 0, n = out->pcm.len / 2; i < n; i++) {
			double v = p[i] * gain;

			p[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
		}
	}
	if (j.started) {
		aud_resampler_free(&j.rs);
		aud_meter_free(&j.meter);
	}
	out->rate = rate;
	return rc;
}

/* The bed, like a jingle at the speech's loudness, BED_GAP_DB under it,
 * ready to loop.  Its ducking depth is checked here. */
#define BED_GAP_DB (-6.0)
#define BED_FADE_MS 1000   /* its fade in and out (bed.c) */

static bobao_code bed_load(struct render *r, const struct bobao_output *out, int rate)
{
	double gain = pow(10, BED_GAP_DB / 20);
	int16_t *p;
	size_t i, n;
	bobao_code rc;

	if (!out->bed)
		return BOBAO_OK;
	if (!(out->bed_duck >= 0 && out->bed_duck <= 40))
		return bb_err_set(&r->b->err, BOBAO_E_ARG, "bed ducking %g dB is out of range (0 to 40)",
		                  out->bed_duck);
	if ((rc = jingle_load(r->b, out->bed, rate, &r->bed)) != BOBAO_OK)
		return rc;
	if (!r->bed.pcm.len)
		return bb_err_set(&r->b->err, BOBAO_E_AUDIO, "bed '%s' holds no audio", out->bed);
	p = (int16_t *)(void *)r->bed.pcm.ptr;
	for (i = 0, n = r->bed.pcm.len / 2; i < n; i++)
		p[i] = (int16_t)lrint(p[i] * gain);
	aud_bed_prepare(p, n, rate, &r->bed_loop);
	return BOBAO_OK;
}

static bobao_code play_jingle(struct render *r, const struct jingle *j, int pause_ms)
{
	if (!j->pcm.len)
		return BOBAO_OK;
	return aud_assembler_unit(&r->as, (const int16_t *)(const void *)j->pcm.ptr,
	                          j->pcm.len / 2, pause_ms, &r->b->err);
}

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

/* CHAPTER001=00:00:00.300 and CHAPTER001NAME=... for Ogg files: the
 * article's title, or its first sentence, cut to CHAPTER_NAME_MAX bytes at
 * a character boundary. */
#define CHAPTER_NAME_MAX 240

static bobao_code chapter_name(struct render *r, const char *name)
{
	size_t n = strlen(name);
	int cut = n > CHAPTER_NAME_MAX;

	if (cut)
		for (n = CHAPTER_NAME_MAX; n && (name[n] & 0xC0) == 0x80; n--)
			;
	r->naming = 0;
	return bb_buf_addf(&r->comments, "CHAPTER%03zuNAME=%.*s%s%c", r->article, (int)n, name,
	                   cut ? "…" : "", 0);
}

static bobao_code chapter(struct render *r, const struct meta *m, enum bobao_break brk)
{
	const char *title = r->titles ? r->titles[r->article - 1] : NULL;
	long ms;
	bobao_code rc = BOBAO_OK;

	if (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE) {
		ms = (long)((double)r->as.last.start * 1000 / r->sink.fmt.rate + 0.5);
		rc = bb_buf_addf(&r->comments, "CHAPTER%03zu=%02ld:%02ld:%02ld.%03ld%c", r->article,
		                 ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000, 0);
		bb_buf_reset(&r->heading);
		r->naming = 1;
		if (rc == BOBAO_OK && title)
			rc = chapter_name(r, title);
	}
	if (rc == BOBAO_OK && r->naming) {
		if (r->heading.len <= CHAPTER_NAME_MAX)   /* enough to cut from */
			rc = bb_buf_adds(&r->heading, bb_buf_str(&m->text));
		if (rc == BOBAO_OK && m->sentence_end)
			rc = chapter_name(r, bb_buf_str(&r->heading));
	}
	return rc;
}

/* The run's figures, for the report and bobao_get_stats(). */
static void figures(struct render *r)
{
	struct bobao *b = r->b;

	if (r->sink.fmt.rate)
		b->stats.audio_seconds = (double)r->sink.frames / r->sink.fmt.rate;
	b->stats.sample_rate = r->rate;
	b->stats.elapsed = since(&r->t0);
	if (r->res) {
		b->stats.loudness = r->res->loudness;
		b->stats.true_peak = r->res->true_peak;
	} else if (r->measure) {
		b->stats.loudness = aud_meter_integrated(&r->meter);
		b->stats.true_peak = aud_meter_true_peak(&r->meter);
	}
}

/* Called by the file sink when the bulletin is complete and on disk, just
 * before it is put in place: the sidecars are written out and put in place
 * first, so that whatever fails leaves the old bulletin as it was; should
 * the bulletin fail after them, the sidecars it brings go again and the
 * files they replaced come back (kept open here).  A lossy file has been
 * decoded and measured by then (post.c): the figures are the file's. */
static bobao_code sidecars_first(void *ctx, struct bb_err *err)
{
	struct render *r = ctx;
	const char *side[5] = { r->out->subtitles, r->out->chapters, r->out->report,
	                        r->out->html, NULL };
	struct stat st;
	bobao_code rc, crc;
	size_t i;

	if (!r->cues)
		return BOBAO_OK;
	figures(r);
	if (side_cues_captions(r->cues) &&
	    !(side[4] = r->captions = strdup(side_cues_captions(r->cues))))
		return BOBAO_E_NOMEM;
	for (i = 0; i < 5; i++) {
		if (!side[i] || !strcmp(side[i], "-"))
			continue;
		if (lstat(side[i], &st))
			r->created[r->n_created++] = side[i];
		else if (!stat(side[i], &st) && S_ISREG(st.st_mode) &&
		         (r->kept_fd[r->n_kept] = open(side[i], O_RDONLY | O_CLOEXEC)) >= 0)
			r->kept[r->n_kept++] = side[i];
	}
	rc = side_cues_finish(r->cues, &r->b->stats, r->out, err);
	crc = side_cues_close(r->cues, rc == BOBAO_OK, err);
	r->cues = NULL;
	return rc == BOBAO_OK ? crc : rc;
}

/* Put back the file fd holds (still open, though replaced) at path,
 * unless path still is that file: a sidecar of a bulletin that failed at
 * the last step.  Best effort: nothing can be said of a failure here but
 * the bulletin's own. */
static void put_back(const char *path, int fd)
{
	struct stat was, now;
	struct bb_out o;
	char buf[1 << 16];
	bobao_code rc = BOBAO_OK;
	ssize_t n = 0;

	if (fstat(fd, &was) ||
	    (!stat(path, &now) && now.st_dev == was.st_dev && now.st_ino == was.st_ino) ||
	    lseek(fd, 0, SEEK_SET) || bb_out_open(&o, path, BB_OUT_FORCE, NULL) != BOBAO_OK)
		return;
	while (rc == BOBAO_OK && (n = read(fd, buf, sizeof(buf))) > 0)
		rc = bb_out_write(&o, buf, (size_t)n, NULL);
	if (rc == BOBAO_OK && !n)
		bb_out_commit(&o, NULL);
	else
		bb_out_discard(&o);
}

/* The NUL-separated comments as an array for the file sink. */
static bobao_code comment_list(struct render *r, struct aud_params *ap, const char ***list)
{
	size_t n = 0, i;
	const char *p = r->comments.ptr;

	for (i = 0; i < r->comments.len; i++)
		n += r->comments.ptr[i] == '\0';
	if (!n)
		return BOBAO_OK;
	if (!(*list = calloc(n, sizeof(**list))))
		return BOBAO_E_NOMEM;
	for (i = 0; i < n; i++, p += strlen(p) + 1)
		(*list)[i] = p;
	ap->ogg_comments = *list;
	ap->n_ogg_comments = n;
	return BOBAO_OK;
}

/* A unit's audio, in order: pause, speech, figures, progress.  The tag
 * carries the kind of break before the unit. */
static bobao_code deliver(void *ctx, const int16_t *pcm, size_t n, long tag)
{
	struct render *r = ctx;
	struct bobao *b = r->b;
	const struct bobao_options *o = &b->opt;
	struct meta *m = &r->meta[(unsigned long)tag % META_MAX];
	enum bobao_break brk = m->brk;
	struct bobao_progress p;
	double rate = r->sink.fmt.rate;
	size_t i, k;
	bobao_code rc;

	int pause = pause_of(o, brk);

	/* the bed comes in or goes out with the article that begins, in the
	 * pause before it (and under a jingle there) */
	if (r->bedsink.h && (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE))
		aud_bed_on(&r->bedsink, (r->flags[r->article] & BOBAO_ITEM_BED) != 0);
	/* jingles: before the programme, between articles */
	if (brk == BOBAO_BREAK_NONE && r->before.pcm.len) {
		if ((rc = play_jingle(r, &r->before, pause)) != BOBAO_OK)
			return rc;
		pause = o->pause_article;
	} else if (brk == BOBAO_BREAK_ARTICLE && r->between.pcm.len) {
		if ((rc = play_jingle(r, &r->between, pause)) != BOBAO_OK)
			return rc;
	}
	if (r->after_headline && brk != BOBAO_BREAK_ARTICLE && pause < o->pause_headline)
		pause = o->pause_headline;
	r->after_headline = m->headline;
	rc = aud_assembler_unit(&r->as, pcm, n, pause, &b->err);
	if (rc != BOBAO_OK)
		return rc;
	if (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE)
		r->article++;
	if (r->ogg && !r->as.silent && (rc = chapter(r, m, brk)) != BOBAO_OK)
		return rc;
	if (r->cues && !r->as.silent &&
	    (rc = side_cues_unit(r->cues, brk, m->sentence_end, bb_buf_str(&m->text),
	                         r->titles ? r->titles[r->article - 1] : NULL,
	                         m->presenter >= 0 ? r->pr.name[m->presenter] : NULL,
	                         (double)r->as.last.start / rate, (double)r->as.last.end / rate)) !=
	    BOBAO_OK)
		return rc;
	for (i = 0; r->measure && i < n; i += k) {
		k = n - i < BB_ARRAY_SIZE(r->fbuf) ? n - i : BB_ARRAY_SIZE(r->fbuf);
		for (size_t j = 0; j < k; j++)
			r->fbuf[j] = (float)pcm[i + j] / 32768.0f;
		if ((rc = aud_meter_add(&r->meter, r->fbuf, k)) != BOBAO_OK)
			return rc;
	}
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

/* Who reads the unit that begins with brk: an article's presenter as the
 * rundown says, else the other one than the last article's; the intro and
 * the outro a sentence each in turn.  -1: one voice. */
static int presenter(struct render *r, enum bobao_break brk)
{
	unsigned f;

	if (!r->pr.n)
		return -1;
	if (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE) {
		f = r->flags[r->sub_article++];
		if (f & BOBAO_ITEM_PRESENTER_1)
			r->sub_presenter = 0;
		else if (f & BOBAO_ITEM_PRESENTER_2)
			r->sub_presenter = 1;
		else if (!(f & (ITEM_INTRO | ITEM_OUTRO)))
			r->sub_presenter = brk == BOBAO_BREAK_NONE ? 0 : !r->sub_presenter;
		else
			r->sub_presenter = 1;   /* the first sentence turns it to 0 */
	}
	if (brk != BOBAO_BREAK_BREATH && r->sub_article &&
	    r->flags[r->sub_article - 1] & (ITEM_INTRO | ITEM_OUTRO))
		r->sub_presenter = !r->sub_presenter;
	return r->sub_presenter;
}

static bobao_code unit(void *ctx, const struct core_walk_item *w)
{
	struct render *r = ctx;
	unsigned long id = r->submitted++;
	struct meta *m = &r->meta[id % META_MAX];
	bobao_code rc = BOBAO_OK;
	size_t i;

	r->fraction = w->fraction;
	m->brk = w->brk;
	m->sentence_end = w->unit->sentence_end;
	m->headline = w->headline;
	m->presenter = presenter(r, w->brk);
	bb_buf_reset(&m->text);
	for (i = w->unit->start; (r->cues || r->ogg) && i < w->unit->end && rc == BOBAO_OK; i++)
		rc = bb_buf_addcp(&m->text, w->text->cp.v[i]);
	if (rc != BOBAO_OK || (rc = tts_blob(w->speech, &r->blob)) != BOBAO_OK ||
	    (m->presenter >= 0 && (rc = tts_blob_presenter(&r->blob, m->presenter)) != BOBAO_OK))
		return rc;
	if (r->cues)
		side_cues_script(r->cues, w->text, w->unit, w->speech->traditional);
	return tts_pool_submit(r->pool, &r->blob, (long)id);
}

/* "-16" or "-16.5", nothing else: strtod would take nan, 0x1p4 or -1e1 too. */
static int lufs_syntax(const char *s)
{
	size_t a, b = 0;

	if (*s++ != '-')
		return 0;
	a = strspn(s, "0123456789");
	if (a && s[a] == '.' && (b = strspn(s + a + 1, "0123456789")) > 0)
		a += 1 + b;
	return a && !s[a];
}

/* The loudness asked for: target LUFS, or 0 when off; podcast: dual mono. */
static bobao_code loudness_of(struct bobao *b, const char *s, double *target, int *dual)
{
	char *end;

	*target = 0;
	*dual = 0;
	if (!s || !strcmp(s, "off"))
		return BOBAO_OK;
	if (!strcmp(s, "broadcast"))
		*target = -23;
	else if (!strcmp(s, "podcast"))
		*target = -16, *dual = 1;
	else if (!strcmp(s, "pa"))
		*target = -14;
	else if (!lufs_syntax(s) || (*target = strtod(s, &end), *end) ||
	         !(*target >= -50 && *target <= -5))
		return bb_err_set(&b->err, BOBAO_E_ARG,
		                  "unknown loudness '%s' (broadcast, podcast, pa, off, or LUFS from -50 to -5)",
		                  s);
	return BOBAO_OK;
}

/* a followed by b[0..n), allocated. */
static char *cat(const char *a, const char *b, size_t n)
{
	size_t k = strlen(a);
	char *s = bb_malloc(k + n + 1);

	if (s) {
		memcpy(s, a, k);
		memcpy(s + k, b, n);
		s[k + n] = '\0';
	}
	return s;
}

/* One presenter of "[NAME=]VOICE": a VOICE of "+VARIANT" is the Mandarin
 * voice with that variant, and the Latin voice takes the variant too. */
static bobao_code presenter_of(struct bobao *b, const char *s, size_t n, struct presenters *pr,
                               int i)
{
	const char *eq = memchr(s, '=', n), *v = eq ? eq + 1 : s, *plus;
	size_t vn = (size_t)(s + n - v);

	if (!vn || (eq && eq == s) || vn > 200 || n > 400)
		return bb_err_set(&b->err, BOBAO_E_ARG,
		                  "presenters: '%.*s' names no voice ([NAME=]VOICE,[NAME=]VOICE)",
		                  (int)(n > 60 ? 60 : n), s);
	plus = memchr(v, '+', vn);
	if (!(pr->name[i] = cat("", eq ? s : v, eq ? (size_t)(eq - s) : vn)) ||
	    !(pr->voice[i] = cat(*v == '+' ? b->opt.voice : "", v, vn)) ||
	    !(pr->latin[i] = cat(b->opt.latin_voice, plus ? plus : "",
	                         plus ? (size_t)(v + vn - plus) : 0)))
		return BOBAO_E_NOMEM;
	return BOBAO_OK;
}

/* "[NAME=]VOICE,[NAME=]VOICE" into pr (freed by presenters_free()). */
static bobao_code presenters_parse(struct bobao *b, const char *spec, struct presenters *pr)
{
	const char *comma;
	bobao_code rc;

	if (!spec)
		return BOBAO_OK;
	if (!(comma = strchr(spec, ',')) || strchr(comma + 1, ','))
		return bb_err_set(&b->err, BOBAO_E_ARG,
		                  "presenters: '%s' is not two voices ([NAME=]VOICE,[NAME=]VOICE)",
		                  spec);
	if ((rc = presenter_of(b, spec, (size_t)(comma - spec), pr, 0)) != BOBAO_OK ||
	    (rc = presenter_of(b, comma + 1, strlen(comma + 1), pr, 1)) != BOBAO_OK)
		return rc;
	pr->n = 2;
	return BOBAO_OK;
}

static void presenters_free(struct presenters *pr)
{
	for (int i = 0; i < 2; i++) {
		free(pr->name[i]);
		free(pr->voice[i]);
		free(pr->latin[i]);
	}
}

/* A pool of workers, each with its own engine; --jobs 1 is one worker, not
 * synthesis in this process: eSpeak NG cannot be brought back to a fresh
 * state here (espeak_ng_Terminate() deadlocks after a new Initialize), and
 * only a worker's template gives every unit the same start: the same
 * samples whatever the number. */
static bobao_code start_engine(struct render *r, int *rate)
{
	struct bobao *b = r->b;
	struct tts_params p;
	int i;

	core_tts_params(b, &p);
	for (i = 0; i < r->pr.n; i++) {
		p.presenter[i] = r->pr.voice[i];
		p.presenter_latin[i] = r->pr.latin[i];
	}
	return tts_pool_start(&r->pool, tts_pool_jobs(b->opt.jobs), &p, deliver, r, &b->stop,
	                      &b->err, rate);
}

/* The day --date names: 1 with *tm, 0 when it is text that names none
 * (a tag such as "2024年冬"), -1 when it is written as a day but is none
 * (2024-02-30) or has more than a time after it (2024-11-02junk). */
static int date_day(const char *date, struct tm *tm)
{
	const char *end;
	int k = date ? bb_day(date, tm, &end) : 0;

	if (k > 0 && *end && *end != 'T' && *end != ' ')
		return -1;
	return k;
}

static bobao_code check_output(struct bobao *b, const struct bobao_output *out)
{
	struct tm tm;

	if (!out)
		return bb_err_set(&b->err, BOBAO_E_ARG, "no output given");
	if (date_day(out->date, &tm) < 0)
		return bb_err_set(&b->err, BOBAO_E_ARG, "date '%s' is no day (YYYY-MM-DD)", out->date);
	if (out->kind == BOBAO_OUTPUT_FILE) {
		if (!out->path || !*out->path)
			return bb_err_set(&b->err, BOBAO_E_ARG, "no output file given");
		if (out->format && !aud_file_format_known(out->format))
			return bb_err_set(&b->err, BOBAO_E_FORMAT,
			                  "unknown format '%s' (formats: wav, ogg, opus, flac, mp3)", out->format);
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
	p->album = out->album;
	p->comment = out->comment;
	p->quality = out->quality;
	p->bitrate = out->bitrate;
	p->force = out->force;
	p->driver = out->driver;
	p->driver_options = out->driver_options;
}

/* A template with {date} and {weekday} filled in, into a temporary file. */
static bobao_code spoken_file(struct bobao *b, const char *tmpl, const char *date,
                              char **path)
{
	static const char *const weekdays[] = { "星期日", "星期一", "星期二", "星期三",
	                                        "星期四", "星期五", "星期六" };
	struct tm tm;
	time_t now = time(NULL);
	char day[64];
	const char *p;
	FILE *fp = NULL;
	bobao_code rc;

	if (date_day(date, &tm) <= 0)   /* check_output refused -1 */
		localtime_r(&now, &tm);
	snprintf(day, sizeof(day), "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if ((rc = core_temp_file(b, "programme", path, &fp)) != BOBAO_OK)
		return rc;
	for (p = tmpl; *p; p++) {
		if (!strncmp(p, "{date}", 6)) {
			fputs(day, fp);
			p += 5;
		} else if (!strncmp(p, "{weekday}", 9)) {
			fputs(weekdays[tm.tm_wday], fp);
			p += 8;
		} else {
			fputc(*p, fp);
		}
	}
	fputc('\n', fp);
	if (ferror(fp) | fclose(fp))
		return bb_err_set(&b->err, BOBAO_E_IO, "cannot write a temporary file '%s'", *path);
	return BOBAO_OK;
}

/* The inputs with the intro first and the outro last, as articles, and
 * what is said of each (flags: ITEM_*).  The bed goes under the items
 * marked for it, else under the intro, else under the first article. */
static bobao_code programme(struct bobao *b, const struct bobao_output *out,
                            const char *const *inputs, size_t n, const char ***all,
                            size_t *n_all, char *tmp[2], const char ***titles,
                            unsigned **flags)
{
	size_t k = 0, i;
	unsigned bed = 0;
	bobao_code rc;

	if (!(*all = calloc(n + 2, sizeof(**all))) || !(*flags = calloc(n + 2, sizeof(**flags))) ||
	    (out->titles && !(*titles = calloc(n + 2, sizeof(**titles)))))
		return BOBAO_E_NOMEM;
	if (out->intro) {
		if ((rc = spoken_file(b, out->intro, out->date, &tmp[0])) != BOBAO_OK)
			return rc;
		(*flags)[k] = ITEM_INTRO;
		(*all)[k++] = tmp[0];
	}
	for (i = 0; i < n; i++) {
		if (*titles)
			(*titles)[k] = out->titles[i];
		if (out->items) {
			(*flags)[k] = out->items[i];
			bed |= out->items[i] & BOBAO_ITEM_BED;
		}
		(*all)[k++] = inputs[i];
	}
	if (out->outro) {
		if ((rc = spoken_file(b, out->outro, out->date, &tmp[1])) != BOBAO_OK)
			return rc;
		(*flags)[k] = ITEM_OUTRO;
		(*all)[k++] = tmp[1];
	}
	if (!bed && k)
		(*flags)[0] |= BOBAO_ITEM_BED;
	*n_all = k;
	return BOBAO_OK;
}

bobao_code bobao_render(bobao *b, const char *const *inputs, size_t n,
                        const struct bobao_output *out)
{
	struct render r;
	struct aud_params ap;
	struct aud_format fmt;
	struct aud_post post = { .ceiling_db = -1 };
	struct aud_post_result res;
	double target = 0;
	int two_pass;
	size_t i, n_all = 0;
	const char **all = NULL, **comments = NULL;
	char *tmp[2] = { NULL, NULL };
	bobao_code rc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&b->stats, 0, sizeof(b->stats));
	b->stats.loudness = -70;
	b->stats.true_peak = -120;
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.sink = (struct aud_sink)AUD_SINK_INIT;
	for (i = 0; i < META_MAX; i++)
		bb_buf_init(&r.meta[i].text, CORE_WALK_LINE_MAX * 4);
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	if ((rc = check_output(b, out)) != BOBAO_OK ||
	    (rc = core_check_outputs(b, inputs, n, out)) != BOBAO_OK ||
	    (rc = loudness_of(b, out->loudness, &target, &post.dual_mono)) != BOBAO_OK ||
	    (rc = programme(b, out, inputs, n, &all, &n_all, tmp, &r.titles, &r.flags)) != BOBAO_OK ||
	    (rc = presenters_parse(b, out->presenters, &r.pr)) != BOBAO_OK ||
	    (rc = core_check(b, all, n_all)) != BOBAO_OK ||
	    (rc = start_engine(&r, &fmt.rate)) != BOBAO_OK ||
	    (rc = jingle_load(b, out->jingle_before, fmt.rate, &r.before)) != BOBAO_OK ||
	    (rc = jingle_load(b, out->jingle_between, fmt.rate, &r.between)) != BOBAO_OK ||
	    (rc = jingle_load(b, out->jingle_after, fmt.rate, &r.after)) != BOBAO_OK ||
	    (rc = bed_load(&r, out, fmt.rate)) != BOBAO_OK)
		goto out;
	bb_buf_init(&r.blob, 16 * CORE_WALK_LINE_MAX);
	params_of(out, &ap);
	ap.dual_mono = post.dual_mono;
	fmt.channels = 1;
	post.rate = fmt.rate;
	if (out->kind == BOBAO_OUTPUT_FILE &&
	    !(post.rate = aud_file_rate(out->path, out->format, out->sample_rate, fmt.rate,
	                                &b->err))) {
		rc = BOBAO_E_FORMAT;
		goto out;
	}
	if (out->kind == BOBAO_OUTPUT_FILE && out->bitrate &&
	    aud_file_bitrate(out->path, out->format, post.rate, out->bitrate, &b->err) < 0) {
		rc = BOBAO_E_ARG;
		goto out;
	}
	/* a file with its loudness corrected or its rate changed takes two
	 * passes: speech into a capture, then through aud_post_finish() */
	two_pass = out->kind == BOBAO_OUTPUT_FILE && (target != 0 || post.rate != fmt.rate);
	r.measure = !two_pass && (out->report || target != 0);
	if (r.measure && (rc = aud_meter_init(&r.meter, fmt.rate, post.dual_mono)) != BOBAO_OK)
		goto out;
	if ((out->subtitles || out->chapters || out->report || out->html) &&
	    (rc = side_cues_open(&r.cues, out, &b->err)) != BOBAO_OK)
		goto out;
	r.ogg = out->kind == BOBAO_OUTPUT_FILE && aud_file_ogg(out->path, out->format);
	bb_buf_init(&r.comments, 1u << 20);
	bb_buf_init(&r.heading, 1u << 20);
	ap.target_lufs = target;
	ap.before_commit = sidecars_first;
	ap.before_commit_ctx = &r;
	r.out = out;
	r.rate = post.rate;
	ap.ceiling_db = -1;
	if (two_pass)
		rc = aud_sink_open(&r.sink, "capture", &fmt, &ap, &b->err);
	else if (out->kind == BOBAO_OUTPUT_FILE)
		rc = aud_sink_open(&r.sink, "file", &fmt, &ap, &b->err);
	else
		rc = aud_sink_open(&r.sink, target != 0 ? "level" : "device", &fmt, &ap, &b->err);
	if (rc == BOBAO_OK && r.bed.pcm.len) {
		r.bedp = ap;
		r.bedp.next = &r.sink;
		r.bedp.bed = (const int16_t *)(const void *)r.bed.pcm.ptr;
		r.bedp.bed_len = r.bed.pcm.len / 2;
		r.bedp.bed_loop = r.bed_loop;
		r.bedp.bed_duck_db = out->bed_duck;
		/* ducked through the pauses inside an article, up between them */
		r.bedp.bed_hold_ms = b->opt.pause_paragraph > b->opt.pause_sentence
		                         ? b->opt.pause_paragraph + 50 : b->opt.pause_sentence + 50;
		rc = aud_sink_open_handler(&r.bedsink, &aud_bed_sink, &fmt, &r.bedp, &b->err);
	}
	if (rc != BOBAO_OK)
		goto out;
	aud_assembler_init(&r.as, r.bedsink.h ? &r.bedsink : &r.sink, fmt.rate);
	if ((rc = core_walk(b, all, n_all, 0, unit, &r)) != BOBAO_OK ||
	    (rc = tts_pool_finish(r.pool)) != BOBAO_OK)
		goto out;
	if (!r.units) {
		rc = bb_err_set(&b->err, BOBAO_E_EMPTY, "no text to read");
		goto out;
	}
	if (r.bedsink.h)   /* out, faded before the end */
		aud_bed_on(&r.bedsink, 0);
	if ((rc = play_jingle(&r, &r.after, b->opt.pause_article)) != BOBAO_OK ||
	    (rc = aud_assembler_finish(&r.as, r.bedsink.h && b->opt.lead_out < BED_FADE_MS
	                                          ? BED_FADE_MS : b->opt.lead_out,
	                               &b->err)) != BOBAO_OK ||
	    (r.ogg && (rc = comment_list(&r, &ap, &comments)) != BOBAO_OK))
		goto out;
	if (two_pass) {
		post.limit = target != 0;
		post.measure = out->report != NULL;
		post.stop = &b->stop;
		post.target = target;
		post.ceiling_db = -1;
		post.gain_db = target != 0 ? target - aud_post_loudness(&r.sink) : 0;
		r.res = &res;
		if ((rc = aud_post_finish(&r.sink, &post, &ap, &res, &b->err)) != BOBAO_OK)
			goto out;
	}
out:
	aud_sink_close(&r.bedsink, 0, NULL);
	{
		bobao_code crc = aud_sink_close(&r.sink, rc == BOBAO_OK, &b->err);

		if (rc == BOBAO_OK)
			rc = crc;
	}
	tts_pool_free(r.pool);
	bb_buf_release(&r.blob);
	for (i = 0; i < META_MAX; i++)
		bb_buf_release(&r.meta[i].text);
	free(comments);
	bb_buf_release(&r.comments);
	bb_buf_release(&r.heading);
	bb_buf_release(&r.before.pcm);
	bb_buf_release(&r.between.pcm);
	bb_buf_release(&r.after.pcm);
	bb_buf_release(&r.bed.pcm);
	presenters_free(&r.pr);
	free(r.flags);
	for (i = 0; i < 2; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(all);
	free(r.titles);
	figures(&r);
	side_cues_close(r.cues, 0, NULL);   /* when the bulletin was not put in place */
	/* sidecars new beside a bulletin that failed at the last step go
	 * again, and the files they replaced come back */
	for (i = 0; rc != BOBAO_OK && i < r.n_created; i++)
		unlink(r.created[i]);
	for (i = 0; i < r.n_kept; i++) {
		if (rc != BOBAO_OK)
			put_back(r.kept[i], r.kept_fd[i]);
		close(r.kept_fd[i]);
	}
	free(r.captions);
	if (r.measure)
		aud_meter_free(&r.meter);
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
	struct aud_sink sink;     /* the player, or a capture to measure first */
	struct aud_params ap;
	const char *path;
	int measure;
};

static bobao_code play_chunk(void *ctx, const struct aud_format *fmt,
                             const int16_t *pcm, size_t frames)
{
	struct play *p = ctx;
	bobao_code rc;

	if (p->b->stop)
		return BOBAO_E_INTERRUPTED;
	if (p->measure && fmt->channels != 1)
		return bb_err_set(&p->b->err, BOBAO_E_AUDIO,
		                  "'%s': %d channels; --loudness corrects mono files only",
		                  p->path, fmt->channels);
	if (!p->sink.h &&
	    (rc = p->measure ? aud_sink_open(&p->sink, "capture", fmt, &p->ap, &p->b->err)
	                     : aud_sink_open(&p->sink, "device", fmt, &p->ap, &p->b->err)) !=
	        BOBAO_OK)
		return rc;
	return aud_sink_write(&p->sink, pcm, frames, &p->b->err);
}

/* A file measured whole, played at the target with its peaks limited. */
static bobao_code play_corrected(struct play *p, double target, int dual_mono)
{
	struct aud_post post = { 0 };
	struct aud_post_result res;
	bobao_code rc;

	post.target = target;
	post.gain_db = target - aud_post_loudness(&p->sink);
	post.ceiling_db = -1;
	post.limit = 1;
	post.rate = p->sink.fmt.rate;
	post.dual_mono = dual_mono;
	post.player = 1;
	post.stop = &p->b->stop;
	if ((rc = aud_post_finish(&p->sink, &post, &p->ap, &res, &p->b->err)) != BOBAO_OK)
		return rc;
	p->b->stats.loudness = res.loudness;
	p->b->stats.true_peak = res.true_peak;
	return BOBAO_OK;
}

bobao_code bobao_play_file(bobao *b, const char *path, const struct bobao_output *out)
{
	struct play p;
	struct timespec t0;
	double target;
	int dual_mono;
	bobao_code rc, crc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&p, 0, sizeof(p));
	p.b = b;
	p.sink = (struct aud_sink)AUD_SINK_INIT;
	if (!out || out->kind != BOBAO_OUTPUT_PLAYER)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG, "no player given"));
	if ((rc = core_check_outputs(b, &path, 1, out)) != BOBAO_OK ||
	    (rc = loudness_of(b, out->loudness, &target, &dual_mono)) != BOBAO_OK)
		return core_fail(b, rc);
	memset(&b->stats, 0, sizeof(b->stats));
	b->stats.loudness = -70;
	b->stats.true_peak = -120;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	params_of(out, &p.ap);
	p.ap.dual_mono = dual_mono;
	p.ap.target_lufs = target;   /* the capture measures only when asked */
	p.measure = target != 0;
	p.path = path;
	rc = aud_file_read(path, play_chunk, &p, &b->err);
	if (rc == BOBAO_OK && p.sink.h)
		b->stats.audio_seconds = (double)p.sink.frames / p.sink.fmt.rate;
	if (rc == BOBAO_OK && p.measure && p.sink.h)
		rc = play_corrected(&p, target, dual_mono);
	b->stats.elapsed = since(&t0);
	crc = aud_sink_close(&p.sink, rc == BOBAO_OK, &b->err);
	if (rc == BOBAO_OK)
		rc = crc;
	return core_fail(b, rc);
}

/* bobao.c - the handle, options, text and voice listings. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "fch.h"

void bobao_options_init(struct bobao_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->voice = "cmn-latn-pinyin";
	opt->latin_voice = "en";
	opt->encoding = "auto";
	opt->rate = 210;   /* ~265 syllables a minute of speech: docs/reading.md */
	opt->pitch = 50;
	opt->volume = 100;
	opt->pause_breath = 150;
	opt->pause_sentence = 350;
	opt->pause_paragraph = 700;
	opt->pause_article = 1200;
	opt->lead_in = 300;
	opt->lead_out = 300;
	opt->pause_headline = 1000;
}

void bobao_output_init(struct bobao_output *out, enum bobao_output_kind kind)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->quality = -1;
	out->bed_duck = 18;
}

static bobao_code check_range(const char *what, int v, int lo, int hi, struct bb_err *e)
{
	if (v < lo || v > hi)
		return bb_err_set(e, BOBAO_E_ARG, "%s %d is out of range (%d to %d)", what, v,
		                  lo, hi);
	return BOBAO_OK;
}

static bobao_code check_options(const struct bobao_options *o, struct bb_err *e)
{
	bobao_code rc;

	if (!o->voice || !*o->voice || !o->latin_voice || !*o->latin_voice)
		return bb_err_set(e, BOBAO_E_VOICE, "no voice given");
	if (strlen(o->voice) > 200 || strlen(o->latin_voice) > 200)
		return bb_err_set(e, BOBAO_E_VOICE, "voice name too long");
	if (!o->encoding || !seg_encoding_known(o->encoding))
		return bb_err_set(e, BOBAO_E_ARG,
		                  "unknown encoding '%s' (auto, utf-8, gb18030, big5)",
		                  o->encoding ? o->encoding : "");
	if (o->input_format < BOBAO_INPUT_AUTO || o->input_format > BOBAO_INPUT_HTML)
		return bb_err_set(e, BOBAO_E_ARG, "unknown input format %d", o->input_format);
	if ((rc = check_range("rate", o->rate, 80, 450, e)) ||
	    (rc = check_range("pitch", o->pitch, 0, 100, e)) ||
	    (rc = check_range("volume", o->volume, 1, 200, e)) ||
	    (rc = check_range("jobs", o->jobs, 0, 32, e)) ||
	    (rc = check_range("breath pause", o->pause_breath, 0, 60000, e)) ||
	    (rc = check_range("sentence pause", o->pause_sentence, 0, 60000, e)) ||
	    (rc = check_range("paragraph pause", o->pause_paragraph, 0, 60000, e)) ||
	    (rc = check_range("article pause", o->pause_article, 0, 60000, e)) ||
	    (rc = check_range("lead-in", o->lead_in, 0, 60000, e)) ||
	    (rc = check_range("lead-out", o->lead_out, 0, 60000, e)) ||
	    (rc = check_range("headline pause", o->pause_headline, 0, 60000, e)))
		return rc;
	return BOBAO_OK;
}

bobao_code bobao_new(bobao **out)
{
	struct bobao_options opt;
	struct bobao *b;

	*out = NULL;
	if (!(b = calloc(1, sizeof(*b))))
		return BOBAO_E_NOMEM;
	bobao_options_init(&opt);
	if (bobao_set_options(b, &opt) != BOBAO_OK) {
		bobao_free(b);
		return BOBAO_E_NOMEM;
	}
	*out = b;
	return BOBAO_OK;
}

bobao_code bobao_set_options(bobao *b, const struct bobao_options *opt)
{
	char *voice, *latin, *encoding;
	bobao_code rc;

	bb_err_clear(&b->err);
	if ((rc = check_options(opt, &b->err)) != BOBAO_OK)
		return rc;
	voice = strdup(opt->voice);
	latin = strdup(opt->latin_voice);
	encoding = strdup(opt->encoding);
	if (!voice || !latin || !encoding) {
		free(voice);
		free(latin);
		free(encoding);
		return core_fail(b, BOBAO_E_NOMEM);
	}
	tts_close(&b->engine);   /* reopened with the new voice when needed */
	free(b->voice);
	free(b->latin_voice);
	free(b->encoding);
	b->opt = *opt;
	b->opt.voice = b->voice = voice;
	b->opt.latin_voice = b->latin_voice = latin;
	b->opt.encoding = b->encoding = encoding;
	return BOBAO_OK;
}

void bobao_free(bobao *b)
{
	if (!b)
		return;
	tts_close(&b->engine);
	seg_reader_free(b->reader);
	while (b->n_lexicons)
		free(b->lexicons[--b->n_lexicons]);
	free(b->lexicons);
	free(b->voice);
	free(b->latin_voice);
	free(b->encoding);
	free(b);
}

const char *bobao_errmsg(const bobao *b)
{
	return b ? b->err.msg : "";
}

void bobao_interrupt(bobao *b)
{
	if (b)
		b->stop = 1;
}

bobao_code core_fail(struct bobao *b, bobao_code rc)
{
	if (rc != BOBAO_OK && !b->err.msg[0])
		bb_err_set(&b->err, rc, "%s", bobao_strerror(rc));
	return rc;
}

bobao_code core_reader(struct bobao *b)
{
	if (b->reader)
		return BOBAO_OK;
	return seg_reader_new(&b->reader, &b->err);
}

/* Remember a lexicon's path: no output of a later render may replace it. */
static bobao_code keep_lexicon(struct bobao *b, const char *path)
{
	char **l = realloc(b->lexicons, (b->n_lexicons + 1) * sizeof(*l));

	if (!l)
		return BOBAO_E_NOMEM;
	b->lexicons = l;
	if (!(l[b->n_lexicons] = bb_strdup(path)))
		return BOBAO_E_NOMEM;
	b->n_lexicons++;
	return BOBAO_OK;
}

bobao_code bobao_add_lexicon(bobao *b, const char *path)
{
	bobao_code rc;

	bb_err_clear(&b->err);
	if ((rc = core_reader(b)) == BOBAO_OK)
		rc = seg_reader_lexicon(b->reader, path, &b->err);
	if (rc == BOBAO_OK)
		rc = keep_lexicon(b, path);
	return core_fail(b, rc);
}

void core_tts_params(const struct bobao *b, struct tts_params *p)
{
	memset(p, 0, sizeof(*p));
	p->voice = b->opt.voice;
	p->latin_voice = b->opt.latin_voice;
	p->rate = b->opt.rate;
	p->pitch = b->opt.pitch;
	p->volume = b->opt.volume;
}

bobao_code core_engine(struct bobao *b)
{
	struct tts_params p;

	if (b->engine.h)
		return BOBAO_OK;
	core_tts_params(b, &p);
	return tts_open(&b->engine, NULL, &p, &b->err);
}

/* ---- text ---- */

struct text_run {
	struct bobao *b;
	unsigned flags;
	bobao_text_fn fn;
	void *ctx;
	int active;
	struct bobao_text t;
	struct bb_buf text, speech, phonemes, annotated;
};

static bobao_code flush(struct text_run *r)
{
	if (!r->active && !(r->flags & BOBAO_TEXT_PER_LINE))
		return BOBAO_OK;
	r->t.text = bb_buf_str(&r->text);
	r->t.speech = bb_buf_str(&r->speech);
	r->t.phonemes = r->flags & BOBAO_TEXT_PHONEMES ? bb_buf_str(&r->phonemes) : NULL;
	r->t.annotated = r->flags & BOBAO_TEXT_ANNOTATE ? bb_buf_str(&r->annotated) : NULL;
	r->active = 0;
	if (r->fn(r->ctx, &r->t))
		return BOBAO_E_INTERRUPTED;
	bb_buf_reset(&r->text);
	bb_buf_reset(&r->speech);
	bb_buf_reset(&r->phonemes);
	bb_buf_reset(&r->annotated);
	return BOBAO_OK;
}

/* The unit's text, each Han character followed by "(reading)". */
static bobao_code annotate(struct text_run *r, const struct core_walk_item *w)
{
	const struct seg_text *sp = w->spoken;
	const seg_reading_t *rd = (const seg_reading_t *)(const void *)w->speech->readings.ptr;
	size_t k, j = 0;
	bobao_code rc = BOBAO_OK;

	for (k = w->unit->start; k < w->unit->end && rc == BOBAO_OK; k++) {
		uint32_t c = w->text->cp.v[k];

		rc = bb_buf_addcp(&r->annotated, c);
		if (!seg_is_han(c) || rc != BOBAO_OK)
			continue;
		/* spoken characters come in text order: look on from the last */
		for (; j < sp->cp.len && (sp->from.v[j] == SEG_NOWHERE || sp->from.v[j] < k); j++)
			;
		if (j < sp->cp.len && sp->from.v[j] == k && rd[j]) {
			if ((rc = bb_buf_addch(&r->annotated, '(')) == BOBAO_OK &&
			    (rc = seg_reading_append(&r->annotated, rd[j])) == BOBAO_OK)
				rc = bb_buf_addch(&r->annotated, ')');
		}
	}
	return rc;
}

static bobao_code add_phonemes(struct text_run *r, const struct seg_speech *s)
{
	bobao_code rc = BOBAO_OK;
	struct bb_buf span = BB_BUF_INIT(CORE_WALK_LINE_MAX * 16);
	size_t i;

	for (i = 0; i < seg_speech_count(s) && rc == BOBAO_OK; i++) {
		const struct seg_span *sp = seg_speech_span(s, i);

		bb_buf_reset(&span);
		if ((rc = bb_buf_add(&span, s->text.ptr + sp->off, sp->len)) != BOBAO_OK)
			break;
		if (r->phonemes.len && (rc = bb_buf_addch(&r->phonemes, ' ')) != BOBAO_OK)
			break;
		rc = tts_phonemes(&r->b->engine, bb_buf_str(&span),
		                  sp->lang == SEG_LANG_LATIN ? TTS_LATIN : TTS_MANDARIN,
		                  &r->phonemes, &r->b->err);
	}
	bb_buf_release(&span);
	return rc;
}

static bobao_code text_item(void *ctx, const struct core_walk_item *w)
{
	struct text_run *r = ctx;
	bobao_code rc = BOBAO_OK;
	size_t i;

	if (w->ev == CORE_WALK_LINE_END) {
		if (!r->active) {
			r->t.brk = BOBAO_BREAK_NONE;
			r->t.input = w->input;
			r->t.line = w->line;
		}
		return flush(r);
	}
	if (!r->active) {
		r->active = 1;
		r->t.brk = w->brk;
		r->t.input = w->input;
		r->t.line = w->line;
	} else {
		uint32_t last = r->text.len ? (unsigned char)r->text.ptr[r->text.len - 1] : 0;

		if (last && last < 0x80 && w->text->cp.v[w->unit->start] < 0x80)
			rc = bb_buf_addch(&r->text, ' ');
		if (rc == BOBAO_OK && r->speech.len)
			rc = bb_buf_addch(&r->speech, ' ');
	}
	for (i = w->unit->start; i < w->unit->end && rc == BOBAO_OK; i++)
		rc = bb_buf_addcp(&r->text, w->text->cp.v[i]);
	if (rc == BOBAO_OK)
		rc = bb_buf_add(&r->speech, w->speech->text.ptr, w->speech->text.len);
	if (rc == BOBAO_OK && (r->flags & BOBAO_TEXT_PHONEMES))
		rc = add_phonemes(r, w->speech);
	if (rc == BOBAO_OK && (r->flags & BOBAO_TEXT_ANNOTATE))
		rc = annotate(r, w);
	if (rc != BOBAO_OK)
		return rc;
	if ((r->flags & BOBAO_TEXT_UNITS) ||
	    (!(r->flags & BOBAO_TEXT_PER_LINE) && w->unit->sentence_end))
		return flush(r);
	return BOBAO_OK;
}

bobao_code bobao_read_text(bobao *b, const char *const *inputs, size_t n,
                           unsigned flags, bobao_text_fn fn, void *ctx)
{
	struct text_run r;
	bobao_code rc;
	unsigned wflags = 0;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.flags = flags;
	r.fn = fn;
	r.ctx = ctx;
	bb_buf_init(&r.text, 16 * CORE_WALK_LINE_MAX);
	bb_buf_init(&r.speech, 16 * CORE_WALK_LINE_MAX);
	bb_buf_init(&r.phonemes, 64 * CORE_WALK_LINE_MAX);
	bb_buf_init(&r.annotated, 16 * CORE_WALK_LINE_MAX);
	if (flags & BOBAO_TEXT_PER_LINE) {
		wflags |= CORE_WALK_PER_LINE;
		r.flags &= ~(unsigned)BOBAO_TEXT_UNITS;
	}
	if ((flags & BOBAO_TEXT_PHONEMES) && (rc = core_engine(b)) != BOBAO_OK)
		goto out;
	rc = core_walk(b, inputs, n, wflags, text_item, &r);
	if (rc == BOBAO_OK && r.active)
		rc = flush(&r);
out:
	bb_buf_release(&r.text);
	bb_buf_release(&r.speech);
	bb_buf_release(&r.phonemes);
	bb_buf_release(&r.annotated);
	return core_fail(b, rc);
}

struct voices_run {
	bobao_voice_fn fn;
	void *ctx;
};

static int voice_item(void *ctx, const char *name, const char *language,
                      const char *description, int mandarin)
{
	struct voices_run *r = ctx;
	struct bobao_voice v = { name, language, description, mandarin };

	return r->fn(r->ctx, &v);
}

bobao_code bobao_voices(bobao *b, int all, bobao_voice_fn fn, void *ctx)
{
	struct voices_run r = { fn, ctx };

	bb_err_clear(&b->err);
	return core_fail(b, tts_find(NULL)->voices(all, voice_item, &r, &b->err));
}

/* fetch/ does the work; the handle's error and stop flag are passed in. */
bobao_code bobao_fetch(bobao *b, const char *const *sources, size_t n,
                       const struct bobao_fetch_options *o)
{
	bb_err_clear(&b->err);
	b->stop = 0;
	return core_fail(b, fch_run(sources, n, o, &b->stop, &b->err));
}

bobao_code bobao_extract_html(bobao *b, const char *html, size_t n, const char *charset,
                              char **text, size_t *len)
{
	bb_err_clear(&b->err);
	return core_fail(b, fch_page_article(html, n, charset, text, len, &b->err));
}

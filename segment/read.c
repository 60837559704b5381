/*
 * read.c - from the spoken form to what the engine is given.
 *
 * Each Han character becomes one syllable with a tone digit (1-5, ü as v):
 * its hint when it has one, else its default reading.  Pause marks attach
 * to the syllable before them ("hao3,").  Latin runs become spans of their
 * own, sent as they are to a voice that reads them.
 */
#include "seg.h"

void seg_speech_init(struct seg_speech *s, size_t cap)
{
	bb_buf_init(&s->text, cap);
	bb_buf_init(&s->spans, cap);
}

void seg_speech_release(struct seg_speech *s)
{
	bb_buf_release(&s->text);
	bb_buf_release(&s->spans);
}

size_t seg_speech_count(const struct seg_speech *s)
{
	return s->spans.len / sizeof(struct seg_span);
}

const struct seg_span *seg_speech_span(const struct seg_speech *s, size_t i)
{
	return (const struct seg_span *)(const void *)s->spans.ptr + i;
}

static struct seg_span *last_span(struct seg_speech *s)
{
	size_t n = seg_speech_count(s);

	return n ? (struct seg_span *)(void *)s->spans.ptr + n - 1 : NULL;
}

/* Start a token in a span of lang: a space before it unless first. */
static bobao_code token(struct seg_speech *s, enum seg_lang lang)
{
	struct seg_span *sp = last_span(s);
	bobao_code rc;

	if (s->text.len && (rc = bb_buf_addch(&s->text, ' ')) != BOBAO_OK)
		return rc;
	if (!sp || sp->lang != lang) {
		struct seg_span n = { lang, s->text.len, 0 };

		return bb_buf_add(&s->spans, &n, sizeof(n));
	}
	return BOBAO_OK;
}

static void close_span(struct seg_speech *s)
{
	struct seg_span *sp = last_span(s);

	if (sp)
		sp->len = s->text.len - sp->off;
}

bobao_code seg_read(const struct seg_text *spoken, struct seg_speech *speech)
{
	const uint32_t *c = spoken->cp.v;
	size_t i = 0, n = spoken->cp.len;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(&speech->text);
	bb_buf_reset(&speech->spans);
	while (i < n && rc == BOBAO_OK) {
		struct seg_span *sp = last_span(speech);

		if (seg_is_han(c[i])) {
			seg_reading_t r = spoken->hint.v[i] ? (seg_reading_t)spoken->hint.v[i]
			                                    : seg_lookup(c[i]);

			if (r && (rc = token(speech, SEG_LANG_MANDARIN)) == BOBAO_OK)
				rc = seg_reading_append(&speech->text, r);
			i++;
		} else if (seg_is_latin(c[i]) || seg_is_digit(c[i])) {
			if ((rc = token(speech, SEG_LANG_LATIN)) != BOBAO_OK)
				break;
			for (; i < n && rc == BOBAO_OK && !(c[i] == ',' || c[i] == '.' ||
			       c[i] == '?' || seg_is_han(c[i])); i++)
				rc = bb_buf_addcp(&speech->text, c[i]);
		} else {
			/* a pause mark closes the syllable or word before it */
			if (sp && speech->text.len &&
			    speech->text.ptr[speech->text.len - 1] != ' ')
				rc = bb_buf_addch(&speech->text, (char)c[i]);
			i++;
		}
		close_span(speech);
	}
	return rc;
}

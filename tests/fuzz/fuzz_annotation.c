/*
 * fuzz_annotation.c - the cleaner's pinyin annotations (區(qū), 调(diao4))
 * and the pinyin parser, then the units, spoken forms and readings made
 * from them: seg_decode, seg_clean, seg_parse_pinyin, seg_split,
 * seg_normalize, seg_read on one line of any bytes.
 */
#include <string.h>

#include "fuzz.h"
#include "seg.h"

static struct seg_reader *reader;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct bb_err err;

	(void)argc;
	(void)argv;
	if (seg_reader_new(&reader, &err) != BOBAO_OK)
		abort();
	return 0;
}

struct state {
	struct seg_text spoken;
	struct seg_speech speech;
};

static bobao_code unit(void *ctx, const struct seg_text *t, const struct seg_unit *u)
{
	struct state *s = ctx;
	size_t i;
	bobao_code rc;

	FUZZ_ASSERT(u->start < u->end && u->end <= t->cp.len);
	if ((rc = seg_normalize(t, u->start, u->end, &s->spoken)) != BOBAO_OK)
		return rc;
	FUZZ_ASSERT(s->spoken.cp.len == s->spoken.hint.len);
	for (i = 0; i < s->spoken.from.len; i++)
		FUZZ_ASSERT(s->spoken.from.v[i] == SEG_NOWHERE || s->spoken.from.v[i] < t->cp.len);
	if ((rc = seg_read(reader, &s->spoken, &s->speech)) != BOBAO_OK)
		return rc;
	for (i = 0; i < seg_speech_count(&s->speech); i++) {
		const struct seg_span *sp = seg_speech_span(&s->speech, i);

		FUZZ_ASSERT(sp->off + sp->len <= s->speech.text.len);
	}
	return BOBAO_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bb_u32 cps = BB_U32_INIT(1u << 20);
	struct seg_text text = SEG_TEXT_INIT(1u << 20);
	struct state s;
	struct seg_pos pos = { 0 };
	seg_reading_t r[64];
	size_t i;
	int k;
	bobao_code rc;

	s.spoken = (struct seg_text)SEG_TEXT_INIT(1u << 22);
	seg_speech_init(&s.speech, 1u << 24);
	if (seg_decode((const char *)data, size, &cps, &pos) != BOBAO_OK)
		goto out;
	k = seg_parse_pinyin(cps.v, cps.len, r, BB_ARRAY_SIZE(r));
	FUZZ_ASSERT(k >= -1 && k <= (int)BB_ARRAY_SIZE(r));
	for (i = 0; k > 0 && i < (size_t)k; i++)
		FUZZ_ASSERT(SEG_READING_TONE(r[i]) >= 1 && SEG_READING_TONE(r[i]) <= 5 &&
		            SEG_READING_SYL(r[i]) < seg_n_syllables);
	if ((rc = seg_clean(cps.v, cps.len, &text)) != BOBAO_OK)
		goto out;
	FUZZ_ASSERT(text.cp.len == text.hint.len && text.cp.len <= cps.len);
	rc = seg_split(&text, unit, &s);
	FUZZ_ASSERT(rc != BOBAO_E_INTERNAL && rc != BOBAO_E_NOMEM);
out:
	seg_speech_release(&s.speech);
	seg_text_release(&s.spoken);
	seg_text_release(&text);
	bb_u32_release(&cps);
	return 0;
}

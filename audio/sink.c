/* sink.c - the sink registry, generic sink calls and the assembler. */
#include <stdlib.h>
#include <string.h>

#include "aud.h"

const struct aud_sink_handler *const aud_sinks[] = {
	&aud_file_sink,
	&aud_device_sink,
	&aud_level_sink,
	&aud_capture_sink,
	&aud_bed_sink,
	NULL
};

bobao_code aud_sink_open(struct aud_sink *s, const char *name,
                         const struct aud_format *fmt, const struct aud_params *p,
                         struct bb_err *err)
{
	size_t i;

	for (i = 0; aud_sinks[i]; i++)
		if (!strcmp(aud_sinks[i]->name, name))
			return aud_sink_open_handler(s, aud_sinks[i], fmt, p, err);
	return bb_err_set(err, BOBAO_E_INTERNAL, "unknown sink '%s'", name);
}

bobao_code aud_sink_open_handler(struct aud_sink *s, const struct aud_sink_handler *h,
                                 const struct aud_format *fmt,
                                 const struct aud_params *p, struct bb_err *err)
{
	bobao_code rc;

	s->fmt = *fmt;
	s->p = p;
	s->frames = 0;
	s->priv = NULL;
	if (h->priv_size && !(s->priv = calloc(1, h->priv_size)))
		return BOBAO_E_NOMEM;
	s->h = h;
	if ((rc = h->start(s, err)) != BOBAO_OK) {
		h->stop(s, 0, NULL);   /* releases what start got before failing */
		free(s->priv);
		s->priv = NULL;
		s->h = NULL;
	}
	return rc;
}

bobao_code aud_sink_write(struct aud_sink *s, const int16_t *pcm, size_t frames,
                          struct bb_err *err)
{
	bobao_code rc;

	if (!frames)
		return BOBAO_OK;
	if ((rc = s->h->flow(s, pcm, frames, err)) == BOBAO_OK)
		s->frames += frames;
	return rc;
}

bobao_code aud_sink_silence(struct aud_sink *s, size_t frames, struct bb_err *err)
{
	static const int16_t zero[16384];
	size_t per = BB_ARRAY_SIZE(zero) / (size_t)s->fmt.channels, k;
	bobao_code rc = BOBAO_OK;

	while (frames && rc == BOBAO_OK) {
		k = frames < per ? frames : per;
		rc = aud_sink_write(s, zero, k, err);
		frames -= k;
	}
	return rc;
}

bobao_code aud_sink_close(struct aud_sink *s, int commit, struct bb_err *err)
{
	bobao_code rc = BOBAO_OK;

	if (!s->h)
		return BOBAO_OK;
	rc = s->h->stop(s, commit, err);
	free(s->priv);
	s->priv = NULL;
	s->h = NULL;
	return rc;
}

int aud_audible(const int16_t *pcm, size_t n, size_t *first, size_t *last)
{
	size_t i;

	for (i = 0; i < n && abs(pcm[i]) <= AUD_SILENCE_THRESHOLD; i++)
		;
	if (i == n)
		return 0;
	*first = i;
	for (i = n; abs(pcm[i - 1]) <= AUD_SILENCE_THRESHOLD; i--)
		;
	*last = i - 1;
	return 1;
}

void aud_assembler_init(struct aud_assembler *a, struct aud_sink *sink, int rate)
{
	a->sink = sink;
	a->rate = rate;
	a->tail_len = 0;
	a->carry_ms = 0;
}

static size_t frames_of(const struct aud_assembler *a, int ms)
{
	return (size_t)((long long)ms * a->rate / 1000);
}

/* The pause is made of: the kept tail of the last unit, digital silence,
 * the kept head of this one; the two margins only as far as they fit. */
static bobao_code gap(struct aud_assembler *a, int ms, size_t head_avail,
                      size_t *head_used, struct bb_err *err)
{
	size_t want = frames_of(a, ms), tail, head;
	bobao_code rc;

	tail = a->tail_len < want ? a->tail_len : want;
	head = head_avail < want - tail ? head_avail : want - tail;
	if ((rc = aud_sink_write(a->sink, a->tail, tail, err)) != BOBAO_OK)
		return rc;
	a->tail_len = 0;
	*head_used = head;
	return aud_sink_silence(a->sink, want - tail - head, err);
}

bobao_code aud_assembler_unit(struct aud_assembler *a, const int16_t *pcm, size_t n,
                              int pause_ms, struct bb_err *err)
{
	size_t first, last, margin = frames_of(a, AUD_MARGIN_MS), head, tail;
	bobao_code rc;

	if (margin > AUD_MARGIN_MAX)
		margin = AUD_MARGIN_MAX;
	if (!aud_audible(pcm, n, &first, &last)) {
		/* nothing to hear: owe the stronger pause to the next unit */
		if (pause_ms > a->carry_ms)
			a->carry_ms = pause_ms;
		a->silent = 1;
		return BOBAO_OK;
	}
	a->silent = 0;
	if (a->carry_ms > pause_ms)
		pause_ms = a->carry_ms;
	a->carry_ms = 0;
	head = first < margin ? first : margin;
	if ((rc = gap(a, pause_ms, head, &head, err)) != BOBAO_OK)
		return rc;
	a->last.start = a->sink->frames + head;
	a->last.end = a->last.start + (last + 1 - first);
	if ((rc = aud_sink_write(a->sink, pcm + first - head, last + 1 - first + head,
	                         err)) != BOBAO_OK)
		return rc;
	tail = n - 1 - last < margin ? n - 1 - last : margin;
	memcpy(a->tail, pcm + last + 1, tail * sizeof(*pcm));
	a->tail_len = tail;
	return BOBAO_OK;
}

bobao_code aud_assembler_finish(struct aud_assembler *a, int pause_ms,
                                struct bb_err *err)
{
	size_t unused;

	return gap(a, pause_ms, 0, &unused, err);
}

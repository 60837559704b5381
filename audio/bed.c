/*
 * bed.c - the "bed" sink: a music bed under the speech, then the next sink.
 *
 * A filter in the chain, sample for sample (no delay, so the times of the
 * cues stay exact): what flows in is the speech, what flows on is the
 * speech with the bed mixed under it.  The bed is heard only while it is
 * on (aud_bed_on(), at item boundaries), faded in and out.  While it is
 * on, a side-chain on the speech ducks it as a broadcast desk does: an
 * audible sample brings it down by duck_db with a short attack; it stays
 * down through the pauses inside an item (hold_ms after the last audible
 * sample) and comes back up with a slower release in the gaps between
 * items.  The bed loops; its end is cross-faded into its start (prepared
 * once in aud_bed_prepare()), so that no loop point clicks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aud.h"

#define ATTACK_MS 15.0
#define RELEASE_MS 250.0
#define FADE_MS 1000.0
#define LOOP_FADE_MS 60

struct bed {
	size_t pos;          /* next sample of the bed */
	size_t loop;         /* where a loop starts again (after the cross-fade) */
	float duck;          /* linear gain under speech */
	float level;         /* side-chain gain now, duck..1 */
	float fade;          /* on/off fade now, 0..1 */
	float up, down;      /* per-sample steps of release and attack */
	float fade_step;
	size_t hold, quiet;  /* samples: hold time, quiet since the last speech */
	int on;
	int16_t out[4096];
};

void aud_bed_prepare(int16_t *pcm, size_t n, int rate, size_t *loop)
{
	size_t x = (size_t)rate * LOOP_FADE_MS / 1000, i;

	*loop = 0;
	if (n < 4 * x)   /* too short to cross-fade: a plain loop */
		return;
	/* the last x samples fade into the first x; the loop then goes on
	 * from sample x, which follows the faded end without a step */
	for (i = 0; i < x; i++) {
		double w = (i + 0.5) / (double)x;
		double v = pcm[n - x + i] * (1 - w) + pcm[i] * w;

		pcm[n - x + i] = (int16_t)lrint(v);
	}
	*loop = x;
}

void aud_bed_on(struct aud_sink *s, int on)
{
	struct bed *b = s->priv;

	if (b)
		b->on = on;
}

static bobao_code bed_start(struct aud_sink *s, struct bb_err *err)
{
	struct bed *b = s->priv;
	const struct aud_params *p = s->p;
	double rate = s->fmt.rate;

	if (!p->next || !p->bed || !p->bed_len || s->fmt.channels != 1)
		return bb_err_set(err, BOBAO_E_INTERNAL, "bed sink without its bed");
	b->loop = p->bed_loop < p->bed_len ? p->bed_loop : 0;
	b->duck = (float)pow(10, -p->bed_duck_db / 20);
	b->level = 1;
	b->down = (float)(1.0 / (ATTACK_MS * rate / 1000));
	b->up = (float)(1.0 / (RELEASE_MS * rate / 1000));
	b->fade_step = (float)(1.0 / (FADE_MS * rate / 1000));
	b->hold = (size_t)(p->bed_hold_ms * rate / 1000);
	b->quiet = b->hold;
	return BOBAO_OK;
}

static bobao_code bed_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                           struct bb_err *err)
{
	struct bed *b = s->priv;
	const struct aud_params *p = s->p;
	size_t i, k, off;
	bobao_code rc = BOBAO_OK;

	for (off = 0; off < frames && rc == BOBAO_OK; off += k) {
		k = frames - off < BB_ARRAY_SIZE(b->out) ? frames - off : BB_ARRAY_SIZE(b->out);
		for (i = 0; i < k; i++) {
			int x = pcm[off + i];
			float g, v;

			b->quiet = abs(x) > AUD_SILENCE_THRESHOLD ? 0 : b->quiet + 1;
			if (b->quiet < b->hold) /* speech, or a pause inside an item */
				b->level = fmaxf(b->duck, b->level - b->down * (1 - b->duck));
			else
				b->level = fminf(1, b->level + b->up * (1 - b->duck));
			b->fade = b->on ? fminf(1, b->fade + b->fade_step)
			                : fmaxf(0, b->fade - b->fade_step);
			g = b->level * b->fade;
			v = (float)x;
			if (g > 0) {
				v += p->bed[b->pos] * g;
				if (++b->pos >= p->bed_len)
					b->pos = b->loop;
			}
			b->out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
		}
		rc = aud_sink_write(p->next, b->out, k, err);
	}
	return rc;
}

static bobao_code bed_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	(void)s;
	(void)commit;
	(void)err;
	return BOBAO_OK;   /* the next sink is its owner's to close */
}

const struct aud_sink_handler aud_bed_sink = {
	"bed",
	sizeof(struct bed),
	bed_start,
	bed_flow,
	bed_stop,
};

/*
 * player.c - the interactive player: text read aloud with a position the
 * listener can move, pause and speed up (see bobao.h).
 *
 * The whole text goes through the front end once, at open: every sentence
 * with its units of speech (as blobs for the engine) and its text as
 * written, so that any sentence can be synthesized at any moment.  Audio
 * is made a sentence at a time, into "clips" (pause before, units with
 * their breath pauses between, as the assembler of bobao_render() lays
 * them out), by the same worker pool as bobao_render().  The clips kept are
 * those a key may ask for next: the sentences around the current one, the
 * starts of the paragraphs and articles around it.  A sentence is sent to
 * the workers only while fewer units than workers are in flight, so a
 * sentence no longer wanted delays the one that is by little; and a
 * sentence plays as its units come.  A bulletin file (bulletin.c) gives its
 * clips by decoding the stretch between two marks instead.
 *
 * Audio goes to the device in pieces of CHUNK_MS: a move drops what the
 * player holds at once, and the device holds little (a short buffer_time
 * is asked of the ALSA and PulseAudio drivers).  With --realtime the audio
 * is paced to the clock, LEAD_MS ahead, for the drivers that do not pace it
 * themselves (the file drivers; ALSA's file and null plugins), and the file
 * drivers get silence while nothing is played, so the file holds what a
 * listener would have heard.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aud.h"
#include "core.h"
#include "plr.h"

#define CLIP_MAX 24          /* sentences of audio kept */
#define CHUNK_MS 20          /* handed to the device at a time */
#define LEAD_MS 40           /* realtime: written ahead of the clock */
#define RELEASE_S 3.0        /* a paused sound card is closed after this */
#define BACK_S 1.0           /* back within this: the one before */
#define START_MARGIN_MS 10   /* of quiet kept before speech on a move */
#define TEXT_MAX (256u << 20)
#define SAY_SENTENCE (-2L)

struct unit {
	enum bobao_break brk;
	int headline;
	size_t blob, blob_len;      /* in text.blobs */
};

struct sentence {
	size_t unit0, n_units;
	unsigned long article, paragraph, in_article;
	unsigned long stop;         /* 1-based: what the listener counts and moves
	                               by (a bulletin's long stretches take
	                               several sentences of one stop) */
	size_t text;                /* in text.chars: as written, NUL-ended */
	size_t chars;               /* code points, for estimates */
	double seconds;             /* measured at seconds_rate; 0: not yet */
	int seconds_rate;
};

/* Sentences read from inputs. */
struct text {
	struct sentence *s;
	size_t n, alloc;
	struct unit *u;
	size_t nu, ualloc;
	struct bb_buf blobs, chars;
	unsigned long articles, paragraphs, stops;
	int open;                   /* the last sentence has not ended */
	uint64_t hash;
};

enum { CLIP_FREE, CLIP_PENDING, CLIP_READY };

struct clip {
	int state;
	long s;                     /* sentence, or SAY_SENTENCE */
	int rate;
	size_t got;                 /* units delivered */
	struct bb_buf pcm;          /* int16 mono */
	size_t speech;              /* first frame of speech */
	double used;                /* last wanted, for eviction */
};

struct mem_sink {
	struct bb_buf *out;
};

struct bobao_player {
	struct bobao *b;
	struct tts_pool *pool;                /* text: the engine's workers */
	struct plr_bulletin *bul;         /* bulletin files: the marks */
	int jobs;
	int hz, channels;
	struct text text, say;
	struct clip clip[CLIP_MAX + 1];   /* the last one: what bobao_player_say() says */
	struct aud_sink mem;              /* assembles clips */
	struct aud_assembler as;
	struct bb_buf blob;

	struct aud_sink dev;
	struct aud_params ap;
	const char **dev_options;
	int file_driver;                  /* wav, raw, au, null: no sound card */
	int realtime;
	double t0;                        /* realtime: clock of frame 0 */
	uint64_t written;                 /* frames since t0 */

	long cur;                         /* sentence being played */
	int playing;                      /* index of its clip, -1: none yet */
	size_t off;                       /* frame in that clip */
	int at_speech;                    /* start cur at its speech, not its pause */
	int saying;                       /* the say clip plays */
	int rate;
	int paused;
	double paused_at;
	double cur_started;               /* clock when cur's speech began */
	int done, tail_written;
	double moved_at;                  /* clock of the last move, 0: none pending */
	double response_ms;
	char *positions;
	int resumed;
	int failed;                       /* a run ended in an error or a signal */
	int force;                        /* --force: a write-protected positions file too */
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- the text ---- */

static void text_release(struct text *t)
{
	free(t->s);
	free(t->u);
	bb_buf_release(&t->blobs);
	bb_buf_release(&t->chars);
	memset(t, 0, sizeof(*t));
}

struct loading {
	struct bobao_player *pl;
	struct text *t;
	unsigned long in_article;
	struct bb_buf blob;
};

static bobao_code grow(void **v, size_t *alloc, size_t n, size_t size)
{
	void *p;
	size_t a;

	if (n < *alloc)
		return BOBAO_OK;
	a = *alloc ? *alloc * 2 : 64;
	if (a > SIZE_MAX / size || !(p = realloc(*v, a * size)))
		return BOBAO_E_NOMEM;
	*v = p;
	*alloc = a;
	return BOBAO_OK;
}

/* A unit from the front end: a new sentence after one that ended, or at a
 * paragraph or article; its text appended to the sentence's. */
static bobao_code load_unit(void *ctx, const struct core_walk_item *w)
{
	struct loading *l = ctx;
	struct text *t = l->t;
	struct sentence *s;
	struct unit *u;
	size_t i;
	bobao_code rc;

	if (w->ev != CORE_WALK_UNIT)
		return BOBAO_OK;
	if ((rc = grow((void **)&t->u, &t->ualloc, t->nu, sizeof(*t->u))) != BOBAO_OK)
		return rc;
	if (!t->open || w->brk >= BOBAO_BREAK_PARAGRAPH || w->brk == BOBAO_BREAK_NONE) {
		if ((rc = grow((void **)&t->s, &t->alloc, t->n, sizeof(*t->s))) != BOBAO_OK)
			return rc;
		if (t->n && (rc = bb_buf_addch(&t->chars, '\0')) != BOBAO_OK)
			return rc;
		if (w->brk == BOBAO_BREAK_NONE || w->brk == BOBAO_BREAK_ARTICLE) {
			t->articles++;
			l->in_article = 0;
		}
		if (w->brk != BOBAO_BREAK_SENTENCE && w->brk != BOBAO_BREAK_BREATH)
			t->paragraphs++;
		s = &t->s[t->n++];
		memset(s, 0, sizeof(*s));
		s->unit0 = t->nu;
		s->article = t->articles;
		s->paragraph = t->paragraphs;
		s->in_article = ++l->in_article;
		s->stop = ++t->stops;
		s->text = t->chars.len;
		t->hash = plr_hash(t->hash, w->brk == BOBAO_BREAK_ARTICLE ? "\f" : "\n", 1);
	} else {
		s = &t->s[t->n - 1];
		if (t->chars.len > s->text && (unsigned char)t->chars.ptr[t->chars.len - 1] < 0x80 &&
		    w->text->cp.v[w->unit->start] < 0x80 &&
		    (rc = bb_buf_addch(&t->chars, ' ')) != BOBAO_OK)
			return rc;
	}
	u = &t->u[t->nu++];
	s->n_units++;
	u->brk = w->brk;
	u->headline = w->headline;
	for (i = w->unit->start; i < w->unit->end; i++) {
		if ((rc = bb_buf_addcp(&t->chars, w->text->cp.v[i])) != BOBAO_OK)
			return rc;
		s->chars++;
	}
	t->hash = plr_hash(t->hash, t->chars.ptr + s->text, t->chars.len - s->text);
	if ((rc = tts_blob(w->speech, &l->blob)) != BOBAO_OK)
		return rc;
	u->blob = t->blobs.len;
	u->blob_len = l->blob.len;
	if ((rc = bb_buf_add(&t->blobs, l->blob.ptr ? l->blob.ptr : "", l->blob.len)) != BOBAO_OK)
		return rc;
	t->open = !w->unit->sentence_end;
	return BOBAO_OK;
}

static bobao_code load(struct bobao_player *pl, const char *const *inputs, size_t n,
                       struct text *t)
{
	struct loading l = { pl, t, 0, BB_BUF_INIT(16 * CORE_WALK_LINE_MAX) };
	bobao_code rc;

	memset(t, 0, sizeof(*t));
	bb_buf_init(&t->blobs, TEXT_MAX);
	bb_buf_init(&t->chars, TEXT_MAX);
	t->hash = PLR_HASH_INIT;
	rc = core_walk(pl->b, inputs, n, 0, load_unit, &l);
	if (rc == BOBAO_OK && (rc = bb_buf_addch(&t->chars, '\0')) == BOBAO_OK && !t->n)
		rc = bb_err_set(&pl->b->err, BOBAO_E_EMPTY, "no text to read");
	if (rc == BOBAO_E_TOOLONG && !pl->b->err.msg[0])
		rc = bb_err_set(&pl->b->err, rc, "text too long for the player (%u MiB)",
		                TEXT_MAX >> 20);
	bb_buf_release(&l.blob);
	return rc;
}

/* Bulletin files: a sentence per mark. */
static bobao_code load_bulletin(struct bobao_player *pl, const char *const *inputs, size_t n,
                                struct text *t)
{
	struct bobao *b = pl->b;
	unsigned long in_article = 0;
	size_t k, count;
	bobao_code rc;

	memset(t, 0, sizeof(*t));
	bb_buf_init(&t->chars, TEXT_MAX);
	t->hash = PLR_HASH_INIT;
	if ((rc = plr_bulletin_open(&pl->bul, inputs, n, &b->err)) != BOBAO_OK)
		return rc;
	plr_bulletin_format(pl->bul, &pl->hz, &pl->channels);
	count = plr_bulletin_count(pl->bul);
	if (!(t->s = calloc(count, sizeof(*t->s))))
		return BOBAO_E_NOMEM;
	t->n = t->alloc = count;
	for (k = 0; k < count; k++) {
		const struct plr_mark *m = plr_bulletin_mark(pl->bul, k);
		const struct plr_mark *next = k + 1 < count ? plr_bulletin_mark(pl->bul, k + 1) : NULL;
		struct sentence *s = &t->s[k];
		long at = (long)(m->speech + 0.5);

		if (!k || m->article != t->s[k - 1].article)
			in_article = 0;
		s->article = s->paragraph = m->article;
		s->in_article = m->cont ? in_article : ++in_article;
		s->stop = m->cont ? t->stops : ++t->stops;
		s->text = t->chars.len;
		rc = m->text ? bb_buf_adds(&t->chars, m->text)
		             : bb_buf_addf(&t->chars, "%ld:%02ld", at / 60, at % 60);
		if (rc != BOBAO_OK || (rc = bb_buf_addch(&t->chars, '\0')) != BOBAO_OK)
			return rc;
		/* to the next mark, or the end of its file: the total is the
		 * files' length, not the start of the last mark */
		s->seconds = (next && next->file == m->file ? next->start
		                                            : plr_bulletin_seconds(pl->bul, m->file)) -
		             m->start;
		s->seconds_rate = pl->rate;
		t->hash = plr_hash(t->hash, &m->speech, sizeof(m->speech));
		t->hash = plr_hash(t->hash, t->chars.ptr + s->text, t->chars.len - s->text);
	}
	t->articles = count ? t->s[count - 1].article : 0;
	t->paragraphs = t->articles;
	return BOBAO_OK;
}

/* ---- clips ---- */

static bobao_code mem_start(struct aud_sink *s, struct bb_err *err)
{
	(void)s;
	(void)err;
	return BOBAO_OK;
}

static bobao_code mem_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                           struct bb_err *err)
{
	struct mem_sink *m = s->priv;

	(void)err;
	return bb_buf_add(m->out, pcm, frames * sizeof(*pcm));
}

static bobao_code mem_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	(void)s;
	(void)commit;
	(void)err;
	return BOBAO_OK;
}

static const struct aud_sink_handler mem_sink = {
	"memory", sizeof(struct mem_sink), mem_start, mem_flow, mem_stop,
	NULL,
};

static size_t clip_frames(const struct bobao_player *pl, const struct clip *c)
{
	return c->pcm.len / 2 / (size_t)pl->channels;
}

static const struct text *text_of(const struct bobao_player *pl, long s)
{
	return s == SAY_SENTENCE ? &pl->say : &pl->text;
}

static int pause_before(const struct bobao_player *pl, const struct text *t, size_t ui)
{
	return core_pause(&pl->b->opt, t->u[ui].brk, ui && t->u[ui - 1].headline);
}

/* A unit's audio from the pool: into its clip, after its pause. */
static bobao_code delivered(void *ctx, const int16_t *pcm, size_t n, long tag)
{
	struct bobao_player *pl = ctx;
	struct clip *c = &pl->clip[tag >> 20];
	const struct text *t;
	const struct sentence *s;
	struct mem_sink *m = pl->mem.priv;
	size_t k = (size_t)(tag & 0xFFFFF);
	bobao_code rc;

	if (c->state != CLIP_PENDING || k != c->got)
		return bb_err_set(&pl->b->err, BOBAO_E_INTERNAL, "player: unit out of turn");
	t = text_of(pl, c->s);
	s = c->s == SAY_SENTENCE ? &t->s[0] : &t->s[c->s];
	if (k == 0) {
		m->out = &c->pcm;
		pl->mem.frames = 0;
		aud_assembler_init(&pl->as, &pl->mem, pl->hz);
		c->speech = 0;
	}
	rc = aud_assembler_unit(&pl->as, pcm, n,
	                        c->s == SAY_SENTENCE && k == 0 ? 0 :
	                        pause_before(pl, t, s->unit0 + k), &pl->b->err);
	if (rc != BOBAO_OK)
		return rc;
	if (!c->speech && !pl->as.silent)
		c->speech = (size_t)pl->as.last.start;
	if (++c->got < (c->s == SAY_SENTENCE ? t->nu : s->n_units))
		return BOBAO_OK;
	c->state = CLIP_READY;
	if (c->s != SAY_SENTENCE) {
		struct sentence *ms = &pl->text.s[c->s];

		ms->seconds = (double)clip_frames(pl, c) / pl->hz;
		ms->seconds_rate = c->rate;
	}
	return BOBAO_OK;
}

/* Send the units of clip ci to the pool. */
static bobao_code request(struct bobao_player *pl, int ci, long s, int rate)
{
	struct clip *c = &pl->clip[ci];
	const struct text *t = text_of(pl, s);
	size_t u0 = s == SAY_SENTENCE ? 0 : t->s[s].unit0;
	size_t nu = s == SAY_SENTENCE ? t->nu : t->s[s].n_units, k;
	bobao_code rc = BOBAO_OK;

	c->state = CLIP_PENDING;
	c->s = s;
	c->rate = rate;
	c->got = 0;
	c->speech = 0;
	c->used = now_s();
	bb_buf_reset(&c->pcm);
	if (pl->bul) {   /* a bulletin file: decoded now, it is quick */
		if ((rc = plr_bulletin_read(pl->bul, (size_t)s, &c->pcm, &c->speech,
		                            &pl->b->err)) == BOBAO_OK)
			c->state = CLIP_READY;
		return rc;
	}
	for (k = 0; k < nu && rc == BOBAO_OK; k++) {
		const struct unit *u = &t->u[u0 + k];

		bb_buf_reset(&pl->blob);
		if ((rc = bb_buf_add(&pl->blob, t->blobs.ptr + u->blob, u->blob_len)) == BOBAO_OK &&
		    (rc = tts_blob_rate(&pl->blob, rate)) == BOBAO_OK)
			rc = tts_pool_submit(pl->pool, &pl->blob, (long)ci << 20 | (long)k);
	}
	return rc;
}

static int find_clip(const struct bobao_player *pl, long s, int rate)
{
	int i;

	for (i = 0; i < CLIP_MAX; i++)
		if (pl->clip[i].state != CLIP_FREE && pl->clip[i].s == s && pl->clip[i].rate == rate)
			return i;
	return -1;
}

/* A free clip, or the least recently wanted ready one that is not playing. */
static int free_clip(struct bobao_player *pl)
{
	int i, best = -1;

	for (i = 0; i < CLIP_MAX; i++) {
		const struct clip *c = &pl->clip[i];

		if (c->state == CLIP_FREE)
			return i;
		if (c->state == CLIP_READY && i != pl->playing &&
		    (best < 0 || c->used < pl->clip[best].used))
			best = i;
	}
	return best;
}

/* First sentence of the paragraph (or article) holding s, moved by delta
 * of them; clamped to the text. */
static long start_of(const struct bobao_player *pl, long s, enum bobao_seek unit, int delta)
{
	const struct text *t = &pl->text;
	long i = s;
	unsigned long key;

#define KEY(x) (unit == BOBAO_SEEK_ARTICLE ? t->s[x].article : \
                unit == BOBAO_SEEK_PARAGRAPH ? t->s[x].paragraph : t->s[x].stop)
	if (unit == BOBAO_SEEK_SENTENCE && !pl->bul) {
		i = s + delta;
		return i < 0 ? 0 : i;
	}
	while (i > 0 && KEY(i - 1) == KEY(s))
		i--;
	for (; delta > 0; delta--) {
		key = KEY(i);
		while ((size_t)i < t->n && KEY(i) == key)
			i++;
		if ((size_t)i >= t->n)
			return (long)t->n;
	}
	for (; delta < 0 && i > 0; delta++) {
		key = KEY(i - 1);
		for (i--; i > 0 && KEY(i - 1) == key; i--)
			;
	}
#undef KEY
	return i;
}

/* Keep the clips a key may ask for next, most wanted first; at most one
 * unit per worker in flight. */
static bobao_code schedule(struct bobao_player *pl)
{
	long want[12];
	size_t n = 0, i, k;
	long cur = pl->cur;
	double t = now_s();
	int requested = 0;
	bobao_code rc;

	if (pl->done || (size_t)cur >= pl->text.n)
		return BOBAO_OK;
	want[n++] = cur;
	want[n++] = cur + 1;
	want[n++] = cur - 1;
	want[n++] = start_of(pl, cur, BOBAO_SEEK_PARAGRAPH, 1);
	want[n++] = start_of(pl, cur, BOBAO_SEEK_ARTICLE, 1);
	want[n++] = start_of(pl, cur, BOBAO_SEEK_PARAGRAPH, 0);
	want[n++] = start_of(pl, cur, BOBAO_SEEK_PARAGRAPH, -1);
	want[n++] = cur + 2;
	want[n++] = start_of(pl, cur, BOBAO_SEEK_ARTICLE, 0);
	want[n++] = start_of(pl, cur, BOBAO_SEEK_ARTICLE, -1);
	want[n++] = cur + 3;
	for (i = 0; i < n; i++) {
		long s = want[i];
		int ci;

		if (s < 0 || (size_t)s >= pl->text.n)
			continue;
		for (k = 0; k < i && want[k] != s; k++)
			;
		if (k < i)
			continue;
		if ((ci = find_clip(pl, s, pl->rate)) >= 0) {
			pl->clip[ci].used = t - (double)i * 1e-6;
			continue;
		}
		if ((pl->pool ? tts_pool_pending(pl->pool) : (size_t)requested) >= (size_t)pl->jobs ||
		    (ci = free_clip(pl)) < 0)
			return BOBAO_OK;
		requested++;
		if ((rc = request(pl, ci, s, pl->rate)) != BOBAO_OK)
			return rc;
	}
	return BOBAO_OK;
}

/* ---- the device ---- */

static int is_file_driver(const char *name)
{
	static const char *const names[] = { "wav", "raw", "au", "null" };
	size_t i;

	for (i = 0; name && i < BB_ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

/* The user's driver options, and a short buffer for a sound card unless
 * the user chose one: libao has no flush, so what the device holds is
 * heard after a key. */
static bobao_code device_options(struct bobao_player *pl, const struct bobao_output *out)
{
	size_t n = 0, i;
	int has_buffer = 0;

	for (n = 0; out->driver_options && out->driver_options[n]; n++)
		has_buffer |= !strncmp(out->driver_options[n], "buffer_time=", 12);
	if (!(pl->dev_options = calloc(n + 2, sizeof(*pl->dev_options))))
		return BOBAO_E_NOMEM;
	for (i = 0; i < n; i++)
		pl->dev_options[i] = out->driver_options[i];
	if (!has_buffer && (!out->driver || !strcmp(out->driver, "alsa") ||
	                    !strcmp(out->driver, "pulse")))
		pl->dev_options[n++] = "buffer_time=50";
	pl->ap.driver = out->driver;
	pl->ap.driver_options = pl->dev_options;
	return BOBAO_OK;
}

static bobao_code device_open(struct bobao_player *pl)
{
	struct aud_format fmt = { pl->hz, pl->channels };

	if (pl->dev.h)
		return BOBAO_OK;
	pl->t0 = now_s();
	pl->written = 0;
	return aud_sink_open(&pl->dev, "device", &fmt, &pl->ap, &pl->b->err);
}

/* Realtime: how many frames the clock allows now (may be 0). */
static size_t due_frames(struct bobao_player *pl)
{
	double ahead = (double)pl->written / pl->hz - (now_s() - pl->t0);

	if (ahead < -2) {   /* stopped (Ctrl-Z) or starved for long: start the clock again */
		pl->t0 = now_s();
		pl->written = 0;
		ahead = 0;
	}
	if (ahead >= LEAD_MS / 1000.0)
		return 0;
	return (size_t)((LEAD_MS / 1000.0 - ahead) * pl->hz) + 1;
}

static bobao_code write_pcm(struct bobao_player *pl, const int16_t *pcm, size_t n)
{
	bobao_code rc;

	if ((rc = device_open(pl)) != BOBAO_OK)
		return rc;
	rc = pcm ? aud_sink_write(&pl->dev, pcm, n, &pl->b->err)
	         : aud_sink_silence(&pl->dev, n, &pl->b->err);
	pl->written += n;
	return rc;
}

/* Realtime files: silence up to the clock while nothing is played. */
static bobao_code keep_time(struct bobao_player *pl)
{
	size_t n;

	if (!pl->realtime || !pl->file_driver)
		return BOBAO_OK;
	if (!pl->dev.h)
		return device_open(pl);
	/* up to the clock, not ahead: audio may come any moment */
	n = due_frames(pl);
	if (n > (size_t)pl->hz * LEAD_MS / 1000)
		return write_pcm(pl, NULL, n - (size_t)pl->hz * LEAD_MS / 1000);
	return BOBAO_OK;
}

/* ---- playing ---- */

static void moved(struct bobao_player *pl)
{
	pl->moved_at = now_s();
	pl->response_ms = -1;
	pl->off = 0;
	pl->playing = -1;
	pl->at_speech = 1;
	pl->saying = 0;
}

static void go_to(struct bobao_player *pl, long s)
{
	if (s < 0)
		s = 0;
	pl->cur = s;
	moved(pl);
	if ((size_t)s >= pl->text.n)
		pl->done = 1;
}

/* The clip to play now: the say clip, or cur's at the rate asked, or while
 * that is coming, cur's at the old rate (it goes on where it was). */
static struct clip *playable(struct bobao_player *pl)
{
	int ci;
	struct clip *c;

	if (pl->saying) {
		c = &pl->clip[CLIP_MAX];
		return c->state == CLIP_READY ? c : NULL;
	}
	ci = find_clip(pl, pl->cur, pl->rate);
	/* a sentence still coming plays as its units come, unless it is to
	 * take over from the old rate's (that needs its whole length) */
	if (ci >= 0 && pl->clip[ci].state == CLIP_PENDING && pl->clip[ci].got &&
	    (pl->playing < 0 || pl->playing == ci)) {
		pl->playing = ci;
		return &pl->clip[ci];
	}
	if (ci >= 0 && pl->clip[ci].state == CLIP_READY) {
		c = &pl->clip[ci];
		if (pl->playing >= 0 && pl->playing != ci) {
			/* the new rate: the same point of the sentence */
			const struct clip *o = &pl->clip[pl->playing];
			size_t of = clip_frames(pl, o), nf = clip_frames(pl, c);

			if (pl->off > o->speech && of > o->speech && nf > c->speech)
				pl->off = c->speech + (size_t)((double)(pl->off - o->speech) *
				                               (double)(nf - c->speech) /
				                               (double)(of - o->speech));
			else if (pl->off > c->speech)
				pl->off = c->speech;
			if (pl->off > nf)
				pl->off = nf;
		}
		pl->playing = ci;
		return c;
	}
	if (pl->playing >= 0 && pl->clip[pl->playing].s == pl->cur &&
	    pl->clip[pl->playing].state == CLIP_READY)
		return &pl->clip[pl->playing];
	return NULL;
}

static bobao_code finish(struct bobao_player *pl)
{
	bobao_code rc = BOBAO_OK;

	if (!pl->tail_written && pl->dev.h && !pl->bul)   /* files have their own */
		rc = write_pcm(pl, NULL, (size_t)pl->b->opt.lead_out * (size_t)pl->hz / 1000);
	pl->tail_written = 1;
	pl->done = 1;
	return rc;
}

/* Hand the device the next piece of the current clip. */
static bobao_code play_some(struct bobao_player *pl, struct clip *c)
{
	size_t left, n = (size_t)pl->hz * CHUNK_MS / 1000;
	bobao_code rc;

	if (pl->at_speech) {
		size_t m = (size_t)pl->hz * START_MARGIN_MS / 1000;

		pl->off = c->speech > m ? c->speech - m : 0;
		pl->at_speech = 0;
	}
	if (pl->realtime) {
		size_t due;

		if ((rc = device_open(pl)) != BOBAO_OK)
			return rc;
		if (!(due = due_frames(pl)))
			return BOBAO_OK;
		if (due < n)
			n = due;
	}
	left = clip_frames(pl, c) - pl->off;
	if (!left && c->state != CLIP_READY)
		return BOBAO_OK;   /* its next unit is coming */
	if (n > left)
		n = left;
	if (!pl->saying && pl->cur_started <= 0 && pl->off <= c->speech && pl->off + n > c->speech)
		pl->cur_started = now_s() + (double)(c->speech - pl->off) / pl->hz;
	if (pl->moved_at > 0 && (pl->saying || c->rate == pl->rate)) {
		/* heard when the device gets to it: realtime files play frame
		 * `written` at t0 + written / hz; a sound card's own buffer is
		 * not known here (50 ms asked) */
		double heard = pl->realtime && pl->dev.h
		               ? pl->t0 + (double)pl->written / pl->hz : now_s();

		if (heard < now_s())
			heard = now_s();
		pl->response_ms = (heard - pl->moved_at) * 1000;
		pl->moved_at = 0;
	}
	if (n && (rc = write_pcm(pl, (const int16_t *)(const void *)c->pcm.ptr +
	                                 pl->off * (size_t)pl->channels, n)) != BOBAO_OK)
		return rc;
	pl->off += n;
	if (pl->off < clip_frames(pl, c) || c->state != CLIP_READY)
		return BOBAO_OK;
	if (pl->saying) {   /* then the current sentence again, from its start */
		pl->saying = 0;
		pl->cur_started = 0;
		pl->off = 0;
		pl->playing = -1;
		pl->at_speech = 1;
		return BOBAO_OK;
	}
	pl->cur++;
	pl->off = 0;
	pl->playing = -1;
	/* until its speech begins; a long stop's next minute goes on */
	if ((size_t)pl->cur >= pl->text.n || pl->text.s[pl->cur].stop != pl->text.s[pl->cur - 1].stop)
		pl->cur_started = 0;
	if ((size_t)pl->cur >= pl->text.n)
		return finish(pl);
	return BOBAO_OK;
}

/* Wait up to ms for synthesis, without spinning. */
static bobao_code wait_a_little(struct bobao_player *pl, int ms)
{
	if (ms <= 0)
		return BOBAO_OK;
	if (pl->pool && tts_pool_pending(pl->pool))
		return tts_pool_poll(pl->pool, ms);
	{
		struct timespec ts = { 0, (long)ms * 1000000L };

		nanosleep(&ts, NULL);
	}
	return pl->b->stop ? BOBAO_E_INTERRUPTED : BOBAO_OK;
}

bobao_code bobao_player_run(bobao_player *pl, int ms, int *done)
{
	double end = now_s() + (ms > 0 ? ms : 0) / 1000.0;
	bobao_code rc = BOBAO_OK;
	struct clip *c;

	if (!pl || !done)
		return BOBAO_E_ARG;
	bb_err_clear(&pl->b->err);
	do {
		if (pl->b->stop) {
			rc = BOBAO_E_INTERRUPTED;
			break;
		}
		if ((pl->pool && (rc = tts_pool_poll(pl->pool, 0)) != BOBAO_OK) ||
		    (rc = schedule(pl)) != BOBAO_OK)
			break;
		if (pl->done) {
			if (!pl->tail_written)
				rc = finish(pl);
			break;
		}
		if (pl->paused) {
			if (pl->dev.h && !pl->file_driver && now_s() - pl->paused_at > RELEASE_S)
				rc = aud_sink_close(&pl->dev, 1, &pl->b->err);
			if (rc == BOBAO_OK && pl->dev.h)
				rc = keep_time(pl);
			if (rc == BOBAO_OK)
				rc = wait_a_little(pl, 5);
			continue;
		}
		if (!(c = playable(pl))) {
			if ((rc = keep_time(pl)) == BOBAO_OK)
				rc = wait_a_little(pl, 2);
			continue;
		}
		{
			uint64_t before = pl->written;
			size_t off = pl->off;

			rc = play_some(pl, c);
			if (rc == BOBAO_OK && pl->written == before && pl->off == off)
				rc = wait_a_little(pl, 2);   /* ahead of the clock */
		}
	} while (rc == BOBAO_OK && now_s() < end);
	if (rc != BOBAO_OK)
		pl->failed = 1;
	if (done)
		*done = pl->done;
	return core_fail(pl->b, rc);
}

/* ---- the interface ---- */

void bobao_player_options_init_sized(struct bobao_player_options *o, size_t size)
{
	struct bobao_player_options full;

	if (!o)
		return;
	memset(&full, 0, sizeof(full));
	full.size = sizeof(full);
	bb_sized_init(o, size, &full, sizeof(full));
}

static bobao_code start_pool(struct bobao_player *pl)
{
	struct tts_params p;
	struct bobao *b = pl->b;

	core_tts_params(b, &p);
	pl->jobs = tts_pool_jobs(b->opt.jobs);
	return tts_pool_start(&pl->pool, pl->jobs, &p, delivered, pl, &b->stop, &b->err, &pl->hz);
}

bobao_code bobao_player_open(bobao *b, const char *const *inputs, size_t n,
                             const struct bobao_output *given,
                             const struct bobao_player_options *given_po,
                             bobao_player **out_player)
{
	struct bobao_output full, *out = &full;
	struct bobao_player_options po_full, *po = given_po ? &po_full : NULL;
	struct bobao_player *pl;
	struct aud_format fmt;
	unsigned long from;
	bobao_code rc;
	int i, audio;

	if (!b || !out_player)
		return BOBAO_E_ARG;
	*out_player = NULL;
	bb_err_clear(&b->err);
	b->stop = 0;
	if (!given || given->kind != BOBAO_OUTPUT_PLAYER || !inputs || !n)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG, "no player or no input given"));
	bobao_player_options_init(&po_full);
	if ((rc = core_output_read(b, &full, given)) != BOBAO_OK ||
	    (po && (rc = bb_sized_read(&po_full, sizeof(po_full), given_po, "bobao_player_options",
	                               &b->err)) != BOBAO_OK) ||
	    (rc = core_check_inputs(b, inputs, n)) != BOBAO_OK ||
	    (rc = core_check_outputs(b, inputs, n, out, po ? po->positions : NULL)) != BOBAO_OK)
		return core_fail(b, rc);
	from = po ? po->from : 0;
	if (!(pl = calloc(1, sizeof(*pl))))
		return BOBAO_E_NOMEM;
	pl->b = b;
	pl->dev = (struct aud_sink)AUD_SINK_INIT;
	pl->mem = (struct aud_sink)AUD_SINK_INIT;
	pl->playing = -1;
	pl->response_ms = -1;
	pl->rate = b->opt.rate;
	pl->realtime = po && po->realtime;
	pl->file_driver = is_file_driver(out->driver);
	pl->force = out->force;
	bb_buf_init(&pl->blob, 16 * CORE_WALK_LINE_MAX);
	for (i = 0; i <= CLIP_MAX; i++)
		bb_buf_init(&pl->clip[i].pcm, (size_t)TTS_UNIT_AUDIO_MAX_S * 48000 * 2 * 4);
	for (i = 0, audio = 0; (size_t)i < n; i++)
		audio += plr_is_audio(inputs[i]);
	if (audio && (size_t)audio != n) {
		rc = bb_err_set(&b->err, BOBAO_E_ARG, "play takes text files or audio files, not both");
		goto fail;
	}
	pl->channels = 1;
	/* the workers open their engines while the text is read */
	if (!audio && (rc = start_pool(pl)) != BOBAO_OK)
		goto fail;
	if ((rc = audio ? load_bulletin(pl, inputs, n, &pl->text)
	                : load(pl, inputs, n, &pl->text)) != BOBAO_OK ||
	    (rc = device_options(pl, out)) != BOBAO_OK)
		goto fail;
	if (po && po->positions && !(pl->positions = strdup(po->positions))) {
		rc = BOBAO_E_NOMEM;
		goto fail;
	}
	if (pl->positions) {
		/* a damaged or unwritable positions file is said now, not after
		 * the play when the position would be lost */
		unsigned long kept = 0;

		if ((rc = plr_position_get(pl->positions, pl->text.hash, &kept, NULL, &b->err)) !=
		    BOBAO_OK || (rc = plr_position_check(pl->positions, pl->force, &b->err)) != BOBAO_OK)
			goto fail;
		if (po->resume && kept) {
			from = kept;
			pl->resumed = 1;
		}
	}
	if (from > pl->text.stops) {
		rc = bb_err_set(&b->err, BOBAO_E_ARG, "no sentence %lu: the text has %lu", from,
		                pl->text.stops);
		goto fail;
	}
	if (from > 1)   /* stop from: its first sentence */
		for (i = 0; (size_t)i < pl->text.n; i++)
			if (pl->text.s[i].stop == from) {
				from = (unsigned long)i + 1;
				break;
			}
	if (pl->bul) {
		pl->jobs = 2;   /* stretches decoded a call */
	} else {
		fmt.rate = pl->hz;
		fmt.channels = 1;
		if ((rc = aud_sink_open_handler(&pl->mem, &mem_sink, &fmt, NULL, &b->err)) !=
		    BOBAO_OK)
			goto fail;
	}
	if (from > 1)
		go_to(pl, (long)from - 1);
	pl->moved_at = 0;
	*out_player = pl;
	return BOBAO_OK;
fail:
	bobao_player_close(pl, 0);
	return core_fail(b, rc);
}

void bobao_player_seek(bobao_player *pl, enum bobao_seek unit, int delta)
{
	long s, to;
	int early;

	if (!pl)
		return;
	s = pl->cur;
	if (pl->done && delta >= 0)
		return;
	if (pl->done) {   /* back from the end: the last one */
		pl->done = 0;
		pl->tail_written = 0;
		s = (long)pl->text.n - 1;
		if (delta < 0)
			delta++;
	}
	/* within the first second of the current one: back means the one before */
	early = pl->cur_started <= 0 || now_s() - pl->cur_started < BACK_S;
	if (delta > 0) {
		to = start_of(pl, s, unit, delta);
		if ((size_t)to >= pl->text.n && unit != BOBAO_SEEK_SENTENCE)
			return;   /* no paragraph or article after this one: stay */
	} else if (delta == 0) {
		to = pl->bul ? start_of(pl, s, unit, 0) : s;   /* a stop's first minute */
	} else {
		long here = start_of(pl, s, unit, 0);

		if (unit == BOBAO_SEEK_SENTENCE && !pl->bul)
			here = s;
		if (here == s && early)
			to = start_of(pl, s, unit, delta);
		else
			to = here;
	}
	pl->cur_started = 0;
	go_to(pl, to);
}

void bobao_player_pause(bobao_player *pl, int paused)
{
	if (!pl)
		return;
	if (paused && !pl->paused) {
		pl->paused_at = now_s();
		/* what the device still has to play: heard after the key */
		pl->response_ms = pl->realtime && pl->dev.h
		                  ? ((double)pl->written / pl->hz - (now_s() - pl->t0)) * 1000 : -1;
		if (pl->response_ms < 0 && pl->response_ms != -1)
			pl->response_ms = 0;
		pl->moved_at = 0;
	}
	if (!paused && pl->paused) {
		pl->moved_at = now_s();
		pl->response_ms = -1;
		if (pl->cur_started > 0)   /* back keeps its meaning after a pause */
			pl->cur_started += now_s() - pl->paused_at;
	}
	pl->paused = paused != 0;
}

int bobao_player_rate(bobao_player *pl, int rate)
{
	if (!pl || pl->bul)
		return 0;   /* a file keeps its speed */
	rate = rate < 80 ? 80 : rate > 450 ? 450 : rate;
	if (rate != pl->rate) {
		pl->rate = rate;
		pl->moved_at = now_s();   /* answered when the new rate is heard */
		pl->response_ms = -1;
	}
	return pl->rate;
}

bobao_code bobao_player_say(bobao_player *pl, const char *text)
{
	struct bobao *b;
	struct clip *c;
	char path[64];
	const char *in[1] = { path };
	FILE *fp;
	int fd;
	bobao_code rc;

	if (!pl)
		return BOBAO_E_ARG;
	b = pl->b;
	c = &pl->clip[CLIP_MAX];
	bb_err_clear(&b->err);
	if (!text)
		return bb_err_set(&b->err, BOBAO_E_ARG, "no text given");
	if (pl->bul)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG,
		                               "a bulletin file is not spoken over"));
	if (c->state == CLIP_PENDING)
		return BOBAO_OK;   /* one at a time */
	snprintf(path, sizeof(path), "%s/bobao-say.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (strlen(path) >= sizeof(path) - 1 || (fd = mkstemp(path)) < 0)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_IO, "cannot create a temporary file"));
	if (!(fp = fdopen(fd, "w"))) {
		close(fd);
		unlink(path);
		return core_fail(b, BOBAO_E_NOMEM);
	}
	fputs(text, fp);
	fputc('\n', fp);
	rc = fclose(fp) ? bb_err_set(&b->err, BOBAO_E_IO, "cannot write a temporary file") : BOBAO_OK;
	text_release(&pl->say);
	if (rc == BOBAO_OK)
		rc = load(pl, in, 1, &pl->say);
	unlink(path);
	if (rc == BOBAO_OK)
		rc = request(pl, CLIP_MAX, SAY_SENTENCE, pl->rate);
	if (rc == BOBAO_OK) {
		pl->saying = 1;
		pl->off = 0;
		pl->at_speech = 0;
		pl->moved_at = now_s();
		if (pl->done) {   /* said after the end: then the end again */
			pl->done = 0;
			pl->tail_written = 0;
			pl->cur = (long)pl->text.n - 1;
		}
	}
	return core_fail(b, rc);
}

/* Seconds of sentence i at the current rate: measured, or estimated from
 * what was measured so far. */
static double seconds_of(const struct bobao_player *pl, size_t i, double per_char)
{
	const struct sentence *s = &pl->text.s[i];

	if (s->seconds > 0)
		return s->seconds * s->seconds_rate / pl->rate;
	return (double)s->chars * per_char + pl->b->opt.pause_sentence / 1000.0;
}

static void position(bobao_player *pl, struct bobao_position *p);

void bobao_player_position_sized(bobao_player *pl, struct bobao_position *out, size_t size)
{
	struct bobao_position full;

	position(pl, &full);
	if (out)
		memcpy(out, &full, size < sizeof(full) ? size : sizeof(full));
}

static void position(bobao_player *pl, struct bobao_position *p)
{
	const struct text *t;
	size_t i, cur;
	double measured = 0, chars = 0, per_char;

	if (!pl || !p) {
		if (p)
			memset(p, 0, sizeof(*p));
		return;
	}
	t = &pl->text;
	cur = pl->cur < 0 ? 0 : (size_t)pl->cur;
	if (cur >= t->n)
		cur = t->n - 1;
	memset(p, 0, sizeof(*p));
	for (i = 0; i < t->n; i++)
		if (t->s[i].seconds > 0) {
			measured += t->s[i].seconds * t->s[i].seconds_rate / pl->rate;
			chars += (double)t->s[i].chars;
		}
	/* eSpeak NG's Mandarin: some 0.23 s a character at 175 words a minute */
	per_char = chars > 20 ? measured / chars : 0.23 * 175 / pl->rate;
	for (i = 0; i < t->n; i++) {
		double sec = seconds_of(pl, i, per_char);

		p->total += sec;
		if (i < cur)
			p->elapsed += sec;
	}
	if (pl->playing >= 0 && !pl->saying)
		p->elapsed += (double)pl->off / pl->hz;
	p->sentence = t->s[cur].stop;
	p->sentences = t->stops;
	p->paragraph = t->s[cur].paragraph;
	p->paragraphs = t->paragraphs;
	p->article = t->s[cur].article;
	p->articles = t->articles;
	p->in_article = t->s[cur].in_article;
	for (i = cur; i < t->n && t->s[i].article == t->s[cur].article; i++)
		;
	p->article_sentences = t->s[i - 1].in_article;
	p->text = t->chars.ptr + t->s[cur].text;
	p->rate = pl->bul ? 0 : pl->rate;
	p->paused = pl->paused;
	p->done = pl->done;
	p->resumed = pl->resumed;
	p->response_ms = pl->response_ms;
}

bobao_code bobao_player_close(bobao_player *pl, int keep)
{
	bobao_code rc = BOBAO_OK, crc;
	struct bobao *b;
	int i;

	if (!pl)
		return BOBAO_OK;
	b = pl->b;
	/* a stopped play keeps its position; one played to its end forgets it */
	if (keep && pl->positions && pl->text.n)
		rc = plr_position_put(pl->positions, pl->text.hash,
		                      pl->done || (size_t)pl->cur >= pl->text.n ? 0 :
		                      pl->text.s[pl->cur].stop, pl->text.stops, pl->force, &b->err);
	/* a capture goes in place only after a play that was not stopped by a
	 * signal or an error: an interrupted one keeps the old file */
	crc = aud_sink_close(&pl->dev, !pl->failed && !b->stop, &b->err);
	if (rc == BOBAO_OK)
		rc = crc;
	aud_sink_close(&pl->mem, 0, NULL);
	tts_pool_free(pl->pool);
	plr_bulletin_close(pl->bul);
	for (i = 0; i <= CLIP_MAX; i++)
		bb_buf_release(&pl->clip[i].pcm);
	text_release(&pl->text);
	text_release(&pl->say);
	bb_buf_release(&pl->blob);
	free(pl->dev_options);
	free(pl->positions);
	free(pl);
	return rc;
}

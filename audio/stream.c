/*
 * stream.c - the "stream" sink: a live source for an Icecast mount.
 *
 * The speech is encoded by libsndfile (Ogg Vorbis, Ogg Opus, MP3) through
 * virtual I/O into memory and sent with libshout (icecast.c) in pieces of
 * a tenth of a second, each when the clock says so: the audio stays
 * PACE_LEAD_S ahead of real time and no more, as a sound card would take
 * it, while the workers synthesize ahead.
 *
 * Now playing: in Ogg each article is a logical stream of its own, its
 * comment header carrying the article's TITLE, which Icecast shows as the
 * mount's title and players show as they reach it; for MP3 Icecast's
 * metadata update carries it.
 *
 * The audio since the start of the sentence before the current one is
 * kept.  When the server goes away, the sink tries again with back-off and,
 * once connected, starts a new logical stream and sends again from the
 * sentence that was on air (the last that began at least PACE_LEAD_S plus
 * an Ogg page before what was sent), paced from there.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sndfile.h>

#include "icecast.h"

#define PACE_LEAD_S 0.5     /* audio sent ahead of the clock */
#define PIECE_S 0.1         /* sent at a time */
#define ON_AIR_S 1.5        /* sent but not heard yet, at most: lead and a page */
#define REPLAY_MAX_S 600    /* kept for sending again; past it: not kept */
#define BACKOFF_FIRST_S 0.5
#define BACKOFF_MAX_S 8.0
#define RECONNECT_S 60
#define TITLE_MAX 240       /* bytes of a title, cut at a character */
#define MP3_KBPS 48         /* MP3's constant bitrate unless one is asked for */

enum codec { VORBIS, OPUS, MP3 };

struct stream {
	struct aud_ice ice;
	enum codec codec;
	int enc_rate;              /* the encoder's: the sink's, Opus 48000 */
	SNDFILE *sf;               /* the logical stream being written, or NULL */
	struct bb_buf bytes;       /* encoded, not sent yet */
	struct aud_resampler rs;   /* Opus: to 48 kHz */
	int has_rs;
	float fin[2048], fout[2048 * 3];
	int16_t iout[2048 * 3];
	char *title;               /* now playing */
	/* pacing: frames (sink rate) sent since t0 */
	struct timespec t0;
	uint64_t paced;
	/* replay: the sink's audio from frame replay_at on; marks[0..n_marks)
	 * are the sentences in it */
	struct bb_buf replay;
	uint64_t replay_at;
	int replay_ok;
	struct { uint64_t at; unsigned long sentence; } marks[2];
	int n_marks;
	unsigned long sentence;    /* the last one begun */
	uint64_t pos;              /* sink frame of the next frame to send */
	int clock;                 /* the clock runs: audio has come */
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double elapsed(const struct stream *st)
{
	return now_s() - ((double)st->t0.tv_sec + (double)st->t0.tv_nsec / 1e9);
}

static void event(struct aud_sink *s, int ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void event(struct aud_sink *s, int ev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!s->p->event)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->p->event(s->p->event_ctx, ev, msg);
}

/* Sleep until t seconds of the clock, or a stop.  0 when stopped. */
static int wait_until(struct aud_sink *s, double (*clock)(const struct stream *),
                      double t)
{
	struct stream *st = s->priv;
	double d;

	while ((d = t - clock(st)) > 0) {
		struct timespec ts;

		if (s->p->stop && *s->p->stop)
			return 0;
		d = d > 0.1 ? 0.1 : d;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(d * 1e9);
		nanosleep(&ts, NULL);   /* a signal ends it early: the flag is seen */
	}
	return !(s->p->stop && *s->p->stop);
}

static double absolute(const struct stream *st)
{
	(void)st;
	return now_s();
}

/* ---- the encoder: libsndfile into st->bytes ---- */

static sf_count_t vio_len(void *ud)
{
	return (sf_count_t)((struct stream *)ud)->bytes.len;
}



static sf_count_t vio_read(void *p, sf_count_t n, void *ud)
{
	(void)p;
	(void)n;
	(void)ud;
	return 0;
}

/* Bytes are counted as written whatever happens: a full buffer shows as
 * st->bytes past its cap, checked by the caller. */
static sf_count_t vio_write(const void *p, sf_count_t n, void *ud)
{
	struct stream *st = ud;

	bb_buf_add(&st->bytes, p, (size_t)n);
	return n;
}

static sf_count_t vio_tell(void *ud)
{
	return (sf_count_t)((struct stream *)ud)->bytes.len;
}

/* A stream: only where it is (LAME's header at the start stays as it was). */
static sf_count_t vio_seek(sf_count_t off, int whence, void *ud)
{
	sf_count_t at = vio_tell(ud);

	if ((whence == SEEK_CUR && off == 0) || (whence != SEEK_CUR && off == at))
		return at;
	return -1;
}

static bobao_code encoder_open(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;
	const struct aud_params *p = s->p;
	static const char *const names[] = { "ogg", "opus", "mp3" };
	SF_VIRTUAL_IO vio = { vio_len, vio_seek, vio_read, vio_write, vio_tell };
	SF_INFO info;
	/* MP3 streams are constant bitrate, as players and directories expect */
	int kbps = p->bitrate ? p->bitrate : st->codec == MP3 ? MP3_KBPS : 0;

	memset(&info, 0, sizeof(info));
	info.samplerate = st->enc_rate;
	info.channels = s->fmt.channels;
	info.format = st->codec == VORBIS ? SF_FORMAT_OGG | SF_FORMAT_VORBIS :
	              st->codec == OPUS ? SF_FORMAT_OGG | SF_FORMAT_OPUS :
	              SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
	if (!(st->sf = sf_open_virtual(&vio, SFM_WRITE, &info, st)))
		return bb_err_set(err, BOBAO_E_FORMAT, "cannot encode %s at %d Hz: %s",
		                  names[st->codec], st->enc_rate, sf_strerror(NULL));
	if (p->quality >= 0) {
		double q = p->quality;

		sf_command(st->sf, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof(q));
	}
	if (kbps) {
		int mode = SF_BITRATE_MODE_CONSTANT;
		double c = aud_file_bitrate(st->ice.mount, names[st->codec], st->enc_rate, kbps, err);

		if (c < 0)
			return BOBAO_E_ARG;
		if (st->codec == MP3)
			sf_command(st->sf, SFC_SET_BITRATE_MODE, &mode, sizeof(mode));
		sf_command(st->sf, SFC_SET_COMPRESSION_LEVEL, &c, sizeof(c));
	}
	/* Ogg: the title in the logical stream's comment header; libsndfile's
	 * MP3 tags would garble Chinese and Icecast takes the title apart */
	if (st->codec != MP3 &&
	    ((st->title && sf_set_string(st->sf, SF_STR_TITLE, st->title)) ||
	     (p->name && sf_set_string(st->sf, SF_STR_ARTIST, p->name)) ||
	     (p->album && sf_set_string(st->sf, SF_STR_ALBUM, p->album))))
		return bb_err_set(err, BOBAO_E_IO, "cannot set the stream's title");
	return BOBAO_OK;
}

/* End the logical stream: its last pages go into st->bytes. */
static void encoder_close(struct stream *st)
{
	if (st->sf)
		sf_close(st->sf);
	st->sf = NULL;
}

static bobao_code send_bytes(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;
	bobao_code rc;

	if (st->bytes.len >= st->bytes.cap)
		return bb_err_set(err, BOBAO_E_NOMEM, "stream encoder output too large");
	rc = aud_ice_send(&st->ice, st->bytes.ptr, st->bytes.len, err);
	bb_buf_reset(&st->bytes);
	return rc;
}

static bobao_code encode(struct aud_sink *s, const int16_t *pcm, size_t n, struct bb_err *err)
{
	struct stream *st = s->priv;
	bobao_code rc;
	size_t i, k, m;

	if (!st->sf && (rc = encoder_open(s, err)) != BOBAO_OK)
		return rc;
	if (!st->has_rs)
		return sf_writef_short(st->sf, pcm, (sf_count_t)n) == (sf_count_t)n ? BOBAO_OK :
		       bb_err_set(err, BOBAO_E_IO, "the stream's encoder failed");
	for (i = 0; i < n; i += k) {
		k = n - i < BB_ARRAY_SIZE(st->fin) ? n - i : BB_ARRAY_SIZE(st->fin);
		for (m = 0; m < k; m++)
			st->fin[m] = (float)pcm[i + m] / 32768.0f;
		m = aud_resampler_run(&st->rs, st->fin, k, st->fout, BB_ARRAY_SIZE(st->fout), 0);
		for (size_t j = 0; j < m; j++)
			st->iout[j] = (int16_t)lrintf(fmaxf(-1, fminf(1, st->fout[j])) * 32767);
		if (m && sf_writef_short(st->sf, st->iout, (sf_count_t)m) != (sf_count_t)m)
			return bb_err_set(err, BOBAO_E_IO, "the stream's encoder failed");
	}
	return BOBAO_OK;
}

/* Move the clock's origin so that now is position at_s of the stream. */
static void late(struct stream *st, double at_s)
{
	double t = now_s() - at_s;

	st->t0.tv_sec = (time_t)t;
	st->t0.tv_nsec = (long)((t - (double)st->t0.tv_sec) * 1e9);
}

/* Encode and send pcm, each piece when its time comes. */
static bobao_code paced(struct aud_sink *s, const int16_t *pcm, size_t n, struct bb_err *err)
{
	struct stream *st = s->priv;
	size_t piece = (size_t)(s->fmt.rate * PIECE_S), k;
	double gap;
	bobao_code rc;

	for (; n; n -= k, pcm += k) {
		k = n < piece ? n : piece;
		/* behind the clock (synthesis was late): the listeners heard a gap;
		 * from here on real time again, not a burst to catch up */
		if ((gap = elapsed(st) - (double)st->paced / s->fmt.rate) > PIECE_S) {
			late(st, (double)st->paced / s->fmt.rate);
			event(s, BOBAO_STREAM_LATE, "synthesis %.1f s behind real time: a gap on air",
			      gap);
		}
		if (!wait_until(s, elapsed, (double)st->paced / s->fmt.rate - PACE_LEAD_S))
			return BOBAO_E_INTERRUPTED;
		if ((rc = encode(s, pcm, k, err)) != BOBAO_OK || (rc = send_bytes(s, err)) != BOBAO_OK)
			return rc;
		st->paced += k;
		st->pos += k;
	}
	return BOBAO_OK;
}

/* ---- the connection, and its loss ---- */

static bobao_code connect_ice(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;

	return aud_ice_open(&st->ice, s->p, st->codec == MP3 ? AUD_ICE_MP3 : AUD_ICE_OGG, err);
}

static void pace_from_now(struct stream *st)
{
	clock_gettime(CLOCK_MONOTONIC, &st->t0);
	st->paced = 0;
}

/* A fresh encoder after a loss: what the old one held is gone with the
 * connection; Opus's resampler starts again too. */
static bobao_code encoder_reset(struct aud_sink *s)
{
	struct stream *st = s->priv;

	encoder_close(st);
	bb_buf_reset(&st->bytes);
	if (!st->has_rs)
		return BOBAO_OK;
	aud_resampler_free(&st->rs);
	return aud_resampler_init(&st->rs, s->fmt.rate, st->enc_rate);
}

/* Connect again, with back-off, for the time allowed. */
static bobao_code reconnect(struct aud_sink *s, const char *why, struct bb_err *err)
{
	struct stream *st = s->priv;
	double t0 = now_s(), wait = BACKOFF_FIRST_S;
	double limit = s->p->reconnect > 0 ? s->p->reconnect : RECONNECT_S;
	struct bb_err quiet;
	bobao_code rc;
	int attempt;

	aud_ice_close(&st->ice);
	if (s->p->reconnect < 0)
		return bb_err_set(err, BOBAO_E_UNAVAILABLE, "%s", why);
	event(s, BOBAO_STREAM_LOST, "%s; connecting again in %.1f s", why, wait);
	for (attempt = 1;; attempt++) {
		if (!wait_until(s, absolute, now_s() + wait))
			return BOBAO_E_INTERRUPTED;
		bb_err_clear(&quiet);
		if ((rc = connect_ice(s, &quiet)) == BOBAO_OK)
			break;
		if (rc == BOBAO_E_NOMEM || now_s() - t0 + wait > limit)
			return bb_err_set(err, BOBAO_E_UNAVAILABLE, "%s; not back after %.0f s (%s)", why,
			                  now_s() - t0, quiet.msg);
		wait = wait * 2 > BACKOFF_MAX_S ? BACKOFF_MAX_S : wait * 2;
		event(s, BOBAO_STREAM_LOST, "attempt %d: %s; again in %.1f s", attempt, quiet.msg, wait);
	}
	event(s, BOBAO_STREAM_RESUMED, "connected again to %s after %.1f s", st->ice.where, now_s() - t0);
	return encoder_reset(s);
}

/* The audio kept from the sentence that was on air: where in st->replay
 * (frames).  Without marks (a bulletin file), from what was on air. */
static size_t on_air(struct aud_sink *s, unsigned long *sentence)
{
	struct stream *st = s->priv;
	uint64_t back = (uint64_t)(ON_AIR_S * s->fmt.rate);
	uint64_t heard = st->pos > back ? st->pos - back : 0;
	int i;

	*sentence = 0;
	if (!st->n_marks)
		return heard > st->replay_at ? (size_t)(heard - st->replay_at) : 0;
	for (i = st->n_marks - 1; i > 0 && st->marks[i].at > heard; i--)
		;
	*sentence = st->marks[i].sentence;
	return (size_t)(st->marks[i].at - st->replay_at);
}

/* The connection was lost while the audio up to the end of st->replay was
 * being sent: connect again and send again from the sentence on air. */
static bobao_code recover(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;
	char why[BB_ERR_MAX];
	unsigned long sentence;
	size_t from;
	bobao_code rc;

	snprintf(why, sizeof(why), "%s", err->msg);
	bb_err_clear(err);
	for (;;) {
		if (!st->replay_ok)
			return bb_err_set(err, BOBAO_E_UNAVAILABLE, "%s (sentence too long to send again)",
			                  why);
		if ((rc = reconnect(s, why, err)) != BOBAO_OK)
			return rc;
		from = on_air(s, &sentence);
		if (sentence)
			event(s, BOBAO_STREAM_RESUMED, "going on from sentence %lu", sentence);
		pace_from_now(st);
		st->pos = st->replay_at + from;
		rc = paced(s, (const int16_t *)(const void *)st->replay.ptr + from * s->fmt.channels,
		           st->replay.len / 2 / s->fmt.channels - from, err);
		if (rc != BOBAO_E_UNAVAILABLE)
			return rc;
		snprintf(why, sizeof(why), "%s", err->msg);
		bb_err_clear(err);
	}
}

/* ---- the sink ---- */

static bobao_code codec_of(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;
	const char *f = s->p->format, *dot;

	if (!f) {
		dot = strrchr(st->ice.mount, '.');
		f = dot ? dot + 1 : "";
		if (!strcmp(f, "oga"))
			f = "ogg";
	}
	if (!strcmp(f, "ogg") || !strcmp(f, "vorbis"))
		st->codec = VORBIS;
	else if (!strcmp(f, "opus"))
		st->codec = OPUS;
	else if (!strcmp(f, "mp3"))
		st->codec = MP3;
	else if (s->p->format)
		return bb_err_set(err, BOBAO_E_FORMAT, "unknown stream format '%s' (ogg, opus, mp3)",
		                  s->p->format);
	else
		return bb_err_set(err, BOBAO_E_FORMAT,
		                  "cannot tell the format of mount '%s' from its name (use --format ogg, opus or mp3)",
		                  st->ice.mount);
	return BOBAO_OK;
}

static bobao_code title_set(struct stream *st, const char *title)
{
	size_t n = strlen(title);
	int cut = n > TITLE_MAX;

	if (cut)
		for (n = TITLE_MAX; n && (title[n] & 0xC0) == 0x80; n--)
			;
	free(st->title);
	if (!(st->title = bb_malloc(n + 4)))
		return BOBAO_E_NOMEM;
	snprintf(st->title, n + 4, "%.*s%s", (int)n, title, cut ? "…" : "");
	return BOBAO_OK;
}

static bobao_code stream_start(struct aud_sink *s, struct bb_err *err)
{
	struct stream *st = s->priv;
	const struct aud_params *p = s->p;
	bobao_code rc;

	st->ice = (struct aud_ice)AUD_ICE_INIT;
	bb_buf_init(&st->bytes, 16u << 20);
	bb_buf_init(&st->replay, (size_t)REPLAY_MAX_S * (size_t)s->fmt.rate * 2 *
	                         (size_t)s->fmt.channels);
	st->replay_ok = 1;
	if (!p->path)
		return bb_err_set(err, BOBAO_E_ARG, "no Icecast URL given");
	if ((rc = aud_ice_parse(&st->ice, p->path, p->password, err)) != BOBAO_OK ||
	    (rc = codec_of(s, err)) != BOBAO_OK)
		return rc;
	st->enc_rate = s->fmt.rate;
	if (st->codec == OPUS && s->fmt.rate != 48000) {
		if (s->fmt.channels != 1)
			return bb_err_set(err, BOBAO_E_FORMAT, "an Opus stream takes mono at 48000 Hz");
		st->enc_rate = 48000;
		if ((rc = aud_resampler_init(&st->rs, s->fmt.rate, 48000)) != BOBAO_OK)
			return rc;
		st->has_rs = 1;
	}
	if (st->codec == MP3) {   /* the rates MPEG takes, as for a file */
		struct aud_params mp3 = { .path = st->ice.mount, .format = "mp3" };
		struct aud_file_plan plan;

		if ((rc = aud_file_plan(&mp3, s->fmt.rate, s->fmt.rate, &plan, err)) != BOBAO_OK)
			return rc;
	}
	if (p->bitrate && aud_file_bitrate(st->ice.mount, st->codec == VORBIS ? "ogg" : st->codec == OPUS ?
	                                   "opus" : "mp3", st->enc_rate, p->bitrate, err) < 0)
		return BOBAO_E_ARG;
	if (p->title && (rc = title_set(st, p->title)) != BOBAO_OK)
		return rc;
	if ((rc = connect_ice(s, err)) != BOBAO_OK)
		return rc;
	if (st->codec == MP3 && st->title && (rc = aud_ice_title(&st->ice, st->title, err)) != BOBAO_OK)
		return rc;
	event(s, BOBAO_STREAM_CONNECTED, "on air at %s", st->ice.where);
	return BOBAO_OK;
}

/* Keep pcm for sending again; past the cap, nothing until the next mark.
 * Without marks (a bulletin file) the last KEEP_S seconds or so. */
#define KEEP_S 20

static void keep(struct aud_sink *s, const int16_t *pcm, size_t bytes)
{
	struct stream *st = s->priv;
	size_t frame = 2 * (size_t)s->fmt.channels, drop;

	if (!st->n_marks && st->replay.len > (size_t)(2 * KEEP_S * s->fmt.rate) * frame) {
		drop = st->replay.len / frame / 2 * frame;
		memmove(st->replay.ptr, st->replay.ptr + drop, st->replay.len - drop);
		st->replay.len -= drop;
		st->replay_at += drop / frame;
	}
	if (st->replay_ok && bb_buf_add(&st->replay, pcm, bytes) != BOBAO_OK) {
		st->replay_ok = 0;
		bb_buf_reset(&st->replay);
	}
}

static bobao_code stream_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                              struct bb_err *err)
{
	struct stream *st = s->priv;
	bobao_code rc;

	keep(s, pcm, frames * 2 * (size_t)s->fmt.channels);
	if (!st->clock) {   /* from the first audio, not from connecting */
		pace_from_now(st);
		st->clock = 1;
	}
	st->pos = s->frames;
	rc = paced(s, pcm, frames, err);
	return rc == BOBAO_E_UNAVAILABLE ? recover(s, err) : rc;
}

static bobao_code stream_mark(struct aud_sink *s, const struct aud_mark *m, struct bb_err *err)
{
	struct stream *st = s->priv;
	size_t drop;
	bobao_code rc = BOBAO_OK;

	/* the sentence before the current one stays: it may still be on air */
	if (st->n_marks == 2) {
		drop = (size_t)(st->marks[1].at - st->replay_at) * 2 * (size_t)s->fmt.channels;
		if (st->replay_ok && drop <= st->replay.len) {
			memmove(st->replay.ptr, st->replay.ptr + drop, st->replay.len - drop);
			st->replay.len -= drop;
		}
		st->marks[0] = st->marks[1];
		st->n_marks = 1;
		st->replay_at = st->marks[0].at;
	}
	if (!st->replay_ok) {   /* kept nothing: start again here */
		bb_buf_reset(&st->replay);
		st->replay_ok = 1;
		st->n_marks = 0;
	}
	if (!st->n_marks)
		st->replay_at = s->frames;
	st->marks[st->n_marks].at = s->frames;
	st->marks[st->n_marks++].sentence = st->sentence = m->sentence;
	if (!m->article || !m->title)
		return BOBAO_OK;
	/* the new title when the clock is where the next audio goes out */
	if (st->clock && !wait_until(s, elapsed, (double)st->paced / s->fmt.rate - PACE_LEAD_S))
		return BOBAO_E_INTERRUPTED;
	if ((rc = title_set(st, m->title)) != BOBAO_OK)
		return rc;
	event(s, BOBAO_STREAM_TITLE, "%s", st->title);
	if (st->codec == MP3)
		return aud_ice_title(&st->ice, st->title, err);
	/* Ogg: a new logical stream with this title from the next write */
	encoder_close(st);
	rc = send_bytes(s, err);
	return rc == BOBAO_E_UNAVAILABLE ? recover(s, err) : rc;
}

/* Icecast keeps back the last block of an MP3 source that is not full
 * (up to 4 KiB) and drops it when the source goes: the stream ends with
 * silence enough to fill one, at most MP3_TAIL_MAX_S. */
#define MP3_TAIL_BYTES 4096
#define MP3_TAIL_MAX_S 3

static bobao_code mp3_tail(struct aud_sink *s, struct bb_err *err)
{
	static const int16_t zero[4096];
	struct stream *st = s->priv;
	size_t piece = (size_t)(s->fmt.rate * PIECE_S), sent = 0, total = 0, k;
	bobao_code rc = BOBAO_OK;

	if (piece > BB_ARRAY_SIZE(zero) / (size_t)s->fmt.channels)
		piece = BB_ARRAY_SIZE(zero) / (size_t)s->fmt.channels;
	while (rc == BOBAO_OK && sent < MP3_TAIL_BYTES &&
	       total < (size_t)(MP3_TAIL_MAX_S * s->fmt.rate)) {
		k = piece;
		if (!wait_until(s, elapsed, (double)st->paced / s->fmt.rate - PACE_LEAD_S))
			return BOBAO_E_INTERRUPTED;
		if ((rc = encode(s, zero, k, err)) != BOBAO_OK)
			break;
		sent += st->bytes.len;
		rc = send_bytes(s, err);
		st->paced += k;
		total += k;
	}
	return rc;
}

static bobao_code stream_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct stream *st = s->priv;
	bobao_code rc = BOBAO_OK;

	if (commit && st->ice.shout) {
		if (st->codec == MP3 && (rc = mp3_tail(s, err)) != BOBAO_OK)
			goto out;
		if (st->has_rs && st->sf) {   /* the resampler's last samples */
			size_t m = aud_resampler_run(&st->rs, st->fin, 0, st->fout,
			                             BB_ARRAY_SIZE(st->fout), 1);

			for (size_t j = 0; j < m; j++)
				st->iout[j] = (int16_t)lrintf(fmaxf(-1, fminf(1, st->fout[j])) * 32767);
			sf_writef_short(st->sf, st->iout, (sf_count_t)m);
		}
		encoder_close(st);
		while ((rc = send_bytes(s, err)) == BOBAO_E_UNAVAILABLE &&
		       (rc = recover(s, err)) == BOBAO_OK)
			encoder_close(st);   /* recover() began a new logical stream */
		/* the listeners hear the end before the mount goes */
		if (rc == BOBAO_OK && !wait_until(s, elapsed, (double)st->paced / s->fmt.rate))
			rc = BOBAO_E_INTERRUPTED;
	}
out:
	encoder_close(st);
	aud_ice_release(&st->ice);   /* at once when interrupted: the mount is free */
	if (st->has_rs)
		aud_resampler_free(&st->rs);
	st->has_rs = 0;
	bb_buf_release(&st->bytes);
	bb_buf_release(&st->replay);
	free(st->title);
	st->title = NULL;
	return rc;
}

const struct aud_sink_handler aud_stream_sink = {
	"stream",
	sizeof(struct stream),
	stream_start,
	stream_flow,
	stream_stop,
	stream_mark,
};

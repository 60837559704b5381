/*
 * aud.h - audio stages (internal): sinks and the pause assembler.
 *
 * A sink is a handler struct in the manner of SoX effects: start, flow,
 * stop, with private state of priv_size bytes owned by the struct aud_sink.
 * Adding a sink is one new file and one line in aud_sinks[] (sink.c).
 *
 *     struct aud_sink s = AUD_SINK_INIT;
 *     rc = aud_sink_open(&s, "file", &fmt, &params, &err);
 *     rc = aud_sink_write(&s, pcm, frames, &err);
 *     rc = aud_sink_close(&s, rc == BOBAO_OK, &err);   // always called
 *
 * aud_sink_close(commit = 0) discards: a file sink leaves no file behind.
 */
#ifndef AUD_H
#define AUD_H

#include <stddef.h>
#include <stdint.h>

#include <signal.h>

#include "bb.h"

struct aud_format {
	int rate;
	int channels;
};

struct aud_params {
	/* file */
	const char *path;
	const char *format;                 /* NULL: from the extension */
	const char *title, *artist, *date, *album, *comment;
	double quality;                     /* 0..1, or < 0: the encoder's default */
	int force;                          /* file, player: replace a write-protected file */
	/* file: called when the audio is complete and on disk, just before it
	 * is put in place; a failure keeps the old file (sidecars go first) */
	bobao_code (*before_commit)(void *ctx, struct bb_err *err);
	void *before_commit_ctx;
	int bitrate;                        /* kbit/s, or 0: the encoder's default */
	int dual_mono;                      /* capture, level: measure as dual mono */
	double target_lufs, ceiling_db;     /* level */
	const char *const *ogg_comments;    /* file, Ogg: KEY=value comments to add */
	size_t n_ogg_comments;
	/* player */
	const char *driver;
	const char *const *driver_options;  /* "KEY=VALUE", NULL-terminated */
	/* bed: the music (mono, at the sink's rate; its loop point from
	 * aud_bed_prepare()), how far speech ducks it, how long it stays
	 * ducked after speech, and the sink the mix goes on to */
	const int16_t *bed;
	size_t bed_len, bed_loop;
	double bed_duck_db;
	int bed_hold_ms;
	struct aud_sink *next;
};

struct aud_sink;

struct aud_sink_handler {
	const char *name;
	size_t priv_size;
	bobao_code (*start)(struct aud_sink *s, struct bb_err *err);
	bobao_code (*flow)(struct aud_sink *s, const int16_t *pcm, size_t frames,
	                   struct bb_err *err);
	bobao_code (*stop)(struct aud_sink *s, int commit, struct bb_err *err);
};

struct aud_sink {
	const struct aud_sink_handler *h;   /* NULL: not open */
	struct aud_format fmt;
	const struct aud_params *p;         /* borrowed until close */
	void *priv;
	uint64_t frames;                    /* written so far */
};
#define AUD_SINK_INIT { NULL, { 0, 0 }, NULL, NULL, 0 }

extern const struct aud_sink_handler aud_file_sink;    /* "file" */
extern const struct aud_sink_handler aud_device_sink;  /* "player" */
extern const struct aud_sink_handler aud_capture_sink; /* "capture" (post.c) */
/* "level": loudness of live playback by a running estimate, then the
 * player: the gain follows the integrated loudness heard so far, peaks are
 * limited to ceiling_db. */
extern const struct aud_sink_handler aud_level_sink;
/* "bed": a music bed mixed under the speech, ducked by a side-chain on it,
 * on next (bed.c).  Sample for sample: frames in, the same frames on. */
extern const struct aud_sink_handler aud_bed_sink;
extern const struct aud_sink_handler *const aud_sinks[];

bobao_code aud_sink_open(struct aud_sink *s, const char *name,
                         const struct aud_format *fmt, const struct aud_params *p,
                         struct bb_err *err);
bobao_code aud_sink_open_handler(struct aud_sink *s, const struct aud_sink_handler *h,
                                 const struct aud_format *fmt,
                                 const struct aud_params *p, struct bb_err *err);
bobao_code aud_sink_write(struct aud_sink *s, const int16_t *pcm, size_t frames,
                          struct bb_err *err);
bobao_code aud_sink_silence(struct aud_sink *s, size_t frames, struct bb_err *err);
/* Stop and free.  Safe on a sink that is not open.  Returns the first
 * error of stopping (a commit that failed) or BOBAO_OK. */
bobao_code aud_sink_close(struct aud_sink *s, int commit, struct bb_err *err);

/* Bring the bed in (on) or take it out, faded, from the next sample on. */
void aud_bed_on(struct aud_sink *s, int on);
/* Cross-fade the end of a bed of n samples into its start, so that it
 * loops without a step; *loop is where each loop after the first starts. */
void aud_bed_prepare(int16_t *pcm, size_t n, int rate, size_t *loop);

/* File formats the file sink writes, by extension or name. */
int aud_file_format_known(const char *name);
/* Copy the Ogg Vorbis or Opus file read from src (at its start) to dst,
 * KEY=value comments added. */
struct bb_out;
bobao_code aud_ogg_comments(struct bb_out *src, struct bb_out *dst,
                            const char *const *comments, size_t count, struct bb_err *err);
/* The comments of the Ogg Vorbis or Opus file at path, KEY=value, each
 * ended by a NUL, appended to out.  BOBAO_E_AUDIO when it is not one. */
bobao_code aud_ogg_comments_read(const char *path, struct bb_buf *out);
/* The largest RIFF size a WAV file keeps; past it the file is RF64.  A
 * variable so that a unit test can check the switch without 4 GiB. */
extern uint64_t aud_wav_riff_max;
/* A name the file of the file sink s can be read by before it is put in
 * place (from before_commit: it is complete then); NULL for a stream
 * (standard output, a FIFO, a device), which cannot be read back. */
const char *aud_file_name(struct aud_sink *s);
/* libsndfile's compression level for kbps kbit/s in the format of path at
 * rate Hz, mono; < 0 with err set when the format has no such bitrate. */
double aud_file_bitrate(const char *path, const char *format, int rate, int kbps,
                        struct bb_err *err);
/* Is the format of path Ogg (Vorbis, Opus)? */
int aud_file_ogg(const char *path, const char *format);
/* Is the format of path lossy (Vorbis, Opus, MP3)? */
int aud_file_lossy(const char *path, const char *format);
/* The format of a file: its sample rate when rate is 0 (the engine's
 * from_rate, or the only one the codec takes), after checking that the
 * codec takes rate; 0 with the reason in err when not. */
int aud_file_rate(const char *path, const char *format, int rate, int from_rate,
                  struct bb_err *err);

/* Read an audio file in pieces: fn gets interleaved frames.  *fmt is set
 * before the first call of fn. */
typedef bobao_code (*aud_read_fn)(void *ctx, const struct aud_format *fmt,
                                  const int16_t *pcm, size_t frames);
bobao_code aud_file_read(const char *path, aud_read_fn fn, void *ctx,
                         struct bb_err *err);

/* ---- assembly: trimming and exact pauses ---- */

/* A sample louder than this (16-bit) is speech; quieter is silence. */
#define AUD_SILENCE_THRESHOLD 200
/* Quiet audio kept around speech so that onsets and tails stay natural;
 * it counts toward the pause, so pauses measure exactly as set. */
#define AUD_MARGIN_MS 10
#define AUD_MARGIN_MAX 4800            /* frames: 10 ms at up to 480 kHz */

/* Where the last unit's speech starts and ends, in frames of the sink. */
struct aud_span {
	uint64_t start, end;
};

/* Find the audible part of pcm: [*first, *last] are the first and last
 * samples above the threshold.  Returns 0 when nothing is audible. */
int aud_audible(const int16_t *pcm, size_t n, size_t *first, size_t *last);

struct aud_assembler {
	struct aud_sink *sink;
	int rate;
	int16_t tail[AUD_MARGIN_MAX];  /* quiet end of the last unit, unwritten */
	size_t tail_len;
	int carry_ms;                  /* pause owed by a silent unit */
	struct aud_span last;          /* speech of the last audible unit */
	int silent;                    /* the last unit had nothing audible */
};

void aud_assembler_init(struct aud_assembler *a, struct aud_sink *sink, int rate);
/* Write pause_ms of quiet, then the audible part of pcm (mono). */
bobao_code aud_assembler_unit(struct aud_assembler *a, const int16_t *pcm, size_t n,
                              int pause_ms, struct bb_err *err);
/* Write the final pause_ms of quiet. */
bobao_code aud_assembler_finish(struct aud_assembler *a, int pause_ms,
                                struct bb_err *err);

/* ---- loudness, limiting, resampling (loudness.c) ---- */

struct aud_meter {
	void *st;               /* ebur128_state * */
};

/* EBU R128 meter, mono; dual_mono: weight the channel as two (podcasts). */
bobao_code aud_meter_init(struct aud_meter *m, int rate, int dual_mono);
/* Integrated loudness only (no true peak, no short term): much cheaper. */
bobao_code aud_meter_init_loudness(struct aud_meter *m, int rate, int dual_mono);
bobao_code aud_meter_add(struct aud_meter *m, const float *x, size_t n);
double aud_meter_integrated(const struct aud_meter *m);   /* LUFS */
double aud_meter_short_term(const struct aud_meter *m);   /* LUFS, last 3 s */
double aud_meter_true_peak(const struct aud_meter *m);    /* dBTP */
void aud_meter_free(struct aud_meter *m);

struct aud_limiter {
	float ceiling;          /* linear */
	size_t look;            /* look-ahead, samples */
	float release;          /* gain recovery per sample */
	float gain;
	float sum;
	float *delay, *need, *mins, *dqv;
	unsigned long long *dq, count;
	size_t dqh, dqn;
};

bobao_code aud_limiter_init(struct aud_limiter *l, int rate, double ceiling_db);
/* out has room for n samples; returns how many came out (fewer at first). */
size_t aud_limiter_run(struct aud_limiter *l, const float *in, size_t n, float *out);
/* The last samples, after all input; out has room for look samples. */
size_t aud_limiter_flush(struct aud_limiter *l, float *out);
void aud_limiter_free(struct aud_limiter *l);

struct aud_resampler {
	struct soxr *soxr;   /* NULL: same rate */
	double ratio;
};

bobao_code aud_resampler_init(struct aud_resampler *r, int from, int to);
size_t aud_resampler_run(struct aud_resampler *r, const float *in, size_t n, float *out,
                         size_t room, int last);
void aud_resampler_free(struct aud_resampler *r);

/* ---- the second pass of files (post.c) ---- */

struct aud_post {
	double target;       /* LUFS, when limit */
	double gain_db;      /* applied to every sample (first guess) */
	double ceiling_db;   /* true-peak ceiling, dBTP */
	int limit;           /* limit peaks (loudness correction on) */
	int rate;            /* sample rate of the output */
	int dual_mono;       /* measure as dual mono */
	int player;          /* into the player, not a file */
	int measure;         /* measure what is written (implied by limit) */
	volatile sig_atomic_t *stop;   /* checked at every block: interrupted */
};

struct aud_post_result {
	double loudness, true_peak, seconds;
};

/* Pass 1 writes into the "capture" sink: a temporary file, measured. */
/* Integrated loudness of what the capture received, LUFS. */
double aud_post_loudness(struct aud_sink *capture);
/* Pass 2: from the capture through gain, limiter and resampler into a file
 * sink opened with params; measured into *res. */
bobao_code aud_post_finish(struct aud_sink *capture, const struct aud_post *post,
                           const struct aud_params *params, struct aud_post_result *res,
                           struct bb_err *err);

#endif /* AUD_H */

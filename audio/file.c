/*
 * file.c - bulletin files through libsndfile, written atomically.
 *
 * Where and how the bytes go is bb_out's business (base/out.c): a
 * temporary beside the target, flushed and put in place on commit, so that
 * readers and cron jobs see the old file or the whole new one, never half
 * of one; or a stream (standard output, a FIFO, a device) written in place.
 * libsndfile writes through virtual I/O onto it, so every write is checked.
 * While a file is written, Linux is asked to start writing it back every
 * few megabytes, so that the flush at the end has little left to do.
 *
 * WAV is written here (RF64 past 4 GiB), the other formats by libsndfile.
 *
 * Vorbis is written in pieces of at most 4096 frames: libvorbis crashes on
 * one large write; other formats in larger ones, for fewer system calls.
 * Tags are set before the first write, as libsndfile requires; an MP3 gets
 * an ID3v2.4 tag of bobao's own before its frames, an Ogg file its
 * CHAPTERxxx comments (oggtags.c) once the audio is complete (not on a
 * stream, which cannot be rewritten).
 */
#ifdef __linux__
#define _GNU_SOURCE   /* sync_file_range() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>

#include "aud.h"
#include "bb_out.h"

#define VORBIS_CHUNK 4096      /* libvorbis crashes on larger writes */
#define CHUNK_FRAMES 65536
#define WRITEBACK_FRAMES (1 << 22)   /* 8 MB of 16-bit mono */

/* The formats, one line each. */
static const int opus_rates[] = { 8000, 12000, 16000, 24000, 48000, 0 };
static const int mp3_rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100,
                                 48000, 0 };

static const struct file_format {
	const char *name;
	const char *ext[3];
	int format;
	size_t chunk;        /* frames per write */
	const int *rates;    /* the only rates it takes, or NULL: any */
	int default_rate;    /* when the speech's own is not one: 0 */
	int id3;             /* tags written by bobao as ID3v2.4 */
} formats[] = {
	{ "wav", { "wav", "wave", NULL }, SF_FORMAT_WAV | SF_FORMAT_PCM_16, CHUNK_FRAMES,
	  NULL, 0, 0 },
	{ "ogg", { "ogg", "oga", NULL }, SF_FORMAT_OGG | SF_FORMAT_VORBIS, VORBIS_CHUNK,
	  NULL, 0, 0 },
	{ "opus", { "opus", NULL, NULL }, SF_FORMAT_OGG | SF_FORMAT_OPUS, VORBIS_CHUNK,
	  opus_rates, 48000, 0 },
	{ "flac", { "flac", NULL, NULL }, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, CHUNK_FRAMES,
	  NULL, 0, 0 },
	{ "mp3", { "mp3", NULL, NULL }, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, VORBIS_CHUNK,
	  mp3_rates, 22050, 1 },
};

static const struct file_format *by_name(const char *name)
{
	size_t i, k;

	for (i = 0; name && i < BB_ARRAY_SIZE(formats); i++)
		for (k = 0; k < BB_ARRAY_SIZE(formats[i].ext) && formats[i].ext[k]; k++)
			if (!strcasecmp(formats[i].ext[k], name))
				return &formats[i];
	return NULL;
}

int aud_file_format_known(const char *name)
{
	return by_name(name) != NULL;
}

static const struct file_format *format_of(const char *path, const char *format)
{
	const char *ext = strrchr(path, '.');

	if (format)
		return by_name(format);
	return by_name(ext && !strchr(ext, '/') ? ext + 1 : NULL);
}

static int takes(const struct file_format *ff, int rate)
{
	size_t i;

	if (!ff->rates)
		return rate >= 8000 && rate <= 192000;
	for (i = 0; ff->rates[i]; i++)
		if (ff->rates[i] == rate)
			return 1;
	return 0;
}

static int file_ogg(const char *path, const char *format)
{
	const struct file_format *ff = format_of(path, format);

	return ff && (ff->format & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG;
}

static int file_lossy(const char *path, const char *format)
{
	const struct file_format *ff = format_of(path, format);

	return ff && (ff->format & SF_FORMAT_SUBMASK) != SF_FORMAT_PCM_16;
}

bobao_code aud_file_plan(const struct aud_params *p, int asked_rate, int speech_rate,
                         struct aud_file_plan *plan, struct bb_err *err)
{
	const struct file_format *ff = format_of(p->path, p->format);
	int rate = asked_rate;

	memset(plan, 0, sizeof(*plan));
	plan->rate = speech_rate;
	if (!ff)
		return BOBAO_OK;   /* file_start() says what is wrong */
	if (!rate)
		rate = takes(ff, speech_rate) ? speech_rate : ff->default_rate;
	if (!takes(ff, rate))
		return bb_err_set(err, BOBAO_E_FORMAT, "%s does not take %d Hz%s", ff->name, rate,
		                  ff->rates == opus_rates ? " (8000, 12000, 16000, 24000, 48000)" : "");
	if (p->bitrate && aud_file_bitrate(p->path, p->format, rate, p->bitrate, err) < 0)
		return BOBAO_E_ARG;
	plan->rate = rate;
	plan->resample = rate != speech_rate;
	plan->ogg = file_ogg(p->path, p->format);
	plan->lossy = file_lossy(p->path, p->format);
	return BOBAO_OK;
}

/* libsndfile maps its compression level c linearly to a bitrate: Opus
 * (1 - c) * 250 + 6 kbit/s a channel, MP3 at constant bitrate max - c *
 * (max - min) over the MPEG version's range (LAME then takes the nearest
 * bitrate the version has).  Half a kbit/s over, as both truncate. */
double aud_file_bitrate(const char *path, const char *format, int rate, int kbps,
                        struct bb_err *err)
{
	const struct file_format *ff = format_of(path, format);
	int sub = ff ? ff->format & SF_FORMAT_SUBMASK : 0, lo, hi;
	double c;

	if (sub == SF_FORMAT_OPUS) {
		lo = 6;
		hi = 256;
	} else if (sub == SF_FORMAT_MPEG_LAYER_III) {
		lo = rate >= 32000 ? 32 : 8;
		hi = rate >= 32000 ? 320 : rate >= 16000 ? 160 : 64;
	} else {
		bb_err_set(err, BOBAO_E_ARG, "--bitrate: %s has no bitrate setting%s", ff ? ff->name : "the format",
		           sub == SF_FORMAT_VORBIS ? " (use --quality)" : "");
		return -1;
	}
	if (kbps < lo || kbps > hi) {
		bb_err_set(err, BOBAO_E_ARG, "--bitrate %d: %s at %d Hz takes %d to %d kbit/s", kbps,
		           ff->name, rate, lo, hi);
		return -1;
	}
	if (sub == SF_FORMAT_OPUS)
		return 1 - (kbps - lo + 0.0005) / (hi - lo);
	c = (hi - kbps - 0.5) / (hi - lo);
	return c < 0 ? 0 : c;
}

/* An ID3v2.4 tag with UTF-8 frames: libsndfile's garbles Chinese. */
static void synchsafe(unsigned char *p, size_t n)
{
	p[0] = (unsigned char)((n >> 21) & 0x7F);
	p[1] = (unsigned char)((n >> 14) & 0x7F);
	p[2] = (unsigned char)((n >> 7) & 0x7F);
	p[3] = (unsigned char)(n & 0x7F);
}

static bobao_code id3_frame(struct bb_buf *b, const char *id, const char *text, int comment)
{
	unsigned char h[10];
	size_t n = strlen(text) + 1 + (comment ? 4 : 0);
	bobao_code rc;

	memcpy(h, id, 4);
	synchsafe(h + 4, n);
	h[8] = h[9] = 0;
	if ((rc = bb_buf_add(b, h, sizeof(h))) != BOBAO_OK ||
	    (rc = bb_buf_addch(b, 3)) != BOBAO_OK)                 /* UTF-8 */
		return rc;
	if (comment && (rc = bb_buf_add(b, "zho\0", 4)) != BOBAO_OK)  /* language, no description */
		return rc;
	return bb_buf_add(b, text, strlen(text));
}

static bobao_code id3v24(const struct aud_params *p, struct bb_buf *out)
{
	struct bb_buf frames = BB_BUF_INIT(1 << 20);
	unsigned char h[10] = { 'I', 'D', '3', 4, 0, 0 };
	bobao_code rc = BOBAO_OK;

	if (p->title)
		rc = id3_frame(&frames, "TIT2", p->title, 0);
	if (rc == BOBAO_OK && p->artist)
		rc = id3_frame(&frames, "TPE1", p->artist, 0);
	if (rc == BOBAO_OK && p->album)
		rc = id3_frame(&frames, "TALB", p->album, 0);
	if (rc == BOBAO_OK && p->date)
		rc = id3_frame(&frames, "TDRC", p->date, 0);
	if (rc == BOBAO_OK && p->comment)
		rc = id3_frame(&frames, "COMM", p->comment, 1);
	if (rc == BOBAO_OK && frames.len) {
		synchsafe(h + 6, frames.len);
		if ((rc = bb_buf_add(out, h, sizeof(h))) == BOBAO_OK)
			rc = bb_buf_add(out, frames.ptr, frames.len);
	}
	bb_buf_release(&frames);
	return rc;
}

struct file_sink {
	SNDFILE *sf;
	struct bb_out out;
	const struct file_format *ff;
	size_t chunk;
	uint64_t base;   /* bytes before what libsndfile writes: the ID3 tag */
	int raw;         /* WAV: header and samples written here */
	int lost;        /* a stream was asked to seek: drop writes until back */
	size_t unsynced; /* frames written since writeback was started */
};

/* libsndfile writes through these, so that every byte is counted and
 * checked (it does not report every failed write of its encoders), and so
 * that a pipe can take formats it would otherwise seek in.  On a stream a
 * seek elsewhere fails and what is written there is dropped: libFLAC and
 * LAME go back only to improve a header (total length, seek table), and a
 * streamed file is valid without. */
static sf_count_t vio_len(void *ud)
{
	struct file_sink *f = ud;

	return (sf_count_t)(f->out.size - f->base);
}

static sf_count_t vio_tell(void *ud)
{
	struct file_sink *f = ud;

	return (sf_count_t)(f->out.pos - f->base);
}

static sf_count_t vio_seek(sf_count_t off, int whence, void *ud)
{
	struct file_sink *f = ud;
	sf_count_t to = whence == SEEK_CUR ? vio_tell(ud) + off :
	                whence == SEEK_END ? vio_len(ud) + off : off;

	if (to < 0)
		return -1;
	if (f->out.stream) {
		f->lost = to != vio_tell(ud);
		return f->lost ? -1 : to;
	}
	return bb_out_seek(&f->out, f->base + (uint64_t)to) ? -1 : to;
}

static sf_count_t vio_read(void *p, sf_count_t n, void *ud)
{
	struct file_sink *f = ud;
	long k = bb_out_read(&f->out, p, (size_t)n);

	return k < 0 ? 0 : k;
}

/* A failed write is kept in f->out.err, which every caller checks, and
 * hidden from libsndfile: its Vorbis writer leaks its encoder when told. */
static sf_count_t vio_write(const void *p, sf_count_t n, void *ud)
{
	struct file_sink *f = ud;

	if (!f->lost && !f->out.err)
		bb_out_write(&f->out, p, (size_t)n, NULL);
	return n;
}

/* WAV is written here, not by libsndfile, which makes RF64 files (with
 * WAVE_FORMAT_EXTENSIBLE) of any size when asked for RF64 past 4 GiB.  The
 * header keeps a JUNK chunk the size of RF64's ds64 (EBU Tech 3306): when
 * the data passes the RIFF limit, "RIFF" becomes "RF64" and the JUNK its
 * ds64 with the 64-bit sizes, in place.  Tags go in a LIST INFO chunk.  On
 * a stream the sizes are 0xFFFFFFFF, "unknown", as sox and ffmpeg write
 * and read them. */
#define DS64_SIZE 28

uint64_t aud_wav_riff_max = 0xFFFFFFFFu;

static bobao_code put_le(struct bb_buf *b, uint64_t v, int bytes)
{
	unsigned char c[8];
	int i;

	for (i = 0; i < bytes; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	return bb_buf_add(b, c, (size_t)bytes);
}

static bobao_code info_tag(struct bb_buf *b, const char *id, const char *text)
{
	size_t n = strlen(text) + 1;
	bobao_code rc;

	if (!text || (rc = bb_buf_add(b, id, 4)) != BOBAO_OK ||
	    (rc = put_le(b, n, 4)) != BOBAO_OK || (rc = bb_buf_add(b, text, n)) != BOBAO_OK)
		return text ? rc : BOBAO_OK;
	return n % 2 ? bb_buf_addch(b, 0) : BOBAO_OK;
}

static bobao_code wav_header(struct aud_sink *s, struct file_sink *f, struct bb_err *err)
{
	const struct aud_params *p = s->p;
	struct bb_buf h = BB_BUF_INIT(1 << 20), info = BB_BUF_INIT(1 << 20);
	uint32_t rate = (uint32_t)s->fmt.rate, ch = (uint32_t)s->fmt.channels;
	uint64_t unknown = 0xFFFFFFFFu;
	bobao_code rc;

	if ((rc = p->title ? info_tag(&info, "INAM", p->title) : BOBAO_OK) != BOBAO_OK ||
	    (rc = p->artist ? info_tag(&info, "IART", p->artist) : BOBAO_OK) != BOBAO_OK ||
	    (rc = p->album ? info_tag(&info, "IPRD", p->album) : BOBAO_OK) != BOBAO_OK ||
	    (rc = p->date ? info_tag(&info, "ICRD", p->date) : BOBAO_OK) != BOBAO_OK ||
	    (rc = p->comment ? info_tag(&info, "ICMT", p->comment) : BOBAO_OK) != BOBAO_OK)
		goto out;
	if ((rc = bb_buf_add(&h, "RIFF", 4)) != BOBAO_OK || (rc = put_le(&h, unknown, 4)) ||
	    (rc = bb_buf_add(&h, "WAVEJUNK", 8)) || (rc = put_le(&h, DS64_SIZE, 4)) ||
	    (rc = bb_buf_grow(&h, DS64_SIZE)))
		goto out;
	memset(h.ptr + h.len, 0, DS64_SIZE);
	h.len += DS64_SIZE;
	if ((rc = bb_buf_add(&h, "fmt ", 4)) || (rc = put_le(&h, 16, 4)) ||
	    (rc = put_le(&h, 1, 2)) || (rc = put_le(&h, ch, 2)) || (rc = put_le(&h, rate, 4)) ||
	    (rc = put_le(&h, rate * ch * 2, 4)) || (rc = put_le(&h, ch * 2, 2)) ||
	    (rc = put_le(&h, 16, 2)))
		goto out;
	if (info.len && ((rc = bb_buf_add(&h, "LIST", 4)) || (rc = put_le(&h, info.len + 4, 4)) ||
	                 (rc = bb_buf_add(&h, "INFO", 4)) ||
	                 (rc = bb_buf_add(&h, info.ptr, info.len))))
		goto out;
	if ((rc = bb_buf_add(&h, "data", 4)) || (rc = put_le(&h, unknown, 4)))
		goto out;
	f->base = h.len;   /* where the samples start */
	rc = bb_out_write(&f->out, h.ptr, h.len, err);
out:
	bb_buf_release(&h);
	bb_buf_release(&info);
	return rc;
}

/* The sizes, once known: RIFF, or RF64 past 4 GiB. */
static bobao_code wav_sizes(struct file_sink *f, struct bb_err *err)
{
	struct bb_buf h = BB_BUF_INIT(64);
	uint64_t riff = f->out.size - 8, data = f->out.size - f->base;
	int rf64 = riff > aud_wav_riff_max;
	bobao_code rc;

	if (data % 2 && (rc = bb_out_write(&f->out, "", 1, err)) != BOBAO_OK)   /* even chunks */
		return rc;
	if ((rc = bb_buf_add(&h, rf64 ? "RF64" : "RIFF", 4)) ||
	    (rc = put_le(&h, rf64 ? 0xFFFFFFFFu : riff, 4)) ||
	    (rc = bb_buf_add(&h, rf64 ? "WAVEds64" : "WAVEJUNK", 8)) ||
	    (rc = put_le(&h, DS64_SIZE, 4)) || (rc = put_le(&h, rf64 ? riff : 0, 8)) ||
	    (rc = put_le(&h, rf64 ? data : 0, 8)) || (rc = put_le(&h, rf64 ? data / 2 : 0, 8)) ||
	    (rc = put_le(&h, 0, 4)))
		goto out;
	if (bb_out_seek(&f->out, 0) ||
	    (rc = bb_out_write(&f->out, h.ptr, h.len, err)) != BOBAO_OK ||
	    bb_out_seek(&f->out, f->base - 4)) {
		rc = rc != BOBAO_OK ? rc : bb_out_fail(&f->out, err);
		goto out;
	}
	bb_buf_reset(&h);
	if ((rc = put_le(&h, rf64 ? 0xFFFFFFFFu : data, 4)) == BOBAO_OK)
		rc = bb_out_write(&f->out, h.ptr, h.len, err);
out:
	bb_buf_release(&h);
	return rc;
}

static bobao_code raw_flow(struct aud_sink *s, struct file_sink *f, const int16_t *pcm,
                           size_t frames, struct bb_err *err)
{
	unsigned char buf[8192];
	size_t n = frames * (size_t)s->fmt.channels, i, k;
	bobao_code rc = BOBAO_OK;

	for (i = 0; i < n && rc == BOBAO_OK; i += k) {   /* little-endian, whatever the host */
		k = n - i < sizeof(buf) / 2 ? n - i : sizeof(buf) / 2;
		for (size_t j = 0; j < k; j++) {
			buf[2 * j] = (unsigned char)((uint16_t)pcm[i + j] & 0xFF);
			buf[2 * j + 1] = (unsigned char)((uint16_t)pcm[i + j] >> 8);
		}
		rc = bb_out_write(&f->out, buf, 2 * k, err);
	}
	return rc;
}

static bobao_code encoder_failed(struct aud_sink *s, struct file_sink *f, struct bb_err *err)
{
	if (f->out.err)
		return bb_out_fail(&f->out, err);
	return bb_err_set(err, BOBAO_E_IO, "cannot write '%s': the %s encoder failed",
	                  s->p->path, f->ff->name);
}

static bobao_code file_start(struct aud_sink *s, struct bb_err *err)
{
	struct file_sink *f = s->priv;
	const struct aud_params *p = s->p;
	const struct file_format *ff = format_of(p->path, p->format);
	SF_VIRTUAL_IO vio = { vio_len, vio_seek, vio_read, vio_write, vio_tell };
	struct bb_buf tag = BB_BUF_INIT(1 << 20);
	SF_INFO info;
	struct stat st;
	bobao_code rc;

	f->out.fd = -1;
	if (!stat(p->path, &st) && S_ISDIR(st.st_mode))   /* before the format */
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': is a directory", p->path);
	if (!ff && p->format)
		return bb_err_set(err, BOBAO_E_FORMAT,
		                  "unknown format '%s' (formats: wav, ogg, opus, flac, mp3)",
		                  p->format);
	if (!ff)
		return bb_err_set(err, BOBAO_E_FORMAT,
		                  "cannot tell the format of '%s' from its name (use --format wav, ogg, opus, flac or mp3)",
		                  p->path);
	if (!takes(ff, s->fmt.rate))
		return bb_err_set(err, BOBAO_E_FORMAT, "%s does not take %d Hz", ff->name,
		                  s->fmt.rate);
	if (p->bitrate && aud_file_bitrate(p->path, p->format, s->fmt.rate, p->bitrate, err) < 0)
		return BOBAO_E_ARG;
	if ((rc = bb_out_open(&f->out, p->path, BB_OUT_STDOUT | (p->force ? BB_OUT_FORCE : 0),
	                      err)) != BOBAO_OK)
		return rc;
	f->ff = ff;
	f->chunk = ff->chunk;
	if ((ff->format & SF_FORMAT_TYPEMASK) == SF_FORMAT_WAV) {
		f->raw = 1;
		return wav_header(s, f, err);
	}
	/* the ID3v2.4 tag first: libsndfile's file starts after it */
	if (ff->id3 && ((rc = id3v24(p, &tag)) != BOBAO_OK ||
	                (rc = bb_out_write(&f->out, tag.ptr, tag.len, err)) != BOBAO_OK))
		goto out;
	f->base = f->out.pos;
	memset(&info, 0, sizeof(info));
	info.samplerate = s->fmt.rate;
	info.channels = s->fmt.channels;
	info.format = ff->format;
	if (!(f->sf = sf_open_virtual(&vio, SFM_WRITE, &info, f))) {
		rc = f->out.err ? bb_out_fail(&f->out, err)
		                : bb_err_set(err, BOBAO_E_FORMAT, "cannot write %s at %d Hz",
		                             ff->name, s->fmt.rate);
		goto out;
	}
	if (p->quality >= 0) {
		double q = p->quality;

		sf_command(f->sf, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof(q));
	}
	if (p->bitrate) {
		int mode = SF_BITRATE_MODE_CONSTANT;
		double c = aud_file_bitrate(p->path, p->format, s->fmt.rate, p->bitrate, err);

		if ((ff->format & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III)
			sf_command(f->sf, SFC_SET_BITRATE_MODE, &mode, sizeof(mode));
		if (!sf_command(f->sf, SFC_SET_COMPRESSION_LEVEL, &c, sizeof(c))) {
			rc = bb_err_set(err, BOBAO_E_FORMAT, "cannot set %s to %d kbit/s", ff->name,
			                p->bitrate);
			goto out;
		}
	}
	if (!ff->id3 &&
	    ((p->title && sf_set_string(f->sf, SF_STR_TITLE, p->title)) ||
	     (p->artist && sf_set_string(f->sf, SF_STR_ARTIST, p->artist)) ||
	     (p->album && sf_set_string(f->sf, SF_STR_ALBUM, p->album)) ||
	     (p->comment && sf_set_string(f->sf, SF_STR_COMMENT, p->comment)) ||
	     (p->date && sf_set_string(f->sf, SF_STR_DATE, p->date)))) {
		rc = bb_err_set(err, BOBAO_E_IO, "cannot tag '%s'", p->path);
		goto out;
	}
out:
	bb_buf_release(&tag);
	return rc;   /* on failure aud_sink_open_handler() calls file_stop() */
}

static bobao_code file_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                            struct bb_err *err)
{
	struct file_sink *f = s->priv;
	size_t ch = (size_t)s->fmt.channels;

	if (f->raw)
		return raw_flow(s, f, pcm, frames, err);
	while (frames) {
		sf_count_t k = (sf_count_t)(frames < f->chunk ? frames : f->chunk);

		if (sf_writef_short(f->sf, pcm, k) != k || f->out.err || sf_error(f->sf))
			return encoder_failed(s, f, err);
		pcm += (size_t)k * ch;
		frames -= (size_t)k;
		f->unsynced += (size_t)k;
	}
	if (f->unsynced >= WRITEBACK_FRAMES / ch && !f->out.stream) {
		f->unsynced = 0;
#ifdef SYNC_FILE_RANGE_WRITE
		sync_file_range(f->out.fd, 0, 0, SYNC_FILE_RANGE_WRITE);   /* a hint: not checked */
#endif
	}
	return BOBAO_OK;
}

/* Rewrite an Ogg file with its chapters in the comment header: into a
 * second temporary, which then takes the first one's place. */
static bobao_code ogg_chapters(struct aud_sink *s, struct file_sink *f, struct bb_err *err)
{
	struct bb_out o2;
	bobao_code rc;

	if ((rc = bb_out_open(&o2, s->p->path, BB_OUT_STDOUT | (s->p->force ? BB_OUT_FORCE : 0),
	                      err)) != BOBAO_OK)
		return rc;
	if (bb_out_seek(&f->out, 0))
		rc = bb_out_fail(&f->out, err);
	else
		rc = aud_ogg_comments(&f->out, &o2, s->p->ogg_comments, s->p->n_ogg_comments, err);
	if (rc != BOBAO_OK) {
		bb_out_discard(&o2);
		return rc;
	}
	bb_out_discard(&f->out);
	f->out = o2;
	return BOBAO_OK;
}

static bobao_code file_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct file_sink *f = s->priv;
	bobao_code rc = BOBAO_OK, crc;

	if (f->sf && sf_close(f->sf) && commit)
		rc = encoder_failed(s, f, err);
	f->sf = NULL;
	if (commit && rc == BOBAO_OK && f->out.err)
		rc = bb_out_fail(&f->out, err);
	if (commit && rc == BOBAO_OK && f->raw && !f->out.stream)
		rc = wav_sizes(f, err);
	if (commit && rc == BOBAO_OK && s->p->n_ogg_comments && !f->out.stream &&
	    file_ogg(s->p->path, s->p->format))
		rc = ogg_chapters(s, f, err);
	if (commit && rc == BOBAO_OK)
		rc = bb_out_finish(&f->out, err);
	crc = aud_out_close(s->p, &f->out, commit && rc == BOBAO_OK, err);
	return rc == BOBAO_OK ? crc : rc;
}

const struct aud_sink_handler aud_file_sink = {
	"file",
	sizeof(struct file_sink),
	file_start,
	file_flow,
	file_stop,
	NULL,
};

bobao_code aud_file_read(const char *path, aud_read_fn fn, void *ctx,
                         struct bb_err *err)
{
	SF_INFO info;
	SNDFILE *sf;
	struct aud_format fmt;
	int16_t *buf = NULL;
	sf_count_t k;
	bobao_code rc = BOBAO_OK;

	memset(&info, 0, sizeof(info));
	if (access(path, R_OK))
		return bb_err_set(err, BOBAO_E_NOINPUT, "cannot open '%s': %s", path,
		                  strerror(errno));
	if (!(sf = sf_open(path, SFM_READ, &info)))
		return bb_err_set(err, BOBAO_E_AUDIO, "cannot decode '%s': %s", path,
		                  sf_strerror(NULL));
	if (info.channels < 1 || info.channels > 8 || info.samplerate < 1000 ||
	    info.samplerate > 384000) {
		rc = bb_err_set(err, BOBAO_E_AUDIO, "cannot play '%s': %d channels at %d Hz",
		                path, info.channels, info.samplerate);
		goto out;
	}
	fmt.rate = info.samplerate;
	fmt.channels = info.channels;
	if (!(buf = malloc(sizeof(*buf) * VORBIS_CHUNK * (size_t)info.channels))) {
		rc = BOBAO_E_NOMEM;
		goto out;
	}
	while (rc == BOBAO_OK && (k = sf_readf_short(sf, buf, VORBIS_CHUNK)) > 0)
		rc = fn(ctx, &fmt, buf, (size_t)k);
	if (rc == BOBAO_OK && sf_error(sf))
		rc = bb_err_set(err, BOBAO_E_AUDIO, "cannot decode '%s': %s", path,
		                sf_strerror(sf));
out:
	free(buf);
	sf_close(sf);
	return rc;
}

/*
 * file.c - bulletin files through libsndfile, written atomically.
 *
 * The audio goes to ".NAME.XXXXXX" in the target's directory; on commit it
 * is flushed to disk, given the usual permissions (0666 less the umask:
 * mkstemp's 0600 would hide a bulletin from the web server publishing it)
 * and renamed onto NAME.  Readers and cron jobs see the old file or the
 * whole new one, never half of one.  Without commit the temporary file is
 * removed.  While it is written, Linux is asked to start writing it back
 * every few megabytes, so that the flush at the end has little left to do.
 *
 * Vorbis is written in pieces of at most 4096 frames: libvorbis crashes on
 * one large write; other formats in larger ones, for fewer system calls.
 * Tags are set before the first write, as libsndfile requires; an MP3 gets
 * an ID3v2.4 tag of bobao's own, an Ogg file its CHAPTERxxx comments
 * (oggtags.c), both once the audio is complete.
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

int aud_file_ogg(const char *path, const char *format)
{
	const struct file_format *ff = format_of(path, format);

	return ff && (ff->format & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG;
}

int aud_file_lossy(const char *path, const char *format)
{
	const struct file_format *ff = format_of(path, format);

	return ff && (ff->format & SF_FORMAT_SUBMASK) != SF_FORMAT_PCM_16;
}

int aud_file_rate(const char *path, const char *format, int rate, int from_rate,
                  struct bb_err *err)
{
	const struct file_format *ff = format_of(path, format);

	if (!ff)
		return from_rate;   /* file_start() says what is wrong */
	if (!rate)
		rate = takes(ff, from_rate) ? from_rate : ff->default_rate;
	if (!takes(ff, rate)) {
		bb_err_set(err, BOBAO_E_FORMAT, "%s does not take %d Hz%s", ff->name, rate,
		           ff->rates == opus_rates ? " (8000, 12000, 16000, 24000, 48000)" : "");
		return 0;
	}
	return rate;
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
	size_t chunk;
	int id3;
	int fd;
	char *tmp;       /* temporary path, removed unless committed */
	size_t unsynced; /* frames written since writeback was started */
};

static bobao_code temp_path(const char *path, char **out)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + 16;
	char *t = malloc(n);

	if (!t)
		return BOBAO_E_NOMEM;
	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	*out = t;
	return BOBAO_OK;
}

static bobao_code file_start(struct aud_sink *s, struct bb_err *err)
{
	struct file_sink *f = s->priv;
	const struct aud_params *p = s->p;
	const struct file_format *ff = format_of(p->path, p->format);
	SF_INFO info;
	struct stat st;
	bobao_code rc;

	f->fd = -1;
	if (!stat(p->path, &st) && S_ISDIR(st.st_mode))
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
	if ((rc = temp_path(p->path, &f->tmp)) != BOBAO_OK)
		return rc;
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", p->path,
		                strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return rc;
	}
	memset(&info, 0, sizeof(info));
	info.samplerate = s->fmt.rate;
	info.channels = s->fmt.channels;
	info.format = ff->format;
	f->chunk = ff->chunk;
	f->id3 = ff->id3;
	if (!(f->sf = sf_open_fd(f->fd, SFM_WRITE, &info, 0))) {
		rc = bb_err_set(err, BOBAO_E_FORMAT, "cannot write %s at %d Hz: %s", ff->name,
		                s->fmt.rate, sf_strerror(NULL));
		goto fail;
	}
	if (p->quality >= 0) {
		double q = p->quality;

		sf_command(f->sf, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof(q));
	}
	if (p->bitrate) {
		int mode = SF_BITRATE_MODE_CONSTANT;
		double c = aud_file_bitrate(p->path, p->format, s->fmt.rate, p->bitrate, err);

		if (c < 0) {
			rc = BOBAO_E_ARG;
			goto fail;
		}
		if ((ff->format & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III)
			sf_command(f->sf, SFC_SET_BITRATE_MODE, &mode, sizeof(mode));
		if (!sf_command(f->sf, SFC_SET_COMPRESSION_LEVEL, &c, sizeof(c))) {
			rc = bb_err_set(err, BOBAO_E_FORMAT, "cannot set %s to %d kbit/s: %s", ff->name,
			                p->bitrate, sf_strerror(f->sf));
			goto fail;
		}
	}
	if (!f->id3 &&
	    ((p->title && sf_set_string(f->sf, SF_STR_TITLE, p->title)) ||
	     (p->artist && sf_set_string(f->sf, SF_STR_ARTIST, p->artist)) ||
	     (p->album && sf_set_string(f->sf, SF_STR_ALBUM, p->album)) ||
	     (p->comment && sf_set_string(f->sf, SF_STR_COMMENT, p->comment)) ||
	     (p->date && sf_set_string(f->sf, SF_STR_DATE, p->date)))) {
		rc = bb_err_set(err, BOBAO_E_IO, "cannot tag '%s': %s", p->path,
		                sf_strerror(f->sf));
		goto fail;
	}
	return BOBAO_OK;
fail:
	if (f->sf)
		sf_close(f->sf);
	f->sf = NULL;
	close(f->fd);
	f->fd = -1;
	unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return rc;
}

static bobao_code file_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                            struct bb_err *err)
{
	struct file_sink *f = s->priv;
	size_t ch = (size_t)s->fmt.channels;

	while (frames) {
		sf_count_t k = (sf_count_t)(frames < f->chunk ? frames : f->chunk);

		if (sf_writef_short(f->sf, pcm, k) != k)
			return bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path,
			                  sf_strerror(f->sf));
		pcm += (size_t)k * ch;
		frames -= (size_t)k;
		f->unsynced += (size_t)k;
	}
	if (f->unsynced >= WRITEBACK_FRAMES / ch) {
		f->unsynced = 0;
#ifdef SYNC_FILE_RANGE_WRITE
		sync_file_range(f->fd, 0, 0, SYNC_FILE_RANGE_WRITE);   /* a hint: not checked */
#endif
	}
	return BOBAO_OK;
}

/* Put the ID3v2.4 tag before the MP3 frames: rewrite the temporary file. */
static bobao_code prepend_id3(struct aud_sink *s, struct file_sink *f, struct bb_err *err)
{
	struct bb_buf tag = BB_BUF_INIT(1 << 20);
	char *tmp2 = NULL, block[65536];
	int fd2 = -1;
	ssize_t n;
	bobao_code rc;

	if ((rc = id3v24(s->p, &tag)) != BOBAO_OK || !tag.len)
		goto out;
	if ((rc = temp_path(s->p->path, &tmp2)) != BOBAO_OK)
		goto out;
	if ((fd2 = mkstemp(tmp2)) < 0) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", s->p->path,
		                strerror(errno));
		goto out;
	}
	if (write(fd2, tag.ptr, tag.len) != (ssize_t)tag.len || lseek(f->fd, 0, SEEK_SET)) {
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path, strerror(errno));
		goto out;
	}
	while ((n = read(f->fd, block, sizeof(block))) > 0)
		if (write(fd2, block, (size_t)n) != n)
			break;
	if (n != 0) {
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path, strerror(errno));
		goto out;
	}
	/* the tagged copy takes the place of the temporary file */
	close(f->fd);
	unlink(f->tmp);
	free(f->tmp);
	f->fd = fd2;
	f->tmp = tmp2;
	fd2 = -1;
	tmp2 = NULL;
out:
	if (fd2 >= 0) {
		close(fd2);
		unlink(tmp2);
	}
	free(tmp2);
	bb_buf_release(&tag);
	return rc;
}

static bobao_code file_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct file_sink *f = s->priv;
	bobao_code rc = BOBAO_OK;
	mode_t mask;

	if (f->sf && sf_close(f->sf) && commit)
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s'", s->p->path);
	f->sf = NULL;
	if (commit && rc == BOBAO_OK && f->id3)
		rc = prepend_id3(s, f, err);
	if (commit && rc == BOBAO_OK && s->p->n_ogg_comments &&
	    aud_file_ogg(s->p->path, s->p->format)) {
		/* rewritten beside itself: open the new file in the old one's place */
		rc = aud_ogg_comments(f->tmp, s->p->ogg_comments, s->p->n_ogg_comments, err);
		close(f->fd);
		if ((f->fd = open(f->tmp, O_RDWR)) < 0 && rc == BOBAO_OK)
			rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path,
			                strerror(errno));
	}
	if (commit && rc == BOBAO_OK) {
		mask = umask(0);
		umask(mask);
		if (fsync(f->fd) || fchmod(f->fd, 0666 & ~mask))
			rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path,
			                strerror(errno));
	}
	if (f->fd >= 0 && close(f->fd) && commit && rc == BOBAO_OK)
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", s->p->path,
		                strerror(errno));
	f->fd = -1;
	if (commit && rc == BOBAO_OK && rename(f->tmp, s->p->path))
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", s->p->path,
		                strerror(errno));
	if (f->tmp && (!commit || rc != BOBAO_OK))
		unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return rc;
}

const struct aud_sink_handler aud_file_sink = {
	"file",
	sizeof(struct file_sink),
	file_start,
	file_flow,
	file_stop,
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

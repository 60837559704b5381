/*
 * file.c - bulletin files through libsndfile, written atomically.
 *
 * The audio goes to ".NAME.XXXXXX" in the target's directory; on commit it
 * is flushed to disk, given the usual permissions (0666 less the umask:
 * mkstemp's 0600 would hide a bulletin from the web server publishing it)
 * and renamed onto NAME.  Readers and cron jobs see the old file or the
 * whole new one, never half of one.  Without commit the temporary file is
 * removed.
 *
 * Vorbis is written in pieces of at most 4096 frames: libvorbis crashes on
 * one large write; other formats in larger ones, for fewer system calls.  Tags are set before the first write, as libsndfile
 * requires.
 */
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

/* The formats, one line each. */
static const struct file_format {
	const char *name;
	const char *ext[3];
	int format;
	size_t chunk;      /* frames per write */
} formats[] = {
	{ "wav", { "wav", "wave", NULL }, SF_FORMAT_WAV | SF_FORMAT_PCM_16, CHUNK_FRAMES },
	{ "ogg", { "ogg", "oga", NULL }, SF_FORMAT_OGG | SF_FORMAT_VORBIS, VORBIS_CHUNK },
	{ "flac", { "flac", NULL, NULL }, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, CHUNK_FRAMES },
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

struct file_sink {
	SNDFILE *sf;
	size_t chunk;
	int fd;
	char *tmp;       /* temporary path, removed unless committed */
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
	const char *ext = strrchr(p->path, '.');
	const struct file_format *ff;
	SF_INFO info;
	struct stat st;
	bobao_code rc;

	f->fd = -1;
	if (!stat(p->path, &st) && S_ISDIR(st.st_mode))
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': is a directory", p->path);
	if (p->format) {
		if (!(ff = by_name(p->format)))
			return bb_err_set(err, BOBAO_E_FORMAT,
			                  "unknown format '%s' (formats: wav, ogg, flac)", p->format);
	} else if (!(ff = by_name(ext && !strchr(ext, '/') ? ext + 1 : NULL))) {
		return bb_err_set(err, BOBAO_E_FORMAT,
		                  "cannot tell the format of '%s' from its name (use --format wav, ogg or flac)",
		                  p->path);
	}
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
	if (!(f->sf = sf_open_fd(f->fd, SFM_WRITE, &info, 0))) {
		rc = bb_err_set(err, BOBAO_E_FORMAT, "cannot write %s at %d Hz: %s", ff->name,
		                s->fmt.rate, sf_strerror(NULL));
		goto fail;
	}
	if ((p->title && sf_set_string(f->sf, SF_STR_TITLE, p->title)) ||
	    (p->artist && sf_set_string(f->sf, SF_STR_ARTIST, p->artist)) ||
	    (p->date && sf_set_string(f->sf, SF_STR_DATE, p->date))) {
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
	}
	return BOBAO_OK;
}

static bobao_code file_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct file_sink *f = s->priv;
	bobao_code rc = BOBAO_OK;
	mode_t mask;

	if (f->sf && sf_close(f->sf) && commit)
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s'", s->p->path);
	f->sf = NULL;
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

/*
 * bulletin.c - bulletin files for the player: marks to move between (cues,
 * chapters or steps, see plr.h) and the audio between two marks, decoded
 * on demand with a seek, so that a long file is never held whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sndfile.h>

#include "aud.h"
#include "plr.h"

#define MARKS_MAX 100000
#define STRETCH_MAX_S 60   /* a stretch is decoded whole: longer ones are cut */
#define VTT_MAX (16u << 20)

struct bfile {
	SNDFILE *sf;
	SF_INFO info;
	const char *path;
};

struct plr_bulletin {
	struct bfile *f;
	size_t n_files;
	struct plr_mark *m;
	size_t n, alloc;
	struct bb_buf names;     /* texts of the marks, NUL-ended; offsets in m[].text */
	int rate, channels;
};

int plr_is_audio(const char *path)
{
	static const char *const ext[] = { ".wav", ".ogg", ".oga", ".flac", ".opus", ".mp3" };
	size_t n = strlen(path), i, k;

	for (i = 0; i < BB_ARRAY_SIZE(ext); i++) {
		k = strlen(ext[i]);
		if (n > k && !strcasecmp(path + n - k, ext[i]))
			return 1;
	}
	return 0;
}

/* Room for one more mark. */
static bobao_code room(struct plr_bulletin *b)
{
	struct plr_mark *m;
	size_t a = b->alloc ? b->alloc * 2 : 64;

	if (b->n < b->alloc)
		return BOBAO_OK;
	if (a > MARKS_MAX || !(m = realloc(b->m, a * sizeof(*m))))
		return a > MARKS_MAX ? BOBAO_E_TOOLONG : BOBAO_E_NOMEM;
	b->m = m;
	b->alloc = a;
	return BOBAO_OK;
}

static bobao_code add(struct plr_bulletin *b, size_t file, double start, double speech,
                      unsigned long article, const char *text, size_t len)
{
	struct plr_mark *m;
	bobao_code rc;

	if ((rc = room(b)) != BOBAO_OK)
		return rc;
	m = &b->m[b->n];
	m->file = file;
	m->start = start;
	m->speech = speech;
	m->article = article;
	m->text = NULL;
	m->cont = 0;
	if (text) {   /* an offset until the names stop moving */
		m->text = (const char *)(uintptr_t)(b->names.len + 1);
		if ((rc = bb_buf_add(&b->names, text, len)) != BOBAO_OK ||
		    (rc = bb_buf_addch(&b->names, '\0')) != BOBAO_OK)
			return rc;
	}
	b->n++;
	return BOBAO_OK;
}

/* "HH:MM:SS.mmm" or "MM:SS.mmm"; -1 when it is neither. */
static double stamp(const char *s, const char **end)
{
	unsigned h = 0, m, sec, ms;
	int n = 0;

	if (sscanf(s, "%u:%u:%u.%3u%n", &h, &m, &sec, &ms, &n) == 4 ||
	    (h = 0, sscanf(s, "%u:%u.%3u%n", &m, &sec, &ms, &n) == 3)) {
		*end = s + n;
		return h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
	}
	return -1;
}

/* Chapters of an Ogg file: CHAPTERxxx=HH:MM:SS.mmm, CHAPTERxxxNAME=... */
struct chapter {
	double at;
	const char *name;
};

static size_t chapters(const char *path, struct bb_buf *raw, struct chapter *c, size_t max)
{
	const char *p, *end;
	size_t n = 0, i;

	if (aud_ogg_comments_read(path, raw) != BOBAO_OK)
		return 0;
	for (p = raw->ptr; p && p < raw->ptr + raw->len; p += strlen(p) + 1) {
		unsigned k;
		int len = 0;
		double t;

		if (strncasecmp(p, "CHAPTER", 7) || sscanf(p + 7, "%3u%n", &k, &len) != 1 || len != 3 ||
		    !k || k > max)
			continue;
		if (p[10] == '=' && (t = stamp(p + 11, &end)) >= 0)
			c[k - 1].at = t;
		else if (!strncasecmp(p + 10, "NAME=", 5))
			c[k - 1].name = p + 15;
		if (k > n)
			n = k;
	}
	/* in order and all there, or not used */
	for (i = 0; i < n; i++)
		if (c[i].at < 0 || (i && c[i].at <= c[i - 1].at))
			return 0;
	return n;
}

/* news.vtt for news.ogg: its cues, in order, as marks. */
static bobao_code cues(struct plr_bulletin *b, size_t file, const char *vtt,
                       const struct chapter *ch, size_t n_ch, unsigned long *article, int *found)
{
	FILE *fp = fopen(vtt, "r");
	char line[8192];
	double prev_end = 0, a, z;
	const char *end;
	size_t chap = 0, before = b->n;
	unsigned long lines = 0;
	bobao_code rc = BOBAO_OK;

	*found = 0;
	if (!fp)
		return BOBAO_OK;
	while (rc == BOBAO_OK && fgets(line, sizeof(line), fp) && ++lines < VTT_MAX) {
		char text[8192];
		size_t len = 0;

		if ((a = stamp(line, &end)) < 0 || strncmp(end, " --> ", 5) ||
		    (z = stamp(end + 5, &end)) < 0)
			continue;
		/* the text: the lines up to a blank one, joined */
		while (fgets(line, sizeof(line), fp) && line[strspn(line, "\r\n")]) {
			size_t k = strcspn(line, "\r\n");

			if (len + k + 1 < sizeof(text)) {
				if (len)
					text[len++] = ' ';
				memcpy(text + len, line, k);
				len += k;
			}
		}
		if (a < prev_end || z < a)
			continue;   /* out of order: skipped */
		while (chap < n_ch && ch[chap].at <= a + 0.001) {
			if (chap || b->n > before)
				++*article;
			chap++;
		}
		rc = add(b, file, b->n == before ? 0 : prev_end, a, *article, text, len);
		prev_end = z;
	}
	fclose(fp);
	*found = b->n > before;
	return rc;
}

/* Cut the stretches of marks first.. that are longer than STRETCH_MAX_S
 * (a long chapter) into pieces of that length, named as the first. */
static bobao_code split_long(struct plr_bulletin *b, size_t first, double seconds)
{
	size_t i;
	bobao_code rc;

	for (i = first; i < b->n; i++) {
		double end = i + 1 < b->n ? b->m[i + 1].start : seconds;
		double at = b->m[i].speech + STRETCH_MAX_S;

		if (end - b->m[i].start <= STRETCH_MAX_S || at >= end - 1)
			continue;
		if ((rc = room(b)) != BOBAO_OK)
			return rc;
		memmove(&b->m[i + 2], &b->m[i + 1], (b->n - i - 1) * sizeof(*b->m));
		b->m[i + 1] = b->m[i];
		b->m[i + 1].start = b->m[i + 1].speech = at;
		b->m[i + 1].cont = 1;
		b->n++;
	}
	return BOBAO_OK;
}

static bobao_code marks_of(struct plr_bulletin *b, size_t k, unsigned long *article,
                           struct bb_err *err)
{
	struct bfile *f = &b->f[k];
	struct chapter ch[1000];
	struct bb_buf raw = BB_BUF_INIT(16u << 20), vtt = BB_BUF_INIT(8192);
	double seconds = (double)f->info.frames / f->info.samplerate, t;
	const char *dot = strrchr(f->path, '.'), *slash = strrchr(f->path, '/');
	size_t n_ch, i, first = b->n;
	int found = 0;
	bobao_code rc;

	for (i = 0; i < BB_ARRAY_SIZE(ch); i++) {
		ch[i].at = -1;
		ch[i].name = NULL;
	}
	n_ch = chapters(f->path, &raw, ch, BB_ARRAY_SIZE(ch));
	++*article;
	if (!dot || (slash && dot < slash))
		dot = f->path + strlen(f->path);
	rc = bb_buf_addf(&vtt, "%.*s.vtt", (int)(dot - f->path), f->path);
	if (rc == BOBAO_OK)
		rc = cues(b, k, bb_buf_str(&vtt), ch, n_ch, article, &found);
	for (i = 0; rc == BOBAO_OK && !found && i < n_ch; i++)
		rc = add(b, k, i ? ch[i].at : 0, ch[i].at, i ? ++*article : *article, ch[i].name,
		         ch[i].name ? strlen(ch[i].name) : 0);
	for (t = 0; rc == BOBAO_OK && !found && !n_ch && (t < seconds || t == 0); t += PLR_STEP_S)
		rc = add(b, k, t, t, *article, NULL, 0);
	if (rc == BOBAO_OK)
		rc = split_long(b, first, seconds);
	if (rc == BOBAO_E_TOOLONG)
		rc = bb_err_set(err, rc, "'%s': more than %d marks", f->path, MARKS_MAX);
	bb_buf_release(&raw);
	bb_buf_release(&vtt);
	return rc;
}

bobao_code plr_bulletin_open(struct plr_bulletin **out, const char *const *paths, size_t n,
                             struct bb_err *err)
{
	struct plr_bulletin *b;
	unsigned long article = 0;
	bobao_code rc = BOBAO_OK;
	size_t k;

	*out = NULL;
	if (!(b = calloc(1, sizeof(*b))) || !(b->f = calloc(n, sizeof(*b->f)))) {
		free(b);
		return BOBAO_E_NOMEM;
	}
	b->n_files = n;
	bb_buf_init(&b->names, 64u << 20);
	for (k = 0; k < n && rc == BOBAO_OK; k++) {
		struct bfile *f = &b->f[k];

		f->path = paths[k];
		if (!(f->sf = sf_open(f->path, SFM_READ, &f->info))) {
			rc = bb_err_set(err, errno == ENOENT ? BOBAO_E_NOINPUT : BOBAO_E_AUDIO,
			                "cannot decode '%s': %s", f->path, sf_strerror(NULL));
			break;
		}
		if (f->info.channels < 1 || f->info.channels > 8 || f->info.samplerate < 1000 ||
		    f->info.samplerate > 384000 || f->info.frames <= 0) {
			rc = bb_err_set(err, BOBAO_E_AUDIO, "cannot play '%s': %d channels at %d Hz",
			                f->path, f->info.channels, f->info.samplerate);
			break;
		}
		if (k && (f->info.samplerate != b->rate || f->info.channels != b->channels)) {
			rc = bb_err_set(err, BOBAO_E_AUDIO,
			                "'%s' is not at %d Hz, %d channel%s like the first: play it on its own",
			                f->path, b->rate, b->channels, b->channels == 1 ? "" : "s");
			break;
		}
		b->rate = f->info.samplerate;
		b->channels = f->info.channels;
		rc = marks_of(b, k, &article, err);
	}
	for (k = 0; rc == BOBAO_OK && k < b->n; k++)
		if (b->m[k].text)
			b->m[k].text = b->names.ptr + ((uintptr_t)b->m[k].text - 1);
	if (rc != BOBAO_OK) {
		plr_bulletin_close(b);
		return rc;
	}
	*out = b;
	return BOBAO_OK;
}

size_t plr_bulletin_count(const struct plr_bulletin *b)
{
	return b->n;
}

const struct plr_mark *plr_bulletin_mark(const struct plr_bulletin *b, size_t k)
{
	return &b->m[k];
}

void plr_bulletin_format(const struct plr_bulletin *b, int *rate, int *channels)
{
	*rate = b->rate;
	*channels = b->channels;
}

double plr_bulletin_seconds(const struct plr_bulletin *b, size_t file)
{
	const struct bfile *f = &b->f[file];

	return (double)f->info.frames / f->info.samplerate;
}

bobao_code plr_bulletin_read(struct plr_bulletin *b, size_t k, struct bb_buf *pcm,
                             size_t *speech, struct bb_err *err)
{
	const struct plr_mark *m = &b->m[k];
	struct bfile *f = &b->f[m->file];
	sf_count_t from = (sf_count_t)(m->start * b->rate), to = f->info.frames, got;
	size_t frame = (size_t)b->channels * 2;
	bobao_code rc;

	if (k + 1 < b->n && b->m[k + 1].file == m->file)
		to = (sf_count_t)(b->m[k + 1].start * b->rate);
	if (to > f->info.frames)
		to = f->info.frames;
	if (from > to)
		from = to;
	bb_buf_reset(pcm);
	*speech = (size_t)((m->speech - m->start) * b->rate);
	if (*speech > (size_t)(to - from))
		*speech = (size_t)(to - from);
	if ((rc = bb_buf_grow(pcm, (size_t)(to - from) * frame)) != BOBAO_OK)
		return bb_err_set(err, rc, "'%s': a stretch too long to hold", f->path);
	if (sf_seek(f->sf, from, SEEK_SET) < 0)
		return bb_err_set(err, BOBAO_E_AUDIO, "cannot seek in '%s': %s", f->path,
		                  sf_strerror(f->sf));
	got = sf_readf_short(f->sf, (short *)(void *)pcm->ptr, to - from);
	if (got < 0)
		got = 0;
	pcm->len = (size_t)got * frame;
	if (got < to - from && sf_error(f->sf))
		return bb_err_set(err, BOBAO_E_AUDIO, "cannot decode '%s': %s", f->path,
		                  sf_strerror(f->sf));
	return BOBAO_OK;
}

void plr_bulletin_close(struct plr_bulletin *b)
{
	size_t k;

	if (!b)
		return;
	for (k = 0; k < b->n_files; k++)
		if (b->f[k].sf)
			sf_close(b->f[k].sf);
	free(b->f);
	free(b->m);
	bb_buf_release(&b->names);
	free(b);
}

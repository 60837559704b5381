/* positions.c - where the listener stopped, per text (see plr.h).
 *
 * The file is written through base/out.c as every output is (a symbolic
 * link followed, a write-protected file refused, replaced whole when
 * complete), and read, changed and written back under an exclusive flock
 * on its folder, so that players quitting together each keep their line.
 * A damaged file (a NUL byte, a line that is not a position) is refused
 * with its name and line, never silently dropped on the next write. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_out.h"
#include "plr.h"

uint64_t plr_hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A decimal number of at most 18 digits at *s, before end; -1 when there
 * is none or it is longer. */
static int number(const char **s, const char *end, unsigned long long *v)
{
	const char *p = *s;

	for (*v = 0; p < end && *p >= '0' && *p <= '9'; p++) {
		if (p - *s == 18)
			return -1;
		*v = *v * 10 + (unsigned)(*p - '0');
	}
	if (p == *s)
		return -1;
	*s = p;
	return 0;
}

/* One line (without its newline): 0, or -1 with *col the 1-based column
 * of what is wrong. */
static int parse_line(const char *line, size_t n, struct plr_position *e, size_t *col)
{
	const char *p = line, *end = line + n;
	unsigned long long v[3];
	int i, digits;

	for (e->hash = 0, digits = 0; p < end && digits < 16; p++, digits++) {
		int c = *p >= '0' && *p <= '9' ? *p - '0' : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 : -1;

		if (c < 0)
			break;
		e->hash = e->hash << 4 | (unsigned)c;
	}
	for (i = 0; i < 3 && digits == 16 && p < end && *p == '\t'; i++) {
		p++;
		if (number(&p, end, &v[i]))
			break;
		if (i < 2 && (p == end || *p != '\t'))
			break;
	}
	*col = (size_t)(p - line) + 1;
	if (i < 3 || p != end)
		return -1;
	e->sentence = (unsigned long)v[0];
	e->sentences = (unsigned long)v[1];
	e->when = (long long)v[2];
	if (!e->sentence || v[0] > v[1] || v[1] > 0xffffffffULL) {
		*col = 18;
		return -1;
	}
	return 0;
}

bobao_code plr_positions_parse(const char *data, size_t n, const char *name,
                               struct plr_position *out, size_t *count, struct bb_err *err)
{
	size_t line = 1, i = 0, col;
	const char *nul = memchr(data, '\0', n);

	*count = 0;
	if (nul) {
		for (; data + i < nul; i++)
			line += data[i] == '\n';
		return bb_err_set(err, BOBAO_E_BINARY,
		                  "%s:%zu: binary data (a NUL byte): not a positions file", name, line);
	}
	for (; i < n; line++) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - data) - i : n - i;
		struct plr_position e;

		if (len > PLR_LINE_MAX) {
			*count = 0;   /* a refused file gives nothing */
			return bb_err_set(err, BOBAO_E_ENCODING, "%s:%zu: a line of %zu bytes: not a "
			                  "position", name, line, len);
		}
		if (parse_line(data + i, len, &e, &col)) {
			*count = 0;
			return bb_err_set(err, BOBAO_E_ENCODING, "%s:%zu:%zu: not a position (hash, "
			                  "sentence, sentences and time, tab-separated, expected)",
			                  name, line, col);
		}
		if (*count < PLR_POSITIONS_MAX)
			out[(*count)++] = e;
		i += len + 1;
	}
	return BOBAO_OK;
}

/* The entries of the file at path, newest first; none when it does not
 * exist. */
static bobao_code load(const char *path, const char *name, struct plr_position *out,
                       size_t *count, struct bb_err *err)
{
	struct bb_buf b = BB_BUF_INIT(PLR_FILE_MAX + 1);
	char chunk[4096];
	struct stat st;
	bobao_code rc = BOBAO_OK;
	ssize_t k;
	int fd;

	*count = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno == ENOENT ? BOBAO_OK
		                       : bb_err_set(err, BOBAO_E_NOINPUT, "cannot read '%s': %s", name,
		                                    strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		rc = bb_err_set(err, BOBAO_E_NOINPUT, "'%s' is not a regular file: not a positions "
		                "file", name);
		goto out;
	}
	while ((k = read(fd, chunk, sizeof(chunk))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			rc = bb_err_set(err, BOBAO_E_IO, "cannot read '%s': %s", name, strerror(errno));
			goto out;
		}
		if (b.len + (size_t)k > PLR_FILE_MAX) {
			rc = bb_err_set(err, BOBAO_E_ENCODING, "'%s' is larger than %u bytes: not a "
			                "positions file", name, PLR_FILE_MAX);
			goto out;
		}
		if ((rc = bb_buf_add(&b, chunk, (size_t)k)) != BOBAO_OK)
			goto out;
	}
	rc = plr_positions_parse(b.ptr ? b.ptr : "", b.len, name, out, count, err);
out:
	close(fd);
	bb_buf_release(&b);
	return rc;
}

bobao_code plr_position_get(const char *path, uint64_t hash, unsigned long *sentence,
                            unsigned long *sentences, struct bb_err *err)
{
	struct plr_position e[PLR_POSITIONS_MAX];
	size_t n, i;
	bobao_code rc;

	*sentence = 0;
	if ((rc = load(path, path, e, &n, err)) != BOBAO_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (e[i].hash == hash) {
			if (sentences)
				*sentences = e[i].sentences;
			*sentence = e[i].sentence;
			break;
		}
	return BOBAO_OK;
}

/* mkdir -p of the folder of path, 0700 (a state folder is private). */
static int make_dirs(const char *path)
{
	char dir[4096];
	size_t i, n;

	n = strlen(path);
	if (n >= sizeof(dir))
		return -1;
	memcpy(dir, path, n + 1);
	while (n && dir[n - 1] != '/')
		n--;
	if (n <= 1)
		return 0;
	dir[n - 1] = '\0';
	for (i = 1; i <= n - 1; i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		dir[i] = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			return -1;
		if (i < n - 1)
			dir[i] = '/';
	}
	return 0;
}

/* Positions are kept in a regular file only: a FIFO or a device is refused
 * before bb_out_open() would wait on it or write to it. */
static bobao_code regular_or_none(const char *path, struct bb_err *err)
{
	struct stat st;

	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return bb_err_set(err, BOBAO_E_CREATE, "'%s' is not a regular file: positions are "
		                  "not kept there", path);
	return BOBAO_OK;
}

/* An exclusive lock on the folder of file (the file itself is replaced by
 * another inode on each write: a lock on it would not be shared).  The
 * descriptor, or -1 with errno set. */
static int lock_folder(const char *file)
{
	const char *slash = strrchr(file, '/');
	char dir[4096];
	int fd;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)(slash - file) + 1 >= sizeof(dir))
		return errno = ENAMETOOLONG, -1;
	else
		snprintf(dir, sizeof(dir), "%.*s", slash == file ? 1 : (int)(slash - file), file);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	while (flock(fd, LOCK_EX) && errno == EINTR)
		;
	return fd;
}

/* Open the positions file at path for writing, its folder made: o as
 * bb_out_open() leaves it. */
static bobao_code open_out(struct bb_out *o, const char *path, int force, struct bb_err *err)
{
	bobao_code rc;

	if (make_dirs(path))
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create the folder of '%s': %s", path,
		                  strerror(errno));
	if ((rc = regular_or_none(path, err)) != BOBAO_OK)
		return rc;
	/* private: what someone listened to is nobody else's business */
	return bb_out_open(o, path, (force ? BB_OUT_FORCE : 0) | BB_OUT_PRIVATE, err);
}

bobao_code plr_position_put(const char *path, uint64_t hash, unsigned long sentence,
                            unsigned long sentences, int force, struct bb_err *err)
{
	struct plr_position e[PLR_POSITIONS_MAX];
	struct bb_out o = { 0 };
	size_t n, i, kept = 0;
	FILE *fp = NULL;
	int lock = -1, opened = 0;
	bobao_code rc;

	if ((rc = open_out(&o, path, force, err)) != BOBAO_OK)
		return rc;
	opened = 1;
	if ((lock = lock_folder(o.target)) < 0) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot lock the folder of '%s': %s", path,
		                strerror(errno));
		goto out;
	}
	if ((rc = load(o.target, path, e, &n, err)) != BOBAO_OK)
		goto out;
	if (!(fp = bb_out_fopen(&o))) {
		rc = BOBAO_E_NOMEM;
		goto out;
	}
	if (sentence) {
		fprintf(fp, "%016" PRIx64 "\t%lu\t%lu\t%lld\n", hash, sentence, sentences,
		        (long long)time(NULL));
		kept++;
	}
	for (i = 0; i < n && kept < PLR_POSITIONS_MAX; i++) {
		if (e[i].hash == hash)
			continue;
		fprintf(fp, "%016" PRIx64 "\t%lu\t%lu\t%lld\n", e[i].hash, e[i].sentence,
		        e[i].sentences, e[i].when);
		kept++;
	}
	if (fclose(fp) || o.err) {
		fp = NULL;
		rc = bb_out_fail(&o, err);
		goto out;
	}
	fp = NULL;
	opened = 0;
	rc = bb_out_commit(&o, err);
out:
	if (fp)
		fclose(fp);
	if (opened)
		bb_out_discard(&o);
	if (lock >= 0)
		close(lock);   /* after the commit: the next reader sees the new file */
	return rc;
}

bobao_code plr_position_check(const char *path, int force, struct bb_err *err)
{
	struct bb_out o;
	bobao_code rc;

	if ((rc = open_out(&o, path, force, err)) != BOBAO_OK)
		return rc;
	bb_out_discard(&o);
	return BOBAO_OK;
}

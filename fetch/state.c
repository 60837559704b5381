/*
 * state.c - what bobao fetch keeps between runs, and how a run goes in
 * place as a whole: the seen list and the cache of validators (read
 * strictly: a damaged file is refused, never rewritten without its rest),
 * the folder's lock, and the run's journal.
 *
 * A run's journal, DIR/.journal, names the seen list it will write, then
 * each article before the article is put in place.  The articles are put
 * in place one by one, then rundown.tsv, then the seen list, then the
 * cache; the journal is removed last.  A journal found by the next run
 * (under the lock) is a run that died on the way: it went in place as a
 * whole when rundown.tsv lists its last article and the seen list holds
 * that article's key; else its articles are removed and a rundown that
 * names any of them is emptied.  Either way nothing of it is half there.
 */
#define _GNU_SOURCE   /* O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_out.h"
#include "fch.h"

bobao_code fch_lines_add(struct fch_lines *s, const char *str)
{
	char *c;

	if (s->n == s->alloc) {
		size_t a = s->alloc ? s->alloc * 2 : 64;
		char **v = realloc(s->v, a * sizeof(*v));

		if (!v)
			return BOBAO_E_NOMEM;
		s->v = v;
		s->alloc = a;
	}
	if (!(c = strdup(str)))
		return BOBAO_E_NOMEM;
	s->v[s->n++] = c;
	return BOBAO_OK;
}

int fch_lines_has(const struct fch_lines *s, const char *str)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], str))
			return 1;
	return 0;
}

void fch_lines_release(struct fch_lines *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---- reading ---- */

/* What is wrong with line[0..n) of a state file of this kind, or NULL;
 * *col: where (1-based, in bytes). */
static const char *bad_line(const char *line, size_t n, enum fch_state kind, size_t *col,
                            bobao_code *rc)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t i = 0, k, tabs = 0;
	uint32_t cp;

	*rc = BOBAO_E_BINARY;
	if (n > FCH_STATE_LINE_MAX) {
		*col = FCH_STATE_LINE_MAX + 1;
		*rc = BOBAO_E_TOOLONG;
		return "line longer than 8192 bytes";
	}
	for (i = 0; i < n; i += k) {
		*col = i + 1;
		if (!s[i])
			return "a NUL byte";
		if (s[i] == '\t')
			tabs++;
		else if (s[i] < 0x20 || s[i] == 0x7F)
			return "a control character";
		if (!(k = bb_utf8_decode(s + i, n - i, &cp))) {
			*rc = BOBAO_E_ENCODING;
			return "not UTF-8";
		}
	}
	*col = 1;
	if (kind == FCH_STATE_SEEN && tabs)
		return "a tab in a key";
	if (kind == FCH_STATE_CACHE && (tabs != 2 || (strncmp(line, "http://", 7) &&
	                                              strncmp(line, "https://", 8))))
		return "not 'URL<TAB>ETAG<TAB>LAST-MODIFIED'";
	return NULL;
}

bobao_code fch_state_parse(const char *name, const char *data, size_t n, enum fch_state kind,
                           struct fch_lines *out, struct bb_err *e)
{
	struct bb_buf line = BB_BUF_INIT(FCH_STATE_LINE_MAX + 1);
	const char *p = data, *end = data + n, *nl, *why;
	unsigned long no = 0;
	size_t len, col;
	bobao_code rc = BOBAO_OK;

	for (; p < end && rc == BOBAO_OK; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl ? nl : end) - p);
		no++;
		if (len && p[len - 1] == '\r')
			len--;   /* a list edited on another system */
		if (!len || *p == '#')
			continue;
		if ((why = bad_line(p, len, kind, &col, &rc))) {
			rc = bb_err_set(e, rc, "%s:%lu:%zu: %s: the file is damaged (not read, not "
			                "rewritten)", name, no, col, why);
			break;
		}
		bb_buf_reset(&line);
		if ((rc = bb_buf_add(&line, p, len)) == BOBAO_OK)
			rc = fch_lines_add(out, line.ptr);
	}
	bb_buf_release(&line);
	if (rc != BOBAO_OK)
		fch_lines_release(out);
	return rc;
}

bobao_code fch_state_read(const char *path, enum fch_state kind, struct fch_lines *out,
                          struct bb_err *e)
{
	struct bb_buf all = BB_BUF_INIT(FCH_STATE_MAX);
	char chunk[65536];
	struct stat st;
	ssize_t got;
	bobao_code rc = BOBAO_OK;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return BOBAO_OK;   /* the first run */
		return bb_err_set(e, BOBAO_E_NOINPUT, "cannot read '%s': %s", path,
		                  strerror(errno));
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		rc = bb_err_set(e, BOBAO_E_NOINPUT, "cannot read '%s': %s", path,
		                S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
		goto out;
	}
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = bb_err_set(e, BOBAO_E_IO, "cannot read '%s': %s", path, strerror(errno));
			goto out;
		}
		if ((rc = bb_buf_add(&all, chunk, (size_t)got)) != BOBAO_OK) {
			if (rc == BOBAO_E_TOOLONG)
				rc = bb_err_set(e, rc, "'%s': larger than %u bytes", path, FCH_STATE_MAX);
			goto out;
		}
	}
	rc = fch_state_parse(path, all.ptr ? all.ptr : "", all.len, kind, out, e);
out:
	close(fd);
	bb_buf_release(&all);
	return rc;
}

/* ---- writing ---- */

/* bb_out's refusal of a write-protected file names an option fetch has not. */
static bobao_code no_force_hint(bobao_code rc, struct bb_err *e)
{
	char *hint = strstr(e->msg, " (--force replaces it)");

	if (hint)
		*hint = '\0';
	return rc;
}

bobao_code fch_state_open(struct bb_out *o, const char *path, struct bb_err *e)
{
	return no_force_hint(bb_out_open(o, path, 0, e), e);
}

bobao_code fch_state_put(struct bb_out *o, const char *head, const struct fch_lines *a,
                         const struct fch_lines *b, size_t max, struct bb_err *e)
{
	size_t total = a->n + b->n, skip = total > max ? total - max : 0, i;
	bobao_code rc = bb_out_write(o, head, strlen(head), e);

	for (i = skip; i < total && rc == BOBAO_OK; i++) {
		const char *s = i < a->n ? a->v[i] : b->v[i - a->n];

		if ((rc = bb_out_write(o, s, strlen(s), e)) == BOBAO_OK)
			rc = bb_out_write(o, "\n", 1, e);
	}
	if (rc == BOBAO_OK)
		rc = bb_out_finish(o, e);
	return rc;
}

bobao_code fch_write_file(const char *path, const char *data, size_t n, struct bb_err *e)
{
	struct bb_out o;
	bobao_code rc;

	if ((rc = fch_state_open(&o, path, e)) != BOBAO_OK)
		return rc;
	if ((rc = bb_out_write(&o, data, n, e)) != BOBAO_OK) {
		bb_out_discard(&o);
		return rc;
	}
	return bb_out_commit(&o, e);
}

/* ---- the lock ---- */

bobao_code fch_lock(const char *dir, int *fd, struct bb_err *e)
{
	struct bb_buf path = BB_BUF_INIT(8192);
	struct stat st;
	bobao_code rc;

	*fd = -1;
	if ((rc = bb_buf_addf(&path, "%s/.lock", dir)) != BOBAO_OK)
		goto out;
	/* never a FIFO (it would block) nor a link to elsewhere */
	if ((*fd = open(path.ptr, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
	                0644)) < 0 ||
	    fstat(*fd, &st) || !S_ISREG(st.st_mode)) {
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot lock '%s': %s", path.ptr,
		                *fd < 0 ? strerror(errno) : "not a regular file");
		goto out;
	}
	while (flock(*fd, LOCK_EX | LOCK_NB)) {
		if (errno == EINTR)
			continue;
		rc = errno == EWOULDBLOCK
		     ? bb_err_set(e, BOBAO_E_PARTIAL, "'%s' is in use by another bobao fetch "
		                  "(lock '%s'): nothing fetched", dir, path.ptr)
		     : bb_err_set(e, BOBAO_E_CREATE, "cannot lock '%s': %s", path.ptr,
		                  strerror(errno));
		goto out;
	}
out:
	if (rc != BOBAO_OK && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	bb_buf_release(&path);
	return rc;
}

/* ---- the journal ---- */

static bobao_code journal_path(const char *dir, const char *name, struct bb_buf *p)
{
	bb_buf_reset(p);
	return bb_buf_addf(p, "%s/%s", dir, name);
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Does the rundown at path list name (its first field)? */
static int rundown_lists(const struct fch_lines *rundown, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < rundown->n; i++)
		if (!strncmp(rundown->v[i], name, n) && rundown->v[i][n] == '\t')
			return 1;
	return 0;
}

/* The rundown's lines, as they are (no state-file rules: it is ours). */
static bobao_code read_rundown(const char *path, struct fch_lines *out)
{
	char line[FCH_STATE_LINE_MAX + 64];
	FILE *fp = fopen(path, "rb");
	bobao_code rc = BOBAO_OK;

	if (!fp)
		return BOBAO_OK;
	while (rc == BOBAO_OK && fgets(line, sizeof(line), fp))
		rc = fch_lines_add(out, line);
	fclose(fp);
	return rc;
}

bobao_code fch_journal_recover(const char *dir, int *rolled_back, struct bb_err *e)
{
	struct bb_buf path = BB_BUF_INIT(8192), all = BB_BUF_INIT(FCH_STATE_MAX);
	struct fch_lines lines = { 0 }, rundown = { 0 }, seen = { 0 };
	const char *seen_path = NULL, *last = NULL, *last_key = NULL;
	struct bb_err ignored = { "" };
	size_t i, listed = 0;
	bobao_code rc;
	char *tab;
	FILE *fp;

	*rolled_back = 0;
	if ((rc = journal_path(dir, ".journal", &path)) != BOBAO_OK)
		goto out;
	if (!(fp = fopen(path.ptr, "rb")))
		goto out;   /* the last run finished */
	{
		char chunk[65536];
		size_t got;

		while (rc == BOBAO_OK && (got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			rc = bb_buf_add(&all, chunk, got);
		fclose(fp);
	}
	/* the journal is ours and written a line at a time: a torn last line
	 * is the only damage it can have, and the parse stops before it */
	if (rc == BOBAO_OK && all.len && all.ptr[all.len - 1] != '\n') {
		char *nl = memrchr(all.ptr, '\n', all.len);

		all.len = nl ? (size_t)(nl - all.ptr) + 1 : 0;
	}
	if (rc != BOBAO_OK ||
	    (rc = fch_state_parse(path.ptr, all.len ? all.ptr : "", all.len, FCH_STATE_JOURNAL,
	                          &lines, e)) != BOBAO_OK)
		goto out;
	for (i = 0; i < lines.n; i++) {
		if (!(tab = strchr(lines.v[i], '\t')))
			continue;
		*tab = '\0';
		if (!strcmp(lines.v[i], "seen"))
			seen_path = tab[1] ? tab + 1 : NULL;
		else
			last = lines.v[i], last_key = tab + 1;
	}
	if ((rc = journal_path(dir, "rundown.tsv", &path)) != BOBAO_OK ||
	    (rc = read_rundown(path.ptr, &rundown)) != BOBAO_OK)
		goto out;
	if (seen_path && fch_state_read(seen_path, FCH_STATE_SEEN, &seen, &ignored) != BOBAO_OK)
		fch_lines_release(&seen);
	if (!last || (rundown_lists(&rundown, last) && (!seen_path || fch_lines_has(&seen, last_key))))
		goto done;   /* it went in place as a whole */
	*rolled_back = 1;
	for (i = 0; i < lines.n; i++) {
		if (!strcmp(lines.v[i], "seen"))
			continue;
		listed += rundown_lists(&rundown, lines.v[i]);
		if ((rc = journal_path(dir, lines.v[i], &path)) != BOBAO_OK)
			goto out;
		if (!strchr(lines.v[i], '/') && unlink(path.ptr) && errno != ENOENT) {
			rc = bb_err_set(e, BOBAO_E_CREATE, "cannot remove '%s' (of a run that did not "
			                "finish): %s", path.ptr, strerror(errno));
			goto out;
		}
	}
	if (listed && ((rc = journal_path(dir, "rundown.tsv", &path)) != BOBAO_OK ||
	               (rc = fch_write_file(path.ptr, "", 0, e)) != BOBAO_OK))
		goto out;
done:
	if ((rc = journal_path(dir, ".journal", &path)) == BOBAO_OK && unlink(path.ptr) &&
	    errno != ENOENT)
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot remove '%s': %s", path.ptr,
		                strerror(errno));
	sync_dir(dir);
out:
	fch_lines_release(&lines);
	fch_lines_release(&rundown);
	fch_lines_release(&seen);
	bb_buf_release(&all);
	bb_buf_release(&path);
	return rc;
}

/* Write all of s and put it on disk. */
static int journal_write(int fd, const char *s)
{
	size_t n = strlen(s);
	ssize_t k;

	while (n) {
		if (bb_fault(BB_FAULT_WRITE)) {
			errno = ENOSPC;
			return -1;
		}
		if ((k = write(fd, s, n)) < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	if (bb_fault(BB_FAULT_FSYNC)) {
		errno = EIO;
		return -1;
	}
	return fdatasync(fd);
}

bobao_code fch_journal_open(const char *dir, const char *seen, int *fd, struct bb_err *e)
{
	struct bb_buf path = BB_BUF_INIT(8192), line = BB_BUF_INIT(FCH_STATE_LINE_MAX);
	bobao_code rc;

	*fd = -1;
	if ((rc = journal_path(dir, ".journal", &path)) != BOBAO_OK ||
	    (rc = bb_buf_addf(&line, "# bobao fetch: a run under way\nseen\t%s\n",
	                      seen ? seen : "")) != BOBAO_OK)
		goto out;
	if ((*fd = open(path.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	                0644)) < 0 ||
	    journal_write(*fd, line.ptr)) {
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot write '%s': %s", path.ptr,
		                strerror(errno));
		if (*fd >= 0) {
			close(*fd);
			*fd = -1;
			unlink(path.ptr);
		}
		goto out;
	}
	sync_dir(dir);
out:
	bb_buf_release(&path);
	bb_buf_release(&line);
	return rc;
}

bobao_code fch_journal_add(int fd, const char *dir, const char *name, const char *key,
                           struct bb_err *e)
{
	struct bb_buf line = BB_BUF_INIT(FCH_STATE_LINE_MAX * 2);
	bobao_code rc = bb_buf_addf(&line, "%s\t%s\n", name, key);

	if (rc == BOBAO_OK && journal_write(fd, line.ptr))
		rc = bb_err_set(e, BOBAO_E_IO, "cannot write '%s/.journal': %s", dir,
		                strerror(errno));
	bb_buf_release(&line);
	return rc;
}

bobao_code fch_journal_close(int fd, const char *dir, struct bb_err *e)
{
	struct bb_buf path = BB_BUF_INIT(8192);
	bobao_code rc;

	if (fd >= 0)
		close(fd);
	if ((rc = journal_path(dir, ".journal", &path)) == BOBAO_OK && unlink(path.ptr) &&
	    errno != ENOENT)
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot remove '%s': %s", path.ptr,
		                strerror(errno));
	if (rc == BOBAO_OK)
		sync_dir(dir);
	bb_buf_release(&path);
	return rc;
}

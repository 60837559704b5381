/*
 * out.c - where and how an output file is written (see bb_out.h).
 *
 * The temporary is an O_TMPFILE where the file system has them: a process
 * killed with SIGKILL then leaves nothing behind, not even a ".NAME.XXXXXX".
 * When complete it is linked under the target's name if that is free, else
 * under a fresh temporary name and renamed over the old file, the one
 * moment a name exists.  Elsewhere mkstemp's ".NAME.XXXXXX" is renamed.
 * Either way the directory is synced after, so the new name survives a
 * power cut as well as the data does.
 */
#ifdef __linux__
#define _GNU_SOURCE   /* O_TMPFILE, AT_EMPTY_PATH, fopencookie() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_out.h"

#define LINKS_MAX 40   /* symbolic links followed, as the kernel's limit */

/* "DIR/" of path (with the slash), as a length. */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) + 1 : 0;
}

/* The folder of path ("." for none), malloc'd; NULL when out of memory. */
static char *dir_of(const char *path)
{
	size_t dir = dir_len(path);
	char *d = bb_malloc(dir + 2);

	if (d)
		snprintf(d, dir + 2, "%.*s", dir ? (int)dir : 1, dir ? path : ".");
	return d;
}

/* *out: path with its last component's symbolic links followed, malloc'd.
 * A link that names a missing file gives that file's path: it is created.
 * 0, or ENOMEM, or ELOOP (too many links, or a link changing under us). */
static int follow(const char *path, char **out)
{
	char *cur = bb_strdup(path), *next, *link = NULL;
	struct stat st;
	ssize_t n;
	size_t dir;
	int i, e = ELOOP;

	for (i = 0; cur && i < LINKS_MAX; i++) {
		if (lstat(cur, &st) || !S_ISLNK(st.st_mode)) {
			free(link);
			*out = cur;
			return 0;
		}
		free(link);
		if (!(link = bb_malloc((size_t)st.st_size + 2))) {
			e = ENOMEM;
			break;
		}
		if ((n = readlink(cur, link, (size_t)st.st_size + 1)) < 0 || n > st.st_size)
			break;
		link[n] = '\0';
		dir = link[0] == '/' ? 0 : dir_len(cur);
		if (!(next = bb_malloc(dir + (size_t)n + 1))) {
			e = ENOMEM;
			break;
		}
		memcpy(next, cur, dir);
		memcpy(next + dir, link, (size_t)n + 1);
		free(cur);
		cur = next;
	}
	free(link);
	free(cur);
	*out = NULL;
	return cur ? e : ENOMEM;
}

/* Would replacing st surprise its owner: no write permission for us by
 * its mode bits?  Root is asked too, unlike access(2), so that a bulletin
 * made read-only stays so under a cron job. */
static int write_protected(const struct stat *st)
{
	if (st->st_uid == geteuid())
		return !(st->st_mode & S_IWUSR);
	if (st->st_gid == getegid())
		return !(st->st_mode & S_IWGRP);
	return !(st->st_mode & S_IWOTH);
}

static bobao_code open_stream(struct bb_out *o, const char *path, struct bb_err *err)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
		if (errno == EINTR)
			return bb_err_set(err, BOBAO_E_INTERRUPTED,
			                  "interrupted while waiting to open '%s'", path);
		return bb_err_set(err, BOBAO_E_CREATE, "cannot open '%s': %s", path,
		                  strerror(errno));
	}
	if (isatty(fd)) {
		close(fd);
		return bb_err_set(err, BOBAO_E_ARG, "'%s' is a terminal: give a file", path);
	}
	o->fd = fd;
	o->stream = 1;
	return BOBAO_OK;
}

/* ".NAME.XXXXXX" beside target. */
static char *temp_name(const char *target)
{
	size_t dir = dir_len(target), n = strlen(target) + 9;
	char *t = bb_malloc(n);

	if (t)
		snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir, target, target + dir);
	return t;
}

static bobao_code open_temp(struct bb_out *o, struct bb_err *err)
{
	int e;

#ifdef O_TMPFILE
	{
		char *d = dir_of(o->target);

		if (!d)
			return BOBAO_E_NOMEM;
		if (bb_fault(BB_FAULT_TMPFILE)) {
			o->fd = -1;
			errno = EOPNOTSUPP;
		} else {
			o->fd = open(d, O_TMPFILE | O_RDWR | O_CLOEXEC, o->private_ ? 0600 : 0666);
		}
		e = errno;
		free(d);
		if (o->fd >= 0) {
			o->anon = 1;
			return BOBAO_OK;
		}
		if (e != EOPNOTSUPP && e != EISDIR && e != EINVAL)
			return bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", o->path,
			                  strerror(e));
	}
#endif
	if (!(o->tmp = temp_name(o->target)))
		return BOBAO_E_NOMEM;
	if ((o->fd = mkstemp(o->tmp)) < 0) {
		e = errno;
		free(o->tmp);
		o->tmp = NULL;
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", o->path,
		                  strerror(e));
	}
	return BOBAO_OK;
}

bobao_code bb_out_open(struct bb_out *o, const char *path, unsigned flags,
                       struct bb_err *err)
{
	struct stat st;
	bobao_code rc;
	int e;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = path;
	o->private_ = !!(flags & BB_OUT_PRIVATE);
	if ((flags & BB_OUT_STDOUT) && !strcmp(path, "-")) {
		if (isatty(STDOUT_FILENO))
			return bb_err_set(err, BOBAO_E_ARG,
			                  "standard output is a terminal: redirect it or give a file");
		o->fd = STDOUT_FILENO;
		o->stream = 1;
		return BOBAO_OK;
	}
	if (!*path)
		return bb_err_set(err, BOBAO_E_ARG, "an empty output file name");
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': is a directory", path);
	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return open_stream(o, path, err);   /* a FIFO, a device: never replaced */
	if ((e = follow(path, &o->target)))
		return e == ENOMEM ? BOBAO_E_NOMEM
		                   : bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", path,
		                                strerror(e));
	if (!lstat(o->target, &st) && !(flags & BB_OUT_FORCE) && write_protected(&st)) {
		rc = bb_err_set(err, BOBAO_E_CREATE,
		                "'%s' is write-protected: not replaced (--force replaces it)", path);
		goto fail;
	}
	if ((rc = open_temp(o, err)) != BOBAO_OK)
		goto fail;
	return BOBAO_OK;
fail:
	free(o->target);
	o->target = NULL;
	return rc;
}

bobao_code bb_out_fail(struct bb_out *o, struct bb_err *err)
{
	return bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", o->path,
	                  strerror(o->err ? o->err : EIO));
}

bobao_code bb_out_write(struct bb_out *o, const void *p, size_t n, struct bb_err *err)
{
	const char *c = p;
	ssize_t k;

	while (n) {
		if (bb_fault(BB_FAULT_WRITE)) {
			k = -1;
			errno = ENOSPC;
		} else {
			k = write(o->fd, c, n);
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (!o->err)
				o->err = k < 0 ? errno : EIO;
			return bb_out_fail(o, err);
		}
		c += k;
		n -= (size_t)k;
		o->pos += (uint64_t)k;
		if (o->pos > o->size)
			o->size = o->pos;
	}
	return BOBAO_OK;
}

int bb_out_seek(struct bb_out *o, uint64_t off)
{
	if (o->stream || off > (uint64_t)INT64_MAX) {
		errno = ESPIPE;
		return -1;
	}
	if (lseek(o->fd, (off_t)off, SEEK_SET) < 0)
		return -1;
	o->pos = off;
	return 0;
}

long bb_out_read(struct bb_out *o, void *p, size_t n)
{
	ssize_t k;

	if (o->stream)
		return 0;
	if ((k = read(o->fd, p, n)) > 0)
		o->pos += (uint64_t)k;
	return (long)k;
}

const char *bb_out_name(struct bb_out *o)
{
	if (o->anon && !o->tmp) {
		if (!(o->tmp = bb_malloc(32)))
			return NULL;
		snprintf(o->tmp, 32, "/proc/self/fd/%d", o->fd);
	}
	o->shared = 1;
	return o->stream ? o->path : o->tmp;
}

/* Give the O_TMPFILE behind o->fd the name to. */
static int link_anon(struct bb_out *o, const char *to)
{
	char proc[32];

	if (bb_fault(BB_FAULT_LINK)) {
		errno = EIO;
		return -1;
	}
#ifdef AT_EMPTY_PATH
	if (!linkat(o->fd, "", AT_FDCWD, to, AT_EMPTY_PATH))
		return 0;
	if (errno != EPERM && errno != ENOENT)   /* ENOENT: unprivileged, older kernels */
		return -1;
#endif
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o->fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
}

/* Link the O_TMPFILE in place: onto the free name, else beside it and
 * renamed over the old file. */
static int place_anon(struct bb_out *o)
{
	static unsigned long seq;
	size_t n = strlen(o->target) + 24, dir = dir_len(o->target);
	char *t;
	int tries, e;

	if (!link_anon(o, o->target))
		return 0;
	if (errno != EEXIST || !(t = bb_malloc(n)))
		return -1;
	for (tries = 0; tries < 100; tries++) {
		snprintf(t, n, "%.*s.%s.%06lx", (int)dir, o->target, o->target + dir,
		         ((unsigned long)getpid() * 2654435761u + (unsigned long)time(NULL) +
		          ++seq * 40503u) & 0xFFFFFF);
		if (!link_anon(o, t))
			break;
		if (errno != EEXIST) {
			free(t);
			return -1;
		}
	}
	if (tries == 100) {
		free(t);
		errno = EEXIST;
		return -1;
	}
	if (bb_fault(BB_FAULT_RENAME) || rename(t, o->target)) {
		e = errno ? errno : EIO;
		unlink(t);
		free(t);
		errno = e;
		return -1;
	}
	free(t);
	return 0;
}

static void sync_dir(const char *target)
{
	char *d = dir_of(target);
	int fd;

	if (!d)
		return;
	if ((fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);   /* not every file system can: a hint */
		close(fd);
	}
	free(d);
}

static void release(struct bb_out *o)
{
	free(o->target);
	free(o->tmp);
	o->target = o->tmp = NULL;
	o->fd = -1;
	o->finished = 0;
}

bobao_code bb_out_finish(struct bb_out *o, struct bb_err *err)
{
	struct stat st;
	bobao_code rc = BOBAO_OK;
	mode_t mask;
	int e = 0;

	if (o->fd < 0 || o->stream || o->finished)
		return BOBAO_OK;
	if (fstat(o->fd, &st))
		e = errno;
	else if (!o->shared && (uint64_t)st.st_size != o->size)
		return bb_err_set(err, BOBAO_E_IO,
		                  "cannot write '%s': %llu bytes written, %llu in the file", o->path,
		                  (unsigned long long)o->size, (unsigned long long)st.st_size);
	if (!e && (bb_fault(BB_FAULT_FSYNC) || fsync(o->fd)))
		e = errno ? errno : EIO;
	if (!e && !o->anon && !o->private_) {
		mask = umask(0);   /* mkstemp's 0600 would hide a bulletin from a web server */
		umask(mask);
		if (fchmod(o->fd, 0666 & ~mask))
			e = errno;
	}
	if (e)
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", o->path, strerror(e));
	o->finished = rc == BOBAO_OK;
	return rc;
}

bobao_code bb_out_commit(struct bb_out *o, struct bb_err *err)
{
	bobao_code rc = BOBAO_OK;

	if (o->fd < 0)
		return BOBAO_OK;
	if (o->stream) {
		if (o->fd != STDOUT_FILENO && close(o->fd) && errno != EINTR)
			rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", o->path,
			                strerror(errno));
		release(o);
		return rc;
	}
	rc = bb_out_finish(o, err);
	if (rc == BOBAO_OK && o->anon && place_anon(o))
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", o->path,
		                strerror(errno));
	if (close(o->fd) && rc == BOBAO_OK && errno != EINTR)
		rc = bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", o->path, strerror(errno));
	o->fd = -1;
	errno = 0;
	if (rc == BOBAO_OK && o->tmp && !o->anon &&
	    (bb_fault(BB_FAULT_RENAME) || rename(o->tmp, o->target)))
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", o->path,
		                strerror(errno ? errno : EIO));
	if (rc != BOBAO_OK && o->tmp && !o->anon)
		unlink(o->tmp);
	if (rc == BOBAO_OK)
		sync_dir(o->target);
	release(o);
	return rc;
}

void bb_out_discard(struct bb_out *o)
{
	if (o->fd >= 0 && o->fd != STDOUT_FILENO)
		close(o->fd);
	if (o->fd >= 0 && o->tmp && !o->anon)
		unlink(o->tmp);
	release(o);
}

FILE *bb_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	size_t n;
	char *t;
	int fd = -1, e;
	FILE *fp;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	if (!bb_fault(BB_FAULT_TMPFILE))
		fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		n = strlen(dir) + 24;
		if (!(t = bb_malloc(n)))
			return NULL;
		snprintf(t, n, "%s/bobao-pass.XXXXXX", dir);
		if ((fd = mkstemp(t)) >= 0)
			unlink(t);
		free(t);
	}
	if (fd < 0)
		return NULL;
	if (!(fp = fdopen(fd, "w+"))) {
		e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

#ifdef __GLIBC__
static ssize_t cookie_write(void *cookie, const char *p, size_t n)
{
	struct bb_out *o = cookie;

	return bb_out_write(o, p, n, NULL) == BOBAO_OK ? (ssize_t)n : -1;
}
#endif

FILE *bb_out_fopen(struct bb_out *o)
{
#ifdef __GLIBC__
	cookie_io_functions_t io = { NULL, cookie_write, NULL, NULL };

	return bb_fault(BB_FAULT_ALLOC) ? NULL : fopencookie(o, "w", io);
#else
	int fd = dup(o->fd);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "w");

	if (!fp && fd >= 0)
		close(fd);
	return fp;
#endif
}

/* The identity of an output path: its file, or where it would be made. */
struct ident {
	dev_t dev;
	ino_t ino;
	const char *name;   /* NULL: an existing file */
	size_t name_len;
};

/* 0 with *id set; 1: nothing to compare (a character device, a path whose
 * folder does not exist); -1: out of memory. */
static int ident_of(const char *path, struct ident *id, char **owned)
{
	struct stat st;
	char *d;
	int e;

	*owned = NULL;
	if (!stat(path, &st)) {
		if (S_ISCHR(st.st_mode))
			return 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->name = NULL;
		return 0;
	}
	if ((e = follow(path, owned)))
		return e == ENOMEM ? -1 : 1;
	if (!(d = dir_of(*owned)))
		return -1;
	if (stat(d, &st)) {
		free(d);
		return 1;
	}
	free(d);
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	id->name = *owned + dir_len(*owned);
	id->name_len = strlen(id->name);
	return 0;
}

int bb_same_file(const char *path, const char *other)
{
	struct ident a, b;
	char *oa = NULL, *ob = NULL;
	int same = 0, ra, rb;

	if (!path || !other)
		return 0;
	if (!strcmp(path, "-") || !strcmp(other, "-"))
		return !strcmp(path, other);
	ra = ident_of(path, &a, &oa);
	rb = ra ? 1 : ident_of(other, &b, &ob);
	if (ra < 0 || rb < 0)
		same = -1;
	else if (!ra && !rb)
		same = a.dev == b.dev && a.ino == b.ino && !a.name == !b.name &&
		       (!a.name || (a.name_len == b.name_len && !memcmp(a.name, b.name, a.name_len)));
	free(oa);
	free(ob);
	return same;
}

/*
 * publish.c - the files of one run go in place together or not at all
 * (see bb_publish.h).
 *
 * The one place that knows the order: everything is finished before
 * anything goes in place, the sidecars go before the bulletin (a listener
 * who finds the new bulletin finds its new subtitles), and what went in
 * place is taken back when a later file fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_publish.h"

void bb_publish_init(struct bb_publish *p)
{
	memset(p, 0, sizeof(*p));
}

struct bb_out *bb_publish_stage(struct bb_publish *p, struct bb_out *o, unsigned flags,
                                struct bb_err *err)
{
	struct bb_out *s;

	if (p->n == BB_PUBLISH_MAX) {
		bb_out_discard(o);
		bb_err_set(err, BOBAO_E_INTERNAL, "too many output files");
		return NULL;
	}
	s = &p->out[p->n];
	*s = *o;
	p->flags[p->n] = flags;
	p->kept[p->n] = -1;
	p->created[p->n] = 0;
	p->n++;
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	return s;
}

void bb_publish_drop(struct bb_publish *p, struct bb_out *o)
{
	size_t i = (size_t)(o - p->out);

	if (i >= p->n)
		return;
	bb_out_discard(o);
	memmove(&p->out[i], &p->out[i + 1], (p->n - i - 1) * sizeof(p->out[0]));
	memmove(&p->flags[i], &p->flags[i + 1], (p->n - i - 1) * sizeof(p->flags[0]));
	memmove(&p->kept[i], &p->kept[i + 1], (p->n - i - 1) * sizeof(p->kept[0]));
	memmove(&p->created[i], &p->created[i + 1], (p->n - i - 1) * sizeof(p->created[0]));
	p->n--;
}

/* Before o goes in place: is there a file it replaces (kept open, to be
 * put back), or none (to be removed)? */
static void remember(struct bb_publish *p, size_t i)
{
	const char *path = p->out[i].path;
	struct stat st;

	if (p->out[i].stream)
		return;
	if (lstat(path, &st))
		p->created[i] = 1;
	else if (!stat(path, &st) && S_ISREG(st.st_mode))
		p->kept[i] = open(path, O_RDONLY | O_CLOEXEC);
}

/* Put back the file fd holds (still open, though replaced) at path,
 * unless path still is that file.  Best effort: nothing can be said of a
 * failure here but the one that made it necessary. */
static void put_back(const char *path, int fd)
{
	struct stat was, now;
	struct bb_out o;
	char buf[1 << 16];
	bobao_code rc = BOBAO_OK;
	ssize_t n = 0;

	if (fstat(fd, &was) ||
	    (!stat(path, &now) && now.st_dev == was.st_dev && now.st_ino == was.st_ino) ||
	    lseek(fd, 0, SEEK_SET) || bb_out_open(&o, path, BB_OUT_FORCE, NULL) != BOBAO_OK)
		return;
	while (rc == BOBAO_OK && (n = read(fd, buf, sizeof(buf))) > 0)
		rc = bb_out_write(&o, buf, (size_t)n, NULL);
	if (rc == BOBAO_OK && !n)
		bb_out_commit(&o, NULL);
	else
		bb_out_discard(&o);
}

/* Take back what went in place, newest first. */
static void take_back(struct bb_publish *p, const size_t *order, size_t done)
{
	while (done--) {
		size_t i = order[done];

		if (p->created[i])
			unlink(p->out[i].path);
		else if (p->kept[i] >= 0)
			put_back(p->out[i].path, p->kept[i]);
	}
}

bobao_code bb_publish_commit(struct bb_publish *p, struct bb_err *err)
{
	size_t order[BB_PUBLISH_MAX], k = 0, i;
	bobao_code rc = BOBAO_OK;
	int last;

	for (i = 0; i < p->n && rc == BOBAO_OK; i++)
		rc = bb_out_finish(&p->out[i], err);
	if (rc != BOBAO_OK)
		return rc;
	for (last = 0; last < 2; last++)
		for (i = 0; i < p->n; i++)
			if (!(p->flags[i] & BB_PUBLISH_LAST) == !last)
				order[k++] = i;
	for (k = 0; k < p->n; k++) {
		i = order[k];
		if (!(p->flags[i] & BB_PUBLISH_LAST))
			remember(p, i);
		if ((rc = bb_out_commit(&p->out[i], err)) != BOBAO_OK) {
			take_back(p, order, k);
			return rc;
		}
	}
	return BOBAO_OK;
}

void bb_publish_release(struct bb_publish *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		bb_out_discard(&p->out[i]);   /* nothing for a committed one */
		if (p->kept[i] >= 0)
			close(p->kept[i]);
		p->kept[i] = -1;
	}
	p->n = 0;
}

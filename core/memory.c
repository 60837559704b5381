/*
 * memory.c - articles held in memory read into a bulletin:
 * bobao_render_text(), and the private temporary files it and the spoken
 * programme (intro, outro) go through.
 *
 * bobao_render() reads its inputs by path, twice (the pre-check, then the
 * walk) and, with jobs, from worker processes: a text in memory is written
 * once to a file only its owner may read, rendered as any article, and
 * removed before the call returns.  Messages name the text as the caller
 * named it, never the temporary file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

bobao_code core_temp_file(struct bobao *b, const char *what, char **path, FILE **fp)
{
	const char *dir = getenv("TMPDIR");
	size_t len;
	int fd, e;

	*fp = NULL;
	if (!dir || !*dir)
		dir = "/tmp";
	len = strlen(dir) + strlen(what) + 16;
	if (!(*path = bb_malloc(len)))
		return BOBAO_E_NOMEM;
	snprintf(*path, len, "%s/bobao-%s.XXXXXX", dir, what);
	if ((fd = mkstemp(*path)) < 0 || !(*fp = fdopen(fd, "w"))) {   /* mode 0600 */
		e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(*path);
		}
		free(*path);
		*path = NULL;
		return bb_err_set(&b->err, BOBAO_E_IO, "cannot create a temporary file in '%s': %s",
		                  dir, strerror(e));
	}
	return BOBAO_OK;
}

/* The message with every mention of the temporary path as the text's name. */
static void rename_in_message(struct bb_err *err, const char *path, const char *name)
{
	char out[BB_ERR_MAX];
	const char *p = err->msg, *hit;
	size_t used = 0, plen = strlen(path), k;

	while ((hit = strstr(p, path))) {
		k = (size_t)(hit - p);
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%.*s%s", (int)k, p, name);
		if (used >= sizeof(out) - 1)
			break;
		p = hit + plen;
	}
	if (p == err->msg)
		return;
	if (used < sizeof(out) - 1)
		snprintf(out + used, sizeof(out) - used, "%s", p);
	memcpy(err->msg, out, sizeof(out));
}

bobao_code bobao_render_text(bobao *b, const char *const *texts, const char *const *names,
                             size_t n, const struct bobao_output *out)
{
	char **paths = NULL, label[32];
	FILE *fp;
	size_t i, len;
	bobao_code rc = BOBAO_OK;

	bb_err_clear(&b->err);
	if (!n || !texts)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG, "no text to render"));
	if (!(paths = calloc(n, sizeof(*paths))))
		return core_fail(b, BOBAO_E_NOMEM);
	for (i = 0; i < n && rc == BOBAO_OK; i++) {
		if (!texts[i]) {
			rc = bb_err_set(&b->err, BOBAO_E_ARG, "text %zu is NULL", i + 1);
			break;
		}
		if ((rc = core_temp_file(b, "text", &paths[i], &fp)) != BOBAO_OK)
			break;
		len = strlen(texts[i]);
		if ((len && fwrite(texts[i], 1, len, fp) != len) | ferror(fp) | fclose(fp))
			rc = bb_err_set(&b->err, BOBAO_E_IO, "cannot write a temporary file '%s'",
			                paths[i]);
	}
	if (rc == BOBAO_OK)
		rc = bobao_render(b, (const char *const *)paths, n, out);
	for (i = 0; i < n; i++) {
		if (!paths[i])
			continue;
		if (rc != BOBAO_OK) {
			snprintf(label, sizeof(label), "text %zu", i + 1);
			rename_in_message(&b->err, paths[i], names && names[i] ? names[i] : label);
		}
		unlink(paths[i]);
		free(paths[i]);
	}
	free(paths);
	return core_fail(b, rc);
}

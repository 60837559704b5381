/*
 * outputs.c - refuse a run whose outputs would land on its inputs or on
 * each other, before anything is read or written.
 *
 * "synth a.txt -o a.txt" would replace the article with its own bulletin;
 * "--subtitles x.vtt --report x.vtt" would leave one of the two.  Files are
 * compared by device and inode with symbolic links followed (bb_same_file),
 * so another name for the same file is caught too.  Every file the run
 * writes takes part, the derived ones included: the page's captions, and
 * every file= of a file driver (a repeated driver option is refused: libao
 * would write to the last one given).
 */
#include <stdlib.h>
#include <string.h>

#include "bb_out.h"
#include "core.h"
#include "side.h"

struct named {
	const char *path;
	const char *what;
};

/* Refuse a driver option given twice: libao takes the last, so a second
 * file= would escape the checks made on the first. */
static bobao_code repeated_option(struct bobao *b, const struct bobao_output *out)
{
	const char *const *o, *const *p;
	size_t key;

	for (o = out->driver_options; o && *o; o++) {
		key = strcspn(*o, "=");
		for (p = o + 1; *p; p++)
			if (!strncmp(*o, *p, key) && (*p)[key] == '=' && (*o)[key] == '=')
				return bb_err_set(&b->err, BOBAO_E_ARG,
				                  "driver option '%.*s' is given twice ('%s', '%s')",
				                  (int)key, *o, *o, *p);
	}
	return BOBAO_OK;
}

/* The file= option of a file driver, or NULL (only one may be given). */
static const char *driver_file(const struct bobao_output *out)
{
	const char *const *o;

	for (o = out->driver_options; o && *o; o++)
		if (!strncmp(*o, "file=", 5))
			return *o + 5;
	return NULL;
}

/* Does output w land on path?  -1 (out of memory) counts as yes and is
 * told apart by the caller. */
#define LANDS(w, path) (same = bb_same_file((w), (path))) != 0

bobao_code core_check_outputs(struct bobao *b, const char *const *inputs, size_t n,
                              const struct bobao_output *out, const char *positions)
{
	int same = 0;
	struct named w[7], r[5];
	size_t nw = 0, nr = 0, i, k;
	const char *const *p;
	char *captions = NULL;
	bobao_code rc;

	if ((rc = repeated_option(b, out)) != BOBAO_OK ||
	    (rc = side_cues_captions_path(out, &captions, &b->err)) != BOBAO_OK)
		return rc;
	if (out->kind == BOBAO_OUTPUT_FILE)
		w[nw++] = (struct named){ out->path, "the bulletin" };
	else
		w[nw++] = (struct named){ driver_file(out), "the player's file" };
	w[nw++] = (struct named){ out->subtitles, "the subtitles" };
	w[nw++] = (struct named){ out->chapters, "the chapters" };
	w[nw++] = (struct named){ out->report, "the report" };
	w[nw++] = (struct named){ out->html, "the web page" };
	w[nw++] = (struct named){ captions, "the web page's captions" };
	w[nw++] = (struct named){ positions, "the positions file" };
	r[nr++] = (struct named){ out->jingle_before, "a jingle" };
	r[nr++] = (struct named){ out->jingle_between, "a jingle" };
	r[nr++] = (struct named){ out->jingle_after, "a jingle" };
	r[nr++] = (struct named){ out->bed, "the music bed" };
	for (i = 0; i < nw; i++) {
		if (!w[i].path)
			continue;
		for (k = i + 1; k < nw; k++)
			if (LANDS(w[i].path, w[k].path)) {
				rc = same < 0 ? BOBAO_E_NOMEM : bb_err_set(&b->err, BOBAO_E_ARG,
				                "'%s' would be both %s and %s", w[k].path, w[i].what,
				                w[k].what);
				goto out;
			}
		for (k = 0; k < n; k++)
			if (strcmp(inputs[k], "-") && LANDS(w[i].path, inputs[k]))
				goto clash;
		for (k = 0; k < nr; k++)
			if (LANDS(w[i].path, r[k].path))
				goto clash;
		for (p = out->reads; p && *p; p++)
			if (LANDS(w[i].path, *p))
				goto clash;
		for (k = 0; k < b->n_lexicons; k++)
			if (LANDS(w[i].path, b->lexicons[k]))
				goto clash;
		continue;
clash:
		rc = same < 0 ? BOBAO_E_NOMEM : bb_err_set(&b->err, BOBAO_E_ARG,
		                "'%s' is read by this run: it cannot also be %s", w[i].path,
		                w[i].what);
		goto out;
	}
out:
	free(captions);
	return rc;
}

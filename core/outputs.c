/*
 * outputs.c - refuse a run whose outputs would land on its inputs or on
 * each other, before anything is read or written.
 *
 * "synth a.txt -o a.txt" would replace the article with its own bulletin;
 * "--subtitles x.vtt --report x.vtt" would leave one of the two.  Files are
 * compared by device and inode with symbolic links followed (bb_same_file),
 * so another name for the same file is caught too.
 */
#include <string.h>

#include "bb_out.h"
#include "core.h"

struct named {
	const char *path;
	const char *what;
};

/* The file= option of a file driver, or NULL. */
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
                              const struct bobao_output *out)
{
	int same = 0;
	struct named w[5], r[4];
	size_t nw = 0, nr = 0, i, k;
	const char *const *p;

	if (out->kind == BOBAO_OUTPUT_FILE)
		w[nw++] = (struct named){ out->path, "the bulletin" };
	else
		w[nw++] = (struct named){ driver_file(out), "the player's file" };
	w[nw++] = (struct named){ out->subtitles, "the subtitles" };
	w[nw++] = (struct named){ out->chapters, "the chapters" };
	w[nw++] = (struct named){ out->report, "the report" };
	r[nr++] = (struct named){ out->jingle_before, "a jingle" };
	r[nr++] = (struct named){ out->jingle_between, "a jingle" };
	r[nr++] = (struct named){ out->jingle_after, "a jingle" };
	for (i = 0; i < nw; i++) {
		if (!w[i].path)
			continue;
		for (k = i + 1; k < nw; k++)
			if (LANDS(w[i].path, w[k].path))
				return same < 0 ? BOBAO_E_NOMEM : bb_err_set(&b->err, BOBAO_E_ARG,
				                  "'%s' is given for both %s and %s", w[k].path, w[i].what,
				                  w[k].what);
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
		if (same < 0)
			return BOBAO_E_NOMEM;
		return bb_err_set(&b->err, BOBAO_E_ARG,
		                  "'%s' is read by this run: it cannot also be %s", w[i].path,
		                  w[i].what);
	}
	return BOBAO_OK;
}

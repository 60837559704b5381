/*
 * rundown.h - the --rundown file: the articles of a bulletin, one a line.
 *
 *     PATH
 *     PATH<TAB>TITLE
 *     PATH<TAB>TITLE<TAB>MARKS
 *
 * MARKS are words apart by spaces or commas: "1" or "2", the presenter
 * who reads the item (--presenters), and "bed", the music bed under it
 * (--bed).  The title may be empty then.
 *
 * Blank lines and lines whose first non-blank character is '#' are
 * skipped; spaces around the path and the title are dropped; a relative
 * path is taken from the rundown's folder ("-", standard input: the
 * current one).  The title names the article's chapter and must be UTF-8.
 *
 * A line is read whole up to RUNDOWN_LINE_MAX bytes; a longer one, a NUL
 * byte, a title without a path or not in UTF-8 is an error naming the
 * file and line, status 65 (EX_DATAERR).  Part of the tool, not of
 * libbobao: plain C, no output of its own, so that it can be fuzzed
 * (tests/fuzz/fuzz_rundown.c) and unit-tested.
 */
#ifndef RUNDOWN_H
#define RUNDOWN_H

#include <stddef.h>

#define RUNDOWN_LINE_MAX 65536            /* bytes in one line */
#define RUNDOWN_FILE_MAX (16u << 20)      /* bytes in the file */
#define RUNDOWN_MSG_MAX 512

struct cli_rundown {
	char **paths;      /* n paths, each allocated */
	char **titles;     /* n titles, NULL where a line has none */
	unsigned *items;   /* n sets of enum bobao_item flags (MARKS) */
	size_t n;
	char msg[RUNDOWN_MSG_MAX];   /* why the last call failed */
};

#define RUNDOWN_INIT { NULL, NULL, NULL, 0, "" }

/* Parse text[0..len) (any bytes) read from the file named name into r,
 * appending.  Relative paths get the folder part of name in front.
 * Returns 0, 65 for a bad line, 71 out of memory; r->msg says why, as
 * "NAME:LINE: what" (the caller adds the program's name). */
int cli_rundown_parse(struct cli_rundown *r, const char *name, const char *text, size_t len);

/* Read and parse the file at path ("-": standard input), any kind of file,
 * read once.  Returns 0, 65 (a bad line, no article, too large), 66 (cannot
 * open, a directory), 71 or 74 (a read error); r->msg says why. */
int cli_rundown_read(struct cli_rundown *r, const char *path);

/* Free what r holds; r can be parsed into again. */
void cli_rundown_release(struct cli_rundown *r);

#endif /* RUNDOWN_H */

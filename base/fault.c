/* fault.c - allocation wrappers and the fault-injection hook (see bb.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb.h"

void *bb_malloc(size_t n)
{
	return bb_fault(BB_FAULT_ALLOC) ? NULL : malloc(n ? n : 1);
}

void *bb_calloc(size_t n, size_t size)
{
	return bb_fault(BB_FAULT_ALLOC) ? NULL : calloc(n ? n : 1, size ? size : 1);
}

char *bb_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = bb_malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

#ifdef BB_FAULTS
static const char *const kinds[BB_FAULT_TMPFILE] = {
	"alloc", "write", "fsync", "rename", "link"
};

/* BOBAO_FAULT: "KIND:N", "notmpfile", or "notmpfile,KIND:N". */
static void parse(const char *env, int *want, long *n, int *no_tmpfile)
{
	const char *colon;
	size_t len;
	int i;

	if (!strncmp(env, "notmpfile", 9)) {
		*no_tmpfile = 1;
		env += env[9] == ',' ? 10 : 9;
	}
	if (!(colon = strchr(env, ':')))
		return;
	len = (size_t)(colon - env);
	for (i = 0; i < BB_FAULT_TMPFILE; i++)
		if (strlen(kinds[i]) == len && !strncmp(env, kinds[i], len))
			*want = i;
	*n = atol(colon + 1);
}

static pid_t owner;
static long calls[BB_FAULT_TMPFILE];

/* BOBAO_FAULT_COUNT=FILE: how many calls of each kind the run made, so
 * that a test knows how far to go. */
static void write_counts(void)
{
	const char *path = getenv("BOBAO_FAULT_COUNT");
	FILE *fp;
	int i;

	if (getpid() != owner || !path || !(fp = fopen(path, "w")))
		return;
	for (i = 0; i < BB_FAULT_TMPFILE; i++)
		fprintf(fp, "%s=%ld\n", kinds[i], calls[i]);
	fclose(fp);
}

int bb_fault(enum bb_fault_kind kind)
{
	static int want = -1, no_tmpfile;
	static long n;
	const char *env;

	if (!owner) {
		owner = getpid();
		if ((env = getenv("BOBAO_FAULT")))
			parse(env, &want, &n, &no_tmpfile);
		if (getenv("BOBAO_FAULT_COUNT"))
			atexit(write_counts);
	}
	if (getpid() != owner)
		return 0;
	if (kind == BB_FAULT_TMPFILE)
		return no_tmpfile;
	if (++calls[kind] != n || (int)kind != want)
		return 0;
	errno = kind == BB_FAULT_ALLOC ? ENOMEM : kind == BB_FAULT_WRITE ? ENOSPC : EIO;
	return 1;
}
#endif

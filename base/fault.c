/* fault.c - allocation wrappers and the fault-injection hook (see bb.h). */
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
static const char *const kinds[BB_FAULT__COUNT] = {
	"alloc", "write", "fsync", "rename", "link", "notmpfile"
};

int bb_fault(enum bb_fault_kind kind)
{
	static pid_t owner;
	static int want = -1;
	static long n, count;
	const char *env, *colon;
	int i;

	if (!owner) {
		owner = getpid();
		env = getenv("BOBAO_FAULT");
		colon = env ? strchr(env, ':') : NULL;
		for (i = 0; env && i < BB_FAULT__COUNT; i++)
			if (!strncmp(env, kinds[i], colon ? (size_t)(colon - env) : strlen(env)) &&
			    strlen(kinds[i]) == (colon ? (size_t)(colon - env) : strlen(env)))
				want = i;
		n = colon ? atol(colon + 1) : 0;
	}
	if ((int)kind != want || getpid() != owner)
		return 0;
	if (kind == BB_FAULT_TMPFILE)
		return 1;
	return ++count == n;
}
#endif

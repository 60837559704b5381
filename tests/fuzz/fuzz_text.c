/*
 * fuzz_text.c - the text path through the public API: bytes in a file ->
 * encoding detection, decoding, cleaning (annotations), sentences, breath
 * groups, numbers, readings -> bobao_read_text()'s pieces.
 *
 * The first byte picks the flags and the encoding; the rest is the file,
 * kept in memory (memfd) and named by its /proc/self/fd path, so the
 * library reads it as it reads any regular file.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bobao.h"
#include "fuzz.h"

static bobao *b;
static int fd = -1;
static char path[64];
static struct bobao_options opt[4];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const enc[4] = { "auto", "utf-8", "gb18030", "big5" };
	int i;

	(void)argc;
	(void)argv;
	if (bobao_new(&b) != BOBAO_OK || (fd = memfd_create("fuzz_text", 0)) < 0)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	for (i = 0; i < 4; i++) {
		bobao_options_init(&opt[i]);
		opt[i].encoding = enc[i];
	}
	return 0;
}

/* Every string of every piece is read whole: ASan sees a bad one. */
static int piece(void *ctx, const struct bobao_text *t)
{
	size_t *n = ctx;

	FUZZ_ASSERT(t->text && t->speech && t->input);
	FUZZ_ASSERT(t->line >= 1);
	*n += strlen(t->text) + strlen(t->speech) + (t->annotated ? strlen(t->annotated) : 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned flags[4] = {
		BOBAO_TEXT_SENTENCES, BOBAO_TEXT_UNITS, BOBAO_TEXT_PER_LINE,
		BOBAO_TEXT_UNITS | BOBAO_TEXT_ANNOTATE
	};
	const char *in[1] = { path };
	unsigned how = size ? data[0] : 0;
	size_t n = 0;
	bobao_code rc;

	if (size) {
		data++;
		size--;
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (bobao_set_options(b, &opt[how >> 2 & 3]) != BOBAO_OK)
		abort();
	rc = bobao_read_text(b, in, 1, flags[how & 3], piece, &n);
	/* bad input is an error with a message, never a crash */
	FUZZ_ASSERT(rc == BOBAO_OK || bobao_errmsg(b)[0]);
	FUZZ_ASSERT(rc != BOBAO_E_INTERNAL && rc != BOBAO_E_NOMEM);
	return 0;
}

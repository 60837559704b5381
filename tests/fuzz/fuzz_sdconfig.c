/*
 * fuzz_sdconfig.c - libFuzzer target: bobao.conf as sd_bobao reads it
 * (speechd/config.c, sd_config_parse()), any bytes.  Nothing may crash,
 * leak or read out of bounds, and what comes out must be usable: pauses
 * -1 (bobao's) or 0..60000 ms, at most SD_LEXICONS_MAX lexicon paths, each
 * a non-empty line of its own without NUL or newline; the same input read
 * twice gives the same settings.  sd_note() is the module's log: here it
 * only checks that a message is one line.
 *
 * Self-contained: it includes the module's source.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

#include "../../speechd/config.c"

void sd_note(int level, const char *fmt, ...)
{
	char msg[8192];
	va_list ap;

	FUZZ_ASSERT(level >= 1);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	FUZZ_ASSERT(!strchr(msg, '\n'));
}

static void check(const struct sd_config *c)
{
	size_t i, n;

	FUZZ_ASSERT(c->breath >= -1 && c->breath <= 60000);
	FUZZ_ASSERT(c->sentence >= -1 && c->sentence <= 60000);
	FUZZ_ASSERT(c->paragraph >= -1 && c->paragraph <= 60000);
	FUZZ_ASSERT(c->n_lexicons <= SD_LEXICONS_MAX);
	for (i = 0; i < c->n_lexicons; i++) {
		FUZZ_ASSERT(c->lexicons[i]);
		n = strlen(c->lexicons[i]);
		FUZZ_ASSERT(n > 0 && n <= SD_CONFIG_LINE_MAX);
		FUZZ_ASSERT(!strchr(c->lexicons[i], '\n'));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_config a, b;
	size_t i;

	sd_config_init(&a);
	sd_config_init(&b);
	sd_config_parse(&a, (const char *)data, size, "bobao.conf");
	sd_config_parse(&b, (const char *)data, size, "bobao.conf");
	check(&a);
	FUZZ_ASSERT(a.breath == b.breath && a.sentence == b.sentence &&
	            a.paragraph == b.paragraph && a.n_lexicons == b.n_lexicons);
	for (i = 0; i < a.n_lexicons; i++)
		FUZZ_ASSERT(!strcmp(a.lexicons[i], b.lexicons[i]));
	sd_config_release(&a);
	sd_config_release(&b);
	FUZZ_ASSERT(a.n_lexicons == 0);
	return 0;
}

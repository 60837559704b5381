/* fuzz_positions.c - the player's positions reader (player/positions.c) on
 * any bytes: a file either parses whole or is refused with its name and a
 * line that exists, and what parses is a position (1 <= sentence <=
 * sentences) that fits a line when written back. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "plr.h"

#define NAME "state/positions"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plr_position e[PLR_POSITIONS_MAX];
	struct bb_err err = { { 0 } };
	const char *in = (const char *)data;
	size_t n = 99, i, lines = 1, line;
	bobao_code rc = plr_positions_parse(in, size, NAME, e, &n, &err);
	char buf[PLR_LINE_MAX + 2];

	for (i = 0; i < size; i++)
		lines += in[i] == '\n';
	if (rc != BOBAO_OK) {
		FUZZ_ASSERT(rc == (memchr(in, '\0', size) ? BOBAO_E_BINARY : BOBAO_E_ENCODING));
		FUZZ_ASSERT(!strncmp(err.msg, NAME ":", sizeof(NAME)));
		FUZZ_ASSERT(sscanf(err.msg + sizeof(NAME), "%zu", &line) == 1);
		FUZZ_ASSERT(line >= 1 && line <= lines);
		FUZZ_ASSERT(n == 0);
		return 0;
	}
	FUZZ_ASSERT(!err.msg[0]);
	FUZZ_ASSERT(n <= PLR_POSITIONS_MAX);
	/* every line a position: as many as lines (a final newline ends the
	 * last), the first PLR_POSITIONS_MAX kept */
	if (size && in[size - 1] == '\n')
		lines--;
	FUZZ_ASSERT(n == (size ? (lines < PLR_POSITIONS_MAX ? lines : PLR_POSITIONS_MAX) : 0));
	for (i = 0; i < n; i++) {
		int k = snprintf(buf, sizeof(buf), "%016" PRIx64 "\t%lu\t%lu\t%lld", e[i].hash,
		                 e[i].sentence, e[i].sentences, e[i].when);

		FUZZ_ASSERT(e[i].sentence >= 1 && e[i].sentence <= e[i].sentences);
		FUZZ_ASSERT(k > 0 && (size_t)k < sizeof(buf));
		(void)k;
	}
	return 0;
}

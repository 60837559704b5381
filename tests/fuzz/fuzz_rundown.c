/* fuzz_rundown.c - the --rundown parser (cli/rundown.c) on any bytes. */
#include <string.h>

#include "fuzz.h"
#include "cli_rundown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_rundown r = RUNDOWN_INIT;
	int st = cli_rundown_parse(&r, "news/list.txt", (const char *)data, size);
	size_t i, k;

	FUZZ_ASSERT(st == 0 || st == 65 || st == 71);
	FUZZ_ASSERT(st == 0 ? !r.msg[0] : !strncmp(r.msg, "news/list.txt:", 14) || st == 71);
	for (i = 0; i < r.n; i++) {
		const char *p = r.paths[i];

		/* a path: never empty, never cut, no control characters */
		FUZZ_ASSERT(p[0] == '/' || (!strncmp(p, "news/", 5) && p[5]));
		for (k = 0; p[k]; k++)
			FUZZ_ASSERT((unsigned char)p[k] >= 0x20 && p[k] != 0x7F);
		FUZZ_ASSERT(k <= RUNDOWN_LINE_MAX + 5);
		FUZZ_ASSERT(p[k - 1] != ' ' && p[k - 1] != '\t');
		if (r.titles[i])
			FUZZ_ASSERT(r.titles[i][0] && !strchr(r.titles[i], '\t'));
	}
	cli_rundown_release(&r);
	return 0;
}

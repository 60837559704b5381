/*
 * replay.c - run a fuzz target over files without libFuzzer, so that make
 * check replays every corpus (crash regressions included) under gcc's
 * ASan and UBSan.
 *
 *   replay_NAME FILE|DIR...     exit 0 when every input ran
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, alloc = 0, k;

	if (!fp) {
		perror(path);
		return 1;
	}
	do {
		if (len == alloc) {
			char *g = realloc(buf, (alloc = alloc ? alloc * 2 : 4096));

			if (!g) {
				fclose(fp);
				free(buf);
				return 1;
			}
			buf = g;
		}
		len += (k = fread(buf + len, 1, alloc - len, fp));
	} while (k);
	fclose(fp);
	/* a copy of exactly len bytes: ASan sees reads past the end */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact) {
			free(buf);
			return 1;
		}
		memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0, n = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		struct dirent *e;
		char path[4096];

		if (!d) {
			bad |= run_file(argv[i]);
			n++;
			continue;
		}
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			bad |= run_file(path);
			n++;
		}
		closedir(d);
	}
	printf("replayed %d inputs\n", n);
	return bad;
}

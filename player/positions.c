/* positions.c - where the listener stopped, per text (see plr.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_out.h"
#include "plr.h"

uint64_t plr_hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct entry {
	uint64_t hash;
	unsigned long sentence, sentences;
	long long when;
};

static int parse(const char *line, struct entry *e)
{
	char *end;

	errno = 0;
	e->hash = strtoull(line, &end, 16);
	if (end == line || *end != '\t')
		return -1;
	e->sentence = strtoul(end + 1, &end, 10);
	if (*end != '\t')
		return -1;
	e->sentences = strtoul(end + 1, &end, 10);
	if (*end != '\t')
		return -1;
	e->when = strtoll(end + 1, &end, 10);
	if ((*end && *end != '\n') || errno || !e->sentence || e->sentence > e->sentences)
		return -1;
	return 0;
}

/* The entries of the file, newest first, at most PLR_POSITIONS_MAX. */
static size_t load(const char *path, struct entry *out)
{
	FILE *fp = fopen(path, "r");
	char line[PLR_LINE_MAX];
	size_t n = 0;

	if (!fp)
		return 0;
	while (n < PLR_POSITIONS_MAX && fgets(line, sizeof(line), fp)) {
		if (!strchr(line, '\n') && !feof(fp)) {   /* too long: skip the rest */
			int c;

			while ((c = getc(fp)) != EOF && c != '\n')
				;
			continue;
		}
		if (!parse(line, &out[n]))
			n++;
	}
	fclose(fp);
	return n;
}

unsigned long plr_position_get(const char *path, uint64_t hash, unsigned long *sentences)
{
	struct entry e[PLR_POSITIONS_MAX];
	size_t n = load(path, e), i;

	for (i = 0; i < n; i++)
		if (e[i].hash == hash) {
			if (sentences)
				*sentences = e[i].sentences;
			return e[i].sentence;
		}
	return 0;
}

/* mkdir -p of the folder of path, 0700 (a state folder is private). */
static int make_dirs(const char *path)
{
	char dir[4096];
	size_t i, n;

	n = strlen(path);
	if (n >= sizeof(dir))
		return -1;
	memcpy(dir, path, n + 1);
	while (n && dir[n - 1] != '/')
		n--;
	if (n <= 1)
		return 0;
	dir[n - 1] = '\0';
	for (i = 1; i <= n - 1; i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		dir[i] = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			return -1;
		if (i < n - 1)
			dir[i] = '/';
	}
	return 0;
}

bobao_code plr_position_put(const char *path, uint64_t hash, unsigned long sentence,
                            unsigned long sentences, struct bb_err *err)
{
	struct entry e[PLR_POSITIONS_MAX];
	struct bb_out o;
	size_t n, i, kept = 0;
	FILE *fp;
	bobao_code rc;

	n = load(path, e);
	if (make_dirs(path))
		return bb_err_set(err, BOBAO_E_CREATE, "cannot create the folder of '%s': %s", path,
		                  strerror(errno));
	/* replaced whole like every file bobao writes (base/out.c), private */
	if ((rc = bb_out_open(&o, path, BB_OUT_FORCE | BB_OUT_PRIVATE, err)) != BOBAO_OK)
		return rc;
	if (!(fp = bb_out_fopen(&o))) {
		bb_out_discard(&o);
		return BOBAO_E_NOMEM;
	}
	if (sentence) {
		fprintf(fp, "%016" PRIx64 "\t%lu\t%lu\t%lld\n", hash, sentence, sentences,
		        (long long)time(NULL));
		kept++;
	}
	for (i = 0; i < n && kept < PLR_POSITIONS_MAX; i++) {
		if (e[i].hash == hash)
			continue;
		fprintf(fp, "%016" PRIx64 "\t%lu\t%lu\t%lld\n", e[i].hash, e[i].sentence,
		        e[i].sentences, e[i].when);
		kept++;
	}
	if ((fflush(fp) || ferror(fp)) | fclose(fp)) {
		rc = bb_out_fail(&o, err);
		bb_out_discard(&o);
		return rc;
	}
	return bb_out_commit(&o, err);
}

/*
 * audiostat - read audio back for the end-to-end tests (libsndfile).
 *
 *   audiostat FILE [THRESHOLD [MIN_GAP_MS]]
 *       rate=, channels=, frames=, seconds=, format=, lead_in_ms=,
 *       lead_out_ms=, then gaps_ms= listing every quiet stretch of at least
 *       MIN_GAP_MS (default 250) between audible samples, in order, and
 *       runs_ms= the stretches of sound between them, START-END.
 *       A sample is audible above THRESHOLD (default 200, bobao's own).
 *   audiostat --tags FILE       title=, artist=, date=
 *   audiostat --compare A B     exit 0 when A and B hold the same samples
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

static SNDFILE *open_read(const char *path, SF_INFO *info)
{
	SNDFILE *sf;

	memset(info, 0, sizeof(*info));
	if (!(sf = sf_open(path, SFM_READ, info))) {
		fprintf(stderr, "audiostat: cannot open '%s': %s\n", path, sf_strerror(NULL));
		exit(2);
	}
	return sf;
}

static int tags(const char *path)
{
	SF_INFO info;
	SNDFILE *sf = open_read(path, &info);
	const char *s;

	printf("title=%s\n", (s = sf_get_string(sf, SF_STR_TITLE)) ? s : "");
	printf("artist=%s\n", (s = sf_get_string(sf, SF_STR_ARTIST)) ? s : "");
	printf("date=%s\n", (s = sf_get_string(sf, SF_STR_DATE)) ? s : "");
	sf_close(sf);
	return 0;
}

static int compare(const char *a, const char *b)
{
	SF_INFO ia, ib;
	SNDFILE *fa = open_read(a, &ia), *fb = open_read(b, &ib);
	short x[4096], y[4096];
	sf_count_t n, m, pos = 0, i;

	if (ia.channels != ib.channels || ia.samplerate != ib.samplerate ||
	    ia.frames != ib.frames) {
		printf("differ: %d/%d channels, %d/%d Hz, %lld/%lld frames\n", ia.channels,
		       ib.channels, ia.samplerate, ib.samplerate, (long long)ia.frames,
		       (long long)ib.frames);
		return 1;
	}
	while ((n = sf_read_short(fa, x, 4096)) > 0) {
		m = sf_read_short(fb, y, n);
		for (i = 0; i < n; i++)
			if (i >= m || x[i] != y[i]) {
				printf("differ: at sample %lld\n", (long long)(pos + i));
				return 1;
			}
		pos += n;
	}
	printf("same: %lld samples\n", (long long)pos);
	sf_close(fa);
	sf_close(fb);
	return 0;
}

int main(int argc, char **argv)
{
	SF_INFO info;
	SNDFILE *sf;
	double thr = 200, min_ms = 250;
	short buf[4096];
	sf_count_t n, i, pos = 0, first = -1, last = -1, run_start = 0, n_runs = 0;
	static sf_count_t runs[4096][2];
	SF_FORMAT_INFO fi;

	if (argc == 3 && !strcmp(argv[1], "--tags"))
		return tags(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--compare"))
		return compare(argv[2], argv[3]);
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: audiostat FILE [THRESHOLD [MIN_GAP_MS]]\n");
		return 2;
	}
	if (argc > 2)
		thr = atof(argv[2]);
	if (argc > 3)
		min_ms = atof(argv[3]);
	sf = open_read(argv[1], &info);
	fi.format = info.format & SF_FORMAT_TYPEMASK;
	sf_command(NULL, SFC_GET_FORMAT_INFO, &fi, sizeof(fi));
	printf("rate=%d\nchannels=%d\nframes=%lld\nseconds=%.3f\nformat=%s\n",
	       info.samplerate, info.channels, (long long)info.frames,
	       (double)info.frames / info.samplerate, fi.extension ? fi.extension : "?");
	printf("gaps_ms=");
	/* first channel only: bobao writes mono */
	while ((n = sf_readf_short(sf, buf, 4096 / info.channels)) > 0) {
		for (i = 0; i < n; i++, pos++) {
			if (fabs((double)buf[i * info.channels]) <= thr)
				continue;
			if (first < 0) {
				first = pos;
				run_start = pos;
			} else if ((double)(pos - last - 1) * 1000.0 / info.samplerate >= min_ms) {
				printf("%.1f ", (double)(pos - last - 1) * 1000.0 / info.samplerate);
				if (n_runs < 4096)
					runs[n_runs][0] = run_start, runs[n_runs++][1] = last + 1;
				run_start = pos;
			}
			last = pos;
		}
	}
	if (first >= 0 && n_runs < 4096)
		runs[n_runs][0] = run_start, runs[n_runs++][1] = last + 1;
	printf("\nruns_ms=");
	for (i = 0; i < n_runs; i++)
		printf("%.1f-%.1f ", runs[i][0] * 1000.0 / info.samplerate,
		       runs[i][1] * 1000.0 / info.samplerate);
	printf("\nlead_in_ms=%.1f\nlead_out_ms=%.1f\n",
	       first < 0 ? 0 : (double)first * 1000.0 / info.samplerate,
	       last < 0 ? 0 : (double)(pos - 1 - last) * 1000.0 / info.samplerate);
	sf_close(sf);
	return 0;
}

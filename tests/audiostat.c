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
 *   audiostat --f0 FILE FROM TO median pitch (Hz) of the voiced 40 ms frames
 *       between FROM and TO seconds, by normalised autocorrelation:
 *       f0=, voiced= (frames)
 *   audiostat --bed MIX SPEECH  the bed in MIX, MIX less SPEECH (the same
 *       bulletin without it), sample for sample: under_db= its level under
 *       speech (inside SPEECH's runs that have it, 100 ms in on), gap_db=
 *       its level between items (the loudest 50 ms of the gaps of 1 s or
 *       more),
 *       duck_db= their difference, step= the largest change from one
 *       sample to the next (where the mix did not clip), peak= the bed's
 *       largest sample
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

/* The first channel of path, whole, as doubles; *n samples at *rate. */
static double *read_all(const char *path, sf_count_t *n, int *rate)
{
	SF_INFO info;
	SNDFILE *sf = open_read(path, &info);
	double *x = malloc(sizeof(*x) * (size_t)(info.frames + 1)), buf[4096];
	sf_count_t k, i;

	if (!x) {
		fprintf(stderr, "audiostat: out of memory\n");
		exit(2);
	}
	*n = 0;
	while ((k = sf_readf_double(sf, buf, 4096 / info.channels)) > 0)
		for (i = 0; i < k && *n < info.frames; i++)
			x[(*n)++] = buf[i * info.channels] * 32768;
	*rate = info.samplerate;
	sf_close(sf);
	return x;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int f0(const char *path, double from, double to)
{
	sf_count_t n, a, b, t, lag, i;
	int rate;
	double *x = read_all(path, &n, &rate), *f, best, e0, e1, r, c;
	size_t nf = 0, win, hop;

	win = (size_t)rate * 40 / 1000;
	hop = (size_t)rate * 10 / 1000;
	a = (sf_count_t)(from * rate);
	b = (sf_count_t)(to * rate);
	if (b > n)
		b = n;
	f = malloc(sizeof(*f) * (size_t)(n / (sf_count_t)hop + 1));
	for (t = a; f && t + (sf_count_t)win + rate / 70 < b; t += (sf_count_t)hop) {
		sf_count_t lo = rate / 400, hi = rate / 70, at = 0;

		for (e0 = 0, i = 0; i < (sf_count_t)win; i++)
			e0 += x[t + i] * x[t + i];
		if (sqrt(e0 / (double)win) < 500)   /* not voiced enough to measure */
			continue;
		for (best = 0, lag = lo; lag <= hi; lag++) {
			for (c = e1 = 0, i = 0; i < (sf_count_t)win; i++) {
				c += x[t + i] * x[t + i + lag];
				e1 += x[t + i + lag] * x[t + i + lag];
			}
			r = c / sqrt(e0 * e1 + 1e-9);
			if (r > best)
				best = r, at = lag;
		}
		if (best > 0.7)
			f[nf++] = (double)rate / (double)at;
	}
	if (f && nf)
		qsort(f, nf, sizeof(*f), by_value);
	printf("f0=%.1f\nvoiced=%zu\n", nf ? f[nf / 2] : 0.0, nf);
	free(f);
	free(x);
	return 0;
}

/* The bed's level over x[a..b): mean square, or the loudest 50 ms. */
static double level(const double *x, sf_count_t a, sf_count_t b, int rate, int loudest)
{
	sf_count_t win = rate / 20, k, j;
	double w, most = 0, sum = 0;

	if (!loudest) {
		for (j = a; j < b; j++)
			sum += x[j] * x[j];
		return b > a ? sum / (double)(b - a) : 0;
	}
	for (k = a; k + win <= b; k += win / 5) {
		for (w = 0, j = k; j < k + win; j++)
			w += x[j] * x[j];
		if (w / (double)win > most)
			most = w / (double)win;
	}
	return most;
}

static int bed(const char *mix_path, const char *speech_path)
{
	sf_count_t n, m, i, first = -1, last = -1, start = 0, gap = 0;
	int rate, rate2;
	double *mix = read_all(mix_path, &n, &rate), *sp = read_all(speech_path, &m, &rate2);
	double under = 0, between = 0, step = 0, peak = 0, d;
	sf_count_t n_under = 0, min_gap;

	if (n != m || rate != rate2) {
		printf("differ: %lld/%lld samples, %d/%d Hz\n", (long long)n, (long long)m, rate,
		       rate2);
		return 1;
	}
	for (i = 0; i < n; i++)   /* the bed alone; where the mix clipped, nothing */
		mix[i] = fabs(mix[i]) >= 32767 ? NAN : mix[i] - sp[i];
	for (i = 1; i < n; i++) {
		if (isnan(mix[i])) {
			mix[i] = mix[i - 1];
			continue;
		}
		if ((d = fabs(mix[i] - mix[i - 1])) > step)
			step = d;
		if (fabs(mix[i]) > peak)
			peak = fabs(mix[i]);
	}
	/* runs of speech as the plain audiostat finds them (gaps of 250 ms);
	 * under: 100 ms into each run on; between: gaps of 1 s and more */
	min_gap = rate / 4;
	for (i = 0; i <= n; i++) {
		if (i < n && fabs(sp[i]) <= 200)
			continue;
		if (first < 0) {
			first = start = i;
		} else if (i == n || i - last - 1 >= min_gap) {
			d = last + 1 > start + rate / 10
			            ? level(mix, start + rate / 10, last + 1, rate, 0) : 0;
			if (d > 1) {   /* a run with the bed under it */
				under += d * (double)(last + 1 - start - rate / 10);
				n_under += last + 1 - start - rate / 10;
			}
			if (i < n && (gap = i - last - 1) >= rate &&
			    (d = level(mix, last + 1, i, rate, 1)) > between)
				between = d;
			start = i;
		}
		if (i < n)
			last = i;
	}
	under = n_under ? 10 * log10(under / (double)n_under + 1e-9) : -200;
	between = between > 0 ? 10 * log10(between) : -200;
	printf("under_db=%.2f\ngap_db=%.2f\nduck_db=%.2f\nstep=%.1f\npeak=%.1f\n",
	       under, between, between - under, step, peak);
	free(mix);
	free(sp);
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
	if (argc == 5 && !strcmp(argv[1], "--f0"))
		return f0(argv[2], atof(argv[3]), atof(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "--bed"))
		return bed(argv[2], argv[3]);
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

/*
 * lexicon.c - words and their readings.
 *
 * A hash table from a sequence of Han characters (simplified) to one
 * reading per character.  One-character entries are default readings that
 * override the Unihan table; longer ones are words, found by longest match.
 * Entries come from the built-in lexicon (the data/ files, compiled in) and from
 * user files; a user entry replaces a built-in one, a later user entry an
 * earlier one.
 *
 * File formats, one entry a line; '#' starts a comment line:
 *   词<TAB>ci2                          bobao's own (data/lexicon.tsv)
 *   傳統 传统 [chuan2 tong3] /.../       CC-CEDICT: the simplified form is
 *                                        taken; lines with anything but Han
 *                                        characters in it are skipped
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "seg.h"

#define LEX_WORD_MAX 16
#define LEX_ENTRIES_MAX (4u << 20)    /* entries: CC-CEDICT has ~120k */
#define LEX_LINE_MAX 4096

struct entry {
	uint32_t off;      /* into pool and readings */
	uint32_t next;     /* next entry in the bucket, +1; 0 ends */
	uint8_t len;
	uint8_t user;
};

struct seg_lexicon {
	uint32_t *pool;            /* the words' characters */
	seg_reading_t *readings;   /* one per character, parallel to pool */
	size_t pool_len, pool_alloc, readings_alloc;
	struct entry *entries;
	size_t n, alloc;
	uint32_t *buckets;         /* entry index + 1; 0: empty */
	size_t nbuckets;           /* a power of two */
	size_t maxlen;
	uint64_t prefix[1024];     /* bit hash & 0xFFFF: a prefix of some entry */
};

static uint32_t hash(const uint32_t *w, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= w[i];
		h *= 16777619u;
	}
	return h;
}

static struct entry *find(const struct seg_lexicon *lx, const uint32_t *w, size_t n)
{
	uint32_t k;

	if (!lx->nbuckets)
		return NULL;
	for (k = lx->buckets[hash(w, n) & (lx->nbuckets - 1)]; k; k = lx->entries[k - 1].next) {
		struct entry *e = &lx->entries[k - 1];

		if (e->len == n && !memcmp(lx->pool + e->off, w, n * sizeof(*w)))
			return e;
	}
	return NULL;
}

static bobao_code rehash(struct seg_lexicon *lx)
{
	size_t size = lx->nbuckets ? lx->nbuckets * 2 : 1024, i;
	uint32_t *b = calloc(size, sizeof(*b));

	if (!b)
		return BOBAO_E_NOMEM;
	free(lx->buckets);
	lx->buckets = b;
	lx->nbuckets = size;
	for (i = 0; i < lx->n; i++) {
		struct entry *e = &lx->entries[i];
		uint32_t h = hash(lx->pool + e->off, e->len) & (uint32_t)(size - 1);

		e->next = b[h];
		b[h] = (uint32_t)i + 1;
	}
	return BOBAO_OK;
}

static bobao_code grow(void **p, size_t *alloc, size_t need, size_t elem)
{
	size_t size = *alloc ? *alloc : 1024;
	void *q;

	if (need <= *alloc)
		return BOBAO_OK;
	while (size < need)
		size *= 2;
	if (!(q = realloc(*p, size * elem)))
		return BOBAO_E_NOMEM;
	*p = q;
	*alloc = size;
	return BOBAO_OK;
}

bobao_code seg_lexicon_add(struct seg_lexicon *lx, const uint32_t *w, size_t n,
                           const seg_reading_t *r, int user)
{
	struct entry *e;
	bobao_code rc;
	size_t k;

	if (!n || n > LEX_WORD_MAX)
		return BOBAO_E_ARG;
	if ((e = find(lx, w, n))) {
		if (user || !e->user) {
			memcpy(lx->readings + e->off, r, n * sizeof(*r));
			e->user = (uint8_t)(user || e->user);
		}
		return BOBAO_OK;
	}
	if (lx->n >= LEX_ENTRIES_MAX)
		return BOBAO_E_TOOLONG;
	if ((rc = grow((void **)&lx->pool, &lx->pool_alloc, lx->pool_len + n, sizeof(*w))) ||
	    (rc = grow((void **)&lx->readings, &lx->readings_alloc, lx->pool_len + n,
	               sizeof(*r))) ||
	    (rc = grow((void **)&lx->entries, &lx->alloc, lx->n + 1, sizeof(*e))))
		return rc;
	memcpy(lx->pool + lx->pool_len, w, n * sizeof(*w));
	memcpy(lx->readings + lx->pool_len, r, n * sizeof(*r));
	e = &lx->entries[lx->n];
	e->off = (uint32_t)lx->pool_len;
	e->len = (uint8_t)n;
	e->user = (uint8_t)user;
	lx->pool_len += n;
	lx->n++;
	if (n > lx->maxlen)
		lx->maxlen = n;
	for (k = 2; k <= n; k++) {
		uint32_t h = hash(w, k) & 0xFFFF;

		lx->prefix[h >> 6] |= (uint64_t)1 << (h & 63);
	}
	if (lx->n > lx->nbuckets / 2)
		return rehash(lx);
	e->next = lx->buckets[hash(w, n) & (lx->nbuckets - 1)];
	lx->buckets[hash(w, n) & (lx->nbuckets - 1)] = (uint32_t)lx->n;
	return BOBAO_OK;
}

size_t seg_lexicon_match(const struct seg_lexicon *lx, const uint32_t *s, size_t n,
                         size_t min, seg_reading_t *out)
{
	size_t len = n < lx->maxlen ? n : lx->maxlen;
	struct entry *e;

	for (; len >= min && len > 0; len--) {
		if ((e = find(lx, s, len))) {
			memcpy(out, lx->readings + e->off, len * sizeof(*out));
			return len;
		}
	}
	return 0;
}

int seg_lexicon_get(const struct seg_lexicon *lx, const uint32_t *s, size_t n,
                    seg_reading_t *out)
{
	struct entry *e;

	if (!seg_lexicon_prefix(lx, s, n) || !(e = find(lx, s, n)))
		return 0;
	memcpy(out, lx->readings + e->off, n * sizeof(*out));
	return e->user ? 2 : 1;
}

int seg_lexicon_prefix(const struct seg_lexicon *lx, const uint32_t *s, size_t n)
{
	uint32_t h;

	if (n < 2)
		return n <= lx->maxlen;
	h = hash(s, n) & 0xFFFF;
	return n <= lx->maxlen && (lx->prefix[h >> 6] >> (h & 63) & 1);
}

size_t seg_lexicon_maxlen(const struct seg_lexicon *lx)
{
	return lx->maxlen;
}

size_t seg_lexicon_size(const struct seg_lexicon *lx)
{
	return lx->n;
}

/* One line of a lexicon file into the table.  Returns BOBAO_OK, or
 * BOBAO_E_ENCODING with *why set when the line is malformed. */
static bobao_code line(struct seg_lexicon *lx, const char *s, size_t n, int user,
                       const char **why)
{
	uint32_t w[LEX_WORD_MAX + 1], py[LEX_LINE_MAX];
	seg_reading_t r[LEX_WORD_MAX];
	struct bb_u32 cps = BB_U32_INIT(LEX_LINE_MAX);
	struct seg_pos pos;
	size_t i, nw = 0, np = 0, a;
	int cedict, k;
	bobao_code rc;

	if ((rc = seg_decode(s, n, &cps, &pos)) != BOBAO_OK) {
		bb_u32_release(&cps);
		if (rc != BOBAO_E_ENCODING && rc != BOBAO_E_BINARY)
			return rc;   /* out of memory: not the line's fault */
		*why = rc == BOBAO_E_ENCODING ? "invalid UTF-8" : "control character";
		return BOBAO_E_ENCODING;
	}
	rc = BOBAO_OK;
	for (i = 0; i < cps.len && cps.v[i] == ' '; i++)
		;
	if (i == cps.len || cps.v[i] == '#')
		goto out;
	cedict = !memchr(s, '\t', n) && memchr(s, '[', n);
	if (cedict) {
		/* TRAD SIMP [pin1 yin1] /gloss/: the second field */
		for (; i < cps.len && cps.v[i] != ' '; i++)
			;
		for (; i < cps.len && cps.v[i] == ' '; i++)
			;
	}
	for (; i < cps.len && cps.v[i] != '\t' && cps.v[i] != ' '; i++)
		if (nw < LEX_WORD_MAX + 1)
			w[nw++] = cps.v[i];
	if (cedict) {
		for (; i < cps.len && cps.v[i] != '['; i++)
			;
		for (i++; i < cps.len && cps.v[i] != ']' && np < LEX_LINE_MAX; i++) {
			uint32_t c = cps.v[i];

			if (c == ':' && np && py[np - 1] == 'u')
				py[np - 1] = 'v';             /* lu:4 -> lv4 */
			else
				py[np++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
		}
		for (a = 0; a < nw; a++)
			if (!seg_is_han(w[a]))
				goto out;                     /* "A型", "3C": not ours */
	} else {
		for (; i < cps.len && (cps.v[i] == '\t' || cps.v[i] == ' '); i++)
			;
		for (; i < cps.len && np < LEX_LINE_MAX; i++)
			py[np++] = cps.v[i];
		while (np && py[np - 1] == ' ')
			np--;
	}
	if (!nw || nw > LEX_WORD_MAX) {
		*why = nw ? "word longer than 16 characters" : "no word";
		rc = BOBAO_E_ENCODING;
		goto out;
	}
	for (a = 0; a < nw; a++) {
		if (!seg_is_han(w[a])) {
			*why = "the word must be Han characters only";
			rc = BOBAO_E_ENCODING;
			goto out;
		}
	}
	k = seg_parse_pinyin(py, np, r, LEX_WORD_MAX);
	if (k < 0) {
		*why = np ? "not pinyin with tone digits or marks" : "no reading";
		rc = cedict ? BOBAO_OK : BOBAO_E_ENCODING;   /* CEDICT's oddities: skip */
		goto out;
	}
	if ((size_t)k != nw) {
		*why = "one syllable per character needed";
		rc = cedict ? BOBAO_OK : BOBAO_E_ENCODING;
		goto out;
	}
	rc = seg_lexicon_add(lx, w, nw, r, user);
out:
	bb_u32_release(&cps);
	return rc;
}

bobao_code seg_lexicon_parse(struct seg_lexicon *lx, const char *text, size_t n,
                             const char *name, int user, struct bb_err *err)
{
	unsigned long lineno = 0;
	const char *end = text + n, *nl, *next, *why = "";
	bobao_code rc = BOBAO_OK;

	/* every turn moves past one line, whatever it ends with: a last line
	 * of a bare CR once stood still here for ever */
	for (; text < end && rc == BOBAO_OK; text = next) {
		size_t len;

		nl = memchr(text, '\n', (size_t)(end - text));
		len = nl ? (size_t)(nl - text) : (size_t)(end - text);
		next = nl ? nl + 1 : end;
		lineno++;
		if (len && text[len - 1] == '\r')
			len--;
		if (lineno == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
			text += 3;
			len -= 3;
		}
		if (len > LEX_LINE_MAX)
			return bb_err_set(err, BOBAO_E_ENCODING, "%s:%lu: line too long", name, lineno);
		rc = line(lx, text, len, user, &why);
		if (rc == BOBAO_E_ENCODING)
			return bb_err_set(err, rc, "%s:%lu: %s", name, lineno, why);
	}
	return rc;
}

bobao_code seg_lexicon_load(struct seg_lexicon *lx, const char *path, struct bb_err *err)
{
	struct bb_buf text = BB_BUF_INIT(256u << 20);
	char block[65536];
	size_t k;
	bobao_code rc = BOBAO_OK;
	FILE *fp = fopen(path, "rb");

	struct stat st;

	if (!fp && errno == EINTR)   /* a signal while waiting for a FIFO's writer */
		return bb_err_set(err, BOBAO_E_INTERRUPTED, "interrupted; no output written");
	if (!fp)
		return bb_err_set(err, BOBAO_E_NOINPUT, "cannot open lexicon '%s': %s", path,
		                  strerror(errno));
	if (!fstat(fileno(fp), &st) && S_ISDIR(st.st_mode)) {
		fclose(fp);
		return bb_err_set(err, BOBAO_E_NOINPUT, "cannot read lexicon '%s': is a directory",
		                  path);
	}
	while (rc == BOBAO_OK && (k = fread(block, 1, sizeof(block), fp)) > 0)
		rc = bb_buf_add(&text, block, k);
	if (rc == BOBAO_OK && ferror(fp))
		rc = bb_err_set(err, BOBAO_E_IO, "cannot read lexicon '%s': %s", path,
		                strerror(errno));
	fclose(fp);
	if (rc == BOBAO_E_TOOLONG)
		rc = bb_err_set(err, rc, "lexicon '%s' is larger than 256 MiB", path);
	if (rc == BOBAO_OK)
		rc = seg_lexicon_parse(lx, bb_buf_str(&text), text.len, path, 1, err);
	bb_buf_release(&text);
	return rc;
}

bobao_code seg_lexicon_new(struct seg_lexicon **out, struct bb_err *err)
{
	return seg_lexicon_new_from(out, seg_builtin_lexicons, err);
}

bobao_code seg_lexicon_new_from(struct seg_lexicon **out, const struct seg_builtin *files,
                                struct bb_err *err)
{
	struct seg_lexicon *lx = calloc(1, sizeof(*lx));
	bobao_code rc;
	size_t i;

	*out = NULL;
	if (!lx)
		return BOBAO_E_NOMEM;
	for (i = 0, rc = BOBAO_OK; files[i].name && rc == BOBAO_OK; i++)
		rc = seg_lexicon_parse(lx, files[i].text, strlen(files[i].text), files[i].name, 0,
		                       err);
	if (rc != BOBAO_OK) {
		seg_lexicon_free(lx);
		return rc;
	}
	*out = lx;
	return BOBAO_OK;
}

void seg_lexicon_free(struct seg_lexicon *lx)
{
	if (!lx)
		return;
	free(lx->pool);
	free(lx->readings);
	free(lx->entries);
	free(lx->buckets);
	free(lx);
}

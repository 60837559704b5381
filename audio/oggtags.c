/*
 * oggtags.c - add comments to an Ogg Vorbis or Opus file, such as the
 * CHAPTER001=00:00:00.300 / CHAPTER001NAME=... chapter comments, which
 * libsndfile cannot write.
 *
 * The comment header (the second packet: "\3vorbis" or "OpusTags") is
 * rebuilt with the new comments after the old; the header pages are
 * written again, and every audio page is copied as it is, with its page
 * number moved and its checksum set again (both mappings end the headers
 * on a page of their own, so no page mixes them with audio).  The copy
 * goes to another output (a temporary that then takes the file's place).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ogg/ogg.h>

#include "aud.h"
#include "bb_out.h"

static void put32(struct bb_buf *b, uint32_t v, bobao_code *rc)
{
	unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
	                       (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	if (*rc == BOBAO_OK)
		*rc = bb_buf_add(b, c, 4);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The comment packet p (n bytes) with comments appended, into out. */
static bobao_code rebuild(const unsigned char *p, size_t n, const char *const *comments,
                          size_t count, struct bb_buf *out)
{
	size_t magic = p[0] == 3 ? 7 : 8, i = magic, k;   /* "\3vorbis" or "OpusTags" */
	uint32_t len, old;
	bobao_code rc = BOBAO_OK;

	if (n < magic + 8)
		return BOBAO_E_AUDIO;
	len = get32(p + i);
	if (len > n - i - 8)
		return BOBAO_E_AUDIO;
	i += 4 + len;
	old = get32(p + i);
	rc = bb_buf_add(out, p, i);                        /* magic and vendor */
	put32(out, old + (uint32_t)count, &rc);
	for (i += 4, k = 0; k < old && rc == BOBAO_OK; k++) {   /* the old ones */
		if (i + 4 > n || (len = get32(p + i)) > n - i - 4)
			return BOBAO_E_AUDIO;
		rc = bb_buf_add(out, p + i, 4 + len);
		i += 4 + len;
	}
	for (k = 0; k < count && rc == BOBAO_OK; k++) {
		put32(out, (uint32_t)strlen(comments[k]), &rc);
		if (rc == BOBAO_OK)
			rc = bb_buf_add(out, comments[k], strlen(comments[k]));
	}
	if (rc == BOBAO_OK && magic == 7)
		rc = bb_buf_addch(out, 1);                      /* Vorbis framing bit */
	return rc;
}

static bobao_code write_page(struct bb_out *dst, const ogg_page *pg, struct bb_err *err)
{
	bobao_code rc = bb_out_write(dst, pg->header, (size_t)pg->header_len, err);

	return rc == BOBAO_OK ? bb_out_write(dst, pg->body, (size_t)pg->body_len, err) : rc;
}

bobao_code aud_ogg_comments(struct bb_out *src, struct bb_out *dst,
                            const char *const *comments, size_t count, struct bb_err *err)
{
	const char *path = dst->path;
	ogg_sync_state sync;
	ogg_stream_state in, out;
	ogg_page pg;
	ogg_packet pk;
	struct bb_buf tags = BB_BUF_INIT(16u << 20);
	long got = 0;
	int serial = -1, packets = 0, headers = 3, in_init = 0, out_init = 0, in_headers = 1;
	long first_audio = -1, moved = 0;   /* audio page numbers: old first, new first */
	bobao_code rc = BOBAO_OK;

	ogg_sync_init(&sync);
	for (;;) {
		char *buf;

		while (ogg_sync_pageout(&sync, &pg) == 1) {
			if (serial < 0) {
				serial = ogg_page_serialno(&pg);
				ogg_stream_init(&in, serial);
				ogg_stream_init(&out, serial);
				in_init = out_init = 1;
			}
			if (in_headers) {
				/* take the header packets, the comments rebuilt */
				ogg_stream_pagein(&in, &pg);
				while (ogg_stream_packetout(&in, &pk) == 1) {
					if (packets == 0)   /* Vorbis: 3 headers; Opus: 2 */
						headers = pk.bytes > 0 && pk.packet[0] == 1 ? 3 : 2;
					if (packets == 1) {
						if ((rc = rebuild(pk.packet, (size_t)pk.bytes, comments, count,
						                  &tags)) != BOBAO_OK) {
							rc = bb_err_set(err, rc, "'%s': not an Ogg Vorbis or Opus file",
							                path);
							goto out;
						}
						pk.packet = (unsigned char *)tags.ptr;
						pk.bytes = (long)tags.len;
					}
					ogg_stream_packetin(&out, &pk);
					if (++packets == 1 || packets == headers) {
						while (ogg_stream_flush(&out, &pg) > 0)
							if ((rc = write_page(dst, &pg, err)) != BOBAO_OK)
								goto out;
						if (packets == headers) {
							in_headers = 0;   /* what comes next is audio */
							moved = out.pageno;
						}
					}
				}
				continue;
			}
			/* an audio page: the same bytes, a new page number */
			if (first_audio < 0)
				first_audio = ogg_page_pageno(&pg);
			if (ogg_page_serialno(&pg) == serial) {
				unsigned char *h = pg.header;
				long no = moved + ogg_page_pageno(&pg) - first_audio;

				h[18] = (unsigned char)no;
				h[19] = (unsigned char)(no >> 8);
				h[20] = (unsigned char)(no >> 16);
				h[21] = (unsigned char)(no >> 24);
				ogg_page_checksum_set(&pg);
			}
			if ((rc = write_page(dst, &pg, err)) != BOBAO_OK)
				goto out;
		}
		if (!(buf = ogg_sync_buffer(&sync, 65536))) {
			rc = BOBAO_E_NOMEM;
			goto out;
		}
		if ((got = bb_out_read(src, buf, 65536)) <= 0)
			break;
		ogg_sync_wrote(&sync, got);
	}
	if (got < 0) {
		rc = bb_err_set(err, BOBAO_E_IO, "cannot read back '%s': %s", path, strerror(errno));
		goto out;
	}
	if (in_headers)
		rc = bb_err_set(err, BOBAO_E_AUDIO, "cannot read the Ogg headers of '%s'", path);
out:
	if (in_init)
		ogg_stream_clear(&in);
	if (out_init)
		ogg_stream_clear(&out);
	ogg_sync_clear(&sync);
	bb_buf_release(&tags);
	return rc;
}

bobao_code aud_ogg_comments_read(const char *path, struct bb_buf *out)
{
	ogg_sync_state sync;
	ogg_stream_state st;
	ogg_page pg;
	ogg_packet pk;
	FILE *fp = fopen(path, "rb");
	int packets = 0, init = 0, done = 0;
	size_t total = 0;
	bobao_code rc = BOBAO_OK;

	if (!fp)
		return BOBAO_E_NOINPUT;
	ogg_sync_init(&sync);
	/* the comment packet is the second: within the first megabytes */
	while (!done && total < (4u << 20)) {
		char *buf = ogg_sync_buffer(&sync, 4096);
		size_t n = buf ? fread(buf, 1, 4096, fp) : 0;

		if (!n)
			break;
		total += n;
		ogg_sync_wrote(&sync, (long)n);
		while (!done && ogg_sync_pageout(&sync, &pg) == 1) {
			if (!init) {
				ogg_stream_init(&st, ogg_page_serialno(&pg));
				init = 1;
			}
			if (ogg_stream_pagein(&st, &pg))
				continue;   /* another stream's page */
			while (!done && ogg_stream_packetout(&st, &pk) == 1) {
				const unsigned char *p = pk.packet;
				size_t len = (size_t)pk.bytes, i, magic, k;
				uint32_t count, l;

				if (++packets < 2)
					continue;
				done = 1;
				magic = len >= 7 && !memcmp(p, "\3vorbis", 7) ? 7 :
				        len >= 8 && !memcmp(p, "OpusTags", 8) ? 8 : 0;
				if (!magic || len < magic + 8 || (l = get32(p + magic)) > len - magic - 8) {
					rc = BOBAO_E_AUDIO;
					break;
				}
				i = magic + 4 + l;
				count = get32(p + i);
				for (i += 4, k = 0; k < count && rc == BOBAO_OK; k++) {
					if (i + 4 > len || (l = get32(p + i)) > len - i - 4) {
						rc = BOBAO_E_AUDIO;
						break;
					}
					if ((rc = bb_buf_add(out, p + i + 4, l)) == BOBAO_OK)
						rc = bb_buf_addch(out, '\0');
					i += 4 + l;
				}
			}
		}
	}
	if (init)
		ogg_stream_clear(&st);
	ogg_sync_clear(&sync);
	fclose(fp);
	return rc == BOBAO_OK && !done ? BOBAO_E_AUDIO : rc;
}

/*
 * icecast.h - a source connection to an Icecast 2 mount (internal to
 * audio/, used by the stream sink).
 *
 *     struct aud_ice c = AUD_ICE_INIT;
 *     rc = aud_ice_parse(&c, "icecast://source:pw@host:8000/news.ogg", NULL, &err);
 *     rc = aud_ice_open(&c, &params, AUD_ICE_OGG, &err);
 *     rc = aud_ice_send(&c, bytes, n, &err);     // BOBAO_E_UNAVAILABLE: lost
 *     aud_ice_close(&c);                          // the mount is free at once
 *     aud_ice_release(&c);                        // always
 */
#ifndef AUD_ICECAST_H
#define AUD_ICECAST_H

#include "aud.h"

enum aud_ice_format { AUD_ICE_OGG, AUD_ICE_MP3 };

struct aud_ice {
	void *shout;             /* shout_t *, NULL: not connected */
	char *host, *user, *password, *mount;
	int port;
	char where[320];         /* "host:port/mount", for messages */
};
#define AUD_ICE_INIT { NULL, NULL, NULL, NULL, NULL, 0, "" }

/* Split url (icecast:// or http://; USER source and PORT 8000 by default;
 * %XX escapes in USER and PASSWORD) into c; password, if not NULL, wins
 * over the URL's.  BOBAO_E_ARG with the reason when it is no such URL. */
bobao_code aud_ice_parse(struct aud_ice *c, const char *url, const char *password,
                         struct bb_err *err);
/* Connect as the mount's source.  BOBAO_E_DENIED: wrong user or password;
 * BOBAO_E_BUSY: the mount has a source; BOBAO_E_UNAVAILABLE: no server. */
bobao_code aud_ice_open(struct aud_ice *c, const struct aud_params *p,
                        enum aud_ice_format fmt, struct bb_err *err);
/* Send encoded bytes; BOBAO_E_UNAVAILABLE when the connection is lost. */
bobao_code aud_ice_send(struct aud_ice *c, const void *data, size_t n, struct bb_err *err);
/* MP3: the stream's title, as Icecast's metadata update. */
bobao_code aud_ice_title(struct aud_ice *c, const char *title, struct bb_err *err);
/* Close the connection, if any, at once. */
void aud_ice_close(struct aud_ice *c);
void aud_ice_release(struct aud_ice *c);

#endif /* AUD_ICECAST_H */

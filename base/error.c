/* error.c - names and exit statuses of bobao_code. */
#include "bb.h"

static const struct {
	const char *msg;
	int status;   /* sysexits.h */
} codes[BOBAO_E__COUNT] = {
	[BOBAO_OK]            = { "no error", 0 },
	[BOBAO_E_NOMEM]       = { "out of memory", 71 },
	[BOBAO_E_ARG]         = { "invalid argument", 64 },
	[BOBAO_E_VOICE]       = { "unknown or unusable voice", 64 },
	[BOBAO_E_FORMAT]      = { "unknown or unsupported output format", 64 },
	[BOBAO_E_NOINPUT]     = { "input missing or unreadable", 66 },
	[BOBAO_E_ENCODING]    = { "input is not valid UTF-8", 65 },
	[BOBAO_E_BINARY]      = { "input holds binary data", 65 },
	[BOBAO_E_EMPTY]       = { "input holds no text to read", 65 },
	[BOBAO_E_TOOLONG]     = { "input paragraph too long", 65 },
	[BOBAO_E_AUDIO]       = { "audio file cannot be decoded", 65 },
	[BOBAO_E_CREATE]      = { "output cannot be created", 73 },
	[BOBAO_E_IO]          = { "input/output error", 74 },
	[BOBAO_E_ENGINE]      = { "speech engine failed", 69 },
	[BOBAO_E_DEVICE]      = { "no usable audio device", 69 },
	[BOBAO_E_INTERRUPTED] = { "interrupted", 130 },
	[BOBAO_E_INTERNAL]    = { "internal error", 70 },
	[BOBAO_E_UNAVAILABLE] = { "source or server cannot be reached", 69 },
	[BOBAO_E_PARTIAL]     = { "some sources cannot be fetched", 75 },
	[BOBAO_E_DENIED]      = { "server refused the user or password", 77 },
	[BOBAO_E_BUSY]        = { "server resource in use", 75 },
};

const char *bobao_strerror(bobao_code code)
{
	if ((unsigned)code >= BOBAO_E__COUNT || !codes[code].msg)
		return "unknown error code";
	return codes[code].msg;
}

int bobao_exit_status(bobao_code code)
{
	if ((unsigned)code >= BOBAO_E__COUNT || !codes[code].msg)
		return 70;
	return codes[code].status;
}

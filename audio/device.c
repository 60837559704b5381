/*
 * player.c - live playback through libao.
 *
 * Any libao driver by name, with its options as KEY=VALUE.  The file
 * drivers (wav, raw, au) take the extra option file=PATH, which lets a test
 * capture exactly what was played.  libao writes files in place, so it is
 * given the temporary of a bb_out (base/out.c) instead, put in place when
 * playing ends well, dropped when not: an interrupted capture leaves an old
 * file as it was.  Without a driver libao's default is
 * used; on a machine without a sound card that is alsa, which cannot open:
 * the error names the driver tried and how to choose another.
 *
 * alsa-lib prints its complaints straight to stderr; while a device opens
 * we route them through a handler of ours (looked up at run time, so
 * bobao does not link libasound) and keep the last one for our message.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <ao/ao.h>

#include "aud.h"
#include "bb_out.h"

struct player {
	ao_device *dev;
	ao_option *opts;
	int initialised;
	struct bb_out out;   /* a file driver's file */
	int has_out;
};

static char alsa_msg[160];

static void alsa_handler(const char *file, int line, const char *fn, int e,
                         const char *fmt, ...)
{
	va_list ap;

	(void)file;
	(void)line;
	(void)fn;
	(void)e;
	va_start(ap, fmt);
	vsnprintf(alsa_msg, sizeof(alsa_msg), fmt, ap);
	va_end(ap);
}

static void quiet_alsa(void)
{
	typedef int (*set_handler_fn)(void (*)(const char *, int, const char *, int,
	                                       const char *, ...));
	void *lib = dlopen("libasound.so.2", RTLD_LAZY | RTLD_NOLOAD);
	set_handler_fn set;

	alsa_msg[0] = '\0';
	if (!lib)
		return;
	*(void **)&set = dlsym(lib, "snd_lib_error_set_handler");
	if (set)
		set(alsa_handler);
	dlclose(lib);
}

static void driver_names(char *buf, size_t n)
{
	ao_info **list;
	int count, i;
	size_t len = 0;

	buf[0] = '\0';
	list = ao_driver_info_list(&count);
	for (i = 0; list && i < count && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
		                        list[i]->short_name);
}

static bobao_code player_start(struct aud_sink *s, struct bb_err *err)
{
	struct player *pl = s->priv;
	const struct aud_params *p = s->p;
	const char *file = NULL, *eq, *name;
	const char *const *o;
	char key[64], names[256];
	ao_sample_format fmt;
	ao_info *info;
	int id;
	bobao_code rc = BOBAO_OK;

	ao_initialize();
	pl->initialised = 1;
	ao_append_global_option("quiet", "1");
	id = p->driver ? ao_driver_id(p->driver) : ao_default_driver_id();
	if (id < 0) {
		driver_names(names, sizeof(names));
		if (p->driver)
			return bb_err_set(err, BOBAO_E_ARG, "unknown audio driver '%s' (drivers: %s)",
			                  p->driver, names);
		return bb_err_set(err, BOBAO_E_DEVICE,
		                  "no default audio driver (choose one with --driver: %s)", names);
	}
	info = ao_driver_info(id);
	for (o = p->driver_options; o && *o; o++) {
		if (!(eq = strchr(*o, '=')) || eq == *o || (size_t)(eq - *o) >= sizeof(key))
			return bb_err_set(err, BOBAO_E_ARG, "driver option '%s' is not KEY=VALUE", *o);
		snprintf(key, sizeof(key), "%.*s", (int)(eq - *o), *o);
		if (!strcmp(key, "file"))
			file = eq + 1;
		else if (!ao_append_option(&pl->opts, key, eq + 1))
			return BOBAO_E_NOMEM;
	}
	memset(&fmt, 0, sizeof(fmt));
	fmt.bits = 16;
	fmt.rate = s->fmt.rate;
	fmt.channels = s->fmt.channels;
	fmt.byte_format = AO_FMT_NATIVE;
	if (info->type == AO_TYPE_FILE) {
		if (!file)
			return bb_err_set(err, BOBAO_E_ARG,
			                  "driver '%s' writes a file: give --driver-option file=PATH",
			                  info->short_name);
		if ((rc = bb_out_open(&pl->out, file, BB_OUT_STDOUT | (p->force ? BB_OUT_FORCE : 0),
		                      err)) != BOBAO_OK)
			return rc;
		pl->has_out = 1;
		if (!(name = bb_out_name(&pl->out)))
			return BOBAO_E_NOMEM;
		pl->dev = ao_open_file(id, name, 1, &fmt, pl->opts);
	} else {
		quiet_alsa();
		pl->dev = ao_open_live(id, &fmt, pl->opts);
	}
	if (pl->dev)
		return BOBAO_OK;
	switch (errno) {
	case AO_EBADOPTION:
		rc = bb_err_set(err, BOBAO_E_ARG, "driver '%s' refused its options",
		                info->short_name);
		break;
	case AO_EOPENFILE:
	case AO_EFILEEXISTS:
		rc = bb_err_set(err, BOBAO_E_CREATE, "driver '%s' cannot create '%s'",
		                info->short_name, file);
		break;
	default:
		rc = bb_err_set(err, BOBAO_E_DEVICE,
		                "cannot open an audio device with driver '%s'%s%s (choose another with --driver, e.g. pulse or null, or --driver wav --driver-option file=out.wav)",
		                info->short_name, alsa_msg[0] ? ": " : "", alsa_msg);
	}
	return rc;
}

static bobao_code player_flow(struct aud_sink *s, const int16_t *pcm, size_t frames,
                              struct bb_err *err)
{
	struct player *pl = s->priv;
	size_t bytes = frames * (size_t)s->fmt.channels * sizeof(*pcm);

	errno = 0;
	if (!ao_play(pl->dev, (char *)(uintptr_t)pcm, (uint_32)bytes)) {
		if (pl->has_out)   /* a file driver: its write failed */
			return bb_err_set(err, BOBAO_E_IO, "cannot write '%s': %s", pl->out.path,
			                  strerror(errno ? errno : EIO));
		return bb_err_set(err, BOBAO_E_IO, "audio device stopped playing");
	}
	return BOBAO_OK;
}

static bobao_code player_stop(struct aud_sink *s, int commit, struct bb_err *err)
{
	struct player *pl = s->priv;
	bobao_code rc = BOBAO_OK;

	if (pl->dev && !ao_close(pl->dev) && commit)
		rc = bb_err_set(err, BOBAO_E_IO, "audio device failed on closing");
	pl->dev = NULL;
	if (pl->has_out && commit && rc == BOBAO_OK)
		rc = bb_out_commit(&pl->out, err);
	else if (pl->has_out)
		bb_out_discard(&pl->out);
	pl->has_out = 0;
	ao_free_options(pl->opts);
	pl->opts = NULL;
	if (pl->initialised)
		ao_shutdown();
	pl->initialised = 0;
	return rc;
}

const struct aud_sink_handler aud_device_sink = {
	"device",
	sizeof(struct player),
	player_start,
	player_flow,
	player_stop,
};

/*
 * no_device.c - eSpeak NG without a sound system, for bobao's programs.
 *
 * eSpeak NG 1.51 opens an audio device in espeak_ng_InitializeOutput()
 * whatever the mode (pcaudiolib's create_audio_device_object() probes
 * PulseAudio: it creates ~/.config/pulse and /tmp/pulse-*, and prints
 * "Failed to create secure directory" when HOME is not writable).  bobao
 * only ever takes the samples through the callback, and only `play` may
 * touch a sound system (through libao), so this definition takes
 * pcaudiolib's place: eSpeak NG gets no device and never uses one in
 * synchronous mode.
 *
 * It is linked into the programs (bobao, sd_bobao, the unit tests) and
 * exported from them (-Wl,--export-dynamic-symbol), so that it wins over
 * pcaudiolib's in the worker processes they fork too; it is not in
 * libbobao.so, whose exports are the bobao_ API alone.
 */
struct audio_object;

struct audio_object *create_audio_device_object(const char *device, const char *application,
                                                const char *description);

struct audio_object *create_audio_device_object(const char *device, const char *application,
                                                const char *description)
{
	(void)device;
	(void)application;
	(void)description;
	return 0;
}

#!/usr/bin/env bash
# sd_bobao, the Speech Dispatcher output module: its protocol driven
# directly (tests/sdproto.py: audio against bobao synth, marks, STOP, a
# fuzzed stream), then under a private speech-dispatcher whose ALSA device
# is a WAV file, so that what the daemon "plays" can be measured.
. "$(dirname "$0")/../lib.sh"

SD_BOBAO="$(dirname "$BOBAO")/sd_bobao"
PROTO="$TESTS/sdproto.py"
PY=/usr/bin/python3   # Debian's, with python3-speechd

# tap FILE: the driver's "ok - " / "not ok - " lines as this script's tests
tap() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "${line#ok - }" ;;
		"not ok - "*) not_ok "${line#not ok - }" ;;
		"skip - "*) line=${line#skip - }; skip "${line%%$'\t'*}" "${line#*$'\t'}" ;;
		*) echo "$line" ;;
		esac
	done <"$1"
}

cp "$TESTS/../speechd/bobao.conf" "$T/bobao.conf"

if [ ! -x "$SD_BOBAO" ]; then
	not_ok "sd_bobao is built next to bobao ($SD_BOBAO)"
	done_testing
	exit
fi

version=$("$SD_BOBAO" --version)
check "sd_bobao --version names itself" test "${version%%:*}" = "sd_bobao $("$BOBAO" --version | cut -d' ' -f2)"

SAMPLE="$SAMPLE" timeout 400 "$PY" "$PROTO" protocol "$SD_BOBAO" "$T/bobao.conf" "$BOBAO" >"$T/proto.out" 2>&1
status=$?
tap "$T/proto.out"
check "the protocol driver ran to its end (status $status)" test "$status" = 0

timeout 120 "$PY" "$PROTO" fuzz "$SD_BOBAO" "$T/bobao.conf" "${SD_FUZZ_SECONDS:-8}" \
	"${SD_FUZZ_SEED:-$RANDOM}" >"$T/fuzz.out" 2>&1
status=$?
tap "$T/fuzz.out"
check "the fuzzer ran to its end (status $status)" test "$status" = 0

# ---- under a private speech-dispatcher ----
if ! command -v speech-dispatcher >/dev/null || ! command -v spd-say >/dev/null; then
	skip "sd_bobao under speech-dispatcher" "speech-dispatcher is not installed"
	done_testing
	exit
fi
if ! "$PY" -c 'import speechd' 2>/dev/null; then
	skip "index marks and cancel through python3-speechd" "python3-speechd is not installed"
	no_client=1
fi
# Never the user's own server: every client call names a private one, and
# a client that autospawns a server when it finds none does it in here.
export SPEECHD_ADDRESS="unix_socket:$T/none.sock" HOME="$T/home" XDG_RUNTIME_DIR="$T/run" \
	XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"

# start_daemon DIR [MODULEDIR]: a private speech-dispatcher in DIR, with the
# DIR/conf/speechd.conf the caller wrote, its ALSA device the WAV file
# DIR/out.wav, modules found in MODULEDIR when given (auto-detection); sets
# $daemon and SPEECHD_ADDRESS.  stop_daemon kills it by its pid.
start_daemon() {
	local d=$1 mods=${2:-}
	mkdir -p "$d/conf/modules" "$d/run" "$d/home" "$d/log"
	cp "$T/bobao.conf" "$d/conf/modules/bobao.conf"
	printf 'pcm.!default { type file slave.pcm "null" file "%s/out.wav" format "wav" }\n' \
		"$d" >"$d/home/.asoundrc"
	(cd "$d" && exec env HOME="$d/home" XDG_RUNTIME_DIR="$d/run" speech-dispatcher -s -t 0 \
		-C "$d/conf" ${mods:+-m "$mods"} -c unix_socket -S "$d/run/speechd.sock" \
		-P "$d/run/spd.pid" -L "$d/log") >"$d/daemon.out" 2>&1 &
	daemon=$!
	for _ in $(seq 100); do [ -S "$d/run/speechd.sock" ] && break; sleep 0.1; done
	export SPEECHD_ADDRESS="unix_socket:$d/run/speechd.sock"
	[ -S "$d/run/speechd.sock" ]
}
stop_daemon() {
	kill "$daemon" 2>/dev/null
	timeout 10 tail --pid="$daemon" -f /dev/null 2>/dev/null
}
played() {   # samples the daemon in DIR wrote to its WAV "sound card"
	echo $(( ($(stat -c %s "$1/out.wav" 2>/dev/null || echo 44) - 44) / 2 ))
}

D="$T/spd"
mkdir -p "$D/conf"
cat >"$D/conf/speechd.conf" <<EOF
LogLevel 4
LogDir "$D/log"
AudioOutputMethod "alsa"
AudioALSADevice "default"
AddModule "bobao" "$SD_BOBAO" "bobao.conf"
LanguageDefaultModule "zh" "bobao"
DefaultModule "bobao"
EOF
if ! start_daemon "$D"; then
	not_ok "a private speech-dispatcher starts"
	sed 's/^/#   /' "$D/daemon.out" | tail -5
	stop_daemon
	done_testing
	exit
fi

sentence="银行行长说，增长了5%。"
timeout 60 spd-say -o bobao -l zh -w "$sentence"
status=$?
check "spd-say -o bobao -l zh -w exits 0" test "$status" = 0
read -r want rate < <("$PY" -c "
import sys; sys.path.insert(0, '$TESTS'); import sdproto
print(*sdproto.synth_frames('$BOBAO', '$sentence', sdproto.conf_pauses('$T/bobao.conf')))")
heard=$(played "$D")
check "the daemon played the duration bobao gives the sentence ($heard vs $want samples)" \
	within "$heard" "$want" "$((want * 3 / 100))"
if [ -z "${no_client:-}" ]; then
	timeout 120 "$PY" "$PROTO" client "$D/run/speechd.sock" >"$T/client.out" 2>&1
	status=$?
	tap "$T/client.out"
	check "the client ran to its end (status $status)" test "$status" = 0
fi
stop_daemon
check "the module logged no sanitizer report" \
	sh -c "! grep -q Sanitizer '$D/log/bobao.log' 2>/dev/null"

# auto-detection: no AddModule line, sd_bobao in the module folder
A="$T/auto"
mkdir -p "$A/conf" "$A/modules"
ln -s "$SD_BOBAO" "$A/modules/sd_bobao"
cat >"$A/conf/speechd.conf" <<EOF
LogDir "$A/log"
AudioOutputMethod "alsa"
AudioALSADevice "default"
LanguageDefaultModule "zh" "bobao"
EOF
check "a private speech-dispatcher starts with auto-detection" start_daemon "$A" "$A/modules"
modules=$(timeout 20 spd-say -O 2>/dev/null | tr '\n' ' ')
check "auto-detected: spd-say -O lists bobao ($modules)" eval 'grep -qw bobao <<<"$modules"'
timeout 60 spd-say -l zh -w "你好"
status=$?
check "auto-detected: Chinese goes to bobao without -o ($(played "$A") samples)" \
	eval '[ "$status" = 0 ] && [ "$(played "$A")" -gt 5512 ]'
stop_daemon

# make install under a prefix of one's own prints the AddModule line to
# add; a server given that line speaks with the installed module
I="$T/installed"
make -s -C "$TESTS/.." BUILD="$(dirname "$BOBAO")" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX="$I/prefix" \
	LDCONFIG=true install >"$I.log" 2>&1
line=$(grep '^ *AddModule "bobao" ' "$I.log" | sed 's/^ *//')
check "make install PREFIX=~/…: prints the AddModule line ($line)" \
	eval '[ -n "$line" ] && [[ $line == *"$I/prefix/lib/speech-dispatcher-modules/sd_bobao"* ]]'
mkdir -p "$I/conf"
printf 'LogDir "%s/log"\nAudioOutputMethod "alsa"\nAudioALSADevice "default"\n%s\nDefaultModule "bobao"\n' \
	"$I" "$line" >"$I/conf/speechd.conf"
if start_daemon "$I"; then
	timeout 60 spd-say -o bobao -l zh -w "你好"
	status=$?
	check "… with that line, spd-say -o bobao speaks through the installed module ($(played "$I") samples)" \
		eval '[ "$status" = 0 ] && [ "$(played "$I")" -gt 5512 ]'
else
	not_ok "a private speech-dispatcher starts with the printed AddModule line"
fi
stop_daemon
done_testing

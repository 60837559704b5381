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

D="$T/spd"
mkdir -p "$D/conf/modules" "$D/run" "$D/home" "$D/log"
cp "$T/bobao.conf" "$D/conf/modules/bobao.conf"
printf 'pcm.!default { type file slave.pcm "null" file "%s/out.wav" format "wav" }\n' "$D" \
	>"$D/home/.asoundrc"
cat >"$D/conf/speechd.conf" <<EOF
LogLevel 4
LogDir "$D/log"
AudioOutputMethod "alsa"
AudioALSADevice "default"
AddModule "bobao" "$SD_BOBAO" "bobao.conf"
LanguageDefaultModule "zh" "bobao"
DefaultModule "bobao"
EOF
(cd "$D" && exec env HOME="$D/home" XDG_RUNTIME_DIR="$D/run" speech-dispatcher -s -t 0 \
	-C "$D/conf" -c unix_socket -S "$D/run/speechd.sock" -P "$D/run/spd.pid" -L "$D/log") \
	>"$D/daemon.out" 2>&1 &
daemon=$!
stop_all() {
	kill "$daemon" 2>/dev/null
	timeout 10 tail --pid="$daemon" -f /dev/null 2>/dev/null
}
for _ in $(seq 100); do [ -S "$D/run/speechd.sock" ] && break; sleep 0.1; done
export SPEECHD_ADDRESS="unix_socket:$D/run/speechd.sock"

sentence="银行行长说，增长了5%。"
timeout 60 spd-say -o bobao -l zh -w "$sentence"
status=$?
check "spd-say -o bobao -l zh -w exits 0" test "$status" = 0
read -r want rate < <("$PY" -c "
import sys; sys.path.insert(0, '$TESTS'); import sdproto
print(*sdproto.synth_frames('$BOBAO', '$sentence', sdproto.conf_pauses('$T/bobao.conf')))")
heard=$(( ($(stat -c %s "$D/out.wav" 2>/dev/null || echo 44) - 44) / 2 ))
check "the daemon played the duration bobao gives the sentence ($heard vs $want samples)" \
	within "$heard" "$want" "$((want * 3 / 100))"
if [ -z "${no_client:-}" ]; then
	timeout 120 "$PY" "$PROTO" client "$D/run/speechd.sock" >"$T/client.out" 2>&1
	status=$?
	tap "$T/client.out"
	check "the client ran to its end (status $status)" test "$status" = 0
fi

stop_all
check "the module logged no sanitizer report" \
	sh -c "! grep -q Sanitizer '$D/log/bobao.log' 2>/dev/null"
done_testing

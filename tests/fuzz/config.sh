#!/usr/bin/env bash
# config.sh - fuzz the scripts' KEY=value configuration (bobao-digest,
# bobao-broadcast): random and hostile values for every key, quoted or
# not, CRLF, junk lines.  No value may run a command (a canary file never
# appears), hang (10 s), or end otherwise than with a documented status:
# 0, 10 (broadcast's fallback) or a sysexits code 64-78.
#
#   FUZZ_SECONDS=60 FUZZ_SEED=1234 bash tests/fuzz/config.sh
#   (FUZZ_DEBUG=1 prints every config and what the script said)
#
# bobao itself is replaced by a stub, logger by a no-op, and every path
# that is written (output, logs, lock, work folder) is forced into a
# temporary folder by options, which win over the file.  A failing config
# is kept as build/fuzz/crash-config-*.  Scripts that are missing are
# skipped.
set -u
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-10}
seed=${FUZZ_SEED:-$$}
RANDOM=$seed
root=$PWD
mkdir -p build/fuzz
T=$(mktemp -d "${TMPDIR:-/tmp}/bobao-fuzz-config.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/bin" "$T/articles" "$T/home" "$T/tmp" "$T/work"
canary=$T/pwned

cat >"$T/bin/bobao" <<STUB
#!/bin/bash
# a stand-in for bobao: writes a small file where -o points inside $T
out=
while [ \$# -gt 0 ]; do [ "\$1" = -o ] && out=\$2; shift; done
case \$out in $T/*) printf 'RIFF stub' >"\$out" ;; esac
exit 0
STUB
printf '#!/bin/sh\nexit 0\n' >"$T/bin/logger"
chmod +x "$T/bin/bobao" "$T/bin/logger"
printf '下面播报新闻。\n' >"$T/articles/a.txt"
printf 'RIFF stub' >"$T/work/fallback.wav"

keys_of() { sed -n '/^KEYS="/,/"$/p' "$1" | tr -d '"' | sed 's/^KEYS=//' | tr -s ' \n' ' '; }

# Values: hostile first, then ordinary, then random bytes.
payloads=(
	'BASH_VERSINFO[$(touch '"$canary"')]' 'x[$(touch '"$canary"')]' '1+a[`touch '"$canary"'`]'
	'$(touch '"$canary"')' '`touch '"$canary"'`' '$((1+$(touch '"$canary"')))'
	'1;touch '"$canary" '1 && touch '"$canary" '| touch '"$canary"
	'${PATH:$(touch '"$canary"')}' "'; touch $canary; '" '"; touch '"$canary"'; "'
	'C[$(touch '"$canary"')]'
	'%s%s%s%n' '%(%F)T' '-e' '--help' '-5' '0' '00' '1e3' '0x10' '010' '08' ' 7 ' '7 ' 'abc'
	'99999999999999999999' '2147483648' '-9223372036854775809' '' ' ' '*' '?' '~' '~root'
	'..' '../..' '.' 'news-%Y-%m-%d' '%' '%-' '%Y%Y%Y%Y' 'mp3' 'wav' 'ogg' 'pa' 'off'
	'-23' 'null' 'file=x.wav' 'dev=x;file=y' '新闻' '\' '\\n' '$HOME' '${HOME}'
	'!!' '!$' 'https://example.org/' '2026-02-30' '2026-11-27' '1969-12-31'
)

rand_bytes() {   # a few random printable-or-not bytes, no NUL or newline
	head -c $((RANDOM % 24 + 1)) /dev/urandom | tr -d '\000\n'
}

hostile=13   # the first payloads try to run a command

value() {
	case $((RANDOM % 8)) in
	0 | 1 | 2) printf '%s' "${payloads[RANDOM % hostile]}" ;;
	3 | 4) printf '%s' "${payloads[RANDOM % ${#payloads[@]}]}" ;;
	5) printf '%s%s' "${payloads[RANDOM % ${#payloads[@]}]}" "${payloads[RANDOM % ${#payloads[@]}]}" ;;
	*) rand_bytes ;;
	esac
}

line() {   # one config line for key k: mostly well formed, so runs get far
	local k=$1 v q
	v=$(value)
	case $((RANDOM % 6)) in
	0) q="\"$v\"" ;;
	1) q="'$v'" ;;
	*) q=$v ;;
	esac
	case $((RANDOM % 24)) in
	0) printf '  %s=%s\r\n' "$k" "$q" ;;
	1) printf '%s = %s\n' "$k" "$q" ;;
	2) printf '# %s=%s\n' "$k" "$q" ;;
	3) printf '%s\n' "$(rand_bytes)" ;;
	4) printf '%s="%s\n' "$k" "$v" ;;
	*) printf '%s=%s\n' "$k" "$q" ;;
	esac
}

runs=0 failures=0
declare -A seen sys tries
start=$SECONDS
for script in scripts/bobao-digest scripts/bobao-broadcast; do
	[ -x "$script" ] || { echo "skip: $script is missing"; continue; }
done
while ((SECONDS - start < secs)); do
	for script in scripts/bobao-digest scripts/bobao-broadcast; do
		[ -x "$script" ] || continue
		read -ra keys <<<"$(keys_of "$script")"
		[ ${#keys[@]} -gt 0 ] || continue
		name=${script##*/}
		cfg=$T/config
		{
			# a working base, in the keys this script knows
			for kv in "ARTICLES_DIR=$T/articles" "FALLBACK=$T/work/fallback.wav" DRIVER=null; do
				[[ " ${keys[*]} " == *" ${kv%%=*} "* ]] && printf '%s\n' "$kv"
			done
			tries[$name]=$((${tries[$name]:-0} + 1))
			if ((tries[$name] % 2)); then
				# every key in turn gets every hostile value in turn
				n=${sys[$name]:-0}
				sys[$name]=$((n + 1))
				printf '%s=%s\n' "${keys[n % ${#keys[@]}]}" \
					"${payloads[n / ${#keys[@]} % hostile]}"
			else
				for ((i = RANDOM % 3 + 1; i > 0; i--)); do
					line "${keys[RANDOM % ${#keys[@]}]}"
				done
			fi
		} >"$cfg"
		# what is written stays in $T: options win over the file
		forced=()
		for kv in "BOBAO=$T/bin/bobao" "OUTPUT_DIR=$T/out" "LOG_FILE=$T/out/digest.log" "STATE_DIR=$T/state" \
			"LOCK_FILE=$T/lock" "AS_RUN_LOG=$T/as-run.log" "WORK_DIR=$T/work"; do
			k=${kv%%=*}
			[[ " ${keys[*]} " == *" $k "* ]] || continue
			k=${k,,}
			forced+=("--${k//_/-}" "${kv#*=}")
		done
		(cd "$T/work" && env -i HOME="$T/home" TMPDIR="$T/tmp" PATH="$T/bin:/usr/bin:/bin" \
			LC_ALL=C.UTF-8 timeout 10 bash "$root/$script" --config "$cfg" "${forced[@]}" \
			</dev/null >"$T/stdout" 2>"$T/stderr")
		status=$?
		runs=$((runs + 1))
		seen[$name:$status]=$((${seen[$name:$status]:-0} + 1))
		why=
		if [ -e "$canary" ]; then
			why="a command ran (the canary exists)"
		elif [ "$status" = 124 ]; then
			why="hung (10 s)"
		elif ! { [ "$status" = 0 ] || [ "$status" = 10 ] || { [ "$status" -ge 64 ] && [ "$status" -le 78 ]; }; }; then
			why="status $status"
		fi
		if [ -n "$why" ]; then
			failures=$((failures + 1))
			keep=build/fuzz/crash-config-$name-$seed-$runs
			cp "$cfg" "$keep"
			echo "FAIL: $name: $why; config kept as $keep; stderr: $(head -c 300 "$T/stderr")"
			rm -f "$canary"
		fi
		[ -n "${FUZZ_DEBUG:-}" ] && { cat "$cfg"; cat "$T/stderr"; }
		rm -rf "$T/out" "$T/lock" "$T/as-run.log"
	done
done
stats=$(for k in "${!seen[@]}"; do echo "$k=${seen[$k]}"; done | sort | tr '\n' ' ')
# a loop whose runs all stop at the usage check tests nothing
for script in scripts/bobao-digest scripts/bobao-broadcast; do
	name=${script##*/}
	if [ -x "$script" ] && [ "${tries[$name]:-0}" -ge 20 ] &&
		[ -z "${seen[$name:0]:-}" ] && [ -z "${seen[$name:10]:-}" ]; then
		echo "FAIL: $name never got past its checks: the base config no longer fits it"
		failures=$((failures + 1))
	fi
done
if [ "$failures" -gt 0 ]; then
	echo "config: $failures of $runs runs failed (seed $seed; statuses: $stats)"
	exit 1
fi
echo "config: $runs runs in $secs s clean (seed $seed; statuses: $stats)"

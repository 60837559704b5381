# bobao-sched.sh - what bobao-digest and bobao-broadcast share: the config
# file, the command line, finding bobao.  Sourced, not run.  The script sets
# prog, KEYS (its keys) and the array C (defaults) first, then calls
# sched_args "$@"; afterwards C holds the settings and $bobao the program.

die_usage() { echo "$prog: $*" >&2; exit 64; }

known_key() { [[ " $(echo $KEYS) " == *" $1 "* ]]; }

# read_config FILE: KEY=value lines into C, without running them
read_config() {
	local line key value n=0
	[ -r "$1" ] || { echo "$prog: cannot read config '$1'" >&2; exit 66; }
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		line=${line%$'\r'}
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		[[ $line =~ ^[[:space:]]*([A-Z_]+)=(.*)$ ]] || die_usage "$1:$n: not KEY=value"
		key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
		known_key "$key" || die_usage "$1:$n: unknown key '$key'"
		if [[ $value =~ ^\"(.*)\"[[:space:]]*$ || $value =~ ^\'(.*)\'[[:space:]]*$ ]]; then
			value=${BASH_REMATCH[1]}
		fi
		C[$key]=$value
	done <"$1"
}

# sched_args "$@": --config FILE first, then --some-key VALUE for any key
sched_args() {
	local args=("$@") i opt val key
	for ((i = 0; i < ${#args[@]}; i++)); do
		case ${args[i]} in
		--config) read_config "${args[i + 1]:-}"; i=$((i + 1)) ;;
		--config=*) read_config "${args[i]#--config=}" ;;
		esac
	done
	while [ $# -gt 0 ]; do
		case $1 in
		--config) shift 2; continue ;;
		--config=*) shift; continue ;;
		-h | --help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
		--*=*) opt=${1%%=*} val=${1#*=} ;;
		--*) opt=$1; [ $# -ge 2 ] || die_usage "$1 needs a value"; val=$2; shift ;;
		*) die_usage "unexpected argument '$1' (see --help)" ;;
		esac
		key=$(echo "${opt#--}" | tr 'a-z-' 'A-Z_')
		known_key "$key" || die_usage "unknown option '$opt' (see --help)"
		C[$key]=$val
		shift
	done
	bobao=${C[BOBAO]:-}
	if [ -z "$bobao" ]; then
		for b in "$here/bobao" "$here/../build/bobao" "$(command -v bobao)"; do
			[ -n "$b" ] && [ -x "$b" ] && { bobao=$b; break; }
		done
	fi
	[ -x "$bobao" ] || die_usage "bobao not found (set BOBAO)"
}

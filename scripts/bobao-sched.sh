# bobao-sched.sh - what bobao-digest and bobao-broadcast share: the config
# file, the command line, finding bobao.  Sourced, not run.  The script sets
# prog, KEYS (its keys) and the array C (defaults) first, then calls
# sched_args "$@"; afterwards C holds the settings and $bobao the program
# ("" when there is none: the script logs that, then calls sched_need_bobao).
#
# No value from the config or the command line is ever evaluated: numbers
# are checked as digits by sched_number before any arithmetic sees them
# (bash arithmetic runs the command in KEEP_DAYS='a[$(cmd)]'), and values go
# into log lines through sched_quote.

die_usage() { echo "$prog: $*" >&2; exit 64; }

# sched_quote VALUE: VALUE as one double-quoted token of a log line, with
# backslash, quote, newline, CR, tab and other control characters escaped,
# so that a path with a newline cannot split or forge a line.
sched_quote() {
	local s=$1 c out= i
	s=${s//\\/\\\\} s=${s//\"/\\\"} s=${s//$'\n'/\\n} s=${s//$'\r'/\\r} s=${s//$'\t'/\\t}
	if [[ $s == *[[:cntrl:]]* ]]; then
		for ((i = 0; i < ${#s}; i++)); do
			c=${s:i:1}
			[[ $c == [[:cntrl:]] ]] && printf -v c '\\x%02x' "'$c"
			out+=$c
		done
		s=$out
	fi
	printf '"%s"' "$s"
}

# sched_word VALUE: VALUE bare when it is one plain word, else sched_quote.
sched_word() {
	if [[ $1 =~ ^[A-Za-z0-9_.,:/@+=-]+$ ]]; then printf %s "$1"; else sched_quote "$1"; fi
}

# sched_number KEY MIN MAX: C[KEY] must be a whole number from MIN to MAX,
# digits only; exit 64 naming the key otherwise.  Leading zeros are dropped
# (bash would read 08 as bad octal).
sched_number() {
	local v=${C[$1]:-}
	[[ $v =~ ^[0-9]{1,9}$ ]] && v=$((10#$v)) && [ "$v" -ge "$2" ] && [ "$v" -le "$3" ] ||
		die_usage "$1 must be a whole number from $2 to $3, not $(sched_quote "$v")"
	C[$1]=$v
}

# sched_filename KEY: C[KEY] is a plain file name (no '/', not '.' or '..').
sched_filename() {
	local v=${C[$1]:-}
	[ -n "$v" ] && [[ $v != */* && $v != . && $v != .. ]] ||
		die_usage "$1 must be a file name without '/', not $(sched_quote "$v")"
}

# sched_need_bobao: exit 64 when no bobao program was found (after the
# script has logged it).
sched_need_bobao() {
	[ -n "$bobao" ] || die_usage "bobao not found (set BOBAO)"
}

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
		# a quoted value, or a bare one, may be followed by a ' # comment'
		if [[ $value =~ ^\"([^\"]*)\"[[:space:]]*(#.*)?$ || $value =~ ^\'([^\']*)\'[[:space:]]*(#.*)?$ ||
			$value =~ ^\"(.*)\"[[:space:]]*$ || $value =~ ^\'(.*)\'[[:space:]]*$ ]]; then
			value=${BASH_REMATCH[1]}
		elif [[ $value =~ ^(.*[^[:space:]])?[[:space:]]+#.*$ ]]; then
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
	[ -f "$bobao" ] && [ -x "$bobao" ] || bobao=
}

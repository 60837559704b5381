# bash completion for bobao, bobao-digest and bobao-broadcast.
#
# Commands and options are read from the tools' own --help, so completion
# follows the installed version; voices come from 'bobao voices'.

_bobao_help_opts()
{
	# the long options (and -x short ones) a help text names
	"$@" --help 2>/dev/null | grep -oE '(^|[[:space:],])--?[a-zA-Z][a-zA-Z0-9-]*' |
		sed 's/^[[:space:],]*//' | sort -u
}

_bobao()
{
	local cur prev words cword
	_init_completion -s || return

	local bobao=${words[0]}
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$bobao" --help 2>/dev/null |
				sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')" -- "$cur"))
		fi
		return
	fi

	case $prev in
	--voice)
		COMPREPLY=($(compgen -W "$("$bobao" voices 2>/dev/null |
			awk '$1 == "*" { print $2 }')" -- "$cur"))
		return ;;
	--latin-voice)
		COMPREPLY=($(compgen -W "$("$bobao" voices --all 2>/dev/null |
			awk '{ print ($1 == "*" ? $2 : $1) }')" -- "$cur"))
		return ;;
	--format)
		if [[ $cmd == stream ]]; then
			COMPREPLY=($(compgen -W 'ogg opus mp3' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'wav ogg opus flac mp3' -- "$cur"))
		fi
		return ;;
	--encoding)
		COMPREPLY=($(compgen -W 'auto utf-8 gb18030 big5' -- "$cur"))
		return ;;
	--loudness)
		COMPREPLY=($(compgen -W 'broadcast podcast pa off' -- "$cur"))
		return ;;
	--driver)
		COMPREPLY=($(compgen -W 'pulse alsa oss null wav raw au' -- "$cur"))
		return ;;
	--status)
		COMPREPLY=($(compgen -W 'line plain none' -- "$cur"))
		return ;;
	-o | --output)
		_filedir '@(wav|ogg|oga|opus|flac|mp3)'
		return ;;
	--subtitles)
		_filedir '@(vtt|srt|lrc)'
		return ;;
	--chapters | --report)
		_filedir json
		return ;;
	--html)
		_filedir '@(html|htm)'
		return ;;
	--jingle-before | --jingle-between | --jingle-after | --bed)
		_filedir '@(wav|ogg|oga|opus|flac|mp3)'
		return ;;
	--rundown | --lexicon | --seen | --password-file)
		_filedir
		return ;;
	-d | --dir)
		_filedir -d
		return ;;
	--rate | --pitch | --volume | --jobs | -j | --*-pause | --lead-in | --lead-out | \
	--sample-rate | --quality | --bitrate | --title | --artist | --album | --date | \
	--comment | --intro | --outro | --driver-option | --from | --since | --max-items | \
	--presenters | --bed-duck | --name | --description | --genre | --reconnect)
		return ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_bobao_help_opts "$bobao" "$cmd")" -- "$cur"))
		return
	fi
	case $cmd in
	play | stream) _filedir '@(txt|text|html|htm|wav|ogg|oga|opus|flac|mp3)' ;;
	fetch) _filedir '@(xml|rss|atom|html|htm)' ;;
	voices) ;;
	*) _filedir '@(txt|text|html|htm)' ;;
	esac
}
complete -F _bobao bobao

# bobao-digest, bobao-broadcast: --KEY VALUE options from their --help
_bobao_sched()
{
	local cur prev words cword
	_init_completion -s || return
	case $prev in
	--config | --rundown | --fallback | --bulletin | --lock-file | --as-run-log | \
	--log-file | --jingle-* | --bed)
		_filedir
		return ;;
	--articles-dir | --output-dir | --work-dir)
		_filedir -d
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--config --help $("${words[0]}" --help 2>/dev/null |
			grep -oE '^  [A-Z_]+( [A-Z_]+)*' | tr ' ' '\n' | grep . |
			tr 'A-Z_' 'a-z-' | sed 's/^/--/')" -- "$cur"))
	fi
}
complete -F _bobao_sched bobao-digest bobao-broadcast

# bobao-web.sh - the web side of bobao-digest: index.html, listing the
# bulletins newest first with their pages (bobao synth --html), beside the
# feed.  Sourced, not run; uses only coreutils, sed and grep (cron's PATH).
#
#   web_index DIR FEED_FILE TITLE DESCRIPTION LANGUAGE
#
# A bulletin's duration comes from its report, WEB_REPORTS/STEM.json when
# WEB_REPORTS is set (bobao-digest's state), else DIR/.STEM.json.
#
# Writes DIR/index.html under a temporary name and renames it into place;
# returns non-zero (and leaves the old one) when it cannot.  Every text is
# escaped, every URL relative and percent-encoded; the page loads nothing
# and runs no script; its Content-Security-Policy allows its own style only.

# web_html TEXT: TEXT escaped for HTML text and attribute values
web_html() {
	printf %s "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		-e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# web_url NAME: a file name as a relative URL, bytes outside [A-Za-z0-9._~-]
# percent-encoded
web_url() {
	local LC_ALL=C s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) printf -v c '%%%02X' "'$c"; out+=$c ;;
		esac
	done
	printf %s "$out"
}

# web_clock SECONDS: m:ss, or h:mm:ss from an hour on
web_clock() {
	awk -v s="$1" 'BEGIN { s = int(s + 0.5); if (s >= 3600) printf "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60; else printf "%d:%02d", s / 60, s % 60 }'
}

# web_csp_hash TEXT: the CSP source allowing TEXT inline ('sha256-BASE64')
web_csp_hash() {
	local hex
	hex=$(printf %s "$1" | sha256sum | cut -d' ' -f1)
	# shellcheck disable=SC2059
	printf "sha256-%s" "$(printf "$(printf %s "$hex" | sed 's/../\\x&/g')" | base64)"
}

# web_headlines DIR STEM: the articles of DIR/STEM.html (its chapter list,
# written and escaped by bobao synth --html, intro and outro left out) as a
# list of links into the page; nothing when there is no page
web_headlines() {
	local page="$1/$2.html" url
	[ -f "$page" ] || return 0
	url=$(web_url "$2.html")
	sed -n '/<ol class="chapters">/,/<\/ol>/s|^<li><a href="#\(c[0-9]*\)" data-start="[0-9.]*">\(.*\)</a> <span class="time">.*|<li><a href="'"$url"'#\1">\2</a></li>|p' \
		"$page" | { lines=$(cat); [ -z "$lines" ] || printf '\n<ul class="headlines">\n%s\n</ul>\n' "$lines"; }
}

WEB_INDEX_STYLE='
body { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
	font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
	"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
	font-size: 1.125rem; line-height: 1.8; overflow-wrap: anywhere; color: #1b1b1b;
	background: #fdfdfa; }
h1 { font-size: 1.75em; line-height: 1.3; }
a { color: #0a529a; }
:focus-visible { outline: 0.1875rem solid #b0241b; outline-offset: 0.125rem; }
.bulletins { padding-left: 0; list-style: none; }
.bulletins li { margin: 0.5em 0; }
.headlines { margin: 0.25em 0 0.75em; padding-left: 1.5em; font-size: 0.95em; }
.headlines li { margin: 0.1em 0; }
.meta { color: #4f4f4f; }
@media (prefers-color-scheme: dark) {
	body { color: #ececec; background: #161616; }
	a { color: #93c8ff; }
	.meta { color: #bdbdbd; }
	:focus-visible { outline-color: #ffb0a6; }
}
'

web_index() {
	local dir=$1 feed=$2 title=$3 description=$4 language=$5 lang tmp f stem day secs
	case ${language,,} in
	zh-tw | zh-hk | zh-mo | zh-hant*) lang=zh-Hant ;;
	zh* | "") lang=zh-Hans ;;
	*) lang=$(web_html "$language") ;;
	esac
	tmp=$(mktemp "$dir/.index.XXXXXX") || return 1
	{
		echo '<!DOCTYPE html>'
		echo "<html lang=\"$lang\">"
		echo '<head>'
		echo '<meta charset="utf-8">'
		echo '<meta name="viewport" content="width=device-width, initial-scale=1">'
		echo "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '$(web_csp_hash "$WEB_INDEX_STYLE")'; img-src data:; base-uri 'none'; form-action 'none'\">"
		echo "<title>$(web_html "$title")</title>"
		echo "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"$(web_html "$title")\" href=\"$(web_url "$feed")\">"
		echo '<link rel="icon" href="data:,">'
		printf '<style>%s</style>\n' "$WEB_INDEX_STYLE"
		echo '</head>'
		echo '<body>'
		echo "<header>"
		echo "<h1>$(web_html "$title")</h1>"
		[ -n "$description" ] && echo "<p>$(web_html "$description")</p>"
		echo "</header>"
		echo '<main>'
		echo '<h2>播报</h2>'
		echo '<ul class="bulletins">'
		while IFS= read -r f; do
			stem=${f%.*}
			day=$(echo "$f" | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -1)
			secs=$(sed -n 's/.*"duration_seconds": \([0-9.]*\).*/\1/p' "${WEB_REPORTS:-$dir/.}${WEB_REPORTS:+/}$stem.json" 2>/dev/null)
			printf '<li>'
			if [ -f "$dir/$stem.html" ]; then
				printf '<a href="%s">%s %s</a>' "$(web_url "$stem.html")" "$(web_html "$title")" "$day"
				printf ' <span class="meta">·%s</span> <a href="%s">音频</a>' \
					"${secs:+ 时长 $(web_clock "$secs") ·}" "$(web_url "$f")"
			else
				printf '<a href="%s">%s %s</a>' "$(web_url "$f")" "$(web_html "$title")" "$day"
				[ -n "$secs" ] && printf ' <span class="meta">· 时长 %s</span>' "$(web_clock "$secs")"
			fi
			web_headlines "$dir" "$stem"
			printf '</li>\n'
		done < <(ls -1 "$dir" | grep -E '[0-9]{4}-[0-9]{2}-[0-9]{2}.*\.(mp3|ogg|opus|wav|flac)$' | sort -r)
		echo '</ul>'
		echo "<p><a href=\"$(web_url "$feed")\">RSS 订阅</a></p>"
		echo '</main>'
		echo '</body>'
		echo '</html>'
	} >"$tmp" 2>/dev/null &&
		chmod 644 "$tmp" && mv -f "$tmp" "$dir/index.html" && return 0
	rm -f "$tmp"
	return 1
}

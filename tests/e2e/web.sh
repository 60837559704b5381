#!/usr/bin/env bash
# The web page of a bulletin (synth --html): what is written, where, and
# escaped; then the page in headless Chromium, driven by puppeteer-core and
# checked by axe-core (tests/web/page.js).
. "$(dirname "$0")/../lib.sh"

WEB="$TESTS/web"
cd "$T" || exit 1
TITLE='早间新闻 <script>alert("x")</script> & 天气'

# ---- the files ----
mkdir site
run_bobao synth -q "$EXAMPLES/bulletin.txt" "$EXAMPLES/weather.txt" -o site/news.ogg \
	--html site/news.html --title "$TITLE" --date 2026-11-29
check "synth --html: exit 0, the bulletin, the page and its captions" \
	eval '[ $status = 0 ] && [ -s site/news.ogg ] && [ -s site/news.html ] && [ -s site/news.vtt ]'
check "the page names its audio and captions by relative URLs" \
	eval 'grep -q "<audio id=\"audio\" controls preload=\"metadata\" src=\"news.ogg\">" site/news.html && grep -q "<track kind=\"captions\" srclang=\"zh\" label=\"[^\"]*\" src=\"news.vtt\" default>" site/news.html'
check "the title is escaped, in <title> and <h1>" \
	eval 'grep -q "<title>早间新闻 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 天气</title>" site/news.html && grep -c "<script" site/news.html | grep -qx 1'
check "a sentence per cue: as many sentences in the page as cues in the captions" \
	test "$(grep -c 'class="s" id="s[0-9]*" data-start=' site/news.html)" = "$(grep -c -- '-->' site/news.vtt)"
check "the page loads nothing from elsewhere" \
	eval '! grep -qiE "(src|href)=\"(https?:)?//" site/news.html'
# the CSP's hashes are those of the inline script and style
hash_of() {
	perl -0777 -ne "print \$1 if m{<$1>(.*?)</$1>}s" site/news.html |
		perl -MDigest::SHA=sha256_base64 -0777 -ne 'my $h = sha256_base64($_); print "$h="'
}
check "the Content-Security-Policy allows exactly the page's own script and style" \
	eval 'grep -q "default-src '"'none'"'; script-src '"'sha256-$(hash_of script)'"'; style-src '"'sha256-$(hash_of style)'"'; media-src '"'self'"'" site/news.html'

run_bobao synth -q "$EXAMPLES/bulletin.txt" -o trad.wav --html trad.html
mkdir "audio dir" "pages"
run_bobao synth -q "$EXAMPLES/weather.txt" -o "audio dir/天气 1.wav" --html pages/w.html \
	--subtitles "audio dir/天气 1.srt"
check "audio in another folder: ../ and percent-encoding in the URL" \
	grep -q 'src="../audio%20dir/%E5%A4%A9%E6%B0%94%201.wav"' pages/w.html
check "--subtitles .srt: the SubRip file and the page's own WebVTT beside the page" \
	eval '[ $status = 0 ] && [ -s "audio dir/天气 1.srt" ] && head -1 pages/w.vtt | grep -qx WEBVTT && grep -q "src=\"w.vtt\"" pages/w.html'
run_bobao synth -q "$EXAMPLES/weather.txt" -o v.wav --html v.html --subtitles subs.vtt
check "--subtitles .vtt: the page uses it, no second file" \
	eval '[ $status = 0 ] && grep -q "src=\"subs.vtt\" default" v.html && [ ! -e v.vtt ]'

check "traditional text: lang=\"zh-Hant\"" grep -q '<html lang="zh-Hant">' trad.html
check "simplified text: lang=\"zh-Hans\"" grep -q '<html lang="zh-Hans">' v.html

mkdir bad
printf '坏\xff了\n' >bad.txt
run_bobao synth -q bad.txt -o bad/news.ogg --html bad/news.html
check "a failed render: no page, no captions, nothing left behind" \
	eval '[ $status = 65 ] && no_output_in bad'
echo '<old page>' >bad/news.html
run_bobao synth -q bad.txt -o bad/news.ogg --html bad/news.html
check "a failed render: the old page as it was" grep -qx '<old page>' bad/news.html
rm bad/news.html
run_bobao synth -q "$EXAMPLES/weather.txt" -o bad/news.ogg --html bad/news.vtt
check "a page named .vtt would be its own captions: a usage error (64)" \
	eval '[ $status = 64 ] && no_output_in bad && grep -q "name the page .html" "$T/.err"'
for i in $(seq 50); do cat "$EXAMPLES/weather.txt"; done >long.txt
"$BOBAO" synth -q long.txt -o bad/long.ogg --html bad/long.html 2>/dev/null &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
st=$?
check "SIGTERM: exit 143 or 130, no page, captions or temporary left" \
	eval '[ $st = 130 ] || [ $st = 143 ]; [ $? = 0 ] && no_output_in bad'
printf '早上好，这里是新闻播报。\n' >intro.txt
printf '今天的新闻就是这些。\n' >outro.txt
run_bobao synth -q --intro intro.txt --outro outro.txt "$EXAMPLES/bulletin.txt" "$EXAMPLES/weather.txt" \
	-o io.ogg --html io.html
check "intro and outro: the meta line counts 2 articles, not 4" \
	eval '[ $status = 0 ] && grep -q "· 2 篇 ·" io.html && [ "$(grep -c "<section class=\"article\"" io.html)" = 4 ]'
printf '%s\t%s\n' "$EXAMPLES/weather.txt" '下面是天气预报' >headline.rd
run_bobao synth -q --rundown headline.rd -o hl.ogg --html hl.html
check "a title that is the article's first sentence (a headline): in the page once, as its heading" \
	eval '[ $status = 0 ] && [ "$(grep -o "下面是天气预报" hl.html | wc -l)" = 2 ] &&
	      grep -q "<h3 id=\"c1\"><span class=\"s\" id=\"s1\"" hl.html'
run_bobao play --driver null --html bad/p.html "$EXAMPLES/weather.txt"
check "play --html: a usage error (64)" eval '[ $status = 64 ] && no_output_in bad'

if [ -r "$SAMPLE" ]; then
	run_bobao synth -q "$SAMPLE" -o sample.ogg --html sample.html
	check "the sample: a sentence per cue, times rising" \
		eval '[ $status = 0 ] && [ "$(grep -c "class=\"s\" id=" sample.html)" = "$(grep -c -- "-->" sample.vtt)" ] && grep -o "data-start=\"[0-9.]*\"" sample.html | tr -dc "0-9.\n" | sort -c -g'
else
	skip "the sample's page" "no sample at $SAMPLE"
fi

# ---- bobao-digest: a page beside each bulletin, index.html beside the feed ----
SCRIPTS="$TESTS/../scripts"
D="$T/my news"
mkdir -p "$D/articles" "$D/out dir"
cp "$EXAMPLES/weather.txt" "$D/articles/"
cat >"$D/bobao.conf" <<CONF
ARTICLES_DIR="$D/articles"
OUTPUT_DIR="$D/out dir"
STATE_DIR="$D/state"
FORMAT=ogg
FEED_TITLE="石嘴山 & <新闻>"
FEED_DESCRIPTION='每日 "新闻" <script>alert(1)</script>'
KEEP_DAYS=2
BASE_URL=https://example.org/my%20news/
BOBAO=$BOBAO
CONF
digest() { env -i PATH=/usr/bin:/bin "$SCRIPTS/bobao-digest" --config "$D/bobao.conf" "$@" </dev/null 2>"$T/digest.err"; }
o="$D/out dir"
digest --date 2026-11-27 && digest --date 2026-11-28
check "digest under env -i: exit 0, each bulletin with its page and captions" \
	eval '[ -s "$o/news-2026-11-27.ogg" ] && [ -s "$o/news-2026-11-27.html" ] && [ -s "$o/news-2026-11-27.vtt" ] && [ -s "$o/news-2026-11-28.html" ]'
check "digest: the page plays its bulletin, by a relative URL" \
	grep -q 'src="news-2026-11-28.ogg"' "$o/news-2026-11-28.html"
check "digest: the feed's items link their pages" \
	grep -q '<link>https://example.org/my%20news/news-2026-11-28.html</link>' "$o/feed.xml"
check "digest: the page's title is escaped" \
	grep -q '<title>石嘴山 &amp; &lt;新闻&gt; 2026-11-28</title>' "$o/news-2026-11-28.html"
check "digest: index.html lists the bulletins newest first, each with its page" \
	eval 'grep -o "href=\"news-[0-9-]*\.html\"" "$o/index.html" | tr "\n" " " | grep -qx "href=\"news-2026-11-28.html\" href=\"news-2026-11-27.html\" "'
check "digest: index.html lists each day's headlines, each a link into its page" \
	eval 'grep -q "<ul class=\"headlines\">" "$o/index.html" &&
	      grep -q "<li><a href=\"news-2026-11-28.html#c1\">下面是天气预报。</a></li>" "$o/index.html"'
check "digest: index.html escapes the feed's title and description" \
	eval 'grep -q "<h1>石嘴山 &amp; &lt;新闻&gt;</h1>" "$o/index.html" && grep -q "<p>每日 &quot;新闻&quot; &lt;script&gt;alert(1)&lt;/script&gt;</p>" "$o/index.html" && [ "$(grep -c "<script" "$o/index.html")" = 0 ]'
check "digest: index.html links the feed, with durations" \
	eval 'grep -q "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"[^\"]*\" href=\"feed.xml\">" "$o/index.html" && grep -q "时长 0:[0-9][0-9]" "$o/index.html"'
digest --date 2026-11-29
check "retention: the oldest bulletin goes with its page and captions, and from the index" \
	eval '[ ! -e "$o/news-2026-11-27.html" ] && [ ! -e "$o/news-2026-11-27.vtt" ] && [ -e "$o/news-2026-11-29.html" ] && ! grep -q 2026-11-27 "$o/index.html"'
check "digest: nothing half-written left in the folder" \
	eval '[ -z "$(ls -A "$o" | grep -E "^\.(index|feed)\.|\.XXXXXX|^\.news.*\.(html|vtt)\.")" ]'

# ---- in the browser ----
browser_checks() {
	local line n=0
	while IFS=$'\t' read -r line what detail; do
		case $line in
		ok) ok "browser: $what"; n=$((n + 1)) ;;
		"not ok") not_ok "browser: $what"; echo "#   $detail"; n=$((n + 1)) ;;
		*) echo "# $line $what $detail" ;;
		esac
	done
	[ $n -gt 0 ] || not_ok "browser: no checks ran"
}
if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
	skip "the page in headless Chromium" "chromium or node is not installed (scripts/install-deps)"
elif ! "$TESTS/../scripts/web-test-deps" >"$T/npm.log" 2>&1; then
	skip "the page in headless Chromium" "cannot install puppeteer-core and axe-core: $(tail -1 "$T/npm.log")"
else
	browser_checks < <(timeout 180 node "$WEB/page.js" site news.html --title "$TITLE" \
		${WEB_SCREENSHOT:+--screenshot "$WEB_SCREENSHOT"} 2>"$T/node.err")
	browser_checks < <(timeout 60 node "$WEB/page.js" "$o" index.html --axe-only 2>>"$T/node.err")
	# the first server people try: python3 -m http.server, without HTTP Range
	python3 -u -m http.server 0 --bind 127.0.0.1 --directory site >"$T/http.log" 2>&1 &
	http_pid=$!
	trap 'kill "$http_pid" 2>/dev/null; sleep 0.2; kill -9 "$http_pid" 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
	for _ in $(seq 100); do grep -q 'port [0-9]' "$T/http.log" && break; sleep 0.1; done
	port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$T/http.log" | head -1)
	if [ -n "$port" ]; then
		browser_checks < <(timeout 60 node "$WEB/page.js" site news.html \
			--no-range "http://127.0.0.1:$port" ${WEB_SCREENSHOT:+--screenshot "$WEB_SCREENSHOT"} \
			2>>"$T/node.err")
	else
		not_ok "python3 -m http.server did not start: $(cat "$T/http.log")"
	fi
	kill "$http_pid" 2>/dev/null
	[ -s "$T/node.err" ] && sed 's/^/# /' "$T/node.err"
fi
done_testing

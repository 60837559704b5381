#!/usr/bin/env bash
# What 'make install' gives a user and a C programmer: the shared library and
# its ABI, pkg-config (shared and --static), man pages that match the tools'
# --help, and shell completion.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$TESTS/.." && pwd)
build=$(dirname "$BOBAO")
# the library this version builds (an older build may have left another)
so="$build/libbobao.so.$(sed -n 's/^#define BOBAO_VERSION "\(.*\)"$/\1/p' "$TESTS/../include/bobao.h")"
version=$(sed -n 's/^#define BOBAO_VERSION "\(.*\)"$/\1/p' "$top/include/bobao.h")

# ---- the ABI: exactly the BOBAO_API functions of bobao.h, as committed ----
# (symbol@@VERSION: today's; symbol@BOBAO_0: 0.1.0's, kept for programs
# built against it, core/abi.c)
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort)
current=$(grep -F @@ <<<"$exported" | sed 's/@.*//' | sort)
declared=$(grep -oE '^BOBAO_API [^(]*\bbobao_[a-z_0-9]+\(' "$top/include/bobao.h" |
	grep -oE 'bobao_[a-z_0-9]+\($' | tr -d '(' | sort)
check "libbobao.so exports only bobao_ symbols" \
	eval '[ -n "$exported" ] && ! grep -qv "^bobao_" <<<"$exported"'
check "the exports are the committed list (tests/abi/libbobao.symbols)" \
	diff <(cat "$top/tests/abi/libbobao.symbols") <(printf '%s\n' "$exported")
check "the default versions are the BOBAO_API functions of bobao.h" \
	diff <(printf '%s\n' "$declared") <(printf '%s\n' "$current")
check "every 0.1.0 symbol is still there (tests/abi/libbobao-0.1.0.symbols)" \
	eval '[ -z "$(comm -23 "$top/tests/abi/libbobao-0.1.0.symbols" <(sed "s/@.*//" <<<"$exported" | sort -u))" ]'
check "pcaudiolib's device opener is not the library's: the tools have it (tts/no_device.c)" \
	eval '! nm -D "$so" | grep -q create_audio_device_object &&
	      nm -D --defined-only "$build/shared/bobao" | grep -q " T create_audio_device_object" &&
	      nm -D --defined-only "$build/sd_bobao" | grep -q " T create_audio_device_object"'
check "soname libbobao.so.0" \
	eval 'objdump -p "$so" | grep -q "SONAME *libbobao.so.0$"'
check "the installed tool links the shared library" \
	eval 'objdump -p "$build/shared/bobao" | grep -q "NEEDED *libbobao.so.0$"'

# ---- make install into a fresh tree ----
D="$T/root"
# the build's own flags (make check: the sanitizers), so that a source newer
# than the build is rebuilt the same way, not relinked without them
make -s -C "$top" BUILD="$build" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX=/usr DESTDIR="$D" \
	install >"$T/install.log" 2>&1
check "make install PREFIX=/usr DESTDIR=…" test $? = 0
for f in usr/bin/bobao usr/bin/bobao-digest usr/bin/bobao-broadcast usr/include/bobao.h \
	usr/lib/libbobao.a usr/lib/libbobao.so usr/lib/libbobao.so.0 usr/lib/pkgconfig/bobao.pc \
	usr/share/man/man1/bobao.1 usr/share/man/man1/bobao-digest.1 \
	usr/share/man/man1/bobao-broadcast.1 usr/share/man/man5/bobao.conf.5 \
	usr/share/man/man3/libbobao.3 usr/share/bash-completion/completions/bobao \
	usr/share/zsh/vendor-completions/_bobao usr/lib/systemd/system/bobao-digest.timer \
	usr/share/bobao/bobao-sched.sh usr/share/bobao/bobao-web.sh; do
	[ -e "$D/$f" ] || { echo "# missing: $f"; missing=1; }
done
check "every file is installed" test -z "${missing:-}"
check "the units name the installed scripts" \
	eval 'grep -q "ExecStart=/usr/bin/bobao-digest" "$D/usr/lib/systemd/system/bobao-digest.service"'
check "the installed examples and docs name the prefix installed under (/usr), never /usr/local" \
	eval '! grep -rqE "/usr/local/(bin|share)" "$D/usr/share/bobao/examples" "$D/usr/share/doc/bobao" && grep -q "^0 7 .* /usr/bin/bobao-digest" "$D/usr/share/bobao/examples/scheduling/crontab" && grep -q /usr/bin/bobao-digest "$D/usr/share/doc/bobao/scheduling.md"'
check "installing into a DESTDIR stage does not run ldconfig" eval '! grep -q ldconfig "$T/install.log"'

export LD_LIBRARY_PATH="$D/usr/lib"
printf '银行行长说，增长了5%%。\n' >"$T/a.txt"
"$D/usr/bin/bobao" synth -q "$T/a.txt" -o "$T/a.ogg" 2>"$T/err"
rc=$?
check "the installed bobao renders an OGG" \
	eval '[ $rc = 0 ] && [ -n "$(stat_of "$T/a.ogg" seconds)" ]'

# ---- pkg-config ----
export PKG_CONFIG_PATH="$D/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
check "pkg-config --modversion bobao is $version" \
	test "$(pkg-config --modversion bobao)" = "$version"
cflags=$(pkg-config --cflags bobao)
check "pkg-config --cflags bobao is bobao.h's folder alone, no private include paths ($cflags)" \
	test "$(echo $cflags)" = "-I$D/usr/include"
# a sanitized library (make check) wants the sanitizers in the program too
san=""
nm "$D/usr/lib/libbobao.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
expected=$("$BOBAO" pinyin "$T/a.txt")
# shellcheck disable=SC2046
cc -std=c11 $san -o "$T/prog" "$top/tests/abi/prog.c" $(pkg-config --cflags --libs bobao) 2>"$T/cc.err"
check "a program builds with pkg-config --cflags --libs bobao" test $? = 0
check "… links libbobao.so.0" eval 'objdump -p "$T/prog" | grep -q "NEEDED *libbobao.so.0$"'
check "… and reads as bobao does" test "$("$T/prog" "$T/a.txt" 2>&1)" = "$expected"
# --static: the archive alone (no .so beside it), its dependencies from Requires.private
cp -a "$D" "$T/static" && rm -f "$T/static"/usr/lib/libbobao.so*
# shellcheck disable=SC2046
PKG_CONFIG_PATH="$T/static/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$T/static" \
	cc -std=c11 $san -o "$T/prog-static" "$top/tests/abi/prog.c" \
	$(PKG_CONFIG_PATH="$T/static/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$T/static" \
		pkg-config --static --cflags --libs bobao) 2>"$T/cc.err"
check "a program builds with pkg-config --static" test $? = 0
check "… holds libbobao itself and reads as bobao does" \
	eval '! objdump -p "$T/prog-static" | grep -q libbobao && [ "$("$T/prog-static" "$T/a.txt" 2>&1)" = "$expected" ]'
# a program built against 0.1.0 (its header, and a library whose symbols
# are all BOBAO_0, as 0.1.0's were), run against today's library
mkdir -p "$T/v0/include" "$T/v0/lib"
cp "$top/tests/abi/bobao-0.1.0.h" "$T/v0/include/bobao.h"
sed 's/.*/void &(void) {}/' "$top/tests/abi/libbobao-0.1.0.symbols" >"$T/v0/stub.c"
echo 'BOBAO_0 { global: bobao_*; local: *; };' >"$T/v0/map"
cc -shared -fPIC -Wl,-soname,libbobao.so.0 -Wl,--version-script="$T/v0/map" \
	-o "$T/v0/lib/libbobao.so" "$T/v0/stub.c" &&
	cc -std=c11 $san -I"$T/v0/include" -o "$T/old" "$top/tests/abi/old.c" -L"$T/v0/lib" -lbobao \
	2>"$T/cc.err"
check "a program builds against the 0.1.0 header and binds to BOBAO_0" \
	eval 'objdump -T "$T/old" | grep -q "(BOBAO_0) *bobao_render$" &&
	      ! objdump -T "$T/old" | grep -q "BOBAO_0.2"'
printf '今天天气很好。\n' >"$T/v0/in.txt"
got=$("$T/old" "$T/v0/in.txt" "$T/v0/out.wav" "$T/v0/report.json" "$T/v0/page.html" 2>"$T/v0/err")
rc=$?
check "… runs against today's libbobao.so.0: exit 0, the stats back ($got)" \
	eval '[ $rc = 0 ] && [ ! -s "$T/v0/err" ] && [ "${got%% *}" -ge 1 ] && [ "$(echo "$got" | cut -d" " -f2)" = 16000 ]'
check "… every field it set was taken: 16 kHz, the report, the page (the last field), the lead-out" \
	eval '[ "$(stat_of "$T/v0/out.wav" rate)" = 16000 ] &&
	      grep -q "\"sample_rate\": 16000" "$T/v0/report.json" && grep -q "<audio" "$T/v0/page.html" &&
	      [ "$(echo "$got" | cut -d" " -f3)" = "$(printf "%.1f" "$(stat_of "$T/v0/out.wav" seconds)")" ] &&
	      within "$(stat_of "$T/v0/out.wav" lead_out_ms)" 1000 30'
# both installed, as make install and libbobao-dev leave them: bobao-static
# links the archive (pkg-config --static bobao would get libbobao.so)
# shellcheck disable=SC2046
cc -std=c11 $san -o "$T/prog-both" "$top/tests/abi/prog.c" $(pkg-config --cflags --libs bobao-static) 2>"$T/cc.err"
check "both installed: pkg-config bobao-static builds a program without libbobao.so.0" \
	eval '[ $? = 0 ] && ! objdump -p "$T/prog-both" | grep -q libbobao && [ "$(env -u LD_LIBRARY_PATH "$T/prog-both" "$T/a.txt" 2>&1)" = "$expected" ]'
check "the README and libbobao(3) say so" \
	eval 'grep -q "pkg-config --cflags --libs bobao-static" "$top/README.md" && grep -q "bobao-static" "$top/docs/man/libbobao.3.scd"'
# libbobao(3)'s TEXT IN MEMORY program, as the page shows it, built and run
man_text() { MANWIDTH=200 man -l "$1" 2>/dev/null | col -b; }
man_text "$D/usr/share/man/man3/libbobao.3" >"$T/libbobao.3.txt"
sed -n '/^TEXT IN MEMORY/,/^FUNCTIONS/p' "$T/libbobao.3.txt" | sed -n '/#include <stdio.h>/,/^\t   }$/p' >"$T/news.c"
# shellcheck disable=SC2046
(cd "$T" && cc -std=c11 $san -o news news.c $(pkg-config --cflags --libs bobao) 2>"$T/cc.err" &&
	./news >"$T/news.out" 2>&1)
rc=$?
check "libbobao(3)'s bobao_render_text example builds, runs and writes speech ($(cat "$T/news.out"))" \
	eval '[ $rc = 0 ] && [ "$(stat_of "$T/news.ogg" format)" = oga ] && awk -v s="$(stat_of "$T/news.ogg" seconds)" "BEGIN { exit !(s > 5) }"'
check "libbobao(3) prints a newline (\\n), not \"%sn\"" eval '! grep -q "%sn" "$T/libbobao.3.txt" && grep -qF "%s\\n" "$T/libbobao.3.txt"'
unset LD_LIBRARY_PATH PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- man pages ----
check "man -w finds bobao(1), bobao.conf(5), libbobao(3)" \
	eval 'MANPATH="$D/usr/share/man" man -w bobao >/dev/null && MANPATH="$D/usr/share/man" man -w 5 bobao.conf >/dev/null && MANPATH="$D/usr/share/man" man -w 3 libbobao >/dev/null'
warnings=$(for m in "$D"/usr/share/man/man*/*; do
	LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l -Tutf8 -Z "$m" 2>&1 >/dev/null; done)
check "the man pages render without warnings" test -z "$warnings"
[ -z "$warnings" ] || echo "# $warnings" | head -5

# the options of every command's --help, and those bobao(1) names: the same
opts_of() { grep -oE '(^|[^a-zA-Z0-9-])--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }
commands=$("$BOBAO" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
help_opts=$( { "$BOBAO" --help; for c in $commands; do "$BOBAO" "$c" --help; done; } | opts_of)
man_opts=$(man_text "$D/usr/share/man/man1/bobao.1" | opts_of)
check "every option of --help is in bobao(1)" \
	diff <(comm -23 <(echo "$help_opts") <(echo "$man_opts")) /dev/null
check "every option in bobao(1) is in a --help" \
	diff <(comm -13 <(echo "$help_opts") <(echo "$man_opts")) /dev/null
man1=$(man_text "$D/usr/share/man/man1/bobao.1")
for c in $commands; do
	grep -qE "^ +bobao $c( |$)" <<<"$man1" || { echo "# bobao(1) has no synopsis for $c"; nosyn=1; }
done
check "bobao(1) has a synopsis for every command" test -z "${nosyn:-}"
codes=$(grep -oE '\{ "[^"]+", [0-9]+ \}' "$top/base/error.c" | grep -oE '[0-9]+ \}' | tr -d ' }' | sort -un)
for s in $codes; do
	grep -qE "^ +$s$" <<<"$man1" || { echo "# bobao(1) lacks exit status $s"; nocode=1; }
done
check "bobao(1) lists every exit status of bobao_exit_status" test -z "${nocode:-}"
# the scripts' keys and bobao.conf(5)
conf5=$(man_text "$D/usr/share/man/man5/bobao.conf.5")
keys=$(sed -n '/^KEYS="/,/"/p' "$top/scripts/bobao-digest" "$top/scripts/bobao-broadcast" |
	tr -c 'A-Z_\n' ' ' | tr ' ' '\n' | grep -E '^[A-Z][A-Z_]+$' | grep -v '^KEYS$' | sort -u)
conf_keys=$(grep -oE '^ {7}[A-Z][A-Z_]+(, [A-Z][A-Z_]+)*$' <<<"$conf5" | tr ',' '\n' | tr -d ' ' | sort -u)
check "every key of the scripts is in bobao.conf(5), and no other" \
	diff <(echo "$keys") <(echo "$conf_keys")
# each script on its own: its keys, its --help and its man page's statuses,
# both ways (bobao-digest(1) once lacked FEEDS and exit 69)
for script in bobao-digest bobao-broadcast; do
	sect=$(tr a-z A-Z <<<"$script")
	skeys=$(sed -n '/^KEYS="/,/"/p' "$top/scripts/$script" | tr -c 'A-Z_\n' ' ' | tr ' ' '\n' |
		grep -E '^[A-Z][A-Z_]+$' | grep -v '^KEYS$' | sort -u)
	ckeys=$(awk -v s="KEYS OF $sect" '/^[A-Z]/ { on = ($0 == s) } on' <<<"$conf5" |
		grep -oE '^ {7}[A-Z][A-Z_]+(, [A-Z][A-Z_]+)*$' | tr ',' '\n' | tr -d ' ' | sort -u)
	check "$script: its keys are bobao.conf(5)'s section for it, both ways" diff <(echo "$skeys") <(echo "$ckeys")
	help=$("$top/scripts/$script" --help)
	hkeys=$(sed -n '/^Config:/,$p' <<<"$help" | grep -oE '\b[A-Z][A-Z_]{2,}\b' | sort -u)
	check "$script --help: names every key it takes, and none of the other script's" \
		eval '[ -z "$(comm -23 <(echo "$skeys") <(echo "$hkeys"))" ] && diff <(echo "$skeys") <(comm -12 <(echo "$keys") <(echo "$hkeys"))'
	hcodes=$(sed -n '/^Exit status:/,/^$/p' <<<"$help" | grep -oE '(^|[:;] )[0-9]+ ' | grep -oE '[0-9]+' | sort -un)
	mcodes=$(man_text "$D/usr/share/man/man1/$script.1" | sed -n '/^EXIT STATUS/,/^[A-Z]/p' |
		grep -oE '^ +[0-9]+$' | tr -d ' ' | sort -un)
	check "$script: the exit statuses of --help and of $script(1), both ways ($(echo $mcodes))" \
		eval '[ -n "$hcodes" ] && diff <(echo "$hcodes") <(echo "$mcodes")'
done
man_digest=$(man_text "$D/usr/share/man/man1/bobao-digest.1")
check "bobao-digest(1) names its three sources, ARTICLES_DIR, RUNDOWN and FEEDS" \
	eval 'grep -q ARTICLES_DIR <<<"$man_digest" && grep -q RUNDOWN <<<"$man_digest" && grep -q FEEDS <<<"$man_digest"'

# ---- completion ----
if [ -r /usr/share/bash-completion/bash_completion ]; then
	complete_line() {
		PATH="$(dirname "$BOBAO"):$D/usr/bin:$PATH" bash -c '
			. /usr/share/bash-completion/bash_completion
			. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			f=$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")
			"$f" "$1"; printf "%s\n" "${COMPREPLY[@]}"' _ \
			"$D/usr/share/bash-completion/completions/bobao" "$@"
	}
	check "bobao synth --lo<TAB> completes --loudness" \
		test "$(complete_line bobao synth --lo)" = "--loudness"
	check "bobao sy<TAB> completes synth" test "$(complete_line bobao sy)" = "synth"
	check "--voice <TAB> offers the Mandarin voices" \
		eval '[[ $(complete_line bobao synth --voice cmn) == *cmn-latn-pinyin* ]]'
	check "bobao play --status <TAB> offers line, plain, none" \
		eval '[ "$(complete_line bobao play --status "" | tr "\n" " ")" = "line plain none " ]'
	check "bobao-digest --keep<TAB> completes --keep-days" \
		test "$(complete_line bobao-digest --keep)" = "--keep-days"
else
	skip "completion" "bash-completion is not installed"
fi
# zsh: the installed _bobao run with the completion system's functions
# stubbed to print what they are given
if command -v zsh >/dev/null; then
	cat >"$T/zcomp.zsh" <<'EOF'
_describe() { local a; for a in "${(@P)${@[-1]}}"; do print -r -- "${a%%:*}"; done; }
compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
_files() { print -r -- _files; }
fpath=("$1" $fpath)
autoload -Uz _bobao
shift
words=("$@"); CURRENT=$#words; PREFIX=${words[-1]}
_bobao
EOF
	zcomplete() {
		PATH="$(dirname "$BOBAO"):$PATH" zsh -f "$T/zcomp.zsh" "$D/usr/share/zsh/vendor-completions" "$@"
	}
	check "zsh: bobao <TAB> offers the commands" \
		eval '[ "$(zcomplete bobao s | tr "\n" " ")" = "synth play segment pinyin phonemes voices fetch stream " ]'
	check "zsh: bobao synth --<TAB> offers its options, --loudness among them" \
		eval 'zcomplete bobao synth --lo | grep -qx -- --loudness && ! zcomplete bobao synth --lo | grep -qx -- --no-keys'
	check "zsh: bobao play --<TAB> offers --no-keys" eval 'zcomplete bobao play --n | grep -qx -- --no-keys'
	check "zsh: a file argument is completed as a file" test "$(zcomplete bobao synth new)" = _files
else
	skip "zsh completion" "zsh is not installed"
fi

# ---- make uninstall leaves nothing ----
make -s -C "$top" BUILD="$build" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX=/usr DESTDIR="$D" uninstall >/dev/null 2>&1
left=$(find "$D" ! -type d)
check "make uninstall removes every file" test -z "$left"
[ -z "$left" ] || echo "# left: $left" | head -5
left=$(find "$D" -mindepth 1 -type d)
check "… and every folder it made" test -z "$left"
[ -z "$left" ] || echo "# left: $left" | head -5

# ---- a prefix without DESTDIR: ldconfig runs (here on a private cache) ----
P="$T/prefix"
printf '#!/bin/sh\necho "$*" >>"%s/ldconfig.calls"\nexec /sbin/ldconfig -C "%s/ld.so.cache" -f "%s/ld.so.conf"\n' \
	"$T" "$T" "$T" >"$T/ldconfig"
chmod +x "$T/ldconfig"
echo "$P/lib" >"$T/ld.so.conf"
make -s -C "$top" BUILD="$build" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX="$P" LDCONFIG="$T/ldconfig" \
	install >"$T/install2.log" 2>&1
check "make install PREFIX=… (no DESTDIR) runs ldconfig once" \
	eval '[ $? = 0 ] && [ "$(wc -l <"$T/ldconfig.calls")" = 1 ]'
check "… and the loader's cache then knows libbobao.so.0" \
	eval '/sbin/ldconfig -p -C "$T/ld.so.cache" | grep -q "libbobao.so.0 .*=> $P/lib/libbobao.so.0"'
check "… and says which AddModule line loads sd_bobao from that prefix" \
	grep -qF "AddModule \"bobao\" \"$P/lib/speech-dispatcher-modules/sd_bobao\" \"$P/etc/speech-dispatcher/modules/bobao.conf\"" "$T/install2.log"
# the systemd units as installed: valid, not root, sandboxed
if command -v systemd-analyze >/dev/null; then
	units=("$P"/lib/systemd/system/bobao-*.service "$P"/lib/systemd/system/bobao-*.timer)
	MANPATH="$P/share/man" systemd-analyze verify "${units[@]}" >"$T/verify.log" 2>&1
	check "systemd-analyze verify: the installed units are valid (their programs and man pages found)" \
		eval '[ $? = 0 ] && [ ! -s "$T/verify.log" ]'
	sed 's/^/# /' "$T/verify.log" | head -5
	for u in bobao-digest bobao-broadcast; do
		f="$P/lib/systemd/system/$u.service"
		score=$(systemd-analyze security --offline=true "$f" 2>/dev/null |
			sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
		check "$u.service: systemd-analyze security rates it ${score:-?} (at most 2.0; root unsandboxed was 9.6)" \
			awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
		check "$u.service: runs as bobao, ProtectSystem=strict, ProtectHome=, NoNewPrivileges=" \
			eval 'grep -qx "User=bobao" "$f" && grep -qx "ProtectSystem=strict" "$f" && grep -qx "ProtectHome=yes" "$f" && grep -qx "NoNewPrivileges=yes" "$f"'
	done
	check "the digest keeps its state in StateDirectory=, the broadcast reaches the sound card (audio group)" \
		eval 'grep -qx "StateDirectory=bobao" "$P/lib/systemd/system/bobao-digest.service" && grep -qx "SupplementaryGroups=audio" "$P/lib/systemd/system/bobao-broadcast.service"'
	check "the user it runs as is installed for systemd-sysusers" \
		eval 'grep -q "^u bobao " "$P/lib/sysusers.d/bobao.conf" && systemd-sysusers --dry-run "$P/lib/sysusers.d/bobao.conf" >/dev/null 2>&1'
else
	skip "systemd units" "no systemd-analyze"
fi
make -s -C "$top" BUILD="$build" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX="$P" LDCONFIG="$T/ldconfig" \
	uninstall >/dev/null 2>&1
check "make uninstall PREFIX=…: nothing left in the prefix" test -z "$(find "$P" -mindepth 1)"

# ---- sd_bobao where this machine's Speech Dispatcher looks ----
sdmods=$("$top/scripts/sd-dirs" module /usr)
if [ -d /etc/speech-dispatcher ] && ls "$sdmods"/sd_* >/dev/null 2>&1; then
	D3="$T/local"
	make -s -C "$top" BUILD="$build" EXTRA_CFLAGS="${CHECK_FLAGS:-}" PREFIX=/usr/local DESTDIR="$D3" \
		install >"$T/install3.log" 2>&1
	check "PREFIX=/usr/local: sd_bobao beside the installed server's modules ($sdmods), not under /usr/local" \
		eval '[ -x "$D3$sdmods/sd_bobao" ] && [ ! -e "$D3/usr/local/lib/speech-dispatcher-modules" ]'
	check "… its settings in /etc/speech-dispatcher/modules, which the server reads" \
		test -f "$D3/etc/speech-dispatcher/modules/bobao.conf"
else
	skip "sd_bobao where Speech Dispatcher looks" "no speech-dispatcher installed"
fi

done_testing

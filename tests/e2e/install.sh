#!/usr/bin/env bash
# What 'make install' gives a user and a C programmer: the shared library and
# its ABI, pkg-config (shared and --static), man pages that match the tools'
# --help, and shell completion.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$TESTS/.." && pwd)
build=$(dirname "$BOBAO")
so=$(ls "$build"/libbobao.so.[0-9]*.[0-9]*.[0-9]* 2>/dev/null | head -n 1)
version=$(sed -n 's/^#define BOBAO_VERSION "\(.*\)"$/\1/p' "$top/include/bobao.h")

# ---- the ABI: exactly the BOBAO_API functions of bobao.h, as committed ----
# create_audio_device_object is not API: tts/espeak.c's stand-in for
# pcaudiolib's (core/libbobao.map), checked on its own
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ { sub(/@.*/, "", $3); print $3 }' |
	grep -vx create_audio_device_object | sort)
declared=$(grep -oE '^BOBAO_API [^(]*\bbobao_[a-z_0-9]+\(' "$top/include/bobao.h" |
	grep -oE 'bobao_[a-z_0-9]+\($' | tr -d '(' | sort)
check "libbobao.so exports only bobao_ symbols" \
	eval '[ -n "$exported" ] && ! grep -qv "^bobao_" <<<"$exported"'
check "the exports are the committed list (tests/abi/libbobao.symbols)" \
	diff <(cat "$top/tests/abi/libbobao.symbols") <(printf '%s\n' "$exported")
check "the exports are the BOBAO_API functions of bobao.h" \
	diff <(printf '%s\n' "$declared") <(printf '%s\n' "$exported")
check "libbobao.so replaces pcaudiolib's device opener (synth touches no sound system)" \
	eval 'nm -D --defined-only "$so" | grep -q " T create_audio_device_object"'
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
unset LD_LIBRARY_PATH PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- man pages ----
man_text() { MANWIDTH=200 man -l "$1" 2>/dev/null | col -b; }
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
		eval '[ "$(zcomplete bobao s | tr "\n" " ")" = "synth play segment pinyin phonemes voices fetch " ]'
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

done_testing

#!/usr/bin/env bash
# The Debian packages as an administrator meets them (CI, after make deb):
# apt-get installs them on this machine, bobao renders an example to OGG,
# man and pkg-config find it, and apt-get purge leaves nothing of it.
# Needs root and build/deb from 'make deb'; skips otherwise.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$TESTS/.." && pwd)
debs=$(ls "$top"/build/deb/bobao_*.deb "$top"/build/deb/libbobao0_*.deb \
	"$top"/build/deb/libbobao-dev_*.deb 2>/dev/null)
if [ "$(id -u)" != 0 ] || [ "$(echo "$debs" | grep -c .)" != 3 ]; then
	skip "Debian packages" "needs root and the three packages of 'make deb'"
	done_testing
	exit
fi
pkgs="bobao libbobao0 libbobao-dev"
purge() { DEBIAN_FRONTEND=noninteractive apt-get purge -y -q $pkgs >"$T/purge.log" 2>&1; }
# shellcheck disable=SC2064
trap "purge; chmod -R u+w '$T' 2>/dev/null; rm -rf '$T'" EXIT
purge

# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $debs >"$T/install.log" 2>&1
check "apt-get install ./bobao*.deb" test $? = 0
dpkg -L $pkgs | sort -u >"$T/files"

/usr/bin/bobao synth -q "$top/examples/bulletin.txt" -o "$T/news.ogg" 2>"$T/err"
got=$(stat_of "$T/news.ogg" seconds)
"$BOBAO" synth -q "$top/examples/bulletin.txt" -o "$T/ref.wav"
want=$(stat_of "$T/ref.wav" seconds)
check "the packaged bobao renders an example to OGG ($got s, built tree $want s)" \
	eval '[ -s "$T/news.ogg" ] && [ -n "$want" ] && within "${got:-0}" "$want" 0.05'
check "it uses the packaged libbobao.so.0" \
	eval 'ldd /usr/bin/bobao | grep -qE "libbobao.so.0 => (/usr)?/lib/.*/libbobao.so.0"'
check "man -w bobao" test "$(man -w bobao)" = /usr/share/man/man1/bobao.1.gz
check "man -w 5 bobao.conf, man -w 3 libbobao" eval 'man -w 5 bobao.conf && man -w 3 libbobao'
check "pkg-config --modversion bobao" \
	test "$(pkg-config --modversion bobao)" = "$(dpkg-query -W -f='${Version}' libbobao-dev)"
cc -std=c11 -o "$T/prog" "$top/tests/abi/prog.c" $(pkg-config --cflags --libs bobao) 2>"$T/cc.err"
rc=$?
check "a program builds against libbobao-dev with pkg-config" \
	eval '[ $rc = 0 ] && [ "$("$T/prog" "$top/examples/weather.txt")" = "$("$BOBAO" pinyin "$top/examples/weather.txt")" ]'
check "the units are installed, not enabled" \
	eval '[ -e /lib/systemd/system/bobao-digest.timer ] && [ ! -e /etc/systemd/system/timers.target.wants/bobao-digest.timer ]'
check "bash completion is installed" test -e /usr/share/bash-completion/completions/bobao

purge
check "apt-get purge" test $? = 0
left=$(while read -r f; do [ -e "$f" ] && [ ! -d "$f" ] && echo "$f"; done <"$T/files")
check "nothing of bobao is left under /usr or /lib" test -z "$left"
[ -z "$left" ] || echo "# left: $left" | head -5
check "dpkg knows none of the packages" eval '! dpkg -s $pkgs >/dev/null 2>&1'

done_testing

# bobao - Mandarin news text to spoken bulletins.
#
#   make            build build/bobao, build/libbobao.a, build/libbobao.so.*,
#                   the man pages and tests/audiostat (what 'tests/run
#                   tests/e2e/NAME.sh' needs after a plain make)
#   make check      strict build (-Werror, ASan, UBSan) and every test
#   make check-long the slow tests too (subtitles on ten times the sample)
#   make fuzz       libFuzzer targets, FUZZ_SECONDS=60 each (clang)
#   make demo       install what is missing, build, render examples/ to out/
#   make bench      speed and memory against the eSpeak NG command line
#   make bench-reading  polyphone accuracy on ../shared/data/cpp
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        Debian packages (bobao, libbobao0, libbobao-dev) in build/deb
#   make bench-speechd  latency of the Speech Dispatcher module (sd_bobao)
#   make data       regenerate segment/readings_data.c from Unihan,
#                   segment/words_data.c from jieba's dict.txt and npm pinyin
#                   and segment/context_data.c from CPP_DATA (scripts/gen-context)
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/vendor-completions
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
CC ?= cc
CFLAGS ?= -O2 -g
BUILD ?= build

WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith
XML_CFLAGS = $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS = $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ibase -Isegment -Itts \
	-Iaudio -Isidecar -Ifetch -Icore -Iplayer $(XML_CFLAGS) $(CPPFLAGS)
CFLAGS_ALL = $(WARN) $(CFLAGS) $(EXTRA_CFLAGS)
LIBS = -lespeak-ng -lsndfile -lao -lopencc -lebur128 -lsoxr -logg -ldl -lm -lcurl $(XML_LIBS)
LEXICONS = data/char-defaults.tsv data/lexicon.tsv
# place names, read after the context model by segment/names.c
NAME_LEXICONS = data/places.tsv

# The library's sources, a block per folder, bottom-up (docs/design.md,
# "Layers"; scripts/layers checks that no folder includes from above).
# base/: buffers, errors, atomic output and its commit, fault injection, days
LIB_SRC = base/buf.c base/error.c base/out.c base/publish.c base/fault.c base/day.c \
	base/sized.c
# segment/: text to units of speech and their readings
LIB_SRC += segment/encoding.c segment/text.c segment/clean.c segment/split.c \
	segment/normalize.c segment/numbers.c segment/address.c segment/pinyin.c \
	segment/read.c segment/readings_data.c segment/lexicon.c segment/rules.c \
	segment/names.c segment/symbols.c segment/fold_data.c \
	segment/words.c segment/words_data.c segment/context.c segment/context_data.c
# audio/: sinks (file, device, level, capture), loudness, the second pass
LIB_SRC += audio/sink.c audio/file.c audio/device.c audio/loudness.c audio/oggtags.c \
	audio/post.c audio/bed.c
# audio/stream.c: a live source for Icecast (libshout, audio/icecast.c)
LIB_SRC += audio/stream.c audio/icecast.c
SHOUT_CFLAGS = $(shell pkg-config --cflags shout 2>/dev/null)
SHOUT_LIBS = $(shell pkg-config --libs shout 2>/dev/null || echo -lshout)
CPPFLAGS_ALL += $(SHOUT_CFLAGS)
LIBS += $(SHOUT_LIBS)
# tts/: engines, a unit's synthesis, the worker processes
LIB_SRC += tts/engine.c tts/espeak.c tts/synth.c tts/pool.c
# sidecar/: subtitles, chapters, report and the web page
LIB_SRC += sidecar/cues.c sidecar/page.c
# fetch/: news from the web, feeds and pages to articles (libcurl, libxml2;
# sd_bobao parses SSML with the same libxml2)
LIB_SRC += fetch/http.c fetch/charset.c fetch/feed.c fetch/extract.c fetch/run.c fetch/state.c
# core/: the handle and the conductors of the public API
LIB_SRC += core/bobao.c core/walk.c core/render.c core/speak.c core/outputs.c
# articles held in memory to a bulletin (bobao_render_text)
LIB_SRC += core/memory.c
# player/: the interactive player
LIB_SRC += player/player.c player/positions.c player/bulletin.c
# generated: the built-in lexicons (data/) and the page's assets (sidecar/)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/segment/lexicons.o \
	$(BUILD)/segment/name_lexicons.o $(BUILD)/sidecar/assets.o
LIB = $(BUILD)/libbobao.a
BIN = $(BUILD)/bobao
# the tool: cli/main.c and its pieces (plain C over <bobao.h>)
CLI_SRC = cli/main.c cli/rundown.c
CLI_SRC += cli/keys.c cli/cmd_fetch.c cli/cmd_stream.c
CLI_SRC += cli/status.c
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)

# The shared library exports exactly the BOBAO_API functions of bobao.h:
# everything is compiled hidden, and core/libbobao.map keeps only bobao_*.
# tests/abi/libbobao.symbols is the committed list the ABI test holds it to.
VERSION := $(shell sed -n 's/^\#define BOBAO_VERSION "\(.*\)"$$/\1/p' include/bobao.h)
SONAME = libbobao.so.0
SO = $(BUILD)/libbobao.so.$(VERSION)
# bobao as installed: the same tool linked against the shared library
BIN_SHARED = $(BUILD)/shared/bobao
$(LIB_OBJ) $(BUILD)/core/abi.o: LIB_CFLAGS = -fPIC -fvisibility=hidden

MAN_SRC = $(wildcard docs/man/*.scd)
MAN = $(MAN_SRC:docs/man/%.scd=$(BUILD)/man/%)

# The Speech Dispatcher output module (speechd/): libbobao and libxml2.  Its
# folders are the ones the installed speech-dispatcher looks in, asked by
# scripts/sd-dirs (for a system PREFIX; under any other PREFIX, make install
# prints the AddModule line that loads it from there).
SD_SRC = speechd/sd_bobao.c speechd/ssml.c speechd/say.c speechd/sd_buf.c speechd/config.c
SD_BIN = $(BUILD)/sd_bobao
SD_MODULEDIR ?= $(shell scripts/sd-dirs module $(PREFIX))
SD_CONFDIR ?= $(shell scripts/sd-dirs conf $(PREFIX))
# run after installing the shared library into a system prefix (not into a
# DESTDIR stage), so that the loader finds libbobao.so.0 at once
LDCONFIG ?= ldconfig

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN = $(BUILD)/tests/audiostat $(BUILD)/tests/context-features
# each fuzz target as a plain program that replays its corpus (make check)
TOOL_BIN += $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/tests/replay_%,$(wildcard tests/fuzz/fuzz_*.c))

# make check: the same sources, strict and sanitized, in their own folder
CHECK_BUILD = build/check
CHECK_FLAGS = -O1 -g -Werror -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

.PHONY: all check check-build test demo install uninstall deb clean data header-test tests-build bench bench-reading \
	faults-build bench-speechd mutants

CPP_DATA ?= ../shared/data/cpp

all: $(BIN) $(LIB) $(SO) $(BIN_SHARED) $(MAN) $(SD_BIN) $(BUILD)/tests/audiostat

# Header dependencies: each object's .d file, written as it compiles (-MMD;
# -MP: a header removed does not stop the build).  An object without its .d
# (built before the .d files were written) is built again.  Each object is
# touched after it is compiled: clang writes the .d after the object, which
# would then look out of date to every later make.
DEPFLAGS = -MMD -MP
$(BUILD)/%.d: ;
.PRECIOUS: $(BUILD)/%.d

$(BUILD)/%.o: %.c $(BUILD)/%.d
	@mkdir -p $(@D)
	$(CC) $(DEPFLAGS) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LIB_CFLAGS) -c $< -o $@
	@touch $@

# The built-in lexicons, compiled in from data/.
$(BUILD)/segment/lexicons.c: $(LEXICONS) scripts/embed-lexicons
	@mkdir -p $(@D)
	scripts/embed-lexicons $(LEXICONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/segment/lexicons.o: $(BUILD)/segment/lexicons.c
	$(CC) $(DEPFLAGS) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LIB_CFLAGS) -c $< -o $@
	@touch $@

$(BUILD)/segment/name_lexicons.c: $(NAME_LEXICONS) scripts/embed-lexicons
	@mkdir -p $(@D)
	scripts/embed-lexicons -s seg_name_lexicons $(NAME_LEXICONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/segment/name_lexicons.o: $(BUILD)/segment/name_lexicons.c
	$(CC) $(DEPFLAGS) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LIB_CFLAGS) -c $< -o $@
	@touch $@

$(BUILD)/sidecar/assets.c: sidecar/page.css sidecar/page_player.js scripts/embed-web
	@mkdir -p $(@D)
	scripts/embed-web sidecar/page.css sidecar/page_player.js > $@.tmp && mv $@.tmp $@

$(BUILD)/sidecar/assets.o: $(BUILD)/sidecar/assets.c
	$(CC) $(DEPFLAGS) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LIB_CFLAGS) -c $< -o $@
	@touch $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# pcaudiolib's device opener, replaced in bobao's own programs only
# (tts/no_device.c): not in the libraries
NODEV = $(BUILD)/tts/no_device.o -Wl,--export-dynamic-symbol=create_audio_device_object

$(BIN): $(CLI_OBJ) $(LIB) $(BUILD)/tts/no_device.o
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(NODEV) $(LIBS)

# core/abi.c: 0.1.0's ABI (versioned symbols), in the shared library only
$(SO): $(LIB_OBJ) $(BUILD)/core/abi.o core/libbobao.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=core/libbobao.map \
		$(CFLAGS_ALL) $(LDFLAGS) -o $@ $(LIB_OBJ) $(BUILD)/core/abi.o $(LIBS)
	ln -sf $(notdir $@) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libbobao.so

$(BIN_SHARED): $(CLI_OBJ) $(SO) $(BUILD)/tts/no_device.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(CLI_OBJ) $(NODEV) -L$(BUILD) -lbobao

# /usr/local in the examples, units and docs, as installed
PATH_SED = sed -e 's|/usr/local/bin|$(BINDIR)|g; s|/usr/local/share|$(DATADIR)|g; s|/usr/local/lib/systemd|$(SYSTEMDDIR:/system=)|g; s|/usr/local/lib/sysusers.d|$(SYSUSERSDIR)|g'
PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|'

# Man pages: scdoc sources in docs/man, NAME.SECTION.scd.
$(BUILD)/man/%: docs/man/%.scd
	@mkdir -p $(@D)
	scdoc < $< > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/unit.h $(LIB) $(BUILD)/tts/no_device.o
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(LIB) $(NODEV) -lcmocka $(LIBS)

# unit tests of the tool's pieces link them too
$(BUILD)/tests/test_rundown: tests/unit/test_rundown.c tests/unit/unit.h $(BUILD)/cli/rundown.o
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) -Icli $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(BUILD)/cli/rundown.o -lcmocka

$(BUILD)/tests/audiostat: tests/audiostat.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< -lsndfile -lm

# what scripts/gen-context learns from
$(BUILD)/tests/context-features: tests/context-features.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/speechd/%.o: speechd/%.c $(BUILD)/speechd/%.d
	@mkdir -p $(@D)
	$(CC) $(DEPFLAGS) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@
	@touch $@

$(SD_BIN): $(SD_SRC:%.c=$(BUILD)/%.o) $(LIB) $(BUILD)/tts/no_device.o
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(SD_SRC:%.c=$(BUILD)/%.o) $(LIB) $(NODEV) $(LIBS) -lpthread

# the module's text rules are tested from its sources
$(BUILD)/tests/test_say: speechd/say.c speechd/sd_buf.c speechd/sd.h
$(BUILD)/tests/test_speechd: speechd/ssml.c speechd/config.c speechd/sd_buf.c speechd/sd.h

tests-build: $(BIN) $(SO) $(BIN_SHARED) $(MAN) $(UNIT_BIN) $(TOOL_BIN) $(SD_BIN)

# The public header stands alone in strict C11.
header-test:
	@mkdir -p $(BUILD)
	printf '#include "bobao.h"\nint main(void) { return bobao_exit_status(BOBAO_OK); }\n' > $(BUILD)/header_test.c
	$(CC) -std=c11 -pedantic -Wall -Wextra -Werror -Iinclude -c $(BUILD)/header_test.c -o $(BUILD)/header_test.o

# the fault-injection build (BOBAO_FAULT=KIND:N, base/fault.c), for tests/e2e/faults.sh
FAULTS_BUILD = build/faults

# small planted bugs, each against the tests that must catch it: minutes,
# not part of check (tests/mutants/run, docs/testing.md)
mutants:
	tests/mutants/run

# Only the sources that name bb_fault differ in it: the others' objects
# are the check tree's, copied (compiled there first, with the same flags).
FAULT_OWN = $(LIB_SRC) $(CLI_SRC) tts/no_device.c
FAULT_SRC = $(shell grep -lw bb_fault $(FAULT_OWN))
REUSED_SRC = $(filter-out $(FAULT_SRC),$(FAULT_OWN))
faults-build:
	$(MAKE) BUILD=$(CHECK_BUILD) EXTRA_CFLAGS="$(CHECK_FLAGS)" $(REUSED_SRC:%.c=$(CHECK_BUILD)/%.o)
	$(MAKE) BUILD=$(FAULTS_BUILD) EXTRA_CFLAGS="$(CHECK_FLAGS) -DBB_FAULTS" \
		OBJ_FROM=$(CHECK_BUILD) $(FAULTS_BUILD)/bobao

ifdef OBJ_FROM
$(REUSED_SRC:%.c=$(BUILD)/%.o): $(BUILD)/%: $(OBJ_FROM)/%
	@mkdir -p $(@D)
	cp -p $< $@
endif

# make check builds its two trees (the fault tree mostly from the check
# tree's objects) and runs the tests side by side (tests/run)
NPROC := $(shell nproc 2>/dev/null || echo 2)

check: header-test
	scripts/install-deps --check-only || scripts/install-deps
	$(MAKE) -j$(NPROC) check-build
	$(MAKE) -j$(NPROC) faults-build
	BUILD=$(CHECK_BUILD) FAULTS_BUILD=$(FAULTS_BUILD) CHECK_FLAGS="$(CHECK_FLAGS)" tests/run

check-build:
	$(MAKE) BUILD=$(CHECK_BUILD) EXTRA_CFLAGS="$(CHECK_FLAGS)" tests-build

test: check

demo:
	scripts/install-deps
	$(MAKE)
	scripts/demo $(BIN)

UNITS = $(wildcard examples/scheduling/*.service examples/scheduling/*.timer)

# Installs the tool linked against the shared library, both libraries, the
# header, bobao.pc, man pages, completions, the scheduling scripts and their
# systemd units (not enabled), the examples and the docs.
install: $(BIN_SHARED) $(LIB) $(SO) $(MAN) $(SD_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(DATADIR)/bobao/examples/scheduling $(DESTDIR)$(DATADIR)/doc/bobao
	install -m 755 $(BIN_SHARED) $(DESTDIR)$(BINDIR)/bobao
	install -m 755 scripts/bobao-digest scripts/bobao-broadcast $(DESTDIR)$(BINDIR)/
	install -m 644 scripts/bobao-sched.sh scripts/bobao-fetch.sh scripts/bobao-web.sh $(DESTDIR)$(DATADIR)/bobao/
	install -m 644 examples/*.txt $(DESTDIR)$(DATADIR)/bobao/examples/
	# the examples and docs name the paths they are installed under
	for f in examples/scheduling/* README.md docs/*.md; do \
		case $$f in examples/*) d=$(DESTDIR)$(DATADIR)/bobao/examples/scheduling ;; \
		*) d=$(DESTDIR)$(DATADIR)/doc/bobao ;; esac; \
		$(PATH_SED) $$f > $$d/$${f##*/} && chmod 644 $$d/$${f##*/} || exit 1; \
	done
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libbobao.a
	install -m 644 $(SO) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SO)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libbobao.so
	install -m 644 include/bobao.h $(DESTDIR)$(INCLUDEDIR)/bobao.h
	$(PC_SED) core/bobao.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/bobao.pc
	$(PC_SED) core/bobao-static.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/bobao-static.pc
	for m in $(MAN); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/; done
	install -m 644 scripts/completion/bobao.bash $(DESTDIR)$(COMPLETIONDIR)/bobao
	ln -sf bobao $(DESTDIR)$(COMPLETIONDIR)/bobao-digest
	ln -sf bobao $(DESTDIR)$(COMPLETIONDIR)/bobao-broadcast
	install -m 644 scripts/completion/_bobao $(DESTDIR)$(ZSHCOMPDIR)/_bobao
	for u in $(UNITS); do \
		$(PATH_SED) $$u > $(DESTDIR)$(SYSTEMDDIR)/$${u##*/} && chmod 644 $(DESTDIR)$(SYSTEMDDIR)/$${u##*/}; \
	done
	# the units' user, bobao (the .deb creates it; docs/scheduling.md)
	install -m 644 examples/scheduling/bobao.sysusers $(DESTDIR)$(SYSUSERSDIR)/bobao.conf
	install -d $(DESTDIR)$(SD_MODULEDIR) $(DESTDIR)$(SD_CONFDIR)
	install -m 755 $(SD_BIN) $(DESTDIR)$(SD_MODULEDIR)/sd_bobao
	install -m 644 speechd/bobao.conf $(DESTDIR)$(SD_CONFDIR)/bobao.conf
	@if [ "$(SD_MODULEDIR)" != "$$(scripts/sd-dirs module /usr)" ]; then \
		echo "sd_bobao: Speech Dispatcher does not look in $(SD_MODULEDIR); add to speechd.conf:"; \
		echo "  AddModule \"bobao\" \"$(SD_MODULEDIR)/sd_bobao\" \"$(SD_CONFDIR)/bobao.conf\""; \
	fi
	@if [ -z "$(DESTDIR)" ]; then \
		echo "$(LDCONFIG)"; $(LDCONFIG) || echo "make install: $(LDCONFIG) failed: run it as root"; \
	fi
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bobao $(DESTDIR)$(BINDIR)/bobao-digest $(DESTDIR)$(BINDIR)/bobao-broadcast \
		$(DESTDIR)$(LIBDIR)/libbobao.a $(DESTDIR)$(LIBDIR)/libbobao.so* \
		$(DESTDIR)$(INCLUDEDIR)/bobao.h $(DESTDIR)$(PKGCONFIGDIR)/bobao.pc $(DESTDIR)$(PKGCONFIGDIR)/bobao-static.pc \
		$(DESTDIR)$(COMPLETIONDIR)/bobao $(DESTDIR)$(COMPLETIONDIR)/bobao-digest \
		$(DESTDIR)$(COMPLETIONDIR)/bobao-broadcast $(DESTDIR)$(ZSHCOMPDIR)/_bobao
	for m in $(MAN); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m##*/}; done
	for u in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMDDIR)/$${u##*/}; done
	rm -f $(DESTDIR)$(SYSUSERSDIR)/bobao.conf
	rm -f $(DESTDIR)$(SD_MODULEDIR)/sd_bobao $(DESTDIR)$(SD_CONFDIR)/bobao.conf
	rm -rf $(DESTDIR)$(DATADIR)/bobao $(DESTDIR)$(DATADIR)/doc/bobao
	# the folders install made, when nothing else is in them, up to PREFIX
	# (in a stage) or up to the system's own (/usr/local/bin stays)
	for d in $(BINDIR) $(LIBDIR) $(INCLUDEDIR) $(PKGCONFIGDIR) $(MANDIR)/man1 $(MANDIR)/man3 \
		$(MANDIR)/man5 $(COMPLETIONDIR) $(ZSHCOMPDIR) $(SYSTEMDDIR) $(SYSUSERSDIR) $(SD_MODULEDIR) \
		$(SD_CONFDIR) $(DATADIR)/doc; do \
		d="$(DESTDIR)$$d"; \
		while [ -d "$$d" ] && [ "$$d" != "$(DESTDIR)" ] && { [ -n "$(DESTDIR)" ] || [ "$$d" != "$(PREFIX)" ]; }; do \
			case "$(DESTDIR):$$d" in \
			:/usr/local/bin | :/usr/local/lib | :/usr/local/include | :/usr/local/share | \
			:/usr/local/share/man | :/usr/local/share/man/man[0-9] | :/usr/local/share/doc | \
			:/usr/local/etc | :/usr/bin | :/usr/lib | :/usr/include | :/usr/share | \
			:/usr/share/man | :/usr/share/man/man[0-9] | :/usr/share/doc | :/etc | :/lib | \
			:/usr/lib/systemd | :/lib/systemd | :/usr/share/bash-completion | :/usr/share/zsh) break ;; \
			esac; \
			rmdir "$$d" 2>/dev/null || break; \
			d=$${d%/*}; \
		done; \
	done
	@if [ -z "$(DESTDIR)" ]; then $(LDCONFIG) 2>/dev/null || true; fi

# Debian packages, built by dpkg-buildpackage in a clean copy of the sources
# (what git tracks, plus new files it does not ignore) under build/deb.
deb:
	scripts/make-deb

# Speed, memory and time to first audio against the eSpeak NG CLI.
bench: $(BIN) $(TOOL_BIN)
	scripts/install-deps --bench
	scripts/bench $(BIN)

# Latency of the Speech Dispatcher module: first audio, STOP.
bench-speechd: $(SD_BIN)
	scripts/bench-speechd $(SD_BIN)

# Polyphone accuracy on the CPP benchmark (dev and test) and front-end speed.
bench-reading: $(BIN)
	scripts/bench-reading --bobao $(BIN) $(CPP_DATA)/cpp_dev.tsv $(CPP_DATA)/cpp_test.tsv

# Every generated table: readings (Unihan), words (jieba, npm pinyin) and the
# context model (learnt from CPP_DATA's dev set by scripts/gen-context).
data: $(BUILD)/tests/context-features
	scripts/gen-readings > segment/readings_data.c.tmp
	mv segment/readings_data.c.tmp segment/readings_data.c
	scripts/gen-fold > segment/fold_data.c.tmp
	mv segment/fold_data.c.tmp segment/fold_data.c
	scripts/gen-words > segment/words_data.c.tmp
	mv segment/words_data.c.tmp segment/words_data.c
	scripts/gen-context $(BUILD)/tests/context-features $(CPP_DATA)/cpp_dev.tsv \
		> segment/context_data.c.tmp
	mv segment/context_data.c.tmp segment/context_data.c
	scripts/gen-places > data/places.tsv.tmp
	mv data/places.tsv.tmp data/places.tsv

clean:
	rm -rf build out

# the header dependencies of every object built so far
-include $(LIB_OBJ:.o=.d) $(BUILD)/core/abi.d $(CLI_OBJ:.o=.d) $(SD_SRC:%.c=$(BUILD)/%.d)

# ---- make fuzz: libFuzzer targets under ASan and UBSan (clang) ----
# Every tests/fuzz/fuzz_NAME.c is a target, seeded from tests/fuzz/corpus/NAME/
# (see tests/fuzz/README.md); the library and the tool's pieces are built
# again with clang in their own folder.  make fuzz FUZZ_SECONDS=N runs each
# target N seconds, then the shell loops tests/fuzz/*.sh as long.
FUZZ_BUILD = build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_BIN = $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/tests/%,$(wildcard tests/fuzz/fuzz_*.c))
# the tool's pieces that fuzz targets drive (not its main or its terminal)
FUZZ_CLI_OBJ = $(BUILD)/cli/rundown.o

.PHONY: fuzz fuzz-build

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB) $(FUZZ_CLI_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) -Icli $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(FUZZ_CLI_OBJ) $(LIB) $(LIBS)

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB) $(FUZZ_CLI_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) -Icli $(CFLAGS_ALL) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		$(FUZZ_CLI_OBJ) $(LIB) $(LIBS)

fuzz-build:
	scripts/install-deps --fuzz --check-only || scripts/install-deps --fuzz
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="-g" EXTRA_CFLAGS="$(FUZZ_FLAGS)" $(FUZZ_BIN)

fuzz: fuzz-build
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_BIN)

# ---- make check-long: the tests too slow for make check (BOBAO_TEST_LONG=1) ----
.PHONY: check-long
check-long: header-test
	$(MAKE) -j$(NPROC) check-build
	BOBAO_TEST_LONG=1 BUILD=$(CHECK_BUILD) tests/run tests/e2e/cues.sh

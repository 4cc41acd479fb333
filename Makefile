# tlsstep: make (build), make run (the main job), make test, make bench,
# make install / uninstall (PREFIX, DESTDIR), make deb.
# Set-up on a fresh Debian 12 machine: `make run` and `make test` install what
# is missing (.ci/deps.sh) and build.

# The version, defined here only: `tlsstep --version`, the man page's footer
# and the .deb take it from here (tests/install checks that they agree).
VERSION := 0.2.0

# Where `make install` puts things (under $(DESTDIR), for staging).
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share/tlsstep
MANDIR      ?= $(PREFIX)/share/man
LOCALEDIR   ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC      ?= cc
BUILD   ?= build
PKGS    := gmp libsodium ncursesw yaml-0.1 libcmark jansson libpcap
SAN     ?=
OPT     ?= -O2

CFLAGS_BASE := -std=c11 -D_GNU_SOURCE -g $(OPT) -Wall -Wextra -Werror \
               -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Iinclude
ifeq ($(SAN),1)
CFLAGS_BASE += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS     += -fsanitize=address,undefined
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS     += $(CFLAGS_BASE) $(PKG_CFLAGS)
LDLIBS     += $(PKG_LIBS) -lm

# Sources live in folders by layer (sim/README.md); objects mirror them.
LIB_SRC   := $(sort $(filter-out sim/cli/main.c,$(shell find sim -name '*.c')))
LIB_OBJ   := $(LIB_SRC:sim/%.c=$(BUILD)/obj/%.o)
UNIT_SRC  := $(wildcard tests/unit/*_test.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB       := $(BUILD)/libtlsstep.a

.PHONY: all run test unit unit-asan bench deps-build deps-test deps-bench deps-deb clean \
        check-deps version catalogues pot FORCE

all: $(BUILD)/tlsstep tlsstep catalogues

# ---- translations (GNU gettext; sim/po/README.md) --------
# Each sim/po/<lang>.po is compiled, checked (msgfmt --check: formats and
# header), into $(BUILD)/locale/<lang>/LC_MESSAGES/tlsstep.mo, where the
# program finds it beside itself. `make pot` extracts every marked string
# into sim/po/tlsstep.pot and merges it into each .po (msgmerge), for a
# translator; tests/i18n/catalogue.sh fails when a string lacks a translation.
PO_FILES  := $(wildcard sim/po/*.po)
MO_FILES  := $(PO_FILES:sim/po/%.po=$(BUILD)/locale/%/LC_MESSAGES/tlsstep.mo)
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --keyword=N_ --keyword=ts_tr:2 \
    --keyword=ts_trn:2,3 --flag=ts_tr:2:pass-c-format --add-comments=TRANSLATORS: \
    --keyword=cli_tr --flag=cli_tr:1:pass-c-format \
    --keyword=cli_usage_error:2 --flag=cli_usage_error:2:c-format \
    --keyword=cli_fail:3 --flag=cli_fail:3:c-format \
    --keyword=DECODE_FAIL:5 --flag=DECODE_FAIL:5:c-format \
    --package-name=tlsstep --package-version=$(VERSION) --sort-by-file --add-location=file

catalogues: $(MO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/tlsstep.mo: sim/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

pot:
	xgettext $(XGETTEXT_FLAGS) -o sim/po/tlsstep.pot $$(find sim include -name '*.[ch]' | sort)
	for po in $(PO_FILES); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po sim/po/tlsstep.pot && \
	    msgattrib --no-obsolete -o $$po $$po || exit 1; done

check-deps:
	@pkg-config --exists $(PKGS) || { echo "missing libraries: run '.ci/deps.sh build' (or make run / make test)"; exit 1; }

# Header dependencies come from the compiler (-MMD -MP: a .d file per object).
$(BUILD)/obj/%.o: sim/%.c | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/cli/main.d

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The version and the installed lessons folder are compiled in, each into one
# object; $(BUILD)/defs holds their values, rewritten only when they change,
# so `make install PREFIX=/usr` after `make` rebuilds those two objects.
$(BUILD)/obj/cli/main.o: CFLAGS += -DTS_VERSION='"$(VERSION)"'
$(BUILD)/obj/lesson/ts_lesson.o: CFLAGS += -DTS_DATADIR='"$(DATADIR)"'
$(BUILD)/obj/base/ts_i18n.o: CFLAGS += -DTS_LOCALEDIR='"$(LOCALEDIR)"'
$(BUILD)/obj/cli/main.o $(BUILD)/obj/lesson/ts_lesson.o $(BUILD)/obj/base/ts_i18n.o: $(BUILD)/defs

$(BUILD)/defs: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' 'VERSION=$(VERSION)' 'DATADIR=$(DATADIR)' 'LOCALEDIR=$(LOCALEDIR)' | cmp -s - $@ || \
	    printf '%s\n' 'VERSION=$(VERSION)' 'DATADIR=$(DATADIR)' 'LOCALEDIR=$(LOCALEDIR)' >$@

$(BUILD)/tlsstep: $(BUILD)/obj/cli/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

tlsstep: $(BUILD)/tlsstep
	@[ "$(BUILD)" = build ] && ln -sf $(BUILD)/tlsstep tlsstep || true

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< \
	    $(LIB) $(LDLIBS) $(shell pkg-config --libs cmocka)

-include $(UNIT_BIN:=.d)

deps-build:
	@.ci/deps.sh build
deps-test:
	@.ci/deps.sh test
deps-bench:
	@.ci/deps.sh bench
deps-deb:
	@.ci/deps.sh deb

run: deps-build
	@$(MAKE) --no-print-directory all
	./tlsstep

unit: $(UNIT_BIN) $(BUILD)/tlsstep catalogues

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 unit
	tests/run.sh

bench: deps-bench
	@$(MAKE) --no-print-directory all
	tests/bench/run.sh

clean:
	rm -rf build tlsstep

# ---- hardening: tamper sweep, fuzzing, memcheck --------
# `make sweep`: every byte of every handshake record, every suite (1024 bits,
# about a minute on 2 cores). `make fuzz`: every libFuzzer target for
# FUZZ_SECONDS each (clang, ASan+UBSan; objects in build/fuzz). `make
# memcheck`: a full run of each suite under valgrind. The short versions run
# in `make test` through tests/sweep/sample.sh, tests/fuzz/run.sh and
# tests/valgrind/memcheck.sh.
FUZZ_SECONDS ?= 60
SWEEP_BITS   ?= 1024

.PHONY: sweep fuzz memcheck

$(BUILD)/sweep: tests/sweep/sweep.c $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

sweep: deps-build
	@$(MAKE) --no-print-directory $(BUILD)/sweep
	$(BUILD)/sweep --bits $(SWEEP_BITS)

fuzz: deps-test
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

memcheck: deps-test
	@$(MAKE) --no-print-directory $(BUILD)/tlsstep
	TLSSTEP=$(CURDIR)/$(BUILD)/tlsstep MEMCHECK_BITS=1024 tests/valgrind/memcheck.sh

version:
	@echo $(VERSION)

# ---- install ----------------------------------------------------------------
# `make install` puts the program, the lessons, the man page and the bash
# completion under $(DESTDIR)$(PREFIX); `make uninstall` removes exactly
# those files and the then empty share/tlsstep folders. The program finds
# its lessons from its own place (BINDIR/../share/tlsstep/lessons), so a
# DESTDIR staging copy runs too.
INSTALL     ?= install
LESSON_FILES := $(sort $(wildcard lessons/*.md))

.PHONY: install uninstall deb

install: $(BUILD)/tlsstep catalogues
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	for mo in $(MO_FILES); do l=$${mo#$(BUILD)/locale/}; \
	    $(INSTALL) -d $(DESTDIR)$(LOCALEDIR)/$${l%/tlsstep.mo} && \
	    $(INSTALL) -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l || exit 1; done
	$(INSTALL) -m 0755 $(BUILD)/tlsstep $(DESTDIR)$(BINDIR)/tlsstep
	$(INSTALL) -m 0644 $(LESSON_FILES) $(DESTDIR)$(DATADIR)/lessons/
	$(INSTALL) -m 0644 sim/cli/tlsstep.1 $(DESTDIR)$(MANDIR)/man1/tlsstep.1
	$(INSTALL) -m 0644 sim/cli/tlsstep.bash $(DESTDIR)$(BASHCOMPDIR)/tlsstep

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tlsstep $(DESTDIR)$(MANDIR)/man1/tlsstep.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/tlsstep
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/lessons/,$(notdir $(LESSON_FILES)))
	rm -f $(MO_FILES:$(BUILD)/locale/%=$(DESTDIR)$(LOCALEDIR)/%)
	rmdir $(DESTDIR)$(DATADIR)/lessons $(DESTDIR)$(DATADIR) 2>/dev/null || true

# `make deb`: build/tlsstep_$(DEB_VERSION)_ARCH.deb, for /usr. It builds in
# build/deb with Debian's hardening flags (dpkg-buildflags, hardening=+all:
# fortify, stack protector, PIE, full RELRO with bind-now), stages
# `make install` in build/deb/pkg/debian/tlsstep, and .ci/deb.sh strips the
# program, compresses the man page, adds the copyright and changelog, writes
# DEBIAN/control (Depends from dpkg-shlibdeps) and packs it as root:root.
DEB_REVISION   ?= 1
DEB_VERSION    := $(VERSION)-$(DEB_REVISION)
DEB_MAINTAINER ?= tlsstep maintainers <tlsstep-maintainers@example.org>
DEB_BUILD      := build/deb
DEB_FLAGS       = export DEB_BUILD_MAINT_OPTIONS=hardening=+all; \
                  CFLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
                  LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)"

deb: deps-deb
	@$(DEB_FLAGS) $(MAKE) --no-print-directory BUILD=$(DEB_BUILD) PREFIX=/usr $(DEB_BUILD)/tlsstep
	rm -rf $(DEB_BUILD)/pkg
	@$(DEB_FLAGS) $(MAKE) --no-print-directory BUILD=$(DEB_BUILD) PREFIX=/usr \
	    DESTDIR=$(CURDIR)/$(DEB_BUILD)/pkg/debian/tlsstep install >/dev/null
	DEB_MAINTAINER='$(DEB_MAINTAINER)' .ci/deb.sh $(DEB_BUILD)/pkg $(DEB_VERSION) build

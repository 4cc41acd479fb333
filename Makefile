# tlsstep: make (build), make run (the main job), make test, make bench.
# Set-up on a fresh Debian 12 machine: `make run` and `make test` install what
# is missing (.ci/deps.sh) and build.

# The version, defined here only: `tlsstep --version` takes it from here.
VERSION := 0.2.0

# Where tlsstep is installed: its lessons are in $(DATADIR)/lessons.
PREFIX      ?= /usr/local
DATADIR     ?= $(PREFIX)/share/tlsstep

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

.PHONY: all run test unit unit-asan bench deps-build deps-test deps-bench clean \
        check-deps version FORCE

all: $(BUILD)/tlsstep tlsstep

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
$(BUILD)/obj/cli/main.o $(BUILD)/obj/lesson/ts_lesson.o: $(BUILD)/defs

$(BUILD)/defs: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' 'VERSION=$(VERSION)' 'DATADIR=$(DATADIR)' | cmp -s - $@ || \
	    printf '%s\n' 'VERSION=$(VERSION)' 'DATADIR=$(DATADIR)' >$@

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

run: deps-build
	@$(MAKE) --no-print-directory all
	./tlsstep

unit: $(UNIT_BIN) $(BUILD)/tlsstep

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 unit
	tests/run.sh

bench: deps-bench
	@$(MAKE) --no-print-directory all
	tests/bench/run.sh

clean:
	rm -rf build tlsstep

version:
	@echo $(VERSION)

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

# catchup: plain Makefile, pkg-config for every library.
#   make            build ./catchup
#   make run        install missing packages, build, start catchup
#   make check      install missing packages, build, run every test
#   make asan       the tests against an ASan+UBSan build
#   make valgrind   the unit and command-line tests under valgrind
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench      benchmarks (bench/), writes bench/results.md
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make lint       layering, file and function sizes, clang-format (scripts/lint.py)

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/catchup
MANDIR    ?= $(PREFIX)/share/man

CC        ?= cc
CFLAGS    ?= -O2 -g
WERROR    ?= -Werror
# Messages are truncated into fixed buffers on purpose; that warning would
# only make every snprintf of a message longer.
WARNINGS  := -Wall -Wextra $(WERROR) -Wno-format-truncation -Wshadow -Wstrict-prototypes
CORE_PKGS := libcurl jansson yaml-0.1 md4c sqlite3 inih libical libgit2 libxml-2.0
UI_PKGS   := ncursesw
PKGS      := $(UI_PKGS) $(CORE_PKGS)
TEST_PKGS := cmocka

BUILD     ?= build
BIN       ?= catchup

# Only src/ui/ sees curses, and only it gets curses' feature macros.
PKG_CFLAGS = $(shell pkg-config --cflags $(CORE_PKGS))
UI_CFLAGS  = $(shell pkg-config --cflags $(UI_PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CFLAGS = -std=c11 -pthread -D_DEFAULT_SOURCE -DCATCHUP_VERSION='"$(VERSION)"' \
             -DCATCHUP_DATADIR='"$(DATADIR)"' -Iinclude $(WARNINGS) $(CFLAGS) $(PKG_CFLAGS)

# One folder per layer (README, "Module map"); src/main.c joins them.
LAYERS    := base net parse store sources domain app cli
CORE_SRC  := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
UI_SRC    := $(wildcard src/ui/*.c)
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ    := $(UI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
LIBCORE   := $(BUILD)/libcatchup.a
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps lint run check test unit asan valgrind install uninstall clean bench fuzz man FORCE

all: $(BIN) catchup.1

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS) -MMD -MP -c $< -o $@

# Unit tests of the TUI (tests/unit/test_ui_*.c) are built with its objects.
UI_UNIT_BIN := $(filter $(BUILD)/tests/test_ui_%,$(UNIT_BIN))
$(UI_OBJ) $(MAIN_OBJ) $(UI_UNIT_BIN): EXTRA_CFLAGS = $(UI_CFLAGS)
$(UI_UNIT_BIN): $(UI_OBJ)

# Objects remember the flags they were built with (PREFIX is compiled in
# for the themes' path): changing them rebuilds.
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(ALL_CFLAGS) $(UI_CFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS) $(UI_CFLAGS)' > $@

$(CORE_OBJ) $(UI_OBJ) $(MAIN_OBJ): $(BUILD)/flags

$(LIBCORE): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(UI_OBJ) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -pthread $(LDFLAGS) -o $@ $(MAIN_OBJ) $(UI_OBJ) $(LIBCORE) $(PKG_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS) -Isrc/store -Isrc/ui $(shell pkg-config --cflags $(TEST_PKGS)) $(LDFLAGS) -o $@ $< \
		$(filter %.o,$^) $(LIBCORE) $(PKG_LIBS) $(shell pkg-config --libs $(TEST_PKGS)) $(LDLIBS)

# test_fuzz_regress replays saved inputs through the fuzz targets.
$(BUILD)/tests/test_fuzz_regress: $(BUILD)/fuzz/targets.o
$(BUILD)/tests/test_fuzz_regress $(BUILD)/fuzz/targets.o: EXTRA_CFLAGS = -Ifuzz

unit: $(UNIT_BIN)

# The man page's command, key and config lists come from the command,
# action and config key tables, through the binary.
catchup.1: doc/catchup.1.in $(BIN)
	./$(BIN) --list-commands=roff > $@.commands
	CATCHUP_CONFIG=/dev/null ./$(BIN) --list-keys=roff > $@.keys
	./$(BIN) --list-config=roff > $@.config
	sed -e '/@COMMANDS@/{r $@.commands' -e 'd}' -e '/@KEYS@/{r $@.keys' -e 'd}' \
		-e '/@CONFIG@/{r $@.config' -e 'd}' -e 's/@VERSION@/$(VERSION)/g' \
		-e 's|@DATADIR@|$(DATADIR)|g' doc/catchup.1.in > $@
	@rm -f $@.commands $@.keys $@.config

man: catchup.1

deps:
	@scripts/deps.sh

lint:
	@scripts/lint.py

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN)

check: deps
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory all unit
	tests/run.sh

test: all unit
	tests/run.sh

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/catchup \
		CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" build/asan/catchup catchup.1 unit
	CATCHUP_BIN=build/asan/catchup CATCHUP_UNIT_DIR=build/asan/tests \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run.sh

valgrind: deps
	@$(MAKE) --no-print-directory all unit
	CATCHUP_VALGRIND=1 tests/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/groups \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/catchup
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 644 groups/*.group $(DESTDIR)$(DATADIR)/groups/
	install -m 644 catchup.1 $(DESTDIR)$(MANDIR)/man1/catchup.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/catchup $(DESTDIR)$(MANDIR)/man1/catchup.1
	rm -rf $(DESTDIR)$(DATADIR)

bench: deps
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory BUILD=build/bench BIN=build/bench/catchup \
		CFLAGS="-O2 -DNDEBUG" build/bench/catchup build/bench/search_time
	bench/run.sh build/bench/catchup

# search_run() timed in process, for the benchmark's search figure
$(BUILD)/search_time: bench/search_time.c $(LIBCORE)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBCORE) $(PKG_LIBS) $(LDLIBS)

FUZZ_SECONDS ?= 60
fuzz: deps
	@scripts/deps.sh fuzz
	fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build catchup catchup.1 catchup.1.commands catchup.1.config catchup.1.keys

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

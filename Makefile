# Samverkan — build, test and run. `make run` and `make test` install what is missing.
SHELL := /bin/bash
CC ?= cc
PKGS := libmicrohttpd sqlite3 libpq jansson libsodium xlsxwriter libzip expat pangocairo fontconfig libcurl
# A library pkg-config cannot find stops the build here, naming it, instead of failing
# later with a missing header (the targets that install it first are exempt).
ifeq ($(filter deps run test bench soak clean,$(MAKECMDGOALS)),)
  PKG_MISSING := $(shell for p in $(PKGS); do pkg-config --exists $$p || echo $$p; done)
  ifneq ($(strip $(PKG_MISSING)),)
    $(error pkg-config hittar inte: $(PKG_MISSING). Installera med scripts/install-deps.sh)
  endif
endif
# Compiled against, but opened only when a PDF is drawn or a mail sent (src/io/dynlib.h),
# so that a command that does neither does not load them.
OPENED_LATER := pangocairo fontconfig libcurl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(filter-out $(OPENED_LATER),$(PKGS))) -lcsv -lpthread -lm

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes -Wvla
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -g

ifeq ($(SAN),1)
  BUILD := build-san
  OPT := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDSAN := -fsanitize=address,undefined
else ifeq ($(PROF),1)
  # For perf's call graphs: optimised as shipped, with frame pointers kept.
  BUILD := build-prof
  OPT := -O2 -fno-omit-frame-pointer
  LDSAN :=
else
  BUILD := build
  OPT := -O2
  LDSAN :=
endif

CFLAGS_ALL = $(BASE_CFLAGS) $(OPT) $(PKG_CFLAGS) -I$(BUILD)/gen
SRC := $(shell find src -name '*.c' | sort)
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRC))
LIB_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
GEN_OBJ := $(BUILD)/obj/gen/migrations.o $(BUILD)/obj/gen/static.o $(BUILD)/obj/gen/samples.o $(BUILD)/obj/gen/api.o
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
STATIC := $(sort $(wildcard static/*))
SAMPLES := $(sort $(wildcard docs/samples/*.csv))
APIDOCS := $(sort $(wildcard src/*/openapi.json))
BIN := $(BUILD)/samverkan

UNIT_SRC := $(shell find tests/unit -name 'test_*.c' | sort)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps run test test-unit test-http test-san fuzz fuzz-run check bench soak clean

all: $(BIN) samverkan

samverkan: $(BUILD)/samverkan
	@[ "$(SAN)" = "1" ] || ln -sf $(BUILD)/samverkan samverkan

$(BIN): $(OBJ) $(GEN_OBJ)
	$(CC) $(OPT) $(LDSAN) -o $@ $^ $(PKG_LIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh migrations $@ $(MIGRATIONS)

$(BUILD)/gen/static.c: $(STATIC) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh static $@ $(STATIC)

$(BUILD)/gen/samples.c: $(SAMPLES) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh samples $@ $(SAMPLES)

$(BUILD)/gen/api.c: $(APIDOCS) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh api $@ $(APIDOCS)

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(OPT) -c $< -o $@

# Unit tests link the program's objects (all but main) with cmocka.
$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) $(GEN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -Isrc -o $@ $^ $(PKG_LIBS) -lcmocka $(LDSAN)

deps:
	@scripts/install-deps.sh test

run:
	@scripts/install-deps.sh run
	@$(MAKE) --no-print-directory all
	@scripts/run-demo.sh

test:
	@scripts/install-deps.sh test
	@scripts/test.sh

test-unit: $(UNIT_BIN)
	@scripts/run-unit.sh $(BUILD)

# The long crash loop: kill -9 under concurrent writers, SOAK_CYCLES times on each database.
soak:
	@scripts/install-deps.sh test
	@$(MAKE) --no-print-directory all
	python3 tests/crash/crash_loop.py --binary $(BIN) --cycles $${SOAK_CYCLES:-200}
	python3 tests/crash/crash_loop.py --binary $(BIN) --postgres --cycles $${SOAK_CYCLES:-200}

test-http: $(BIN)
	@python3 tests/http/run.py --binary $(BIN)

# libFuzzer targets (clang); `make fuzz-run` runs each over its committed corpus.
FUZZ_TARGETS := fuzz_csv fuzz_form
FUZZ_BIN := $(patsubst %,build-fuzz/%,$(FUZZ_TARGETS))
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) -Isrc
FUZZ_LIB_SRC := src/io/csv.c src/io/xlsx_read.c src/base/text.c src/base/buf.c src/base/arena.c src/base/alloc.c \
                src/base/vec.c src/base/validate.c src/http/routes.c src/http/request.c src/http/form.c src/base/log.c \
                src/io/tempfile.c

fuzz: $(FUZZ_BIN)

build-fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) -o $@ $^ -lcsv -lzip -lexpat -lmicrohttpd -ljansson -lm

# New inputs go to a scratch corpus under build-fuzz/; the committed seeds are only read.
fuzz-run: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$t över tests/fuzz/corpus/$$t"; \
	  mkdir -p build-fuzz/corpus-$$t; \
	  build-fuzz/$$t -runs=0 tests/fuzz/corpus/$$t >/dev/null 2>build-fuzz/$$t.log || { cat build-fuzz/$$t.log; exit 1; }; \
	  build-fuzz/$$t -max_total_time=$${FUZZ_SECONDS:-20} -max_len=4096 -artifact_prefix=build-fuzz/ \
	    build-fuzz/corpus-$$t tests/fuzz/corpus/$$t >/dev/null 2>>build-fuzz/$$t.log || { tail -40 build-fuzz/$$t.log; exit 1; }; \
	done

# cppcheck knows C11 as its newest C; C17 changed nothing but defects in it.
check:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
	  --suppress=missingIncludeSystem --inline-suppr -D__GNUC__ -D_GNU_SOURCE -Isrc src
	python3 scripts/codecheck.py src

bench:
	@scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh

clean:
	rm -rf build build-san build-prof build-fuzz samverkan

-include $(shell find build build-san build-prof -name '*.d' 2>/dev/null)

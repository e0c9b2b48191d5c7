# jobc - the two commands that matter:
#
#   make example    build jobc and compile examples/*.job into out/
#   make test       build jobc and run the whole test suite (ctest)
#
# Both check the build and test dependencies first: as root they install
# what is missing with apt-get; otherwise they print the one apt-get line
# to run and stop.  The build itself is CMake's (build/); this file only
# drives it.  Other targets:
#
#   make                build jobc (build/jobc)
#   make update-golden  rewrite every tests/cases/*/*/expected.* and
#                       examples/expected/ (yaml, json/, planton/) from
#                       what jobc prints now
#                       (then read the diff before committing)
#   make asan           build with AddressSanitizer + UBSan (build-asan/) and run
#                       the whole test suite under it
#   make valgrind       run the examples under valgrind (no error, no leak)
#   make fuzz           build the libFuzzer targets with clang (build-fuzz/) and
#                       run each for FUZZ_TIME seconds (default 60); what they
#                       find is in build-fuzz/fuzz-<target>/ (see tests/fuzz/)
#   make install        install jobc, its man page and shell completions under
#                       PREFIX (default /usr/local; DESTDIR is honoured)
#   make deb            build a Debian package (build/jobc_*.deb) with cpack
#   make clean          remove build/ and out/

BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

BUILD_PACKAGES := cmake make gcc flex bison libcjson-dev libyaml-dev
TEST_PACKAGES  := python3 python3-yaml python3-jsonschema diffutils zsh fish groff-base vim neovim

# need-packages PACKAGES: install (as root) or name the missing ones.
define need-packages
	@missing=""; \
	for p in $(1); do \
	  case $$p in \
	    libcjson-dev) [ -f /usr/include/cjson/cJSON.h ] || missing="$$missing $$p" ;; \
	    libyaml-dev) [ -f /usr/include/yaml.h ] || missing="$$missing $$p" ;; \
	    python3-yaml) /usr/bin/python3 -c 'import yaml' 2>/dev/null || missing="$$missing $$p" ;; \
	    python3-jsonschema) /usr/bin/python3 -c 'import jsonschema' 2>/dev/null || missing="$$missing $$p" ;; \
	    python3) [ -x /usr/bin/python3 ] || missing="$$missing $$p" ;; \
	    diffutils) command -v diff >/dev/null || missing="$$missing $$p" ;; \
	    groff-base) command -v groff >/dev/null || missing="$$missing $$p" ;; \
	    neovim) command -v nvim >/dev/null || missing="$$missing $$p" ;; \
	    libclang-rt-14-dev) ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing="$$missing $$p" ;; \
	    *) command -v $$p >/dev/null || missing="$$missing $$p" ;; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "jobc: installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "jobc: missing$$missing; install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

.PHONY: all build example test deps test-deps update-golden clean install deb

all: build

deps:
	$(call need-packages,$(BUILD_PACKAGES))

test-deps:
	$(call need-packages,$(TEST_PACKAGES))

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

example: build
	@rm -rf out && mkdir -p out
	cd examples && ../$(BUILD)/jobc build -o ../out *.job
	@echo "compiled examples/*.job into out/:" && ls out

test: build test-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

update-golden: build test-deps
	cd $(BUILD) && JOBC_UPDATE_GOLDEN=1 ctest -L '^case$$' -j $(JOBS) >/dev/null || true
	cd $(BUILD) && JOBC_UPDATE_GOLDEN=1 ctest -R '^schema/examples$$' >/dev/null || true

clean:
	rm -rf $(BUILD) out

# ---- fuzzing ----------------------------------------------------------------

FUZZ_TIME ?= 60
FUZZ_BUILD ?= build-fuzz
FUZZ_FLAGS ?= -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1

.PHONY: fuzz fuzz-build fuzz-seeds
fuzz-build:
	$(call need-packages,clang libclang-rt-14-dev $(BUILD_PACKAGES))
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DJOBC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_compile fuzz_fmt fuzz_import fuzz_lsp fuzz_simulate

# Seeds: every .job file of the project (compile, fmt), every YAML input (import),
# the jobc simulate cases with their command lines (simulate).
fuzz-seeds:
	@for t in compile fmt import; do rm -rf $(FUZZ_BUILD)/seeds-$$t; mkdir -p $(FUZZ_BUILD)/seeds-$$t; done
	@find tests examples stdlib -name '*.job' -not -path '*/fuzz/*' | while read -r f; do \
	  n=$$(echo "$$f" | tr / _); cp "$$f" $(FUZZ_BUILD)/seeds-compile/$$n; cp "$$f" $(FUZZ_BUILD)/seeds-fmt/$$n; done
	@find tests examples -name '*.yaml' -not -path '*/fuzz/*' | while read -r f; do \
	  cp "$$f" $(FUZZ_BUILD)/seeds-import/$$(echo "$$f" | tr / _); done
	@python3 tests/fuzz/simulate_seeds.py tests/cases/simulate $(FUZZ_BUILD)/seeds-simulate

# Each target grows its corpus in build-fuzz/fuzz-<target>/corpus; crashes
# land in build-fuzz/fuzz-<target>/ as crash-*, timeout-*, oom-*.
fuzz: fuzz-build fuzz-seeds
	@for t in compile fmt import lsp simulate; do \
	  d=$(FUZZ_BUILD)/fuzz-$$t; mkdir -p $$d/corpus $(FUZZ_BUILD)/seeds-$$t; \
	  dict=tests/fuzz/job.dict; [ $$t = import ] && dict=tests/fuzz/yaml.dict; \
	  [ $$t = lsp ] && dict=tests/fuzz/lsp.dict; \
	  [ $$t = simulate ] && dict=tests/fuzz/sim.dict; \
	  echo "== fuzz_$$t for $(FUZZ_TIME) s"; \
	  (cd $$d && ../tests/fuzz/fuzz_$$t $(FUZZ_FLAGS) -dict=../../$$dict -max_total_time=$(FUZZ_TIME) \
	     corpus ../seeds-$$t ../../tests/fuzz/corpus/$$t ../../tests/fuzz/crashes/$$t) || exit 1; \
	done

# ---- sanitizers and valgrind ------------------------------------------------

ASAN_BUILD ?= build-asan

.PHONY: asan valgrind
asan:
	$(call need-packages,$(BUILD_PACKAGES) $(TEST_PACKAGES))
	cmake -S . -B $(ASAN_BUILD) -DJOBC_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) -j$(JOBS) --output-on-failure -E '$(ASAN_SKIP)'

# Left out under the sanitizers: sweeps that run jobc again on every case
# the case tests already run under them, to compare outputs with a schema
# or with each other (they take a third of the sanitized run's time and
# find nothing the case tests would not).
ASAN_SKIP := ^(diag/json-and-colour|schema/cases|schema/defaults-explicit|emit/yaml-equals-json|docs/current)$$

valgrind: build
	$(call need-packages,valgrind)
	tests/valgrind.sh $(BUILD)/jobc

# ---- install ----------------------------------------------------------------

PREFIX ?= /usr/local

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

deb: build
	cd $(BUILD) && cpack -G DEB

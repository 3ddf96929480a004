# The two commands of README.md:  `make run` builds and runs llmctl; `make test` runs every test.
SHELL := /bin/bash
PREFIX ?= /usr/local
ARGS ?=
SWIFT ?= swift

.PHONY: deps test-deps build run test bench install clean completions fuzz

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product llmctl

run: build
	@.build/release/llmctl $(ARGS)

test: test-deps
	$(SWIFT) build --build-tests 2>&1 | tee .build-test.log
	@scripts/check-warnings.sh .build-test.log
	$(SWIFT) test --skip-build 2>&1 | tee .test.log; exit $${PIPESTATUS[0]}

bench: test-deps build
	bench/run.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/llmctl $(DESTDIR)$(PREFIX)/bin/llmctl
	install -m 644 man/llmctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/llmctl.1
	install -m 644 completions/llmctl.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/llmctl
	install -m 644 completions/_llmctl $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_llmctl
	install -m 644 completions/llmctl.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/llmctl.fish

clean:
	rm -rf .build

# libFuzzer harnesses (fuzz/): FUZZ_SECONDS per target (default 60), FUZZ_JOBS at a time (default 2).
fuzz:
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) fuzz/run.sh

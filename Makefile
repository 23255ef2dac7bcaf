# Build and install milequest with its man page and shell completions.
#   make install                  # into /usr/local (needs root)
#   make install PREFIX=~/.local  # for yourself
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# A statically linked Swift runtime: one self-contained binary that starts faster.
SWIFT_BUILD = swift build -c release --scratch-path .build-static -Xswiftc -static-stdlib

.PHONY: build install uninstall test docs

build:
	$(SWIFT_BUILD)

install: build
	install -d "$(BINDIR)" "$(MANDIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 "$$($(SWIFT_BUILD) --show-bin-path)/milequest" "$(BINDIR)/milequest"
	install -m 644 man/milequest.1 "$(MANDIR)/milequest.1"
	install -m 644 completions/milequest.bash "$(BASHDIR)/milequest"
	install -m 644 completions/_milequest "$(ZSHDIR)/_milequest"
	install -m 644 completions/milequest.fish "$(FISHDIR)/milequest.fish"

uninstall:
	rm -f "$(BINDIR)/milequest" "$(MANDIR)/milequest.1" "$(BASHDIR)/milequest" \
	  "$(ZSHDIR)/_milequest" "$(FISHDIR)/milequest.fish"

test:
	swift test

docs:
	.ci/gen-docs

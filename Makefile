# Build and install milequest with its man page and shell completions.
#   make install                  # into /usr/local (needs root)
#   make install PREFIX=~/.local  # for yourself
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# A fully static executable (Swift runtime, Foundation, SQLite, readline; libtinfo.a is what
# readline needs): no dynamic loader, no relocations at start-up, so it starts faster
# (Benchmarks/README.md, "Start-up"). Needs the .a files of libsqlite3-dev, libreadline-dev
# and libncurses-dev.
# -disable-concrete-type-metadata-mangled-name-accessors: our modules and the packages built
# from source get generic types' metadata through accessor functions, not by demangling a
# name at run time, which checks each generic requirement by scanning every protocol
# conformance in the binary (Benchmarks/README.md: 10 of the 11 scans of a `log`).
# lld with Benchmarks/hot-symbols.txt (Benchmarks/hot-symbols.sh writes it): the functions
# the common commands run are laid out together, so a command touches fewer code pages.
# docs/ARCHITECTURE.md ("Do not undo") lists each flag with the benchmark row that guards it.
SWIFT_BUILD = swift build -c release --scratch-path .build-static \
  -Xswiftc -static-executable -Xlinker -ltinfo \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  -Xswiftc -use-ld=lld -Xlinker --symbol-ordering-file=$(CURDIR)/Benchmarks/hot-symbols.txt \
  -Xlinker --no-warn-symbol-ordering

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

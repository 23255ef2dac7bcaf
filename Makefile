# Build and install milequest with its man page and shell completions, or package it.
#   make install                  # into /usr/local (needs root)
#   make install PREFIX=~/.local  # for yourself
#   make dist                     # dist/milequest-VERSION-linux-ARCH.tar.gz and its .sha256
#   make deb                      # dist/milequest_VERSION_ARCH.deb (dpkg-deb)
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
MAN5DIR = $(PREFIX)/share/man/man5
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

# The version lives in one place, Sources/milequest/Version.swift (`milequest --version`).
VERSION := $(shell sed -n 's/^ *static let string = "\(.*\)"$$/\1/p' Sources/milequest/Version.swift)
MACHINE := $(shell uname -m)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo $(MACHINE))
DIST = dist
# The man pages: milequest(1), one page per command (milequest-goal-create.1) and
# milequest-formats(5), all written by .ci/gen-docs (the last by hand).
MAN1 := $(sort $(wildcard man/*.1))
MAN5 := man/milequest-formats.5
DIST_NAME = milequest-$(VERSION)-linux-$(MACHINE)
DEB_NAME = milequest_$(VERSION)_$(DEB_ARCH)

.PHONY: build install uninstall test docs dist deb

build:
	$(SWIFT_BUILD)

install: build
	install -d "$(BINDIR)" "$(MANDIR)" "$(MAN5DIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 "$$($(SWIFT_BUILD) --show-bin-path)/milequest" "$(BINDIR)/milequest"
	install -m 644 $(MAN1) "$(MANDIR)/"
	install -m 644 $(MAN5) "$(MAN5DIR)/"
	install -m 644 completions/milequest.bash "$(BASHDIR)/milequest"
	install -m 644 completions/_milequest "$(ZSHDIR)/_milequest"
	install -m 644 completions/milequest.fish "$(FISHDIR)/milequest.fish"
	@# zsh reads completions only from the directories on its $$fpath: say so when ours is not.
	@if command -v zsh >/dev/null 2>&1 && \
	  ! zsh -ic 'print -rl -- $$fpath' </dev/null 2>/dev/null | grep -qxF "$(ZSHDIR)"; then \
	  echo "note: $(ZSHDIR) is not on zsh's fpath; add to ~/.zshrc, before compinit:"; \
	  echo "  fpath=($(ZSHDIR) \$$fpath)"; \
	fi

uninstall:
	rm -f "$(BINDIR)/milequest" $(addprefix "$(MANDIR)/,$(addsuffix ",$(notdir $(MAN1)))) \
	  $(addprefix "$(MAN5DIR)/,$(addsuffix ",$(notdir $(MAN5)))) "$(BASHDIR)/milequest" \
	  "$(ZSHDIR)/_milequest" "$(FISHDIR)/milequest.fish"

test:
	swift test

docs:
	.ci/gen-docs

# The release tarball: the stripped static binary, the man pages, the three completion scripts,
# README and LICENSE under milequest-VERSION-linux-ARCH/, owned by root and in a fixed order so
# that two builds of the same binary give the same bytes; then its SHA-256 in the form
# `sha256sum -c` reads.
dist: build
	rm -rf "$(DIST)/$(DIST_NAME)" "$(DIST)/$(DIST_NAME).tar.gz" "$(DIST)/$(DIST_NAME).tar.gz.sha256"
	install -d "$(DIST)/$(DIST_NAME)/bin" "$(DIST)/$(DIST_NAME)/man/man1" \
	  "$(DIST)/$(DIST_NAME)/man/man5" "$(DIST)/$(DIST_NAME)/completions"
	install -m 755 "$$($(SWIFT_BUILD) --show-bin-path)/milequest" "$(DIST)/$(DIST_NAME)/bin/"
	strip "$(DIST)/$(DIST_NAME)/bin/milequest"
	install -m 644 $(MAN1) "$(DIST)/$(DIST_NAME)/man/man1/"
	install -m 644 $(MAN5) "$(DIST)/$(DIST_NAME)/man/man5/"
	install -m 644 completions/milequest.bash completions/_milequest completions/milequest.fish \
	  "$(DIST)/$(DIST_NAME)/completions/"
	install -m 644 README.md LICENSE "$(DIST)/$(DIST_NAME)/"
	tar -C "$(DIST)" --owner=0 --group=0 --numeric-owner --sort=name \
	  --mtime="$$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)" \
	  -cf - "$(DIST_NAME)" | gzip -9n > "$(DIST)/$(DIST_NAME).tar.gz"
	cd "$(DIST)" && sha256sum "$(DIST_NAME).tar.gz" > "$(DIST_NAME).tar.gz.sha256"
	@echo "$(DIST)/$(DIST_NAME).tar.gz"

# The Debian package, built with dpkg-deb from the same files in Debian's places: the binary in
# /usr/bin, each man page gzipped in /usr/share/man/man1 or man5, completions where bash-completion,
# zsh and fish look for a package's, README and the licence in /usr/share/doc/milequest. The
# binary is static, so the package depends on nothing; libpq5 is suggested for PostgreSQL
# databases (loaded only when one is used).
deb: build
	rm -rf "$(DIST)/$(DEB_NAME)" "$(DIST)/$(DEB_NAME).deb"
	install -d "$(DIST)/$(DEB_NAME)/DEBIAN" "$(DIST)/$(DEB_NAME)/usr/bin" \
	  "$(DIST)/$(DEB_NAME)/usr/share/man/man1" "$(DIST)/$(DEB_NAME)/usr/share/man/man5" \
	  "$(DIST)/$(DEB_NAME)/usr/share/bash-completion/completions" \
	  "$(DIST)/$(DEB_NAME)/usr/share/zsh/vendor-completions" \
	  "$(DIST)/$(DEB_NAME)/usr/share/fish/vendor_completions.d" \
	  "$(DIST)/$(DEB_NAME)/usr/share/doc/milequest"
	install -m 755 "$$($(SWIFT_BUILD) --show-bin-path)/milequest" "$(DIST)/$(DEB_NAME)/usr/bin/"
	strip "$(DIST)/$(DEB_NAME)/usr/bin/milequest"
	for page in $(MAN1) $(MAN5); do \
	  section=$${page##*.}; \
	  gzip -9n < "$$page" > "$(DIST)/$(DEB_NAME)/usr/share/man/man$$section/$${page##*/}.gz"; \
	  chmod 644 "$(DIST)/$(DEB_NAME)/usr/share/man/man$$section/$${page##*/}.gz"; \
	done
	install -m 644 completions/milequest.bash \
	  "$(DIST)/$(DEB_NAME)/usr/share/bash-completion/completions/milequest"
	install -m 644 completions/_milequest "$(DIST)/$(DEB_NAME)/usr/share/zsh/vendor-completions/"
	install -m 644 completions/milequest.fish \
	  "$(DIST)/$(DEB_NAME)/usr/share/fish/vendor_completions.d/"
	install -m 644 README.md "$(DIST)/$(DEB_NAME)/usr/share/doc/milequest/"
	{ echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"; \
	  echo "Upstream-Name: milequest"; echo; echo "Files: *"; \
	  echo "Copyright: 2026 the Mile Quest authors"; echo "License: MIT"; \
	  sed -e 's/^$$/./' -e 's/^/ /' LICENSE; } \
	  > "$(DIST)/$(DEB_NAME)/usr/share/doc/milequest/copyright"
	chmod 644 "$(DIST)/$(DEB_NAME)/usr/share/doc/milequest/copyright"
	{ echo "Package: milequest"; echo "Version: $(VERSION)"; \
	  echo "Architecture: $(DEB_ARCH)"; echo "Section: utils"; echo "Priority: optional"; \
	  echo "Maintainer: Mile Quest <milequest@example.org>"; \
	  echo "Installed-Size: $$(du -sk --exclude=DEBIAN "$(DIST)/$(DEB_NAME)" | cut -f1)"; \
	  echo "Suggests: libpq5"; \
	  echo "Description: team walking challenges from the shell"; \
	  echo " Members log walks; teams pursue goals along real routes on the globe. milequest"; \
	  echo " shows where on the route a team stands, the milestones it passed, when it will"; \
	  echo " arrive at its pace, and leaderboards, with JSON and CSV output for scripts."; } \
	  > "$(DIST)/$(DEB_NAME)/DEBIAN/control"
	dpkg-deb --build --root-owner-group "$(DIST)/$(DEB_NAME)" "$(DIST)/$(DEB_NAME).deb"

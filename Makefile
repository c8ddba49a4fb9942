# artkit - streaming Unix filters for news text.
#
# One plain Makefile; flags come from pkg-config, so there is no configure
# step on Debian or Ubuntu (see INSTALL).  Every lib/LAYER/*.c goes into the static
# libartkit.a, every cmd/NAME.c becomes the tool NAME, every tests/unit/*.c a
# unit-test program.  SAN=1 builds with AddressSanitizer and
# UndefinedBehaviorSanitizer into a separate tree (build-san); NOSSE=1 builds
# without the SSE2 scans, as for a machine without them, into build-nosse;
# WERROR=1 makes warnings errors; VALGRIND=1 runs the tests under valgrind
# memcheck.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/artkit

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wno-unused-parameter
PKGS	 = libbsd-overlay zlib libutf8proc libxxhash libzstd libxml-2.0 libzip libhs
# Recursive (=) so that pkg-config runs when a recipe needs it, after
# `make deps` has installed what it reads.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))

ifeq ($(WERROR),1)
WARN	+= -Werror
endif

# The plain C path of the scans that read sixteen bytes at a time: the
# code tests __SSE2__, which every x86-64 compiler defines.
ifeq ($(NOSSE),1)
O	?= build-nosse
NOSSE_CFLAGS = -U__SSE2__
endif

ifeq ($(SAN),1)
O	?= build-san
CFLAGS	+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=address,undefined
else
O	?= build
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(NOSSE_CFLAGS) -D_GNU_SOURCE -Ilib $(PKG_CFLAGS) \
	     -DARTKIT_DATADIR='"$(DATADIR)"'
ALL_LIBS   = $(PKG_LIBS) -lm

LIB_SRC	= $(sort $(wildcard lib/*/*.c))
LIB_HDR	= $(wildcard lib/*/*.h)
LIB_OBJ	= $(LIB_SRC:lib/%.c=$(O)/lib/%.o)
LIB	= $(O)/libartkit.a
TOOLS	= $(sort $(patsubst cmd/%.c,%,$(wildcard cmd/*.c)))
BINS	= $(TOOLS:%=$(O)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNITS	= $(UNIT_SRC:tests/unit/%.c=$(O)/unit/%)
AUX_SRC	= $(sort $(wildcard tools/*.c))
AUX	= $(AUX_SRC:tools/%.c=$(O)/tools/%)
MAN1	= $(sort $(wildcard share/man/man1/*.1))
DATA	= $(filter-out share/man/% share/corpus/%,$(shell find share -type f 2>/dev/null | sort))

.PHONY: all deps check test demo bench install uninstall clean fuzz tables FORCE

all: $(BINS) $(UNITS) $(AUX)

$(O)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The data directory is compiled into util.o; rebuild it when it changes so
# that `make install PREFIX=...` installs tools that find their data.
$(O)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(O)/lib/base/util.o: $(O)/datadir.stamp
FORCE:

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(O)/bin/%: cmd/%.c $(LIB) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(ALL_LIBS)

$(O)/unit/%: tests/unit/%.c tests/unit/unit.h $(LIB) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB) $(ALL_LIBS)

$(O)/tools/%: tools/%.c $(LIB) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(ALL_LIBS)

# Install what the build and the tests need (apt-get when root, otherwise
# print the command).
deps:
	@sh tools/deps.sh

# The whole suite: C unit tests, then the bats files; the last line is
# "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory all
	@O=$(O) sh tests/run

# Like check, without the dependency step (for a quick re-run).
test: all
	@O=$(O) sh tests/run

demo: deps
	@$(MAKE) --no-print-directory all
	@O=$(O) sh tools/demo.sh

bench: all
	@O=$(O) BENCH_BIG=$${BENCH_BIG:-$(BIG)} sh tools/bench.sh

fuzz:
	@sh tests/fuzz/run.sh

# Tables written by a generator in tools/ (which says from what); the
# generated files are in the tree, so building needs no Python, and a test
# checks that they are what the generator writes.
tables:
	python3 tools/genmojibake.py > lib/text/mojibake_tab.h

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	for f in $(DATA:share/%=%); do \
		install -d $(DESTDIR)$(DATADIR)/$$(dirname $$f) && \
		install -m 644 share/$$f $(DESTDIR)$(DATADIR)/$$f || exit 1; \
	done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MAN1:share/man/man1/%=%); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-nosse

# lxc-ts build and install.
#   make                    build the multi-call binary (dist/lxc) and the C core
#   make install PREFIX=DIR install the lxc-* tools into DIR/bin and the core into DIR/libexec/lxc-ts
#   make check              type-check and run the unit tests
PREFIX ?= /usr/local
BUN := node_modules/.bin/bun
TSC := node_modules/.bin/tsc
SOURCES := $(shell find src -name '*.ts')
# --compile-jit-policy: a tool run is a few milliseconds of code that runs once, and JIT
# compiling it costs more than it saves (lxc-ls -f over 50 containers: 22.7 -> 18.5 ms,
# lxc-start -d: 46 -> 35 ms). Hot loops still reach the JIT, 1000 times later; a tool that
# relays data for a long time should call Bun.unsafe.setJITPolicy(1) once it starts relaying.
BUILD_FLAGS := --compile --bytecode --minify --no-compile-autoload-dotenv --no-compile-autoload-bunfig --compile-jit-policy=1000

.PHONY: all install check typecheck unit core clean

all: dist/lxc core

$(BUN) $(TSC): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(BUN) $(TSC)

dist/lxc: $(SOURCES) $(BUN)
	@mkdir -p dist
	$(BUN) build $(BUILD_FLAGS) src/main.ts --outfile dist/lxc.new
	mv dist/lxc.new dist/lxc

core:
	$(MAKE) -C core

# Files are written next to their target and renamed over it, so tools that are running
# during an upgrade keep their old binary.
install: all
	install -d -m 0755 $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/lxc-ts
	install -m 0755 dist/lxc $(DESTDIR)$(PREFIX)/bin/.lxc.new
	mv -f $(DESTDIR)$(PREFIX)/bin/.lxc.new $(DESTDIR)$(PREFIX)/bin/lxc
	install -m 0755 core/lxc-core $(DESTDIR)$(PREFIX)/libexec/lxc-ts/.lxc-core.new
	mv -f $(DESTDIR)$(PREFIX)/libexec/lxc-ts/.lxc-core.new $(DESTDIR)$(PREFIX)/libexec/lxc-ts/lxc-core
	for t in $$(dist/lxc __list-tools); do ln -sfn lxc $(DESTDIR)$(PREFIX)/bin/$$t; done

typecheck: $(TSC)
	$(TSC) --noEmit

unit: $(BUN)
	$(BUN) test tests/unit

check: typecheck unit

clean:
	rm -rf dist
	$(MAKE) -C core clean

#!/usr/bin/env bash
# wxpay-wasm build and test driver.
#
#   ./build.sh          build pkg/ and run the demo flow (the main job)
#   ./build.sh test     every test: Rust (also with the v3 feature), vectors, repository lints,
#                       wasm in Chromium, the mini-program simulator in Node and in
#                       JavaScriptCore (JIT off), WeChat's tools, TypeScript consumers of the
#                       packed package, size budgets, and "generated files and pkg/ are what
#                       the build makes"
#   ./build.sh package  build pkg/ only
#   ./build.sh generate rewrite the generated sources (src/js/generated/wire.js, the demo's diag-vectors.js)
#   ./build.sh fuzz [s] cargo-fuzz every target of the core for s seconds each (default 60)
#   ./build.sh bench    the benchmark (not a test): rewrites docs/benchmarks.md and .svg
#
# Tools come from registries only and are installed when missing (pinned versions).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

WASM_BINDGEN_VERSION=0.2.100 # must equal Cargo.lock's (iOS: later versions export wasm Globals)
WASM_PACK_VERSION=0.15.1
BUDGET_WASM=36864        # 36 KiB: the raw .wasm
BUDGET_WASM_BR=13312     # 13 KiB: the .wasm.br devices download
BUDGET_MINIPROGRAM=36864 # 36 KiB: what 构建npm copies for devices (.d.ts/.md/.map aside); 28 KiB
                         # until the transfer and virtual-payment sheets (issue 20) joined requestPayment

# The .wasm must be MVP + mutable-globals only: iOS refuses later features with
# "CompileError: invalid wasm file" (docs/runtime.md). Our crates are compiled for the
# MVP CPU; the precompiled std was built with newer features, so the linker is told the
# feature set (else wasm-bindgen sees reference-types/multivalue and emits externref
# glue), and wasm-opt below lowers what std still uses (bulk memory, sign-ext, sat. conversions).
# Paths are remapped so that the module is the same from any checkout folder, with
# or without rust-src installed (the toolchain's own sources live in its sysroot).
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
SYSROOT=$(rustc --print sysroot)
MP_RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals \
-C link-arg=--no-check-features -C link-arg=--features=mutable-globals,bulk-memory,sign-ext,nontrapping-fptoint \
--remap-path-prefix=$ROOT=wxpay-wasm --remap-path-prefix=$CARGO_HOME_DIR=cargo --remap-path-prefix=$SYSROOT=rust"
MVP_ONLY=(--disable-saturating-float-to-int --disable-sign-extension --disable-multi-value
  --disable-bulk-memory --disable-reference-types --disable-simd) # threads, tail calls: off by default

step() { printf '\n== %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------------ tools

APT_UPDATED=
apt_install() { # apt_install <command> <package>...
  have "$1" && return 0
  shift
  [ -n "$APT_UPDATED" ] || { apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

cargo_install() { # cargo_install <binary> <crate> <version>
  if have "$1" && "$1" --version 2>/dev/null | grep -q " $3\b"; then return 0; fi
  step "installing $2 $3 (from source; takes minutes)"
  # --locked first; retry without when the registry lacks a pinned dependency.
  cargo install "$2" --version "$3" --locked --force || cargo install "$2" --version "$3" --force
}

npm_install() { # npm_install <dir>
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_tools() {
  export PATH="$CARGO_HOME_DIR/bin:$PATH"
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | grep -q "version = \"$WASM_BINDGEN_VERSION\"" ||
    { echo "Cargo.lock's wasm-bindgen is not $WASM_BINDGEN_VERSION" >&2; exit 1; }
  cargo_install wasm-pack wasm-pack "$WASM_PACK_VERSION"
  cargo_install wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
  apt_install wasm-validate wabt
  apt_install brotli brotli
  npm_install tools
}

demo_tools() {
  npm_install tests/mp        # the simulator (wabt checks the module as iOS would)
  npm_install tests/mp/wechat # WeChat's miniprogram-ci: packNpm (构建npm), compile checks
}

test_tools() {
  build_tools
  demo_tools
  npm_install tests/mp/render # WeChat's miniprogram-simulate on jsdom: the demo's pages rendered
  apt_install chromium chromium
  apt_install chromedriver chromium-driver
  apt_install jsc libjavascriptcoregtk-4.0-bin
  apt_install openssl openssl # tests/node makes a platform certificate
  npm_install tests/node      # pkg/ installed as the wxpay-wasm dependency
  npm_install tests/frameworks # Express, Koa, Fastify, NestJS (pinned) for the docs' notification handlers
}

# ------------------------------------------------------------------ package

package() {
  build_tools
  step "wasm-pack build (release, MVP features, wasm-bindgen $WASM_BINDGEN_VERSION)"
  local out=target/wasm-pack
  # A target dir of its own: these RUSTFLAGS would otherwise rebuild the host's crates.
  CARGO_TARGET_DIR=$ROOT/target/mp RUSTFLAGS="$MP_RUSTFLAGS" \
    wasm-pack --quiet build wasm/miniprogram --release --target bundler --no-pack --out-dir "$ROOT/$out" --out-name wxpay_wasm \
      -- --no-default-features # no std: see wasm/miniprogram/src/lib.rs
  # getrandom's custom-source hook is #[no_mangle], which exports it; nothing outside calls it.
  mvp_opt "$out/wxpay_wasm_bg.wasm" "$out/opt.wasm" -Oz --remove-exports --pass-arg=remove-exports@__getrandom_custom
  # wasm/web for Node and browsers: the same MVP flags (Node 16's V8 has no reference
  # types), glue for Node (CommonJS) and for browsers/bundlers (ES module).
  step "wasm-pack build wasm/web (release, --target nodejs and --target web)"
  # Only Node's build has API v3's rules (a page never holds a merchant key).
  local target features
  for target in nodejs web; do
    features=$([ "$target" = nodejs ] && echo v3 || echo "")
    CARGO_TARGET_DIR=$ROOT/target/mp RUSTFLAGS="$MP_RUSTFLAGS" \
      wasm-pack --quiet build wasm/web --release --target "$target" --no-pack --out-dir "$ROOT/target/wasm-pack-web-$target" --out-name wxpay_wasm_web \
        -- --features "$features"
    # Each target's .wasm names its imports' module differently.
    mvp_opt "target/wasm-pack-web-$target/wxpay_wasm_web_bg.wasm" "target/wasm-pack-web-$target/opt.wasm" -O3
  done
  node tools/assemble-pkg.js "$out" "$out/opt.wasm" target/wasm-pack-web-nodejs target/wasm-pack-web-web pkg
  check_package
}

mvp_opt() { # mvp_opt <in.wasm> <out.wasm> <-Oz|-O3> [more passes]: wasm-opt with the MVP lowering
  step "wasm-opt $3 with MVP lowering: $1"
  tools/node_modules/.bin/wasm-opt "$1" -o "$2" \
    --enable-mutable-globals --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    "${@:4}" "$3" --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering "$3" \
    --strip-debug --strip-producers --strip-target-features
}

check_package() {
  step "package checks"
  local wasm=pkg/wxpay_wasm_bg.wasm
  wasm-validate "${MVP_ONLY[@]}" "$wasm"
  echo "MVP + mutable-globals only: ok (wasm-validate ${MVP_ONLY[*]})"
  if wasm-objdump -x -j Export "$wasm" | grep -q ' global\['; then
    echo "FAIL: the module exports a Global (iOS WXWebAssembly refuses it)" >&2; exit 1
  fi
  echo "no exported Global: ok"
  if grep -aq -e "$ROOT" -e "$CARGO_HOME_DIR" -e "$SYSROOT" "$wasm"; then
    echo "FAIL: the module holds an absolute path of this machine" >&2; exit 1
  fi
  echo "no machine paths: ok"
  local web
  for web in pkg/node/generated/wxpay_wasm_web_bg.wasm pkg/web/generated/wxpay_wasm_web_bg.wasm; do
    wasm-validate "${MVP_ONLY[@]}" "$web"
    if grep -aq -e "$ROOT" -e "$CARGO_HOME_DIR" "$web"; then
      echo "FAIL: $web holds an absolute path of this machine" >&2; exit 1
    fi
    printf 'size: %s %d bytes (MVP, no machine paths: ok)\n' "$web" "$(stat -c %s "$web")"
  done
  cmp -s <(brotli -dc pkg/miniprogram/wxpay_wasm_bg.wasm.br) "$wasm" || { echo "FAIL: .wasm.br is not the .wasm" >&2; exit 1; }
  local raw mp br
  raw=$(stat -c %s "$wasm")
  br=$(stat -c %s pkg/miniprogram/wxpay_wasm_bg.wasm.br)
  mp=$(find pkg/miniprogram -type f ! -name '*.d.ts' ! -name '*.md' ! -name '*.map' -printf '%s\n' | awk '{s+=$1} END {print s}')
  printf 'size: .wasm %d bytes (budget %d), .wasm.br %d bytes (budget %d), mini-program folder %d bytes (budget %d)\n' \
    "$raw" "$BUDGET_WASM" "$br" "$BUDGET_WASM_BR" "$mp" "$BUDGET_MINIPROGRAM"
  find pkg/miniprogram -type f -printf '  %-40p %6s bytes\n' | sort
  [ "$raw" -le "$BUDGET_WASM" ] || { echo "FAIL: .wasm over budget" >&2; exit 1; }
  [ "$br" -le "$BUDGET_WASM_BR" ] || { echo "FAIL: .wasm.br over budget" >&2; exit 1; }
  [ "$mp" -le "$BUDGET_MINIPROGRAM" ] || { echo "FAIL: mini-program folder over budget" >&2; exit 1; }
}

# ------------------------------------------------------------------ generated sources

GENERATED=(src/js/generated miniprogram-demo/miniprogram/diag-vectors.js tests/vectors/v3_messages.json)

generate() {
  step "generate: src/js/generated/wire.js and tests/vectors/v3_messages.json (from the Rust core), the demo's diag-vectors.js (from tests/vectors)"
  cargo test --quiet -p wxpay-wasm-miniprogram --lib write_wire_js -- --ignored
  WXPAY_WRITE_MESSAGES=1 cargo test --quiet --features v3 --test v3_vectors
  node miniprogram-demo/make-diag-vectors.js
}

generated_unchanged() {
  generate
  if ! git diff --exit-code -- "${GENERATED[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${GENERATED[@]}")" ]; then
    echo "FAIL: ./build.sh generate changed generated files: run it and commit them" >&2
    exit 1
  fi
  echo "generated sources unchanged: ok"
}

# ------------------------------------------------------------------ tests

lint() {
  step "repository lints (tools/lint): no real-looking key, .md links resolve, ARCHITECTURE.md's paths exist, generated files marked"
  node --test tools/lint
}

rust_tests() {
  step "cargo fmt --check, clippy -D warnings (host and wasm32)"
  cargo fmt --check
  cargo clippy --workspace --all-targets --quiet -- -D warnings
  cargo clippy --all-targets --features v3 --quiet -- -D warnings
  # One boundary at a time: built together, getrandom would get both `custom` and `js`.
  local member
  for member in wxpay-wasm-miniprogram wxpay-wasm-web; do
    CARGO_TARGET_DIR=target/mp cargo clippy -p "$member" --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
  done
  CARGO_TARGET_DIR=target/mp cargo clippy -p wxpay-wasm-miniprogram --target wasm32-unknown-unknown --lib --no-default-features --quiet -- -D warnings
  # The Node build: API v3's rules without ring.
  CARGO_TARGET_DIR=target/mp cargo clippy -p wxpay-wasm-web --target wasm32-unknown-unknown --all-targets --features v3 --quiet -- -D warnings
  cargo clippy --lib --no-default-features --features v3-rules --quiet -- -D warnings
  step "cargo test (unit, vectors, properties, keys in errors, doctests; wasm/miniprogram's wire.js is current)"
  cargo test --workspace --quiet
  step "cargo test --features v3 (API v3: vectors, error paths, key hygiene, doctests)"
  cargo test --features v3 --quiet
  step "the mini-program build has no API v3 crates"
  if cargo tree -p wxpay-wasm-miniprogram --target wasm32-unknown-unknown --no-default-features -e normal | grep -E '^[^a-z]*(ring|x509-cert|base64ct) '; then
    echo "FAIL: the mini-program build depends on an API v3 crate" >&2; exit 1
  fi
  echo "no ring, x509-cert or base64ct in the mini-program build: ok"
  step "test vectors against the Python reference (v3: the cryptography package)"
  "$(python_with_cryptography)" tests/vectors/reference.py --check
}

# Prints a python3 that can import `cryptography` (v3 vectors): this one, else after
# Debian's python3-cryptography, else a venv with it from PyPI.
python_with_cryptography() {
  local venv=target/py-venv
  python3 -c 'import cryptography' 2>/dev/null && { echo python3; return; }
  if [ "$(command -v python3)" = /usr/bin/python3 ] && have apt-get; then
    [ -n "$APT_UPDATED" ] || { apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-cryptography >/dev/null
    python3 -c 'import cryptography' 2>/dev/null && { echo python3; return; }
  fi
  if [ ! -x "$venv/bin/python3" ] || ! "$venv/bin/python3" -c 'import cryptography' 2>/dev/null; then
    python3 -m venv "$venv" >&2 && "$venv/bin/pip" install --quiet 'cryptography>=38' >&2
  fi
  echo "$venv/bin/python3"
}

crate_tests() {
  step "the crate as a dependency: native (default features), no_std + alloc, wasm32 with a newer wasm-bindgen"
  local c=tests/consumers
  # A target dir of their own; no Cargo.lock is kept, so the newest wasm-bindgen 0.2.x is tried.
  CARGO_TARGET_DIR=target/consumers cargo run --quiet --manifest-path $c/native/Cargo.toml
  CARGO_TARGET_DIR=target/consumers cargo build --quiet --manifest-path $c/no-std/Cargo.toml
  CARGO_TARGET_DIR=target/consumers cargo build --quiet --manifest-path $c/wasm32/Cargo.toml --target wasm32-unknown-unknown
  CARGO_TARGET_DIR=target/consumers cargo test --quiet --manifest-path $c/axum/Cargo.toml # v3::Client, axum and reqwest against the demo's emulator (Node)
  local newer
  newer=$(grep -A1 '^name = "wasm-bindgen"$' $c/wasm32/Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
  [ "$newer" != "$WASM_BINDGEN_VERSION" ] || { echo "FAIL: the wasm32 consumer got wasm-bindgen $newer, not a newer one" >&2; exit 1; }
  echo "no_std + alloc: ok; wasm32 with wasm-bindgen $newer and getrandom js: ok"

  step "the crate's files (cargo package --list) and cargo publish --dry-run"
  local list stray
  list=$(cargo package --list --allow-dirty -p wxpay-wasm 2>/dev/null)
  stray=$(grep -Ev '^(Cargo\.toml(\.orig)?|Cargo\.lock|\.cargo_vcs_info\.json|README\.md|docs/server-rust\.md|LICENSE-(MIT|APACHE)|src/[a-z0-9_/]+\.rs|tests/[a-z_0-9]+\.rs|tests/common/[a-z_]+\.rs|tests/vectors/[a-z0-9_]+\.json)$' <<<"$list" || true)
  [ -z "$stray" ] || { printf 'FAIL: the crate would ship:\n%s\n' "$stray" >&2; exit 1; }
  grep -qx src/lib.rs <<<"$list" || { echo "FAIL: src/lib.rs missing from the crate" >&2; exit 1; }
  echo "$(wc -l <<<"$list") files, the crate only: ok"
  cargo publish --dry-run --allow-dirty -p wxpay-wasm --quiet

  step "the packaged crate's own tests, run from the unpacked .crate (outside this workspace)"
  local version unpacked
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
  unpacked=$(mktemp -d)
  # publish --dry-run verified the crate but leaves no .crate where this looks: package it (no second verify).
  cargo package --allow-dirty --no-verify -p wxpay-wasm --quiet
  tar -xzf "target/package/wxpay-wasm-$version.crate" -C "$unpacked"
  # The workspace's target dir: the dependencies are built already.
  (cd "$unpacked/wxpay-wasm-$version" && CARGO_TARGET_DIR=$ROOT/target cargo test --quiet --features v3)
  rm -rf "$unpacked"
}

package_unchanged() {
  step "pkg/ is exactly what the build makes"
  package
  if ! git diff --quiet --exit-code -- pkg || [ -n "$(git ls-files --others --exclude-standard -- pkg)" ]; then
    git status --short -- pkg
    echo "FAIL: rebuilding changed pkg/: run ./build.sh and commit pkg/" >&2
    exit 1
  fi
  echo "pkg/ unchanged: ok"
}

browser_tests() {
  step "wasm-bindgen-test in headless Chromium: the mini-program boundary, the web boundary"
  CHROMEDRIVER=$(command -v chromedriver) wasm-pack test --headless --chrome --release wasm/miniprogram --test web
  # The web crate's tests run in Node by default; this variable puts them in Chromium.
  CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome wasm/web --test web
  step "wasm-bindgen-test in Node: the web boundary, with API v3 as the Node build has it"
  wasm-pack test --node wasm/web --test web --features v3
}

node_tests() {
  step "mini-program simulator (Node), JavaScriptCore with the JIT off, WeChat's miniprogram-ci and miniprogram-simulate"
  (cd tests/mp && node --test)
  step "the npm package in Node: npm pack → install; CommonJS, ESM, no global crypto (as Node 16/18); API v3"
  (cd tests/node && node --test)
  step "docs/server-client.md's notification handlers in Express, Koa, Fastify and NestJS, over HTTP on the loopback"
  (cd tests/frameworks && node --test)
}

pack_demo() {
  step "构建npm for the demo (miniprogram-ci packNpm)"
  node miniprogram-demo/pack-npm.js
}

demo_tests() {
  pack_demo
  step "demo: backend, WeChat Pay emulator and the pay page end to end"
  (cd miniprogram-demo && node --test)
}

consumer_tests() {
  step "the npm-packed package: TypeScript projects (mini-program, Node, browser bundler), the docs' examples, file list, the browser entry in a page (Chromium)"
  npm_install tests/consumers/ts # TypeScript, miniprogram-api-typings, @types/node (pinned)
  (cd tests/consumers/ts && node --test --test-concurrency=1) # one packed install, shared
}

bench_tools() {
  apt_install openssl openssl # the native MD5 reference
  npm_install bench
}

bench_smoke() {
  step "benchmark smoke run (bench/run.js --quick: every engine and contender still runs, the server section too)"
  bench_tools
  (cd bench && node run.js --quick --only sizes,node,jsc,server) | tail -n 3
}

run_tests() {
  test_tools
  generated_unchanged
  rust_tests
  lint
  crate_tests
  package_unchanged
  browser_tests
  node_tests
  consumer_tests
  bench_smoke
  demo_tests # last: its node:test summary closes the output
}

# ------------------------------------------------------------------ main

case "${1:-build}" in
  build)
    package
    demo_tools
    pack_demo
    step "demo flow, three modes (v2 device, v2 server, API v3): wx.login → order → paySign → wx.requestPayment → notification"
    node miniprogram-demo/run.js
    step "诊断: the diagnostics page's report (mini-program simulator, WeChat's published examples)"
    node miniprogram-demo/diag-report.js
    ;;
  package) package ;;
  generate) generate ;;
  test) run_tests ;;
  fuzz) bash fuzz/run.sh "${2:-60}" ;;
  bench)
    test_tools
    bench_tools
    (cd bench && node run.js "${@:2}")
    ;;
  *)
    echo "usage: ./build.sh [build | test | package | generate | fuzz [seconds] | bench [--quick]]" >&2
    exit 2
    ;;
esac

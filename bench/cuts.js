#!/usr/bin/env node
// What each cut bought: the package as committed after each step of the speed work (CUTS),
// measured by bench/run.js --short in Node's mini-program simulator and in jitless
// JavaScriptCore, one commit after another. Every figure is also given as a ratio to the
// fastest pure-JS pipeline of the same run, which is what compares across runs on a noisy
// machine. Writes docs/cuts.md. `node bench/cuts.js` (≈ 35 s per commit; needs the
// git history, which a clone has); `--start-only` measures only the size and start-up steps
// (START_CUTS) and keeps the speed steps as the file has them; `--recorded-only` measures nothing
// and rewrites only the sections of recorded figures (NODE_ENTRY, PAGE_AGAIN).
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { engineStats } = require('./lib/report');
const f = require('./lib/format');

const REPO = path.resolve(__dirname, '..');

// [commit, what it changed], oldest first.
const CUTS = [
  ['6689138', 'the first measured package: the generated glue passes the six fields as strings, the object comes back from Rust'],
  ['2872d4f', 'the scratch boundary: the shim writes the fields into wasm memory and reads the answer from there (no glue strings, no TextDecoder); hashing in pieces with no key-holding string and no heap; ASCII checks a byte at a time; heap sort instead of std\'s'],
  ['b8a1ff1', 'our crate and md-5 at opt-level 3, the rest at z'],
  ['f7a3b8a', 'the module answers only timeStamp, nonceStr and paySign (the shim knows the rest); hot-path globals looked up once'],
  ['a7bac83', 'the random pool topped up only after calls that can draw from it'],
  ['c396f5b', 'checks a word (8 bytes) at a time; hash blocks filled by overlapping word copies instead of memcpy calls; given nonce and time stamp borrowed, not copied; only the key wiped, with plain stores'],
  ['4324884', 'shim: appId, key and signType bytes reused while unchanged; string lengths read once; a given nonce and time stamp not read back'],
  ['4770a5b', 'the pay checks work on bytes, so the boundary no longer proves the input UTF-8 in a pass of its own; letters-and-digits and digits checks a word at a time'],
  ['6dbf1a9', 'the key checked once per signature (a checked-key type); the bytes after the last whole word checked as one overlapping word'],
  ['edc7a00', 'shim: the answer read 32 characters per String.fromCharCode call instead of apply over a subarray'],
  ['d0277f4', 'size: the mini-program build without std, its own panic handler (no core::fmt)'],
  ['71b697a', 'uppercase hex four digest bytes at a time in one u64, instead of a table lookup per digit'],
  ['01539c8', 'issue 12, simpler: one boundary for every call (UTF-8 in the scratch, lengths as numbers, ASCII out, errors as numbers looked up in the generated wire.js), a bump allocator reset per call instead of dlmalloc, md-5 and hmac through digest\'s public API, byte-at-a-time checks, hex by table; shim: no cached key bytes, no 32-argument fromCharCode'],
  ['99c902f', 'kept after measuring: the word-at-a-time checks and the block feeding, and a public byte-level entry (sign_pay_fields) so that the boundary neither proves the input UTF-8 nor allocates'],
];

// [module, wasm instructions per buildPayParams call, what it costs], counted with
// wasm-interp --trace (see the rendered text).
const KEPT = [
  ['before issue 12 (`71b697a`; the figure its follow-up `961b3a0` reported)', 8067, '–'],
  ['all simple: digest\'s public API, byte-at-a-time checks, the boundary through the public `&str` API (`build_pay_params`)', 22373, '–'],
  ['+ block feeding (src/blocks.rs): word copies into the hash\'s block instead of a `memcpy` call per piece', 18717, 'src/blocks.rs, tied to digest\'s `core_api`'],
  ['+ word-at-a-time checks (src/ascii.rs) for ids, keys, nonces and time stamps', 14611, 'src/ascii.rs, with exhaustive tests'],
  ['+ a public byte-level entry (`sign_pay_fields`): the boundary proves nothing UTF-8 and allocates no `String`', 9639, 'PayFields, PaySigned, Made in the public API'],
];

// [commit, what it changed], oldest first: the size and start-up work of issue 12 (its
// second round), after which the mini-program folder met its 28 KiB budget.
const START_CUTS = [
  ['e5455f0', 'before: issue 12\'s first round merged'],
  ['5cadcf3', 'requestPayment without its copy of the signType misspelling rule; wire.js without the Rust names (errors by number); top-level names minified too'],
  ['3455990', 'no preamble comments (the source maps name the sources); text written once, a lone surrogate found while writing it; repeated message text once'],
  ['8cb9252', 'signType checked once, by the module (the shim only fills in the default)'],
  ['fd49fc2', 'one script: the glue and wire.js inlined into index.js at assemble time (a page loads one module, not three)'],
];

// The cold-start method changed on 2026-12-01 (1a52b14): the compile, timed on its own before the
// require and added, moved inside init(), where WXWebAssembly.instantiate does it on a device
// while the first wx.getRandomValues is in flight. Both methods on fd49fc2's package, alternated
// in one run of 30 processes each: [method, ours ms, hash-wasm ms].
const METHOD_CHANGE = [
  ['before: compile timed alone first, then added', 6.88, 4.69],
  ['now: compile inside init(), as on a device', 5.72, 4.69],
];
// The files a device gets: pkg/miniprogram without .map, .d.ts, .md, as build.sh counts them.
const SHIPPED = /\.(js|wasm\.br)$/;

// The Node entry (wasm/web) against js-md5's pipeline in Node's main realm, each package
// measured by `bench/run.js --short --only node` in turn: [commit, what changed, entry µs, js-md5 µs].
const NODE_ENTRY = [
  ['e5455f0', 'before: the six field names made into JS strings on every call (Reflect.get), the result object built by serde-wasm-bindgen (its five values made into JS strings, five Reflect.set calls)', 5.36, 2.77],
  ['1fbe961', 'the field names made once (a thread-local); the result as checked lines, one string made into an object literal by src/js/api.js', 3.87, 2.96],
  ['f070310', 'a field\'s string asked for first: one crossing for a given field, null and undefined checked only for what is not a string', 3.24, 2.67],
  ['10529c6', 'before (quiet machine; this row and the next two alternated): the six input strings passed in one by one', 3.32, 2.76],
  ['b08059f', 'a request of strings goes in as one joined string plus the six lengths (payParamsFromText): one string passed instead of six; other requests as before (payParamsLines)', 2.47, 2.67],
  ['03e1347', 'that text written by one TextEncoder.encodeInto into a buffer in the module\'s memory (requestTextBuffer), not wasm-bindgen\'s character-by-character copy in JavaScript', 2.20, 2.90],
];
const NODE_ENTRY_TEXT =
  '`require(\'wxpay-wasm\').buildPayParams` (WeChat\'s documented example, MD5) against the js-md5 pipeline in Node\'s main realm, ' +
  'each package measured by `cd bench && node run.js --short --only node` one after the other on a busy machine (load 3 to 5 on 2 cores; the published benchmark, on a quieter one, had the first row at 1.47×), 2026-12-01: ' +
  'compare the ratios. A CPU profile of a loop of calls put the time in the crossings, not the hashing: making a JS string from Rust text ' +
  '(a TextDecoder call each, eleven per call), Reflect.set on a fresh object, and Reflect.get through the catching import. ' +
  'wasm-bindgen\'s own interning (`enable-interning`) was tried first for the names: it hashes every name on every lookup and bought less than half as much. ' +
  'The last three rows: a quiet machine, the three packages alternated twice, each figure the mean of the two runs\' medians. ' +
  'What is left: the hash, the one string in and the one out, and the split.';

// Issue 21: the page's buildPayParams had given back the per-call speed of the first published
// package. The three packages alternated in one run of bench/run.js (see PAGE_AGAIN_TEXT):
// [package, what it is, then per engine (simulator, Chromium, jsc) [ns, ratio to the fastest
// pure-JS pipeline of that run], the mini-program folder in bytes].
const PAGE_AGAIN = [
  ['8498299', 'the first published package: appId, key and signType bytes kept between calls, the answer read 32 characters per String.fromCharCode call',
    [5098, 0.79], [1611, 0.33], [156692, 0.82], 36984],
  ['e0c5870', 'before: issue 12\'s shim (no bytes kept), the whole answer read by String.fromCharCode.apply over a subarray, `String` looked up on every call, then split',
    [9312, 1.45], [2680, 0.55], [217518, 1.13], 28185],
  ['b4b2fa1', 'after: only the paySign read back (a given timeStamp and nonceStr come back as they went in), eight characters per call of a fromCharCode read once; the request\'s fields read by name',
    [5338, 0.83], [3886, 0.79], [214057, 1.11], 28612],
];
const PAGE_AGAIN_TEXT =
  'Issue 21: the page\'s `buildPayParams` (WeChat\'s documented example, MD5) had given back the per-call speed of the first published package: ' +
  'in the simulator it took about 1.9× the time of 8498299\'s (1.8× in this work\'s own alternated runs). The module was not the cause: its raw export is as quick as 8498299\'s. ' +
  'A CPU profile of the simulator\'s page realm put the time in the shim\'s reading of the answer: `String.fromCharCode.apply` over a subarray and a split, ' +
  'and `String` looked up as a global on every call, which the simulator\'s vm realm intercepts (a few hundred ns a lookup there). ' +
  'What is left of the shim is mostly writing the fields as UTF-8, a character at a time (no TextEncoder on devices). ' +
  'Not taken back from 8498299: its appId, key and signType bytes kept between calls (the shim keeps no copy of the key, SECURITY.md); ' +
  'sixteen characters per fromCharCode call would put the folder past its budget. ' +
  'The three packages alternated in one run of `cd bench && node run.js --only node,chromium,jsc --previous 8498299,e0c5870` on b4b2fa1\'s package, 2026-12-07, ' +
  'on a busy machine (load average 8 rising to 12 on 2 cores): each time is followed by its ratio to the fastest pure-JS pipeline of the same engine in that run ' +
  '(spark-md5 in all three). Compare packages within a column: in the simulator b4b2fa1 takes 0.57× e0c5870\'s time and 1.05× 8498299\'s; ' +
  'a run of node and jsc four minutes earlier gave 0.43×, 0.48× and 1.04× of js-md5 in the simulator (0.41× e0c5870\'s time, 0.90× 8498299\'s). ' +
  'In Chromium one of the wxpay-wasm rows of a run is at times two to three times slower than in the next run, whichever package it is ' +
  '(here b4b2fa1\'s; with the bench page\'s other rows left out, the three alternated in one page gave 0.48–0.52×, 0.80–0.90× and 0.47–0.58× of js-md5 over three runs).';

/** bench/run.js (this checkout's) on `commit`'s pkg/ → its JSON result and sizesOf(its pkg dir). */
function runOn(commit, runArgs, sizesOf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wxpay-cut-${commit}-`));
  try {
    const tar = execFileSync('git', ['-C', REPO, 'archive', commit, 'pkg'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const json = path.join(dir, 'result.json');
    // --out: a full plan would otherwise rewrite docs/benchmarks.md with this commit's figures.
    const run = spawnSync(process.execPath, [path.join(__dirname, 'run.js'), ...runArgs, '--out', dir, '--json', json], {
      env: { ...process.env, WXPAY_BENCH_PKG: path.join(dir, 'pkg') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`bench/run.js failed for ${commit}`);
    return { r: JSON.parse(fs.readFileSync(json, 'utf8')), sizes: sizesOf(path.join(dir, 'pkg')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function measureStart(commit) {
  const { r, sizes } = runOn(commit, ['--only', 'cold'], (pkg) => {
    const dir = path.join(pkg, 'miniprogram');
    const shipped = fs.readdirSync(dir).filter((name) => SHIPPED.test(name));
    const size = (names) => names.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    const js = shipped.filter((name) => name.endsWith('.js'));
    return { jsFiles: js.length, js: size(js), br: size(shipped.filter((name) => !name.endsWith('.js'))), folder: size(shipped) };
  });
  if (!r.cold) throw new Error(`${commit}: cold start not measured (${r.errors.cold})`);
  const c = Object.fromEntries(r.cold.contenders.map((x) => [x.id, x]));
  return { sizes, ours: c['wxpay-wasm'], hashWasm: c['hash-wasm'], runs: r.cold.runs };
}

function measure(commit) {
  const { r, sizes } = runOn(commit, ['--short', '--only', 'node,jsc'],
    (pkg) => ['wxpay_wasm_bg.wasm', 'miniprogram/wxpay_wasm_bg.wasm.br'].map((f) => fs.statSync(path.join(pkg, f)).size));
  const stats = {};
  for (const e of ['node', 'jsc']) {
    if (!r.engines[e]) throw new Error(`${commit}: ${e} not measured (${r.errors[e]})`);
    stats[e] = engineStats(r.engines[e]);
  }
  return { commit, machine: r.machine, stats, wasm: sizes[0], br: sizes[1] };
}

function renderStart(starts) {
  const phases = (p) => ['requireMs', 'initMs', 'firstCallMs'].map((k) => `${k.replace(/Ms$/, '')} ${f.ms(p[k])}`).join(', ');
  return [
    '## Size and start-up',
    '',
    'The same package at each step of issue 12\'s size and start-up work: the files a device gets (what `./build.sh package` counts as the mini-program folder; budget 28 KiB = 28,672 B), ' +
      `and the cold start as \`bench/run.js --only cold\` measures it (load, init and first paySign, median of ${starts[0].runs} fresh Node processes, device-equivalent; see benchmarks.md's method) ` +
      'next to hash-wasm\'s load and first hash in the same run (target: at most 1.5×). ' +
      'Every row is measured the same way: Node\'s brotli decoder is set up before the timing starts (a device\'s base library has its own long set up), ' +
      'and the module is read, decompressed, compiled and instantiated inside `init()`, as `WXWebAssembly.instantiate` does on a device, while the first `wx.getRandomValues` is in flight. ' +
      'Runs before 2026-12-01 timed the compile on its own and added it, as if nothing overlapped it; on the last package the two methods give (alternated in one run): ' +
      METHOD_CHANGE.map(([how, ours, hashWasm]) => `${how}, ${ours.toFixed(2)} ms against hash-wasm's ${hashWasm.toFixed(2)} ms = ${(ours / hashWasm).toFixed(2)}×`).join('; ') + '. ' +
      'Each row is a run of its own, minutes apart: differences of a tenth in the ratio from row to row are the machine\'s drift, not the change.',
    '',
    '| commit | what changed | JS (files) | .wasm.br | folder | cold start (phases) | hash-wasm | × hash-wasm |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
    ...starts.map((x, i) =>
      `| \`${START_CUTS[i][0]}\` | ${START_CUTS[i][1]} | ${f.bytes(x.sizes.js)} B (${x.sizes.jsFiles}) | ${f.bytes(x.sizes.br)} B | ${f.bytes(x.sizes.folder)} B | ` +
        `${f.ms(x.ours.median)} (${phases(x.ours.phases)}) | ${f.ms(x.hashWasm.median)} | ${f.ratio(x.ours.median / x.hashWasm.median)} |`),
    '',
  ];
}

function render(results, starts) {
  const pay = (s) => s.byId['ours.buildPayParams'];
  const row = ([commit, change], x) => {
    const n = x.stats.node;
    const j = x.stats.jsc;
    const raw = j.byId['raw.buildPayParams'];
    return `| \`${commit}\` | ${change} | ${f.time(pay(n).median)} = ${f.ratio(pay(n).ratio)} | ${f.time(pay(j).median)} = ${f.ratio(pay(j).ratio)} | ` +
      `${raw ? f.time(raw.median) : '–'} | ${raw ? f.time(pay(j).median - raw.median) : '–'} | ${f.bytes(x.wasm)} B (${f.bytes(x.br)} B) |`;
  };
  const first = results[0].machine;
  return [
    '# What each cut bought',
    '',
    '<!-- Generated by bench/cuts.js. Do not edit. -->',
    '',
    '`buildPayParams` (WeChat\'s documented example, MD5) with the package as committed after each step of the speed work, ' +
      'measured one commit after another by `bench/run.js --short`: in Node through the mini-program simulator, and in JavaScriptCore with its JIT off, ' +
      'as iPhones run mini-programs. Each time is followed by its ratio to the fastest pure-JS pipeline of the same run ' +
      '(js-md5 in Node, spark-md5 in jsc): compare the ratios, the machine drifts between runs. ' +
      'In jsc the call is split into the wasm call itself (its input already in wasm memory) and the rest, the shim. ' +
      `Machine: ${first.cpu}, ${first.cores} cores, Node ${first.node}; ${first.date.slice(0, 10)}.`,
    '',
    '| commit | what changed | Node (simulator) | jsc, JIT off | jsc: wasm call | jsc: shim | .wasm (brotli) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((x, i) => row(CUTS[i], x)),
    '',
    '## What each kept optimisation buys',
    '',
    'Issue 12 took every per-call optimisation out and put back only what the speed guard needs (buildPayParams at or below the fastest pure-JS pipeline ' +
      'in Node, Chromium and jitless JavaScriptCore). Counted exactly, not timed: the wasm instructions of one `buildPayParams` call ' +
      '(WeChat\'s documented example, MD5, second call), traced by wabt\'s `wasm-interp --trace` on the module as cargo builds it, each step on top of the one before.',
    '',
    '| module | wasm instructions per call | what it costs in code |',
    '| --- | ---: | --- |',
    ...KEPT.map(([what, count, code]) => `| ${what} | ${f.bytes(count)} | ${code} |`),
    '',
    ...renderStart(starts),
    ...renderRecorded(),
  ].join('\n');
}

/** The sections of recorded figures, the last of the file (--recorded-only rewrites them alone). */
function renderRecorded() {
  return [
    '## The Node entry\'s buildPayParams',
    '',
    NODE_ENTRY_TEXT,
    '',
    '| commit | what changed | Node entry | js-md5 pipeline | ratio |',
    '| --- | --- | ---: | ---: | ---: |',
    ...NODE_ENTRY.map(([commit, what, ours, jsMd5]) => `| \`${commit}\` | ${what} | ${ours.toFixed(2)} µs | ${jsMd5.toFixed(2)} µs | ${(ours / jsMd5).toFixed(2)}× |`),
    '',
    '## The page\'s buildPayParams, given back',
    '',
    PAGE_AGAIN_TEXT,
    '',
    '| package | what it is | Node (simulator) | Chromium | jsc, JIT off | mini-program folder |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...PAGE_AGAIN.map(([commit, what, sim, chromium, jsc, folder]) => `| \`${commit}\` | ${what} | ` +
      `${[sim, chromium, jsc].map(([ns, ratio]) => `${f.time(ns)} = ${f.ratio(ratio)}`).join(' | ')} | ${f.bytes(folder)} B |`),
    '',
  ];
}

function main() {
  const out = path.join(REPO, 'docs', 'cuts.md');
  const starts = () => START_CUTS.map(([commit], i) => {
    process.stderr.write(`cuts: start-up ${i + 1}/${START_CUTS.length} ${commit}\n`);
    return measureStart(commit);
  });
  if (process.argv.includes('--recorded-only')) {
    const before = fs.readFileSync(out, 'utf8');
    const at = before.indexOf('## The Node entry');
    if (at < 0) throw new Error('docs/cuts.md: no "## The Node entry" section; run node bench/cuts.js');
    fs.writeFileSync(out, before.slice(0, at) + renderRecorded().join('\n'));
    process.stdout.write(fs.readFileSync(out, 'utf8'));
    return;
  }
  if (process.argv.includes('--start-only')) {
    // The other sections as the last full run wrote them; only the size and start-up section anew.
    const before = fs.readFileSync(out, 'utf8');
    const at = before.indexOf('## Size and start-up');
    const next = at < 0 ? -1 : before.indexOf('\n## ', at + 1);
    if (at < 0 || next < 0) throw new Error('docs/cuts.md: no "## Size and start-up" section followed by another; run node bench/cuts.js');
    fs.writeFileSync(out, before.slice(0, at) + renderStart(starts()).join('\n') + '\n' + before.slice(next + 1));
    process.stdout.write(fs.readFileSync(out, 'utf8'));
    return;
  }
  const results = CUTS.map(([commit], i) => {
    process.stderr.write(`cuts: ${i + 1}/${CUTS.length} ${commit}\n`);
    return measure(commit);
  });
  fs.writeFileSync(out, render(results, starts()));
  process.stdout.write(fs.readFileSync(out, 'utf8'));
}

main();

#!/usr/bin/env node
// wxpay-wasm benchmark: regenerates docs/benchmarks.md and docs/benchmarks.svg and prints the
// tables. `node run.js [--quick|--short] [--out DIR] [--only sizes,node,chromium,jsc,native,cold,server] [--json FILE]
// [--previous COMMIT,…|none]`
// --quick is a smoke run (≈ 10 s, numbers not meaningful) that writes no file unless --out is
// given, so the published figures only ever come from a full run (≈ 3–4 minutes here); --short
// (fewer rounds, no file either) is what bench/cuts.js runs per commit. --previous: the
// packages (pkg/miniprogram of those commits, from git) whose buildPayParams runs beside ours.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { makeCodePackage, PKG, REPO } = require('./lib/codepkg');
const { LIBS, version } = require('./lib/libs');
const { machine } = require('./lib/machine');
const { sizes } = require('./lib/sizes');
const { opensslSpeed } = require('./lib/native');
const { runNode } = require('./lib/node-engine');
const { runChromium, chromiumVersion } = require('./lib/chromium');
const { runJsc, jscPackageVersion } = require('./lib/jsc');
const { runCold } = require('./lib/cold');
const { runServer } = require('./lib/server');
const { render } = require('./lib/report');
const { payChart } = require('./lib/chart');
const inputs = require('./page/inputs');
const checkInputs = require('./lib/inputs-check');

const SECTIONS = ['sizes', 'node', 'chromium', 'jsc', 'native', 'cold', 'server'];
// The first published package: a fixed reference, so that a package that gives per-call speed
// back shows against what users had, however small each step was.
const PREVIOUS = [{ commit: '8498299', label: 'the first published package' }];
// maxMs caps a section's timed rounds on a slow machine; full-run total ≈ 3–4 minutes here.
const FULL = {
  node: { batchMs: 5, warmMs: 200, rounds: 200, maxMs: 60000 },
  chromium: { batchMs: 5, warmMs: 200, rounds: 200, maxMs: 60000 },
  jsc: { batchMs: 25, warmMs: 300, rounds: 60, maxMs: 90000 },
  // The noisiest section, one process a sample: its median wants more of them.
  coldRuns: 60,
  opensslSeconds: 3,
  timeoutMs: 600000, // per browser or jsc run
  // API v3 in Node: an RSA signature is slow next to an MD5, so batches are longer.
  server: { timing: { batchMs: 10, warmMs: 200, rounds: 100, maxMs: 60000 }, requireRuns: 30 },
};
// bench/cuts.js: one commit's package among several, fewer rounds (a stable median still).
const fewer = (plan, rounds, maxMs) => ({ ...plan, rounds, maxMs });
const SHORT = {
  ...FULL,
  node: fewer(FULL.node, 40, 15000),
  chromium: fewer(FULL.chromium, 40, 15000),
  jsc: fewer(FULL.jsc, 15, 25000),
  coldRuns: 10,
  opensslSeconds: 1,
  server: { timing: fewer(FULL.server.timing, 30, 15000), requireRuns: 10 },
};
const QUICK = {
  node: { batchMs: 1, warmMs: 20, rounds: 6, maxMs: 3000 },
  chromium: { batchMs: 1, warmMs: 20, rounds: 6, maxMs: 3000 },
  jsc: { batchMs: 3, warmMs: 5, rounds: 3, maxMs: 3000 },
  coldRuns: 2,
  opensslSeconds: 1,
  timeoutMs: 60000,
  server: { timing: { batchMs: 1, warmMs: 5, rounds: 3, maxMs: 2000 }, requireRuns: 1 },
};

/** --previous's value → [{commit, label?}]. */
function previousList(text) {
  if (text === 'none') return [];
  return text.split(',').map((commit) => PREVIOUS.find((p) => p.commit === commit) || { commit });
}

function parseArgs(argv) {
  const o = { quick: false, short: false, out: null, only: SECTIONS, json: null, previous: PREVIOUS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--short') o.short = true;
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--json') o.json = path.resolve(argv[++i]);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--previous') o.previous = previousList(argv[++i]);
    else throw new Error(`unknown argument ${a} (see the head of bench/run.js)`);
  }
  const bad = o.only.filter((s) => !SECTIONS.includes(s));
  if (bad.length) throw new Error(`--only: unknown section ${bad.join(', ')}; known: ${SECTIONS.join(', ')}`);
  return o;
}

function log(text) {
  process.stderr.write(`bench: ${text}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const plan = args.quick ? QUICK : args.short ? SHORT : FULL;
  const started = Date.now();
  checkInputs(inputs);
  const r = {
    quick: args.quick,
    machine: machine(),
    versions: {
      chromium: chromiumVersion(),
      jsc: jscPackageVersion(),
      libs: Object.fromEntries(LIBS.map((l) => [l.id, version(l.id)])),
      // Which build of ours was measured (pkg/ changes as the boundary is optimised).
      wasmSha256: crypto.createHash('sha256').update(fs.readFileSync(path.join(PKG, 'wxpay_wasm_bg.wasm'))).digest('hex').slice(0, 16),
    },
    config: { node: plan.node, chromium: plan.chromium, jsc: plan.jsc },
    engines: {},
    errors: {},
  };
  const { root, previous, skipped } = makeCodePackage(plan.jsc, args.previous);
  r.previous = { measured: previous, skipped };
  const withPrevious = (config) => ({ ...config, previous });
  const step = async (name, fn) => {
    if (!args.only.includes(name)) { r.errors[name] = 'not selected'; return; }
    const t = Date.now();
    log(`${name}…`);
    try {
      await fn();
      log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    } catch (e) {
      r.errors[name] = String(e && e.message || e).split('\n')[0];
      r.failed = true;
      log(`${name} FAILED: ${e && e.stack || e}`);
    }
  };
  try {
    await step('sizes', async () => { r.sizes = sizes(); });
    await step('node', async () => { r.engines.node = await runNode(root, withPrevious(plan.node)); });
    await step('chromium', async () => { r.engines.chromium = await runChromium(root, withPrevious(plan.chromium), { timeoutMs: plan.timeoutMs }); });
    await step('jsc', async () => { r.engines.jsc = await runJsc(root, { timeoutMs: plan.timeoutMs }); });
    await step('native', async () => {
      r.openssl = opensslSpeed(inputs.stringSignTemp.length, plan.opensslSeconds);
      if (!r.openssl) throw new Error('openssl speed gave no result');
    });
    await step('cold', async () => { r.cold = runCold(root, plan.coldRuns); });
    await step('server', async () => { r.server = await runServer(plan.server); });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  r.machine.loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  r.seconds = (Date.now() - started) / 1000;

  const { markdown, svgSubtitle, stats } = render(r);
  const charted = ['node', 'chromium', 'jsc'].filter((e) => stats[e]).map((e) => ({ title: stats[e].title, stats: stats[e] }));
  const svg = payChart(charted, svgSubtitle);
  const out = args.out || (args.quick || args.short ? null : path.join(REPO, 'docs'));
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'benchmarks.md'), markdown);
    fs.writeFileSync(path.join(out, 'benchmarks.svg'), svg);
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(r, null, 1));

  process.stdout.write(`${markdown.slice(0, markdown.indexOf('\n## Method'))}\n`);
  log(`${out ? `wrote ${path.join(out, 'benchmarks.md')} and benchmarks.svg` : 'no file written (--quick or --short)'}; ${r.seconds.toFixed(0)} s`);
  if (r.failed) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`bench: ${e && e.stack || e}\n`);
  process.exit(1);
});

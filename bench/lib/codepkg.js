// The code package every engine runs: pkg/miniprogram where 构建npm puts it (as
// tests/mp/package.test.js does), earlier packages beside it, the page-side bench files and
// the wrapped libraries.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LIBS, wrap } = require('./libs');

const REPO = path.resolve(__dirname, '../..');
const PAGE = path.join(__dirname, '..', 'page');
// The package measured: pkg/ as built, or another build of it (bench/cuts.js measures earlier commits').
const PKG = process.env.WXPAY_BENCH_PKG ? path.resolve(process.env.WXPAY_BENCH_PKG) : path.join(REPO, 'pkg');

/**
 * pkg/miniprogram as `commit` has it, from this checkout's history, copied to
 * /miniprogram_npm/`name`. → null, or why not (a shallow clone lacks it).
 */
function addPrevious(root, commit, name) {
  let tar;
  try {
    tar = execFileSync('git', ['-C', REPO, 'archive', commit, 'pkg/miniprogram'], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return `not in this checkout's history (${String(e.stderr || e.message).trim().split('\n')[0]})`;
  }
  const dir = path.join(root, 'miniprogram_npm', name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir, '--strip-components=2'], { input: tar }); // pkg/miniprogram/…
  return null;
}

/**
 * → {root: absolute path of a fresh code package, previous: those of `wanted` ([{commit, label?}])
 * installed in it, each with the `name` it has under /miniprogram_npm, skipped: [why not, for
 * each other]}. `config` and `previous` become /bench/config.js (for jsc).
 */
function makeCodePackage(config = {}, wanted = []) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-bench-'));
  fs.cpSync(path.join(PKG, 'miniprogram'), path.join(root, 'miniprogram_npm/wxpay-wasm'), { recursive: true });
  const previous = [];
  const skipped = [];
  for (const p of wanted) {
    const name = `wxpay-wasm-${p.commit}`;
    const why = addPrevious(root, p.commit, name);
    if (why) skipped.push(`the package of ${p.commit}: ${why}`);
    else previous.push({ ...p, name });
  }
  const bench = path.join(root, 'bench');
  fs.mkdirSync(path.join(bench, 'libs'), { recursive: true });
  for (const f of ['inputs.js', 'pay-helper.js', 'raw.js', 'contenders.js', 'core.js', 'utf8.js']) fs.copyFileSync(path.join(PAGE, f), path.join(bench, f));
  for (const lib of LIBS) fs.writeFileSync(path.join(bench, 'libs', `${lib.id}.js`), wrap(lib));
  fs.writeFileSync(path.join(bench, 'config.js'), `module.exports = ${JSON.stringify({ ...config, previous })};\n`);
  fs.writeFileSync(path.join(root, 'app.js'), 'App({});\n');
  return { root, previous, skipped };
}

/** Package path → source of every .js file under root (for pages and jsc scripts). */
function jsFiles(root, rel = '') {
  const out = {};
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) Object.assign(out, jsFiles(root, r));
    else if (e.name.endsWith('.js')) out[r] = fs.readFileSync(path.join(root, r), 'utf8');
  }
  return out;
}

module.exports = { makeCodePackage, jsFiles, REPO, PAGE, PKG };

// The code package every engine runs: pkg/miniprogram where 构建npm puts it (as
// tests/mp/package.test.js does), the page-side bench files and the wrapped libraries.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LIBS, wrap } = require('./libs');

const REPO = path.resolve(__dirname, '../..');
const PAGE = path.join(__dirname, '..', 'page');
// The package measured: pkg/ as built, or another build of it (bench/cuts.js measures earlier commits').
const PKG = process.env.WXPAY_BENCH_PKG ? path.resolve(process.env.WXPAY_BENCH_PKG) : path.join(REPO, 'pkg');

/** → absolute path of a fresh code package; `config` becomes /bench/config.js (for jsc). */
function makeCodePackage(config = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-bench-'));
  fs.cpSync(path.join(PKG, 'miniprogram'), path.join(root, 'miniprogram_npm/wxpay-wasm'), { recursive: true });
  const bench = path.join(root, 'bench');
  fs.mkdirSync(path.join(bench, 'libs'), { recursive: true });
  for (const f of ['inputs.js', 'pay-helper.js', 'raw.js', 'contenders.js', 'core.js', 'utf8.js']) fs.copyFileSync(path.join(PAGE, f), path.join(bench, f));
  for (const lib of LIBS) fs.writeFileSync(path.join(bench, 'libs', `${lib.id}.js`), wrap(lib));
  fs.writeFileSync(path.join(bench, 'config.js'), `module.exports = ${JSON.stringify(config)};\n`);
  fs.writeFileSync(path.join(root, 'app.js'), 'App({});\n');
  return root;
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

// Shipped size of each contender: the files a mini-program would carry, raw and compressed
// (each file on its own, summed; the .wasm.br stays as shipped and is compressed again like
// any other file).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { LIBS, MODULES, libPath, version } = require('./libs');
const { PAGE, PKG } = require('./codepkg');

function measure(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sum(files) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const m = measure(Buffer.isBuffer(f) ? f : fs.readFileSync(f));
    for (const k of Object.keys(total)) total[k] += m[k];
  }
  return total;
}

/** The sign helper a hash-only library needs: pay-helper.js without its comments. */
function helperSource() {
  return Buffer.from(fs.readFileSync(path.join(PAGE, 'pay-helper.js'), 'utf8').split('\n')
    .filter((l) => !/^\s*(\/\/|\/\*\*|\*)/.test(l)).join('\n'));
}

function sizes() {
  const mp = path.join(PKG, 'miniprogram');
  const ours = fs.readdirSync(mp).filter((f) => !/\.(map|d\.ts|md)$/.test(f)).sort();
  const rows = [{ id: 'wxpay-wasm', label: `wxpay-wasm (pkg/miniprogram: ${ours.join(', ')})`, ...sum(ours.map((f) => path.join(mp, f))) }];
  for (const lib of LIBS) {
    rows.push({ id: lib.id, label: `${lib.id} ${version(lib.id)} ${lib.file}${lib.note ? ` (${lib.note})` : ''}`, ...sum([libPath(lib)]) });
  }
  const cjsMd5 = ['core.js', 'md5.js'].map((f) => path.join(MODULES, 'crypto-js', f));
  rows.push({ id: 'crypto-js.md5', label: 'crypto-js core.js + md5.js (what `require("crypto-js/md5")` takes; unminified)', ...sum(cjsMd5) });
  const hw = LIBS.find((l) => l.id === 'hash-wasm');
  rows.push({ id: 'hash-wasm+helper', label: 'hash-wasm md5 build + the sign helper (bench/page/pay-helper.js, comments off)', ...sum([libPath(hw), helperSource()]) });
  return rows;
}

module.exports = { sizes };

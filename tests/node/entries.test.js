'use strict';
// The npm package as Node users get it: pkg/ packed with `npm pack`, installed from the
// tarball into throwaway projects, then used through CommonJS `require`, ESM named
// imports and `import * as`. Node here is v20, which has a global `crypto`; Node 16 and
// 18 have none, so every child process deletes `globalThis.crypto` before the package
// loads (a --require preload, which runs before ESM imports too).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const PKG = path.resolve(process.env.WXPAY_WASM_PKG || path.join(REPO, 'pkg'));
const vectors = (file) => JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors', file), 'utf8')).cases;

let tmp;
let project;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-node-'));
  const packed = execFileSync('npm', ['pack', PKG, '--pack-destination', tmp, '--silent'], { encoding: 'utf8' }).trim();
  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const tarball = path.join(tmp, packed.split('\n').pop());
  execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
  fs.writeFileSync(path.join(project, 'no-crypto.cjs'), 'delete globalThis.crypto;\n');
  fs.writeFileSync(path.join(project, 'vectors.json'), JSON.stringify({ sign: vectors('sign.json'), pay: vectors('pay.json') }));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `source` as <file> in the project (without a global crypto unless `keepCrypto`); → its JSON output. */
function run(file, source, keepCrypto) {
  fs.writeFileSync(path.join(project, file), source);
  const preload = keepCrypto ? [] : ['--require', './no-crypto.cjs'];
  const out = execFileSync(process.execPath, [...preload, file], { cwd: project, encoding: 'utf8' });
  return JSON.parse(out);
}

// One body for every entry: `wxpay` is the package's namespace however it was loaded.
const CHECKS = `
async function checks(wxpay, extra) {
  const r = { hasCrypto: typeof globalThis.crypto !== 'undefined' };
  r.names = Object.keys(wxpay).filter((k) => k !== 'default').sort();
  await wxpay.init();
  const vectors = JSON.parse(require('fs').readFileSync('vectors.json', 'utf8'));
  r.signFailures = [];
  for (const c of vectors.sign) {
    const params = Object.fromEntries(c.params);
    if (wxpay.sign(params, c.key) !== c.md5 || wxpay.sign(params, c.key, 'HMAC-SHA256') !== c.hmac_sha256) r.signFailures.push(c.name);
  }
  r.payFailures = [];
  for (const c of vectors.pay) {
    const got = wxpay.buildPayParams({ appId: c.appId, prepayId: c.prepayId, key: c.key, signType: c.signType, timeStamp: c.timeStamp, nonceStr: c.nonceStr });
    if (JSON.stringify(got) !== JSON.stringify(c.expected)) r.payFailures.push(c.name);
  }
  r.signCases = vectors.sign.length;
  r.payCases = vectors.pay.length;
  const request = { appId: 'wxd678efh567hg6787', prepayId: 'wx2017033010242291fcfe0db70013231072', key: 'demoKeyNotARealMerchantKey000000' };
  const nonces = new Set();
  let failures = 0;
  for (let i = 0; i < 100000; i++) {
    try {
      nonces.add(wxpay.buildPayParams(request).nonceStr);
    } catch (e) {
      failures++;
    }
  }
  r.loop = { failures, distinctNonces: nonces.size };
  r.verify = wxpay.verify({ a: '1', sign: wxpay.sign({ a: '1' }, request.key) }, request.key);
  try {
    wxpay.buildPayParams({ appId: 'wx1', prepayId: 'wx2', key: request.key, signType: 'md5' });
  } catch (e) {
    r.error = { isWxPayError: e instanceof wxpay.WxPayError, isError: e instanceof Error, name: e.name, code: e.code };
  }
  r.requestPayment = await wxpay.requestPayment({}).then(() => 'resolved', (e) => e.code);
  // A throwing getter is a WxPayError, and the module keeps working.
  try {
    wxpay.buildPayParams({ appId: 'wx1', get prepayId() { throw new Error('no'); }, key: request.key });
  } catch (e) {
    r.getter = e.code;
  }
  r.afterGetter = wxpay.buildPayParams(request).paySign.length;
  Object.assign(r, extra);
  process.stdout.write(JSON.stringify(r));
}
`;

const API = ['WxPayError', 'buildPayParams', 'init', 'nonce', 'requestPayment', 'sign', 'verify'];
// The Node entry adds API v3; the named-imports test passes the v2 names only.
const NODE_API = [...API, 'v3'].sort();

function assertChecks(r, names = NODE_API) {
  assert.equal(r.hasCrypto, false, 'the package ran without a global crypto');
  assert.deepEqual(r.names, names);
  assert.deepEqual(r.signFailures, []);
  assert.deepEqual(r.payFailures, []);
  assert.ok(r.signCases >= 20 && r.payCases >= 2);
  assert.deepEqual(r.loop, { failures: 0, distinctNonces: 100000 });
  assert.equal(r.verify, true);
  assert.deepEqual(r.error, { isWxPayError: true, isError: true, name: 'WxPayError', code: 'UnsupportedSignType' });
  assert.equal(r.requestPayment, 'FAILED');
  assert.equal(r.getter, 'InvalidPrepayId');
  assert.equal(r.afterGetter, 32);
}

test('CommonJS require, no global crypto: vectors, 100,000 calls without a nonce, errors', () => {
  const r = run('cjs.cjs', `${CHECKS}\nchecks(require('wxpay-wasm'), { packageJson: require('wxpay-wasm/package.json').name });\n`);
  assertChecks(r);
  assert.equal(r.packageJson, 'wxpay-wasm');
});

test('ESM named imports, no global crypto; the same instance as require', () => {
  const r = run(
    'named.mjs',
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import { init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError } from 'wxpay-wasm';
${CHECKS}
checks({ init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError }, { sameAsRequire: WxPayError === require('wxpay-wasm').WxPayError });
`,
  );
  assertChecks(r, API);
  assert.equal(r.sameAsRequire, true);
});

test('ESM import * as wxpay exposes the functions, no global crypto', () => {
  const r = run(
    'star.mjs',
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import * as wxpay from 'wxpay-wasm';
${CHECKS}
checks(wxpay, {});
`,
  );
  assertChecks(r);
});

test('the browser/bundler ES module entry (pkg/web) works given the .wasm bytes', () => {
  const r = run(
    'web.mjs',
    `import { createRequire } from 'node:module';
import fs from 'node:fs';
const require = createRequire(import.meta.url);
import * as wxpay from './node_modules/wxpay-wasm/web/index.js';
const r = {};
try { wxpay.sign({ a: '1' }, 'k'); } catch (e) { r.beforeInit = e.code; }
await wxpay.init({ wasmBytes: fs.readFileSync('node_modules/wxpay-wasm/web/generated/wxpay_wasm_web_bg.wasm') });
const vectors = JSON.parse(fs.readFileSync('vectors.json', 'utf8'));
r.signFailures = vectors.sign.filter((c) => wxpay.sign(Object.fromEntries(c.params), c.key) !== c.md5).map((c) => c.name);
r.nonce = wxpay.nonce(8).length;
try { wxpay.nonce(40); } catch (e) { r.error = [e instanceof wxpay.WxPayError, e.code]; }
process.stdout.write(JSON.stringify(r));
`,
    true,
  );
  // Without a global crypto the browser build has no random source in Node (it is not
  // for Node): nonce needs one, so this process keeps Node 20's crypto.
  assert.equal(r.beforeInit, 'NotInitialized');
  assert.deepEqual(r.signFailures, []);
  assert.equal(r.nonce, 8);
  assert.deepEqual(r.error, [true, 'NonceTooLong']);
});

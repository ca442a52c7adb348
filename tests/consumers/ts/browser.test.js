'use strict';
// The browser entry as a page without a bundler uses it: the npm-packed package served over
// HTTP, web/index.js imported as an ES module, and init() fetching the .wasm that lies beside
// it (import.meta.url), in headless Chromium. The page reports what it saw by a POST.
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const { REPO, installPacked } = require('./packed');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 60000;
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const vectors = (file) => JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors', file), 'utf8')).cases;

// Runs in the page. A wrong wasmPath first: init() rejects, and a plain init() then loads.
const PAGE = `<!doctype html><meta charset="utf-8"><title>wxpay-wasm in a page</title>
<script type="module">
const report = (r) => fetch('/result', { method: 'POST', body: JSON.stringify(r) });
try {
  const wxpay = await import('/wxpay-wasm/web/index.js');
  const vectors = await (await fetch('/vectors.json')).json();
  const r = { names: Object.keys(wxpay).filter((k) => k !== 'default').sort() };
  try { wxpay.sign({ a: '1' }, 'k'); } catch (e) { r.beforeInit = e.code; }
  r.wrongPath = await wxpay.init({ wasmPath: '/nowhere/wxpay.wasm' }).then(() => 'resolved', (e) => [e instanceof wxpay.WxPayError, e.code]);
  await wxpay.init();
  r.signFailures = vectors.sign.filter((c) => {
    const params = Object.fromEntries(c.params);
    return wxpay.sign(params, c.key) !== c.md5 || wxpay.sign(params, c.key, 'HMAC-SHA256') !== c.hmac_sha256 ||
      !wxpay.verify({ ...params, sign: c.md5 }, c.key);
  }).map((c) => c.name);
  r.payFailures = vectors.pay.filter((c) => JSON.stringify(wxpay.buildPayParams({
    appId: c.appId, prepayId: c.prepayId, key: c.key, signType: c.signType, timeStamp: c.timeStamp, nonceStr: c.nonceStr,
  })) !== JSON.stringify(c.expected)).map((c) => c.name);
  const request = { appId: 'wxd678efh567hg6787', prepayId: 'wx2017033010242291fcfe0db70013231072', key: 'demoKeyNotARealMerchantKey000000' };
  const nonces = new Set();
  for (let i = 0; i < 1000; i++) nonces.add(wxpay.buildPayParams(request).nonceStr);
  r.distinctNonces = nonces.size;
  try { wxpay.buildPayParams({ ...request, signType: 'md5' }); } catch (e) { r.error = [e instanceof wxpay.WxPayError, e instanceof Error, e.code]; }
  r.requestPayment = await wxpay.requestPayment({}).then(() => 'resolved', (e) => e.code);
  await report(r);
} catch (e) {
  await report({ failed: String(e && e.stack || e) });
}
</script>`;

/** Serves the page, the vectors and the installed package; → {url, requests, result, close}. */
async function serve(installed) {
  const requests = [];
  let settle;
  const result = new Promise((resolve) => { settle = resolve; });
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'POST' && req.url === '/result') {
      let body = '';
      req.setEncoding('utf8').on('data', (d) => { body += d; }).on('end', () => { res.writeHead(204).end(); settle(JSON.parse(body)); });
      return;
    }
    if (req.url === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (req.url === '/vectors.json') {
      return res.writeHead(200, { 'Content-Type': TYPES['.json'] }).end(JSON.stringify({ sign: vectors('sign.json'), pay: vectors('pay.json') }));
    }
    const file = req.url.startsWith('/wxpay-wasm/') && path.join(installed, path.normalize(req.url.slice('/wxpay-wasm/'.length)));
    if (!file || !file.startsWith(installed + path.sep) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, result, close: () => server.close() };
}

test('the browser entry in headless Chromium, no bundler: init() fetches the .wasm beside web/index.js; vectors, nonces, errors', { timeout: TIMEOUT_MS + 10000 }, async () => {
  const site = await serve(installPacked());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-browser-'));
  // Its own process group, so that the renderer and helpers go with it.
  const browser = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
    '--disable-background-networking', `--user-data-dir=${profile}`, site.url], { detached: true, stdio: 'ignore' });
  let timer;
  try {
    const r = await Promise.race([
      site.result,
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('the page did not report within 60 s')), TIMEOUT_MS); }),
    ]);
    assert.equal(r.failed, undefined, r.failed);
    assert.deepEqual(r.names, ['WxPayError', 'buildPayParams', 'init', 'nonce', 'requestPayment', 'sign', 'verify']);
    assert.equal(r.beforeInit, 'NotInitialized');
    assert.deepEqual(r.wrongPath, [true, 'LoadFailed']);
    assert.deepEqual(r.signFailures, []);
    assert.deepEqual(r.payFailures, []);
    assert.equal(r.distinctNonces, 1000);
    assert.deepEqual(r.error, [true, true, 'UnsupportedSignType']);
    assert.equal(r.requestPayment, 'FAILED');
    // The module came from beside the entry, as the package ships it.
    assert.ok(site.requests.includes('GET /wxpay-wasm/web/generated/wxpay_wasm_web_bg.wasm'), site.requests.join('\n'));
    assert.ok(site.requests.includes('GET /nowhere/wxpay.wasm'));
  } finally {
    clearTimeout(timer);
    try { process.kill(-browser.pid, 'SIGKILL'); } catch (e) { /* already gone */ }
    site.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

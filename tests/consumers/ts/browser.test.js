'use strict';
// The browser entry as a page without a bundler uses it: the npm-packed package served over
// HTTP, web/index.js imported as an ES module, and init() fetching the .wasm that lies beside
// it (import.meta.url), in headless Chromium. The page reports what it saw by a POST.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { REPO, installPacked } = require('./packed');
const { serve, openPage, reported } = require('./chromium');

const TIMEOUT_MS = 60000;
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
  // Outside WeChat, a 公众号 H5 payment is refused: first for what the parameters lack (h5.test.js has the rest).
  r.requestPayment = await wxpay.requestPayment({}).then(() => 'resolved', (e) => e.code);
  await report(r);
} catch (e) {
  await report({ failed: String(e && e.stack || e) });
}
</script>`;

test('the browser entry in headless Chromium, no bundler: init() fetches the .wasm beside web/index.js; vectors, nonces, errors', { timeout: TIMEOUT_MS + 10000 }, async () => {
  const site = await serve(installPacked(), {
    '/': ['text/html', PAGE],
    '/vectors.json': ['application/json', JSON.stringify({ sign: vectors('sign.json'), pay: vectors('pay.json') })],
  });
  const browser = openPage(site.url);
  try {
    const r = await reported(site.result, TIMEOUT_MS, 'the page');
    assert.equal(r.failed, undefined, r.failed);
    assert.deepEqual(r.names, ['WxPayError', 'buildPayParams', 'init', 'nonce', 'requestPayment', 'sign', 'verify']);
    assert.equal(r.beforeInit, 'NotInitialized');
    assert.deepEqual(r.wrongPath, [true, 'LoadFailed']);
    assert.deepEqual(r.signFailures, []);
    assert.deepEqual(r.payFailures, []);
    assert.equal(r.distinctNonces, 1000);
    assert.deepEqual(r.error, [true, true, 'UnsupportedSignType']);
    assert.equal(r.requestPayment, 'MissingAppId');
    // The module came from beside the entry, as the package ships it.
    assert.ok(site.requests.includes('GET /wxpay-wasm/web/generated/wxpay_wasm_web_bg.wasm'), site.requests.join('\n'));
    assert.ok(site.requests.includes('GET /nowhere/wxpay.wasm'));
  } finally {
    browser.close();
    site.close();
  }
});

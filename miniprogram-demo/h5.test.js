'use strict';
// The demo's 公众号 H5 page end to end, headless: the WeChat Pay emulator, the backend and the
// H5 shop (h5/host.js) on the loopback, the page in headless Chromium with the demo's
// WeixinJSBridge stand-in. order → the server's six parameters → wxpay-wasm's requestPayment →
// the stand-in's sheet, whose paySign the emulator verifies → the notification marks the
// order paid → the page says 支付成功. Needs pkg/ (./build.sh package).
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { startBoth, getJson } = require('./server/testkit');
const { demoKeysV3 } = require('./server/keys-v3');
const { startH5Host } = require('./h5/host');
const { openPage, reported } = require('../tests/consumers/ts/chromium');

const TIMEOUT_MS = 60000;

/** Opens the page with `query`; → {final (the page's last step), steps, order (the backend's), servers' log, keys}. */
async function runPage(query) {
  const keys = demoKeysV3();
  const servers = await startBoth({ v3: keys.emulator, backendConfig: { v3: keys.backend } });
  const steps = [];
  let settle;
  const finished = new Promise((resolve) => { settle = resolve; });
  let host;
  try {
    host = await startH5Host({
      backendUrl: servers.backend.url,
      emulatorUrl: servers.emulator.url,
      onStep: (s) => {
        steps.push(s);
        if (s.status) settle(s);
      },
    });
    const browser = openPage(`${host.url}/?${query}`);
    let final;
    try {
      final = await reported(finished, TIMEOUT_MS, 'the H5 page');
    } finally {
      browser.close();
    }
    const [order] = [...servers.backend.orders.values()];
    const atEmulator = order && (await getJson(`${servers.emulator.url}/test/orders/${order.outTradeNo}`)).json;
    return { final, steps, order, atEmulator, lines: servers.lines, keys, config: servers.config };
  } finally {
    if (host) await host.close();
    await servers.close();
  }
}

/** No key of the demo in what the page showed or the servers logged. */
function noKeys(run) {
  const everything = JSON.stringify([run.steps, run.lines]);
  for (const secret of [run.config.apiKey, run.keys.backend.apiV3Key, run.keys.backend.merchantPrivateKey, run.keys.emulator.wechatpayPrivateKey]) {
    assert.ok(!everything.includes(secret), 'a key in the page or the logs');
  }
}

for (const signType of ['RSA', 'HMAC-SHA256']) {
  test(`公众号 H5 (${signType === 'RSA' ? 'API v3' : 'API v2'}, ${signType}): the page pays through WeixinJSBridge, the notification marks the order paid, the page says 支付成功`, { timeout: TIMEOUT_MS + 20000 }, async () => {
    const run = await runPage(`signType=${signType}&auto=1`);
    assert.equal(run.final.status, 'paid', run.final.text);
    assert.ok(run.steps.some((s) => s.text === 'six parameters from the server: appId, timeStamp, nonceStr, package, signType, paySign'), JSON.stringify(run.steps));
    assert.ok(run.steps.some((s) => s.text === 'getBrandWCPayRequest: get_brand_wcpay_request:ok'));
    assert.equal(run.order.signType, signType);
    assert.equal(run.order.status, 'SUCCESS');
    assert.equal(run.order.notifyCount, 1, 'one notification, verified by the backend');
    assert.equal(run.final.shown, `支付成功 (微信支付订单号 ${run.order.transactionId})`);
    assert.equal(run.atEmulator.status, 'SUCCESS');
    // The emulator checked paySign over the order's appid, as WeChat Pay does.
    assert.ok(run.lines.some((l) => l.text.includes('confirm: paySign OK, order paid')), 'the emulator verified paySign');
    noKeys(run);
  });
}

test('公众号 H5: the user closes the sheet (get_brand_wcpay_request:cancel): the page says 已取消支付, the order stays unpaid', { timeout: TIMEOUT_MS + 20000 }, async () => {
  const run = await runPage('signType=RSA&auto=1&sheet=cancel');
  assert.equal(run.final.status, 'cancelled');
  assert.equal(run.final.shown, '已取消支付');
  assert.equal(run.order.status, 'NOTPAY');
  assert.equal(run.order.notifyCount, 0);
  assert.equal(run.atEmulator.status, 'NOTPAY');
  noKeys(run);
});

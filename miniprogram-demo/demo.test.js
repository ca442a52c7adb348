'use strict';
// The demo end to end: the pay page in the mini-program simulator, the backend and the
// WeChat Pay emulator on loopback. Needs miniprogram/miniprogram_npm (./build.sh makes it).
const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');
const { startDemo, waitPaid } = require('./flow');
const { request } = require('./server/http-util');

const miniprogramNpm = path.join(__dirname, 'miniprogram', 'miniprogram_npm');
const WRONG_KEY = 'demoWrongKeyNotARealMerchantKey0';

const demoConfig = require('./miniprogram/demo-config');

/** Runs fn with a fresh demo; afterwards no log line, page text or console line holds a key. */
async function withDemo(options, fn) {
  const lines = [];
  const demo = await startDemo(Object.assign({ miniprogramNpm, onStep: (line) => lines.push(line) }, options));
  try {
    await fn(demo);
  } finally {
    await demo.close();
  }
  const everything = [...lines, ...demo.runtime.logs, JSON.stringify(demo.page.data)].join('\n');
  assert.ok(lines.length > 3, 'the servers and the page logged their steps');
  for (const key of [demoConfig.apiKey, WRONG_KEY]) assert.ok(!everything.includes(key), 'a key in the logs or on the page');
}

for (const mode of ['device', 'server']) {
  test(`pays once, ${mode === 'device' ? '签名在小程序' : '签名在服务端'}`, () =>
    withDemo({}, async (demo) => {
      demo.page.setData({ mode });
      const paying = demo.page.onPay();
      assert.equal(demo.page.data.paying, true, 'the button is disabled while paying');
      await demo.page.onPay(); // a second tap while paying does nothing
      await paying;
      const d = demo.page.data;
      assert.equal(d.status, 'paid', d.errMsg);
      assert.equal(d.statusText, '支付成功');
      assert.equal(d.paying, false);
      assert.deepEqual(Object.keys(d.sentParams).sort(), ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
      assert.deepEqual(demo.runtime.payments, [d.sentParams], 'exactly these five params reached wx.requestPayment, once');
      const order = await waitPaid(demo, d.orderId);
      assert.equal(order.status, 'SUCCESS');
      assert.equal(order.notifyCount, 1);
      assert.equal(d.sentParams.package, `prepay_id=${order.prepayId}`);
    }));
}

test('DevTools: every mode of the pay page pays through the simulated sheet, and the page shows the notification', () =>
  withDemo({ platform: 'devtools' }, async (demo) => {
    const modes = demo.page.data.modes.map((m) => m.value);
    assert.ok(modes.length >= 2, 'the page lists its modes');
    for (const mode of modes) {
      demo.page.setData({ mode });
      await demo.page.onPay();
      const d = demo.page.data;
      assert.equal(d.status, 'paid', `${mode}: ${d.errMsg}`);
      assert.equal(d.statusText, '支付成功');
      const order = await demo.order(d.orderId);
      assert.equal(order.status, 'SUCCESS', `${mode}: the notification reached the backend`);
      assert.equal(order.notifyCount, 1);
      assert.equal(d.notifyText, `支付通知已到达: 订单已支付 (微信支付订单号 ${order.transactionId})`);
      const modal = demo.runtime.modals[demo.runtime.modals.length - 1];
      assert.equal(modal.title, '模拟支付 ¥0.01');
      assert.match(modal.content, /wxpay-wasm 演示-测试商品[\s\S]*模拟支付: 不扣款, 不经过微信服务器/);
    }
    assert.equal(demo.runtime.modals.length, modes.length, 'one sheet per payment');
    assert.deepEqual(demo.runtime.payments, [], "WeChat's own wx.requestPayment was never called");
  }));

test('DevTools: 取消 in the simulated sheet answers requestPayment:fail cancel; nothing reaches the emulator', () =>
  withDemo({ platform: 'devtools' }, async (demo) => {
    demo.runtime.setModalMode('cancel');
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'cancelled');
    assert.equal(d.statusText, '已取消支付');
    assert.equal((await demo.order(d.orderId)).status, 'NOTPAY');
    const atEmulator = await request(`${demo.emulator.url}/test/orders/${d.orderId}`, { method: 'GET', timeoutMs: 5000 });
    assert.equal(JSON.parse(atEmulator.body).status, 'NOTPAY');
  }));

test('DevTools: the emulator still checks paySign behind the simulated sheet (a wrong key in the page fails)', () =>
  withDemo({ platform: 'devtools', pageConfig: { apiKey: WRONG_KEY } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.equal(d.errMsg, 'requestPayment:fail');
    assert.equal(demo.runtime.modals.length, 1, 'the sheet was shown and confirmed');
    assert.equal((await demo.order(d.orderId)).status, 'NOTPAY');
  }));

test("simulatedPaymentSheet 'never' leaves WeChat's sheet in DevTools too", () =>
  withDemo({ platform: 'devtools', pageConfig: { simulatedPaymentSheet: 'never' } }, async (demo) => {
    await demo.page.onPay();
    assert.equal(demo.page.data.status, 'paid');
    assert.equal(demo.runtime.modals.length, 0);
    assert.equal(demo.runtime.payments.length, 1, "WeChat's wx.requestPayment got the params");
  }));

test('the user cancels: the page says so and the order stays unpaid', () =>
  withDemo({}, async (demo) => {
    demo.runtime.setPayMode('cancel');
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'cancelled');
    assert.equal(d.statusText, '已取消支付');
    assert.equal((await demo.order(d.orderId)).status, 'NOTPAY');
  }));

test('a wrong key in the page: WeChat Pay refuses the paySign and the page shows the errMsg', () =>
  withDemo({ pageConfig: { apiKey: WRONG_KEY } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.equal(d.statusText, '支付失败');
    assert.match(d.errMsg, /^requestPayment:fail/);
    assert.ok(!d.errMsg.includes(WRONG_KEY));
    assert.equal((await demo.order(d.orderId)).status, 'NOTPAY');
  }));

test('WeChat Pay errors reach the page: a backend with the wrong key gets 签名错误', () =>
  withDemo({ backendConfig: { apiKey: WRONG_KEY } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.match(d.errMsg, /签名错误/);
    assert.equal(demo.runtime.payments.length, 0, 'nothing was paid');
  }));

test('the backend is down: the page shows the network failure, the button comes back', () =>
  withDemo({}, async (demo) => {
    await demo.backend.close();
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.match(d.errMsg, /request:fail|网络/);
    assert.equal(d.paying, false);
  }));

test('a replayed notification pays nothing twice', () =>
  withDemo({}, async (demo) => {
    await demo.page.onPay();
    const { orderId } = demo.page.data;
    const paid = await waitPaid(demo, orderId);
    for (let i = 0; i < 3; i++) {
      const answer = await demo.replayNotify(orderId);
      assert.match(JSON.stringify(answer), /SUCCESS/);
    }
    const after = await demo.order(orderId);
    assert.equal(after.status, 'SUCCESS');
    assert.equal(after.paidAt, paid.paidAt);
    assert.equal(after.transactionId, paid.transactionId);
  }));

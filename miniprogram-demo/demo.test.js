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

/** Runs fn with a fresh demo; afterwards no log line, page text or console line holds a key (or one of `secrets`). */
async function withDemo(options, fn, secrets = []) {
  const lines = [];
  const demo = await startDemo(Object.assign({ miniprogramNpm, onStep: (line) => lines.push(line) }, options));
  try {
    await fn(demo);
  } finally {
    await demo.close();
  }
  const everything = [...lines, ...demo.runtime.logs, JSON.stringify(demo.page.data)].join('\n');
  assert.ok(lines.length > 3, 'the servers and the page logged their steps');
  for (const key of [demoConfig.apiKey, WRONG_KEY, ...secrets]) assert.ok(!everything.includes(key), 'a key in the logs or on the page');
}

for (const mode of ['device', 'server']) { // API v3: below
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

// --- API v3 -----------------------------------------------------------------

const crypto = require('node:crypto');
const { demoKeysV3 } = require('./server/keys-v3');
const { v3 } = require(path.join(__dirname, '..', 'pkg'));

/** Everything of the v3 keys that must never be printed: the APIv3 key and the private keys' lines. */
function v3Secrets(keys) {
  const lines = (pem) => pem.split('\n').filter((l) => l.length > 40);
  return [keys.backend.apiV3Key, ...lines(keys.backend.merchantPrivateKey), ...lines(keys.emulator.wechatpayPrivateKey)];
}

/** withDemo in API v3 mode, with the keys known to the test. */
function withV3Demo(options, fn) {
  const keysV3 = options.keysV3 || demoKeysV3();
  return withDemo(Object.assign({ keysV3 }, options), async (demo) => {
    demo.page.setData({ mode: 'v3' });
    await fn(demo, keysV3);
  }, v3Secrets(keysV3));
}

async function postJson(url, body) {
  const r = await request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, timeoutMs: 5000 });
  return { status: r.status, json: JSON.parse(r.body) };
}

test('API v3: the page pays with RSA parameters the backend signed; the notification is verified and decrypted', () =>
  withV3Demo({}, async (demo, keys) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'paid', d.errMsg);
    const p = d.sentParams;
    assert.equal(p.signType, 'RSA');
    assert.deepEqual(demo.runtime.payments, [p], 'exactly the five params reached wx.requestPayment');
    const signed = `${demo.config.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
    assert.ok(crypto.verify('sha256', Buffer.from(signed), keys.emulator.merchantPublicKey, Buffer.from(p.paySign, 'base64')));
    const order = await waitPaid(demo, d.orderId);
    assert.equal(order.status, 'SUCCESS');
    assert.equal(order.signType, 'RSA');
    assert.equal(order.notifyCount, 1);
    assert.match(order.transactionId, /^4200\d{24}$/, 'the transaction id came out of the decrypted resource');
    assert.equal(order.transactionId, demo.emulator.orders.get(d.orderId).transactionId);
  }));

test('API v3: WeChat Pay refuses a paySign made with another key (the emulator checks RSA paySigns)', () =>
  withV3Demo({}, async (demo) => {
    const other = demoKeysV3().backend.merchantPrivateKey;
    demo.runtime.setPayMode('cancel'); // the page's own payment does not go through
    await demo.page.onPay();
    const { orderId, sentParams } = demo.page.data;
    assert.equal((await demo.order(orderId)).status, 'NOTPAY');
    const wrong = v3.buildPayParams({ appId: demo.config.appId, prepayId: sentParams.package, privateKey: other });
    const refused = await postJson(`${demo.emulator.url}/pay/confirm`, Object.assign({ appId: demo.config.appId }, wrong));
    assert.equal(refused.json.errMsg, 'requestPayment:fail');
    assert.equal(refused.json.err_desc, '支付验证签名失败');
    const accepted = await postJson(`${demo.emulator.url}/pay/confirm`, Object.assign({ appId: demo.config.appId }, sentParams));
    assert.equal(accepted.json.errMsg, 'requestPayment:ok', 'the right paySign is accepted (the check can pass)');
  }));

test('API v3: an Authorization signed with another merchant key gets 401 SIGN_ERROR, shown on the page', () => {
  const keysV3 = demoKeysV3();
  const wrongKey = demoKeysV3().backend.merchantPrivateKey;
  return withV3Demo({ keysV3, backendConfig: { v3: Object.assign({}, keysV3.backend, { merchantPrivateKey: wrongKey }) } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.match(d.errMsg, /SIGN_ERROR: 签名错误/);
    assert.equal(demo.runtime.payments.length, 0);
    assert.equal(demo.emulator.orders.size, 0, 'WeChat Pay stored no order');
  });
});

test("API v3: an answer that does not verify with WeChat Pay's public key is refused", () => {
  const keysV3 = demoKeysV3();
  const otherPublic = demoKeysV3().backend.wechatpayPublicKey;
  return withV3Demo({ keysV3, backendConfig: { v3: Object.assign({}, keysV3.backend, { wechatpayPublicKey: otherPublic }) } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.match(d.errMsg, /WXPAY_BAD_SIGNATURE.*InvalidSignature/);
    assert.equal(demo.runtime.payments.length, 0, 'nothing was paid');
  });
});

test('API v3: forged, tampered, stale, probe and undecryptable notifications pay nothing; the genuine one pays once', () =>
  withV3Demo({}, async (demo) => {
    demo.runtime.setPayMode('cancel'); // the order stays unpaid: only notifications can pay it
    await demo.page.onPay();
    const { orderId } = demo.page.data;
    const refusals = {
      'bad-sign': [401, 'InvalidSignature'], tampered: [401, 'InvalidSignature'], stale: [401, 'TimestampOutOfWindow'],
      probe: [401, 'SignatureProbe'], 'unknown-serial': [401, 'UnknownSerial'], 'wrong-api-v3-key': [400, 'DecryptFailed'], 'wrong-fee': [400, 'amount'],
    };
    for (const [variant, [status]] of Object.entries(refusals)) {
      const r = await demo.forgeNotify(orderId, variant);
      assert.equal(r.httpStatus, status, variant);
      assert.equal(r.answer.code, 'FAIL', variant);
      assert.equal((await demo.order(orderId)).status, 'NOTPAY', variant + ' paid the order');
    }
    const genuine = await demo.forgeNotify(orderId, 'genuine');
    assert.equal(genuine.httpStatus, 204);
    const paid = await demo.order(orderId);
    assert.equal(paid.status, 'SUCCESS');
    assert.equal(paid.notifyCount, 1);
  }));

test('API v3: a verbatim replay is refused, a fresh redelivery is answered and changes nothing', () =>
  withV3Demo({}, async (demo) => {
    await demo.page.onPay();
    const { orderId } = demo.page.data;
    const paid = await waitPaid(demo, orderId);
    const replay = await demo.replayNotify(orderId);
    assert.equal(replay.httpStatus, 400);
    assert.equal(replay.answer.message, '重复的通知');
    const again = await demo.replayNotify(orderId, true);
    assert.equal(again.httpStatus, 204, 'WeChat Pay retries are signed anew and accepted');
    const after = await demo.order(orderId);
    assert.equal(after.status, 'SUCCESS');
    assert.equal(after.paidAt, paid.paidAt);
    assert.equal(after.transactionId, paid.transactionId);
    assert.equal(after.notifyCount, 2);
  }));

test('API v3: paid, then 退款 on the page: 申请退款, and the REFUND.SUCCESS notification marks the order refunded', () =>
  withV3Demo({}, async (demo) => {
    await demo.page.onPay();
    const { orderId } = demo.page.data;
    assert.equal(demo.page.data.refundable, true, 'the 退款 button shows once the order is paid');
    await waitPaid(demo, orderId);
    await demo.page.onRefund();
    const d = demo.page.data;
    assert.equal(d.refundText, `退款成功: 退款通知已到达 (退款单号 R${orderId})`);
    assert.equal(d.refundable, false);
    const order = await demo.order(orderId);
    assert.equal(order.status, 'REFUND');
    assert.equal(order.refund.status, 'SUCCESS');
    assert.equal(order.refund.outRefundNo, 'R' + orderId);
    const at = demo.emulator.orders.get(orderId);
    assert.equal([...at.refunds.values()].reduce((sum, r) => sum + r.refund, 0), order.totalFee, 'refunded once, in full');
    // Asked again (a double tap, a retry), the same out_refund_no refunds nothing more.
    const again = await postJson(`${demo.backend.url}/api/orders/${orderId}/refund`, {});
    assert.equal(again.status, 200);
    assert.equal(at.refunds.size, 1);
  }));

test('API v3: the payment notification is lost: the page asks, the backend queries WeChat Pay and books the verified SUCCESS', () =>
  withV3Demo({ config: { emulator: { losePaymentNotifications: true } } }, async (demo) => {
    await demo.page.onPay();
    const d = demo.page.data;
    assert.equal(d.status, 'paid', d.errMsg);
    assert.match(d.notifyText, /^支付通知未到, 已向微信支付查询订单: 订单已支付 \(微信支付订单号 4200\d{24}\)$/);
    const order = await demo.order(d.orderId);
    assert.equal(order.status, 'SUCCESS');
    assert.equal(order.paidBy, 'query');
    assert.equal(order.notifyCount, 0);
    assert.equal(order.transactionId, demo.emulator.orders.get(d.orderId).transactionId);
  }));

test('API v3: an unpaid order is queried (still NOTPAY) but not refunded; a v2 order is neither', () =>
  withV3Demo({}, async (demo) => {
    const api = (path, body) => postJson(demo.backend.url + path, body);
    const { openid } = (await api('/api/login', { code: 'demo-code' })).json;
    const { orderId } = (await api('/api/orders', { openid, signType: 'RSA' })).json;
    const queried = await api(`/api/orders/${orderId}/query`, {});
    assert.deepEqual([queried.status, queried.json.status, queried.json.paidBy], [200, 'NOTPAY', null]);
    const refund = await api(`/api/orders/${orderId}/refund`, {});
    assert.deepEqual([refund.status, refund.json.error.code], [409, 'ORDER_NOT_PAID']);
    assert.equal(demo.emulator.orders.get(orderId).refunds.size, 0);
    const v2 = (await api('/api/orders', { openid, signType: 'MD5' })).json;
    const refused = await api(`/api/orders/${v2.orderId}/refund`, {});
    assert.deepEqual([refused.status, refused.json.error.code], [400, 'V3_ONLY']);
  }));

// 商家转账: the transfer page (a withdrawal) on base library 3.3.0.

/** Polls the backend until the withdrawal's notification has come (it lands after the sheet's ok). */
async function waitWithdrawn(demo, no) {
  for (let i = 0; i < 100; i++) {
    const w = await demo.withdrawal(no);
    if (w.state !== 'WAIT_USER_CONFIRM') return w;
    await new Promise((r) => setTimeout(r, 20));
  }
  return demo.withdrawal(no);
}

test('商家转账: the server creates the bill, the user confirms on the sheet, the notification says SUCCESS and the page shows it', () =>
  withDemo({ page: 'transfer' }, async (demo) => {
    await demo.page.onWithdraw();
    const d = demo.page.data;
    assert.equal(d.status, 'arrived', d.errMsg);
    assert.equal(d.statusText, '提现成功');
    assert.match(d.arrivalText, /^提现已到账 \(转账单号 \d+\)$/);
    const bill = demo.emulator.transfers.get(d.outBillNo);
    assert.deepEqual(demo.runtime.transfers, [{ mchId: demo.config.mchId, appId: demo.config.appId, package: bill.packageInfo }], 'exactly the three fields reached wx.requestMerchantTransfer, once');
    assert.deepEqual(d.sentParams, demo.runtime.transfers[0]);
    assert.equal(bill.userName, '演示用户', "user_name reached WeChat Pay encrypted, and WeChat Pay's key opened it");
    assert.equal(bill.state, 'SUCCESS');
    assert.equal((await demo.withdrawal(d.outBillNo)).state, 'SUCCESS');
  }));

test('商家转账: the user cancels the sheet; the page says so and the bill still waits', () =>
  withDemo({ page: 'transfer' }, async (demo) => {
    demo.runtime.setTransferMode('cancel');
    await demo.page.onWithdraw();
    const d = demo.page.data;
    assert.equal(d.status, 'cancelled');
    assert.equal(d.statusText, '已取消提现');
    assert.equal(demo.emulator.transfers.get(d.outBillNo).state, 'WAIT_USER_CONFIRM');
    assert.equal((await demo.withdrawal(d.outBillNo)).state, 'WAIT_USER_CONFIRM');
  }));

test('商家转账 in DevTools: the simulated sheet shows the bill and, confirmed, completes it', () =>
  withDemo({ page: 'transfer', platform: 'devtools' }, async (demo) => {
    await demo.page.onWithdraw();
    const d = demo.page.data;
    assert.equal(d.status, 'arrived', d.errMsg);
    assert.deepEqual(demo.runtime.transfers, [], "WeChat's own wx.requestMerchantTransfer was never called");
    const modal = demo.runtime.modals[demo.runtime.modals.length - 1];
    assert.equal(modal.title, '模拟收款 ¥0.30');
    assert.match(modal.content, /演示提现[\s\S]*模拟确认收款/);
    assert.equal((await waitWithdrawn(demo, d.outBillNo)).state, 'SUCCESS');
  }));

test('商家转账: the merchant cancels the bill before the user confirms: the sheet fails, the notification says CANCELLED', () =>
  withDemo({ page: 'transfer' }, async (demo) => {
    // The merchant cancels the bill (its backend's cancelTransferBill) while the sheet is open.
    demo.runtime.setTransferMode(async (params) => {
      const bill = [...demo.emulator.transfers.values()].find((b) => b.packageInfo === params.package);
      const cancelled = await postJson(`${demo.backend.url}/api/transfers/${bill.outBillNo}/cancel`, {});
      assert.equal(cancelled.json.state, 'CANCELING');
      const r = await postJson(`${demo.emulator.url}/transfer/confirm`, params);
      return { ok: r.json.errMsg === 'requestMerchantTransfer:ok', errMsg: r.json.errMsg };
    });
    await demo.page.onWithdraw();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.equal(d.errMsg, 'requestMerchantTransfer:fail');
    assert.equal((await waitWithdrawn(demo, d.outBillNo)).state, 'CANCELLED');
  }));

// ------------------------------------------------------------------ 虚拟支付 (the drama page)

const DRAMA = 'drama';
const { demoVirtualKeys } = require('./server/keys-virtual');
const VIRTUAL_KEYS = [demoVirtualKeys.appKey, demoVirtualKeys.sandboxAppKey];

test('虚拟支付: a tap buys the episode; signData reaches the sheet as the server signed it; 发货 arrives', () =>
  withDemo({ page: DRAMA, sdkVersion: '3.4.2' }, async (demo) => {
    await demo.page.onBuy();
    const d = demo.page.data;
    assert.equal(d.status, 'paid', d.errMsg);
    assert.equal(d.statusText, '支付成功');
    assert.match(d.deliverText, /^已发货: 短剧《回家》第3集 已解锁 \(微信支付订单号 4200\d+\)$/);
    assert.equal(demo.runtime.payments.length, 1);
    const sent = demo.runtime.payments[0];
    assert.deepEqual(Object.keys(sent).sort(), ['mode', 'paySig', 'signData', 'signature']);
    assert.equal(sent.signData, d.signData, 'the very string the server signed');
    assert.equal(sent.mode, 'short_series_goods');
    assert.match(sent.paySig, /^[0-9a-f]{64}$/);
    assert.equal(JSON.parse(sent.signData).outTradeNo, d.orderId);
    assert.equal((await demo.virtualOrder(d.orderId)).status, 'DELIVERED');
  }, VIRTUAL_KEYS));

test('虚拟支付: the user cancels; nothing is delivered', () =>
  withDemo({ page: DRAMA, sdkVersion: '3.4.2' }, async (demo) => {
    demo.runtime.setPayMode('cancel');
    await demo.page.onBuy();
    const d = demo.page.data;
    assert.equal(d.status, 'cancelled');
    assert.equal(d.statusText, '已取消支付');
    assert.equal((await demo.virtualOrder(d.orderId)).status, 'NOTPAY');
  }, VIRTUAL_KEYS));

test('DevTools 虚拟支付: the simulated sheet pays at the emulator, which checks both signatures and pushes 发货', () =>
  withDemo({ platform: 'devtools', page: DRAMA }, async (demo) => {
    await demo.page.onBuy();
    const d = demo.page.data;
    const first = d.orderId;
    assert.equal(d.status, 'paid', d.errMsg);
    assert.match(d.deliverText, /^已发货: /);
    const modal = demo.runtime.modals[demo.runtime.modals.length - 1];
    assert.equal(modal.title, '模拟虚拟支付 ¥1.00');
    assert.deepEqual(demo.runtime.payments, [], "WeChat's own wx.requestVirtualPayment was never called");
    // A second purchase after another wx.login: a new session_key, signed again, paid again.
    await demo.page.onBuy();
    assert.equal(demo.page.data.status, 'paid', demo.page.data.errMsg);
    assert.notEqual(demo.page.data.orderId, first);
    assert.equal((await demo.virtualOrder(first)).status, 'DELIVERED');
  }, VIRTUAL_KEYS));

test('虚拟支付 on base library 2.15.0: the page says which base library the sheet needs; nothing is sent', () =>
  withDemo({ page: DRAMA }, async (demo) => {
    await demo.page.onBuy();
    const d = demo.page.data;
    assert.equal(d.status, 'failed');
    assert.match(d.errMsg, /^Unsupported: requestVirtualPayment: needs base library 2\.19\.2/);
    assert.deepEqual(demo.runtime.payments, []);
  }, VIRTUAL_KEYS));

test('DevTools 虚拟支付: 取消 answers errCode -2, which the page shows as cancelled', () =>
  withDemo({ platform: 'devtools', page: DRAMA }, async (demo) => {
    demo.runtime.setModalMode('cancel');
    await demo.page.onBuy();
    assert.equal(demo.page.data.status, 'cancelled');
    assert.equal((await demo.virtualOrder(demo.page.data.orderId)).status, 'NOTPAY');
  }, VIRTUAL_KEYS));

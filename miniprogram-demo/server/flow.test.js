// The demo flow end to end: backend (signing with wxpay-wasm) ↔ emulator (checking
// with Node's crypto), on ephemeral loopback ports.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('http');
const path = require('path');
const wxpay = require(path.join(__dirname, '..', '..', 'pkg'));
const xml = require('./xml');
const { signV2 } = require('./emulator');
const { startBackend } = require('./backend');
const { startEmulator } = require('./emulator');
const { listen, closeServer, readBody, request } = require('./http-util');
const { testConfig, logger, startBoth, postJson, getJson, postXml, waitFor } = require('./testkit');

const WRONG_KEY = 'wrongKeyWrongKeyWrongKey00000000';

let env;
const B = (p) => env.backend.url + p;
const E = (p) => env.emulator.url + p;

before(async () => {
  await wxpay.init();
  env = await startBoth();
});
after(async () => {
  if (env) await env.close();
});

async function login(code = 'demo-login-code-1') {
  const r = await postJson(B('/api/login'), { code });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.openid;
}

async function newOrder(body = {}) {
  const openid = body.openid || (await login());
  const r = await postJson(B('/api/orders'), Object.assign({ openid }, body));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

/** What the mini-program does in device-signing mode, sent to the emulator's wx.requestPayment stand-in. */
async function payOnDevice(order, { key = env.config.apiKey, signType = order.signType, appId = order.appId } = {}) {
  const params = wxpay.buildPayParams({ appId, prepayId: order.prepayId, key, signType });
  const r = await postJson(E('/pay/confirm'), Object.assign({ appId }, params));
  assert.equal(r.status, 200);
  return r.json;
}

const backendOrder = async (id) => (await getJson(B('/api/orders/' + encodeURIComponent(id)))).json;
const emulatorOrder = async (id) => (await getJson(E('/test/orders/' + encodeURIComponent(id)))).json;

async function waitPaid(id) {
  return waitFor(async () => {
    const o = await backendOrder(id);
    return o.status === 'SUCCESS' && o;
  }, { what: `order ${id} paid` });
}

/** Signs and sends a unified order straight to the emulator, as a test-side merchant. */
async function rawUnifiedOrder(params, { key = env.config.apiKey, signType = 'MD5', emulatorUrl = env.emulator.url } = {}) {
  const p = Object.assign({}, params);
  p.sign = wxpay.sign(p, key, signType);
  const r = await postXml(emulatorUrl + '/pay/unifiedorder', xml.build(p));
  assert.equal(r.status, 200);
  return Object.assign({}, xml.parse(r.body).fields);
}

function unifiedOrderParams(overrides = {}) {
  return Object.assign({
    appid: env.config.appId,
    mch_id: env.config.mchId,
    nonce_str: wxpay.nonce(),
    body: 'wxpay-wasm 演示-直连测试',
    out_trade_no: 'RAW' + Date.now() + wxpay.nonce(6),
    total_fee: 1,
    spbill_create_ip: '127.0.0.1',
    notify_url: env.backend.url + env.config.notifyPath,
    trade_type: 'JSAPI',
    openid: 'oTestOpenid000000000000000000',
    sign_type: 'MD5',
  }, overrides);
}

describe('login (jscode2session stand-in)', () => {
  it('maps a code to a stable openid', async () => {
    const a = await login('code-A');
    assert.match(a, /^o[A-Za-z0-9_-]{27}$/);
    assert.equal(await login('code-A'), a);
    assert.notEqual(await login('code-B'), a);
  });
  it('refuses a missing or malformed code with a JSON error', async () => {
    let r = await postJson(B('/api/login'), {});
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'MISSING_CODE');
    r = await postJson(B('/api/login'), { code: 'x\n' });
    assert.equal(r.json.error.code, 'INVALID_CODE');
  });
});

describe('unified order', () => {
  it('creates an order and a prepay_id; the emulator has the same order', async () => {
    const o = await newOrder({ item: '测试商品', totalFee: 2 });
    assert.match(o.orderId, /^DEMO\d{14}[A-Za-z0-9]{10}$/);
    assert.match(o.prepayId, /^wx\d{14}[0-9a-f]{20}$/);
    assert.deepEqual([o.totalFee, o.item, o.signType, o.appId], [2, '测试商品', 'MD5', env.config.appId]);
    const e = await emulatorOrder(o.orderId);
    assert.equal(e.body, 'wxpay-wasm 演示-测试商品');
    assert.equal(e.totalFee, 2);
    assert.equal(e.signType, 'MD5');
    assert.equal(e.prepayId, o.prepayId);
    assert.equal(e.notifyUrl, env.backend.url + env.config.notifyPath);
    const b = await backendOrder(o.orderId);
    assert.equal(b.status, 'NOTPAY');
  });

  it('the same order again (unpaid) gets the same prepay_id', async () => {
    const o = await newOrder();
    const r = await postJson(B(`/api/orders/${o.orderId}/prepay`), {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.prepayId, o.prepayId);
  });

  it('refuses bad input with JSON errors', async () => {
    const openid = await login();
    const cases = [
      [{}, 'INVALID_OPENID'],
      [{ openid, totalFee: 1.5 }, 'INVALID_TOTAL_FEE'],
      [{ openid, totalFee: '1' }, 'INVALID_TOTAL_FEE'],
      [{ openid, totalFee: 0 }, 'INVALID_TOTAL_FEE'],
      [{ openid, signType: 'HMAC_SHA256' }, 'INVALID_SIGN_TYPE'],
      [{ openid, item: '<b>' }, 'INVALID_ITEM'],
    ];
    for (const [body, code] of cases) {
      const r = await postJson(B('/api/orders'), body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.error.code, code);
    }
    const bad = await postXml(B('/api/orders'), '{not json');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.code, 'BAD_JSON');
    assert.equal((await getJson(B('/api/orders/NOSUCH'))).status, 404);
    assert.equal((await getJson(B('/api/nothing'))).json.error.code, 'NOT_FOUND');
    assert.equal((await getJson(B('/api/orders'))).status, 405);
  });
});

describe('payment', () => {
  it('device-signed params (MD5): ok, one notification, order SUCCESS exactly once', async () => {
    const o = await newOrder();
    const r = await payOnDevice(o);
    assert.deepEqual(r, { errMsg: 'requestPayment:ok' });
    const paid = await waitPaid(o.orderId);
    const e = await waitFor(async () => {
      const x = await emulatorOrder(o.orderId);
      return x.notifications.length > 0 && x.notifications[0].httpStatus && x;
    }, { what: 'notification answer recorded' });
    assert.equal(e.status, 'SUCCESS');
    assert.equal(e.notifications.length, 1);
    assert.equal(e.notifications[0].kind, 'payment');
    assert.equal(e.notifications[0].ok, true);
    assert.equal(e.notifications[0].answer.return_code, 'SUCCESS');
    assert.equal(paid.transactionId, e.transactionId);
    assert.match(paid.transactionId, /^\d{28}$/);
    assert.equal(paid.notifyCount, 1);
    // Paying again is refused by "WeChat".
    const again = await payOnDevice(o);
    assert.equal(again.errMsg, 'requestPayment:fail');
    assert.equal(again.err_desc, '该订单已支付');
  });

  it('server-made params (HMAC-SHA256) from /api/pay-params are accepted', async () => {
    const o = await newOrder({ signType: 'HMAC-SHA256', totalFee: 3 });
    const r = await postJson(B('/api/pay-params'), { orderId: o.orderId });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(Object.keys(r.json).sort(), ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    assert.equal(r.json.signType, 'HMAC-SHA256');
    assert.equal(r.json.package, 'prepay_id=' + o.prepayId);
    assert.match(r.json.timeStamp, /^\d{10}$/);
    assert.match(r.json.paySign, /^[0-9A-F]{64}$/);
    const c = await postJson(E('/pay/confirm'), Object.assign({ appId: env.config.appId }, r.json));
    assert.deepEqual(c.json, { errMsg: 'requestPayment:ok' });
    const paid = await waitPaid(o.orderId);
    assert.equal(paid.notifyCount, 1);
    // The notification said which sign type it used.
    const e = await emulatorOrder(o.orderId);
    assert.equal(e.notifications.length, 1);
    // Params for a paid order are refused.
    const again = await postJson(B('/api/pay-params'), { orderId: o.orderId });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'ORDER_PAID');
    assert.equal((await postJson(B('/api/pay-params'), { orderId: 'NOSUCH' })).status, 404);
  });

  it('GET /pay/sheet shows the order a package names (the simulated sheet\'s amount), and nothing for an unknown one', async () => {
    const o = await newOrder({ totalFee: 1234 });
    const sheet = (pkg) => getJson(E('/pay/sheet?package=' + encodeURIComponent(pkg)));
    const r = await sheet('prepay_id=' + o.prepayId);
    assert.deepEqual(r.json, { errMsg: 'sheet:ok', body: 'wxpay-wasm 演示-测试商品', totalFee: 1234, mchId: env.config.mchId, status: 'NOTPAY' });
    for (const pkg of ['prepay_id=wxNOSUCH', o.prepayId, '']) {
      const bad = await sheet(pkg);
      assert.deepEqual(bad.json, { errMsg: 'requestPayment:fail', err_code: '-1', err_desc: '订单不存在或已过期' }, pkg);
    }
  });

  it('a paySign made with the wrong key fails with requestPayment:fail 支付验证签名失败', async () => {
    const o = await newOrder();
    const r = await payOnDevice(o, { key: WRONG_KEY });
    assert.equal(r.errMsg, 'requestPayment:fail');
    assert.equal(r.err_desc, '支付验证签名失败');
    assert.equal((await backendOrder(o.orderId)).status, 'NOTPAY');
    assert.equal((await emulatorOrder(o.orderId)).status, 'NOTPAY');
  });

  it('other requestPayment mistakes fail too and pay nothing', async () => {
    const o = await newOrder();
    // signType different from the unified order's (correctly signed otherwise).
    let r = await payOnDevice(o, { signType: 'HMAC-SHA256' });
    assert.equal(r.err_desc, '支付验证签名失败');
    assert.match(r.emulatorNote, /signType/);
    // Another appId.
    r = await payOnDevice(o, { appId: 'touristappid' });
    assert.equal(r.err_desc, '支付验证签名失败');
    // timeStamp as a number.
    const p = wxpay.buildPayParams({ appId: o.appId, prepayId: o.prepayId, key: env.config.apiKey });
    r = (await postJson(E('/pay/confirm'), Object.assign({}, p, { timeStamp: Number(p.timeStamp) }))).json;
    assert.equal(r.errMsg, 'requestPayment:fail parameter error: parameter.timeStamp should be String instead of Number;');
    // The unified order's own sign is not a paySign: a tampered field breaks it.
    r = (await postJson(E('/pay/confirm'), Object.assign({}, p, { nonceStr: p.nonceStr.slice(1) }))).json;
    assert.equal(r.err_desc, '支付验证签名失败');
    // Unknown prepay_id.
    r = (await postJson(E('/pay/confirm'), Object.assign({}, p, { package: 'prepay_id=wx000' }))).json;
    assert.equal(r.errMsg, 'requestPayment:fail');
    assert.equal(r.err_desc, '订单不存在或已过期');
    assert.equal((await backendOrder(o.orderId)).status, 'NOTPAY');
    // And the right params still work afterwards.
    assert.equal((await payOnDevice(o)).errMsg, 'requestPayment:ok');
    await waitPaid(o.orderId);
  });
});

describe('unified-order errors from WeChat Pay', () => {
  it('ORDERPAID when a paid order is placed again (backend passes it on as 502)', async () => {
    const o = await newOrder();
    assert.equal((await payOnDevice(o)).errMsg, 'requestPayment:ok');
    await waitPaid(o.orderId);
    const r = await postJson(B(`/api/orders/${o.orderId}/prepay`), {});
    assert.equal(r.status, 502);
    assert.equal(r.json.error.code, 'ORDERPAID');
    assert.equal(r.json.error.message, '该订单已支付');
    assert.equal(r.json.error.upstream.result_code, 'FAIL');
  });

  it('OUT_TRADE_NO_USED when an unpaid out_trade_no comes back with other parameters; answers are signed', async () => {
    const p = unifiedOrderParams();
    const first = await rawUnifiedOrder(p);
    assert.equal(first.result_code, 'SUCCESS');
    assert.ok(wxpay.verify(first, env.config.apiKey, 'MD5'));
    // Same parameters, new nonce and IP: same prepay_id.
    const same = await rawUnifiedOrder(Object.assign({}, p, { nonce_str: wxpay.nonce(), spbill_create_ip: '127.0.0.2' }));
    assert.equal(same.prepay_id, first.prepay_id);
    const changed = await rawUnifiedOrder(Object.assign({}, p, { nonce_str: wxpay.nonce(), total_fee: 2 }));
    assert.equal(changed.return_code, 'SUCCESS');
    assert.equal(changed.result_code, 'FAIL');
    assert.equal(changed.err_code, 'OUT_TRADE_NO_USED');
    assert.equal(changed.err_code_des, '商户订单号重复');
    assert.equal(changed.sign, signV2(changed, env.config.apiKey, 'MD5'));
    // HMAC-SHA256 requests get HMAC-SHA256-signed answers.
    const h = await rawUnifiedOrder(unifiedOrderParams({ sign_type: 'HMAC-SHA256' }), { signType: 'HMAC-SHA256' });
    assert.equal(h.result_code, 'SUCCESS');
    assert.match(h.sign, /^[0-9A-F]{64}$/);
    assert.ok(wxpay.verify(h, env.config.apiKey, 'HMAC-SHA256'));
  });

  it('PARAM_ERROR for a missing or malformed field (unsigned, as reported from the real API)', async () => {
    const missing = unifiedOrderParams();
    delete missing.out_trade_no;
    let r = await rawUnifiedOrder(missing);
    assert.deepEqual(r, {
      return_code: 'SUCCESS',
      return_msg: '参数错误:必须输入商户单号',
      result_code: 'FAIL',
      err_code: 'PARAM_ERROR',
      err_code_des: '参数错误:必须输入商户单号',
    });
    r = await rawUnifiedOrder(unifiedOrderParams({ total_fee: '1.5' }));
    assert.equal(r.err_code, 'PARAM_ERROR');
    r = await rawUnifiedOrder(unifiedOrderParams({ openid: undefined }));
    assert.equal(r.err_code_des, '参数错误:JSAPI支付必须传openid');
    r = await rawUnifiedOrder(unifiedOrderParams({ notify_url: 'http://example.com/notify' }));
    assert.equal(r.err_code, 'PARAM_ERROR');
    r = await rawUnifiedOrder(unifiedOrderParams({ nonce_str: 'x'.repeat(33) }));
    assert.equal(r.err_code, 'PARAM_ERROR');
  });

  it('communication-level failures: XML with a DOCTYPE, empty body, GET', async () => {
    let r = await postXml(E('/pay/unifiedorder'), '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>');
    assert.deepEqual(Object.assign({}, xml.parse(r.body).fields), { return_code: 'FAIL', return_msg: 'XML格式错误' });
    r = await postXml(E('/pay/unifiedorder'), '');
    assert.equal(xml.parse(r.body).fields.return_msg, 'post数据为空');
    const g = await request(E('/pay/unifiedorder'), { method: 'GET', timeoutMs: 5000 });
    assert.deepEqual(Object.assign({}, xml.parse(g.body).fields), { return_code: 'FAIL', return_msg: '请使用post方法' });
  });

  it('signed with the wrong key: return_code FAIL 签名错误 (backend: 502 RETURN_CODE_FAIL)', async () => {
    const { log } = logger();
    const wrong = await startBackend({ port: 0, emulatorUrl: env.emulator.url, config: Object.assign({}, env.config, { apiKey: WRONG_KEY }), log });
    try {
      const openid = await login();
      const r = await postJson(wrong.url + '/api/orders', { openid });
      assert.equal(r.status, 502);
      assert.equal(r.json.error.code, 'RETURN_CODE_FAIL');
      assert.equal(r.json.error.message, '签名错误');
      assert.equal(wrong.orders.size, 0);
    } finally {
      await wrong.close();
    }
  });

  it('signErrorStyle "err_code": result_code FAIL, err_code SIGNERROR (backend: 502 SIGNERROR)', async () => {
    const config = testConfig({ emulator: { signErrorStyle: 'err_code' } });
    const { log } = logger();
    const emu = await startEmulator({ port: 0, config, log });
    const wrong = await startBackend({ port: 0, emulatorUrl: emu.url, config: Object.assign({}, config, { apiKey: WRONG_KEY }), log });
    try {
      const r = await postJson(wrong.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.status, 502);
      assert.equal(r.json.error.code, 'SIGNERROR');
      assert.equal(r.json.error.message, '签名错误');
    } finally {
      await wrong.close();
      await emu.close();
    }
  });

  it('the backend refuses an answer whose sign is wrong, or a success without a sign', async () => {
    let answer = '';
    const fake = http.createServer(async (req, res) => {
      await readBody(req);
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(answer);
    });
    const url = await listen(fake, '127.0.0.1', 0);
    const { log } = logger();
    const backend = await startBackend({ port: 0, emulatorUrl: url, config: env.config, log });
    try {
      const good = {
        return_code: 'SUCCESS', return_msg: 'OK', appid: env.config.appId, mch_id: env.config.mchId,
        nonce_str: 'abc', result_code: 'SUCCESS', prepay_id: 'wx20250101000000abcdefabcdefabcdefab', trade_type: 'JSAPI',
      };
      answer = xml.build(Object.assign({}, good, { sign: signV2(good, WRONG_KEY, 'MD5') }));
      let r = await postJson(backend.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.status, 502);
      assert.equal(r.json.error.code, 'WXPAY_BAD_SIGNATURE');
      answer = xml.build(good);
      r = await postJson(backend.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.json.error.code, 'WXPAY_UNSIGNED_RESPONSE');
      answer = xml.build(Object.assign({}, good, { sign: signV2(good, env.config.apiKey, 'MD5') })).replace('</xml>', '<sign>X</sign></xml>');
      r = await postJson(backend.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.json.error.code, 'WXPAY_BAD_RESPONSE');
      // And with a right sign the same answer is accepted.
      answer = xml.build(Object.assign({}, good, { sign: signV2(good, env.config.apiKey, 'MD5') }));
      r = await postJson(backend.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.prepayId, good.prepay_id);
      assert.equal(backend.orders.size, 1);
    } finally {
      await backend.close();
      await closeServer(fake);
    }
  });

  it('an unreachable WeChat Pay gives 502 WXPAY_UNREACHABLE', async () => {
    const dead = http.createServer();
    const url = await listen(dead, '127.0.0.1', 0);
    await closeServer(dead);
    const { log } = logger();
    const backend = await startBackend({ port: 0, emulatorUrl: url, config: env.config, log });
    try {
      const r = await postJson(backend.url + '/api/orders', { openid: 'oTestOpenid000000000000000000' });
      assert.equal(r.status, 502);
      assert.equal(r.json.error.code, 'WXPAY_UNREACHABLE');
    } finally {
      await backend.close();
    }
  });
});

describe('payment notifications', () => {
  it('a replayed notification is answered SUCCESS and changes nothing', async () => {
    const o = await newOrder();
    assert.equal((await payOnDevice(o)).errMsg, 'requestPayment:ok');
    const paid = await waitPaid(o.orderId);
    await waitFor(async () => (await emulatorOrder(o.orderId)).notifications.some((n) => n.httpStatus), { what: 'first notification answered' });
    for (let i = 0; i < 3; i++) {
      const r = await postJson(E('/test/replay-notify'), { orderId: o.orderId });
      assert.equal(r.status, 200);
      assert.equal(r.json.answer.return_code, 'SUCCESS');
    }
    const after = await backendOrder(o.orderId);
    assert.equal(after.status, 'SUCCESS');
    assert.equal(after.paidAt, paid.paidAt);
    assert.equal(after.transactionId, paid.transactionId);
    assert.equal(after.notifyCount, 4);
    assert.equal(env.backend.orders.get(o.orderId).paidAt, paid.paidAt);
  });

  it('forged and invalid notifications are refused with return_code FAIL; nothing is paid', async () => {
    const o = await newOrder();
    const expected = {
      'bad-sign': '签名错误',
      'no-sign': '缺少签名',
      'duplicate-sign': '签名重复',
      'wrong-sign-type': '签名类型不一致',
      'wrong-fee': '金额不一致',
      'wrong-openid': '用户不一致',
      'unknown-order': '订单不存在',
    };
    for (const [variant, msg] of Object.entries(expected)) {
      const r = await postJson(E('/test/forge-notify'), { orderId: o.orderId, variant });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.answer, { return_code: 'FAIL', return_msg: msg }, variant);
      assert.match(r.json.raw, /^<xml><return_code><!\[CDATA\[FAIL\]\]><\/return_code><return_msg>/);
    }
    const b = await backendOrder(o.orderId);
    assert.equal(b.status, 'NOTPAY');
    assert.equal(b.notifyCount, 0);
    // Also for an HMAC-SHA256 order, and for a paid one.
    const h = await newOrder({ signType: 'HMAC-SHA256' });
    for (const variant of ['bad-sign', 'wrong-sign-type', 'duplicate-sign']) {
      const r = await postJson(E('/test/forge-notify'), { orderId: h.orderId, variant });
      assert.equal(r.json.answer.return_code, 'FAIL', variant);
    }
    assert.equal((await payOnDevice(h)).errMsg, 'requestPayment:ok');
    const paid = await waitPaid(h.orderId);
    const r = await postJson(E('/test/forge-notify'), { orderId: h.orderId });
    assert.equal(r.json.answer.return_code, 'FAIL');
    const after = await backendOrder(h.orderId);
    assert.equal(after.transactionId, paid.transactionId);
    assert.equal(after.notifyCount, 1);
  });

  it('the notify endpoint refuses malformed XML, DOCTYPEs and unknown orders', async () => {
    const url = B(env.config.notifyPath);
    const answer = async (body) => Object.assign({}, xml.parse((await postXml(url, body)).body).fields);
    assert.deepEqual(await answer('not xml'), { return_code: 'FAIL', return_msg: 'XML格式错误' });
    assert.equal((await answer('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><sign>&e;</sign></xml>')).return_code, 'FAIL');
    assert.equal((await answer('<xml><return_code>FAIL</return_code></xml>')).return_code, 'FAIL');
    const n = { return_code: 'SUCCESS', result_code: 'SUCCESS', appid: env.config.appId, mch_id: env.config.mchId, out_trade_no: 'NOSUCH1', total_fee: 1 };
    n.sign = signV2(n, env.config.apiKey, 'MD5');
    assert.deepEqual(await answer(xml.build(n)), { return_code: 'FAIL', return_msg: '订单不存在' });
  });

  it('the emulator retries a notification until the merchant answers SUCCESS (bounded)', async () => {
    const config = testConfig({ emulator: { notifyRetryDelaysMs: [30, 30, 30] } });
    const { log } = logger();
    const emu = await startEmulator({ port: 0, config, log });
    let hits = 0;
    const stub = http.createServer(async (req, res) => {
      await readBody(req);
      hits += 1;
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(hits < 2 ? xml.build({ return_code: 'FAIL', return_msg: 'busy' }) : xml.build({ return_code: 'SUCCESS', return_msg: 'OK' }));
    });
    const stubUrl = await listen(stub, '127.0.0.1', 0);
    try {
      const p = unifiedOrderParams({ notify_url: stubUrl + '/notify' });
      const u = await rawUnifiedOrder(p, { emulatorUrl: emu.url });
      assert.equal(u.result_code, 'SUCCESS');
      const params = wxpay.buildPayParams({ appId: config.appId, prepayId: u.prepay_id, key: config.apiKey });
      const c = await postJson(emu.url + '/pay/confirm', Object.assign({ appId: config.appId }, params));
      assert.equal(c.json.errMsg, 'requestPayment:ok');
      const o = await waitFor(() => {
        const x = emu.orders.get(p.out_trade_no);
        return x.notifications.length === 2 && x.notifications[1].httpStatus && x;
      }, { what: 'two deliveries' });
      assert.deepEqual(o.notifications.map((n) => n.ok), [false, true]);
      assert.equal(hits, 2);
    } finally {
      await emu.close();
      await closeServer(stub);
    }
  });
});

describe("the emulator's own signer", () => {
  it('agrees with wxpay-wasm on MD5 and HMAC-SHA256, Chinese, zeros and empty values', () => {
    const sets = [
      { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' },
      { body: 'wxpay-wasm 演示-测试商品', total_fee: 0, attach: '', sign_type: 'HMAC-SHA256', b: ' spaced ', A: 'upper' },
      { appId: 'wxd678efh567hg6787', nonceStr: 'abc', package: 'prepay_id=wx1', signType: 'MD5', timeStamp: '1700000000' },
    ];
    for (const params of sets) {
      for (const t of ['MD5', 'HMAC-SHA256']) {
        assert.equal(signV2(params, env.config.apiKey, t), wxpay.sign(params, env.config.apiKey, t));
      }
    }
    // WeChat's documented example (pay.weixin.qq.com 签名算法), with its demo key.
    assert.equal(
      signV2(sets[0], '192006250b4c09247ec02edce69f6a2d', 'MD5'),
      '9A0A8659F005D6984697E2CA0A9CF3B7',
    );
  });
});

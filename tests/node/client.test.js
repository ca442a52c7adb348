'use strict';
// require('wxpay-wasm').v3.client as a server uses it, run on the call vectors
// (tests/vectors/v3_calls.json): what a call sends is seen by a loopback server started
// here, which answers 401 unsigned as WeChat Pay refuses a signature (a 服务商 JSAPI下单:
// a prepay_id signed with WeChat Pay's TEST-ONLY key); a refused field must not reach it,
// and every refusal's message is the Rust core's (v3_messages.json, v3_calls/…). The
// client's whole flow against the emulator is in miniprogram-demo/server/client.test.js.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { v3, WxPayError } = require('wxpay-wasm');

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'v3_calls.json'), 'utf8'));
// TEST-ONLY keys of the shared vectors.
const keys = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'v3.json'), 'utf8')).keys;
const { messages } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'v3_messages.json'), 'utf8'));
const MCH_ID = '1230000109';
/** The v3_calls/… messages met so far. */
const met = new Set();

/** Checks a refusal's message is the core's for `section/name`. */
function metMessage(section, c, e) {
  const name = `v3_calls/${section}/${c.name}`;
  assert.equal(e.message, messages[name], `${name}: the message is the core's`);
  met.add(name);
}

/** Wechatpay-* headers over `body`, signed with WeChat Pay's TEST-ONLY key. */
function signedByWechatPay(body) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'n' + timestamp;
  const signature = require('node:crypto').sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), keys.wechatpayPrivateKey).toString('base64');
  return { 'Wechatpay-Serial': keys.wechatpayPublicKeyId, 'Wechatpay-Signature': signature, 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce };
}

/** What reached the server: `METHOD path`. */
let seen = [];
let server;
let baseUrl;

before(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url === '/v3/pay/partner/transactions/jsapi') {
      const body = JSON.stringify({ prepay_id: 'wx201410272009395522657a690389285100' });
      res.writeHead(200, Object.assign({ 'Content-Type': 'application/json', 'Request-ID': 'test-request' }, signedByWechatPay(body)));
      return res.end(body);
    }
    res.writeHead(401, { 'Content-Type': 'application/json', 'Request-ID': 'test-request' });
    res.end(JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => {
  server.close(resolve);
  server.closeAllConnections();
}));

const client = (mchId = MCH_ID) => v3.client({
  mchId, serialNo: keys.merchantSerialNo, privateKey: keys.merchantPrivateKey,
  publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key, baseUrl,
});

/**
 * The vector's outcome of `send`: `{method, path}` as the server saw it, `reached` (or
 * `reached(answer)`) for a call that reached it, or `{error: code}` of a refusal, which
 * sent nothing.
 */
async function outcome(section, c, send, reached) {
  seen = [];
  let answer;
  try {
    answer = await send();
  } catch (e) {
    assert.ok(e instanceof WxPayError, e.message);
    if (e.code !== 'ApiError') {
      assert.deepEqual(seen, [], `${e.code}: nothing is sent`);
      metMessage(section, c, e);
      return { error: e.code };
    }
    assert.equal(e.status, 401);
    assert.equal(e.requestId, 'test-request');
  }
  // Answered 401, or (a 服务商 JSAPI下单) 200 with a signed prepay_id.
  assert.equal(seen.length, 1, 'sent once');
  const [method, url] = seen[0].split(' ');
  if (reached === undefined) return { method, path: url };
  return typeof reached === 'function' ? reached(answer) : reached;
}

test('calls: each method and path as sent', async () => {
  for (const c of vectors.calls) {
    const got = await outcome('calls', c, async () => {
      const pay = client(c.mchId);
      const shop = () => pay.subMerchant(c.subMchId === undefined ? '1900000109' : c.subMchId);
      switch (c.call) {
        case 'jsapiOrder': return pay.jsapiOrder({ appid: 'wxd678efh567hg6787', out_trade_no: '1217752501201407033233368018', amount: { total: 1 } });
        case 'refund': return pay.refund({ out_trade_no: '1217752501201407033233368018', out_refund_no: 'R1', amount: { refund: 1, total: 1, currency: 'CNY' } });
        case 'queryOrder': return pay.queryOrder({ outTradeNo: c.outTradeNo, transactionId: c.transactionId });
        case 'closeOrder': return pay.closeOrder(c.outTradeNo);
        case 'queryRefund': return pay.queryRefund(c.outRefundNo);
        case 'certificates': return pay.downloadCertificates();
        case 'partnerJsapiOrder': return shop().jsapiOrder({ sp_appid: 'wx8888888888888888', out_trade_no: '1217752501201407033233368018', amount: { total: 1 }, payer: { sp_openid: 'o' } });
        case 'partnerQueryOrder': return shop().queryOrder({ outTradeNo: c.outTradeNo, transactionId: c.transactionId });
        case 'partnerCloseOrder': return shop().closeOrder(c.outTradeNo);
        case 'partnerQueryRefund': return shop().queryRefund(c.outRefundNo);
        case 'transferBill': return pay.transferBill(transferBill());
        case 'queryTransferBill': return pay.queryTransferBill(c.outBillNo);
        case 'cancelTransferBill': return pay.cancelTransferBill(c.outBillNo);
        default: throw new Error('no call ' + c.call);
      }
    });
    assert.deepEqual(got, c.expected, c.name);
  }
});

test('orders: out_trade_no and amount.total refused before sending', async () => {
  for (const c of vectors.orders) {
    const order = { appid: 'wxd678efh567hg6787', out_trade_no: c.out_trade_no, amount: { total: c.total } };
    assert.deepEqual(await outcome('orders', c, () => client().jsapiOrder(order), true), c.expected, c.name);
  }
});

test('refunds: the order, out_refund_no and amounts refused before sending', async () => {
  for (const c of vectors.refunds) {
    const refund = { out_trade_no: c.out_trade_no, transaction_id: c.transaction_id, out_refund_no: c.out_refund_no, amount: { refund: c.refund, total: c.total, currency: 'CNY' } };
    assert.deepEqual(await outcome('refunds', c, () => client().refund(refund), true), c.expected, c.name);
  }
});

test('partnerOrders: sub_mchid, out_trade_no, amount and payer refused before sending; payParams signed for the payer\'s AppID', async () => {
  const crypto = require('node:crypto');
  for (const c of vectors.partnerOrders) {
    const { sub_mchid, total, ...rest } = c;
    const order = Object.assign({}, rest, { description: 'd', notify_url: 'https://example.com/n', amount: { total } });
    delete order.name;
    delete order.expected;
    const signedFor = ({ payParams: p }) => {
      const message = (appId) => Buffer.from(`${appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`);
      const verifies = (appId) => crypto.verify('sha256', message(appId), keys.merchantPublicKey, Buffer.from(p.paySign, 'base64'));
      const appId = [c.sp_appid, c.sub_appid].find((id) => id !== undefined && verifies(id));
      return { appId };
    };
    const got = await outcome('partnerOrders', c, () => client().subMerchant(sub_mchid).jsapiOrder(order), signedFor);
    assert.deepEqual(got, c.expected, c.name);
  }
});

test('client: baseUrl and timeoutMs as the core takes them; a refused option makes no client', async () => {
  for (const c of vectors.client) {
    const sent = [];
    const fetch = async (url) => {
      sent.push(url);
      throw new Error('not sent in this test');
    };
    let got;
    try {
      const pay = v3.client({
        mchId: MCH_ID, serialNo: keys.merchantSerialNo, privateKey: keys.merchantPrivateKey,
        publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key,
        baseUrl: c.baseUrl, timeoutMs: c.timeoutMs, fetch,
      });
      await assert.rejects(pay.queryRefund('R1'), { code: 'NetworkError' });
      got = { origin: sent[0].slice(0, -'/v3/refund/domestic/refunds/R1'.length), timeoutMs: c.expected.timeoutMs };
    } catch (e) {
      assert.ok(e instanceof WxPayError, e.message);
      metMessage('client', c, e);
      got = { error: e.code };
    }
    assert.deepEqual(got, c.expected, c.name);
  }
});

test('transport: no server, no answer in time, a verified answer that is not JSON', async () => {
  const withServer = async (handler, fn) => {
    const s = http.createServer(handler);
    await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${s.address().port}`;
    try {
      return await fn(url, s);
    } finally {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  };
  const at = (url, timeoutMs) => v3.client({
    mchId: MCH_ID, serialNo: keys.merchantSerialNo, privateKey: keys.merchantPrivateKey,
    publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key, baseUrl: url, timeoutMs,
  });
  const fault = {
    // A port that was just closed: connection refused.
    network: async () => {
      const url = await withServer(() => {}, async (u) => u);
      return at(url).queryRefund('R1');
    },
    // A server that never answers.
    timeout: () => withServer(() => {}, (url) => at(url, 50).queryRefund('R1')),
    // 200, signed by WeChat Pay's key, but not JSON.
    answer: () => withServer((req, res) => {
      req.resume();
      res.writeHead(200, signedByWechatPay('not json'));
      res.end('not json');
    }, (url) => at(url).queryRefund('R1')),
  };
  for (const c of vectors.transport) {
    await assert.rejects(fault[c.transport](), (e) => {
      assert.ok(e instanceof WxPayError);
      assert.deepEqual({ error: e.code }, c.expected, c.name);
      metMessage('transport', c, e);
      return true;
    });
  }
});

/** A transfer bill that breaks no rule, with `more` over it. */
const transferBill = (more) => Object.assign({
  appid: 'wxd678efh567hg6787', out_bill_no: 'plfk2020042013', transfer_scene_id: '1000', openid: 'o-MYE42l80oelYMDE34nYD456Xoy',
  transfer_amount: 100, transfer_remark: '提现',
}, more);

test('transfer bills: out_bill_no, the scene, the amount, the remark and user_name refused before sending', async () => {
  for (const c of vectors.transferBills) {
    const bill = transferBill({ out_bill_no: c.out_bill_no, transfer_scene_id: c.transfer_scene_id, transfer_amount: c.transfer_amount, transfer_remark: c.transfer_remark, user_name: c.user_name });
    // user_name as the vectors hold it: sent as given, under the serial it would have been encrypted with.
    const sent = () => client().transferBill(bill, { wechatpaySerial: keys.wechatpayPublicKeyId });
    assert.deepEqual(await outcome('transferBills', c, sent, true), c.expected, c.name);
  }
});

test('transferBill encrypts a plain user_name and sends its serial; the caller\'s bill is unchanged', async () => {
  const received = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ serial: req.headers['wechatpay-serial'], body: JSON.parse(body) });
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const pay = v3.client({
      mchId: MCH_ID, serialNo: keys.merchantSerialNo, privateKey: keys.merchantPrivateKey,
      publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey }, apiV3Key: keys.apiV3Key, baseUrl: `http://127.0.0.1:${server.address().port}`,
    });
    const bill = transferBill({ user_name: '张三' });
    await assert.rejects(pay.transferBill(bill), { code: 'ApiError', status: 401 });
    assert.equal(bill.user_name, '张三');
    assert.equal(received.length, 1);
    assert.equal(received[0].serial, keys.wechatpayPublicKeyId);
    const crypto = require('node:crypto');
    const opened = crypto.privateDecrypt({ key: keys.wechatpayPrivateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(received[0].body.user_name, 'base64'));
    assert.equal(opened.toString('utf8'), '张三');
  } finally {
    server.close();
    server.closeAllConnections();
  }
});

test('an amount that is not an integer of fen is refused as the core says', async () => {
  for (const total of [0.01, 1.5, '100', null, Number.MAX_SAFE_INTEGER + 2]) {
    const order = { appid: 'wxd678efh567hg6787', out_trade_no: '1217752501201407033233368018', amount: { total } };
    await assert.rejects(client().jsapiOrder(order), { code: 'InvalidAmount', message: /fen \(分\), an integer above 0/ });
  }
  assert.deepEqual(seen, []);
});

test("encryptSensitive: RSA-OAEP (SHA-1) that WeChat Pay's private key opens, under the serial it names", () => {
  const crypto = require('node:crypto');
  const set = v3.publicKeys({ [keys.platformSerialNo]: keys.platformCertificate, [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey });
  const open = (privateKey, ciphertext) => crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(ciphertext, 'base64')).toString('utf8');
  const byDefault = set.encryptSensitive('张三');
  assert.equal(byDefault.serial, keys.wechatpayPublicKeyId, 'the WeChat Pay public key is preferred');
  assert.equal(open(keys.wechatpayPrivateKey, byDefault.ciphertext), '张三');
  const named = set.encryptSensitive('13800138000', keys.platformSerialNo.toLowerCase());
  assert.equal(named.serial, keys.platformSerialNo);
  assert.equal(open(keys.platformPrivateKey, named.ciphertext), '13800138000');
  assert.notEqual(set.encryptSensitive('张三').ciphertext, byDefault.ciphertext, 'OAEP is randomised');
  assert.throws(() => set.encryptSensitive({ name: '张三' }), { code: 'InvalidSensitiveField' });
  assert.throws(() => v3.publicKeys({}).encryptSensitive('张三'), { code: 'UnknownSerial' });
});

// Last: every test above has met its refusals.
test('every v3_calls/… message of v3_messages.json was met', () => {
  const expected = Object.keys(messages).filter((name) => name.startsWith('v3_calls/')).sort();
  assert.ok(expected.length > 20);
  assert.deepEqual([...met].sort(), expected);
});

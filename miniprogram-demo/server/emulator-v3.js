// The WeChat Pay API v3 part of the emulator (emulator.js routes to it):
//
//   POST /v3/pay/transactions/jsapi   JSON; the Authorization header is checked with the
//                                     merchant's public key; the answer is signed with
//                                     the WeChat Pay key (Wechatpay-* headers)
//   wx.requestPayment (POST /pay/confirm) with signType RSA: paySign checked with the
//                                     merchant's public key
//   → POST <notify_url>               JSON notification, signed, its resource encrypted
//                                     (AEAD_AES_256_GCM with the APIv3 key)
//
// Like the v2 emulator it signs and checks with Node's crypto directly, written apart
// from the package's v3 module on purpose: the backend uses the package, this file
// checks it. Keys: config.v3 (made when the demo starts, see keys-v3.js).
'use strict';

const crypto = require('crypto');
const { HttpError, readBody, sendJson } = require('./http-util');

const SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
const ORDER_PATH = '/v3/pay/transactions/jsapi';
const WINDOW_SECONDS = 300;

/** Authorization's fields: WECHATPAY2-SHA256-RSA2048 k="v",k="v",… → {k: v}, or null. */
function parseAuthorization(header) {
  if (typeof header !== 'string' || !header.startsWith(SCHEMA + ' ')) return null;
  const fields = {};
  for (const part of header.slice(SCHEMA.length + 1).split(',')) {
    const m = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!m || m[1] in fields) return null;
    fields[m[1]] = m[2];
  }
  return fields;
}

/**
 * @param {object} ctx what emulator.js shares: config, say, orders, storeOrder,
 *   newTransactionId, randomAlnum, notifyUrlProblem
 */
function emulatorV3(ctx) {
  const { config, say, orders } = ctx;
  const keys = config.v3;
  if (!keys || !keys.merchantPublicKey || !keys.wechatpayPrivateKey || !keys.wechatpayPublicKeyId || !keys.apiV3Key || !keys.merchantSerialNo) {
    throw new Error('startEmulator: config.v3 needs merchantPublicKey, merchantSerialNo, wechatpayPrivateKey, wechatpayPublicKeyId and apiV3Key');
  }

  /** Wechatpay-* headers over `timestamp\nnonce\nbody\n`, with `over` for the forgeries. */
  function signedHeaders(body, over = {}) {
    const timestamp = over.timestamp || String(Math.floor(Date.now() / 1000));
    const nonce = ctx.randomAlnum(32);
    const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), over.key || keys.wechatpayPrivateKey).toString('base64');
    return {
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': over.signature ? over.signature(signature) : signature,
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Serial': over.serial || keys.wechatpayPublicKeyId,
      'Wechatpay-Signature-Type': SCHEMA,
    };
  }

  /** A signed JSON answer, as api.mch.weixin.qq.com answers (errors: {code, message}). */
  function answer(res, status, value) {
    const body = JSON.stringify(value);
    const headers = Object.assign({ 'Request-ID': ctx.randomAlnum(24) }, signedHeaders(body));
    res.writeHead(status, Object.assign({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }, headers));
    res.end(body);
  }

  const fail = (res, status, code, message) => {
    say(`v3 jsapi: ${status} ${code}`, { message });
    answer(res, status, { code, message });
  };

  /** Why the Authorization header is wrong, or null. */
  function authorizationProblem(req, body) {
    const a = parseAuthorization(req.headers.authorization);
    if (!a) return 'Authorization is missing or not ' + SCHEMA + ' with quoted fields';
    if (a.mchid !== config.mchId) return 'mchid is not the merchant';
    if (a.serial_no !== keys.merchantSerialNo) return 'serial_no is not the merchant certificate\'s';
    if (!/^\d{10}$/.test(a.timestamp || '') || Math.abs(Date.now() / 1000 - Number(a.timestamp)) >= WINDOW_SECONDS) return 'timestamp outside 5 minutes';
    const message = `${req.method}\n${req.url}\n${a.timestamp}\n${a.nonce_str}\n${body}\n`;
    const ok = /^[A-Za-z0-9+/]+={0,2}$/.test(a.signature || '') &&
      crypto.verify('sha256', Buffer.from(message), keys.merchantPublicKey, Buffer.from(a.signature, 'base64'));
    return ok ? null : 'signature does not verify with the merchant public key';
  }

  // --- POST /v3/pay/transactions/jsapi (JSAPI下单) -----------------------

  async function jsapiOrder(req, res) {
    if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST only');
    const text = await readBody(req);
    const problem = authorizationProblem(req, text);
    if (problem) {
      say('v3 jsapi: SIGNATURE MISMATCH', { problem });
      return fail(res, 401, 'SIGN_ERROR', '签名错误');
    }
    let b;
    try {
      b = JSON.parse(text);
    } catch (_) {
      return fail(res, 400, 'PARAM_ERROR', '请求体不是合法的JSON');
    }
    const missing = ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url'].find((k) => typeof b[k] !== 'string' || b[k] === '') ||
      (!(b.amount && Number.isSafeInteger(b.amount.total) && b.amount.total > 0) && 'amount.total') ||
      (!(b.payer && typeof b.payer.openid === 'string' && b.payer.openid) && 'payer.openid');
    if (missing) return fail(res, 400, 'PARAM_ERROR', '参数错误:缺少或错误的' + missing);
    if (b.mchid !== config.mchId) return fail(res, 400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (b.appid !== config.appId) return fail(res, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    const urlProblem = ctx.notifyUrlProblem(b.notify_url);
    if (urlProblem) return fail(res, 400, 'PARAM_ERROR', '参数错误:' + urlProblem);

    const identity = JSON.stringify([b.appid, b.description, b.notify_url, b.amount.total, b.payer.openid]);
    const existing = orders.get(b.out_trade_no);
    if (existing) {
      if (existing.status === 'SUCCESS') return fail(res, 400, 'ORDER_CLOSED', '该订单已支付');
      if (existing.identity !== identity) return fail(res, 400, 'INVALID_REQUEST', '商户订单号重复');
      say('v3 jsapi: same order again → same prepay_id', { out_trade_no: b.out_trade_no, prepay_id: existing.prepayId });
      return answer(res, 200, { prepay_id: existing.prepayId });
    }
    const order = ctx.storeOrder({
      api: 'v3',
      outTradeNo: b.out_trade_no,
      appid: b.appid,
      mchId: b.mchid,
      openid: b.payer.openid,
      body: b.description,
      totalFee: b.amount.total,
      signType: 'RSA',
      notifyUrl: b.notify_url,
      tradeType: 'JSAPI',
      identity,
    });
    say('v3 jsapi: Authorization OK, order stored, answer signed', {
      out_trade_no: order.outTradeNo, total: order.totalFee, prepay_id: order.prepayId, serial: keys.wechatpayPublicKeyId,
    });
    return answer(res, 200, { prepay_id: order.prepayId });
  }

  // --- wx.requestPayment with signType RSA --------------------------------

  function paySignMatches(order, b) {
    const message = `${order.appid}\n${b.timeStamp}\n${b.nonceStr}\n${b.package}\n`;
    return /^[A-Za-z0-9+/]+={0,2}$/.test(b.paySign) &&
      crypto.verify('sha256', Buffer.from(message), keys.merchantPublicKey, Buffer.from(b.paySign, 'base64'));
  }

  // --- the notification (支付成功通知) -----------------------------------

  function encrypt(plaintext, apiV3Key) {
    const nonce = ctx.randomAlnum(12);
    const associated = 'transaction';
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(associated));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: associated, nonce };
  }

  /**
   * A notification: {body, headers, accepted(r), again()}; `again` signs the same body
   * anew, as a retry does. `over`: the forgeries' changes.
   */
  function notification(order, over = {}) {
    const transaction = {
      appid: order.appid,
      mchid: order.mchId,
      out_trade_no: over.outTradeNo || order.outTradeNo,
      transaction_id: order.transactionId || (order.transactionId = ctx.newTransactionId()),
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      payer: { openid: order.openid },
      amount: { total: over.total || order.totalFee, payer_total: over.total || order.totalFee, currency: 'CNY', payer_currency: 'CNY' },
    };
    const body = JSON.stringify({
      id: order.notifyId || (order.notifyId = crypto.randomUUID()),
      create_time: transaction.success_time,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encrypt(JSON.stringify(transaction), over.apiV3Key || keys.apiV3Key),
    });
    const signed = (sent) => ({
      body: over.tamper ? over.tamper(sent) : sent,
      headers: Object.assign({ 'Content-Type': 'application/json; charset=utf-8' }, signedHeaders(sent, over)),
      // 接收成功: HTTP 200 or 204, no body needed.
      accepted: (r) => r.status === 200 || r.status === 204,
      again: () => signed(sent),
    });
    return signed(body);
  }

  const FORGERIES = {
    // Not a forgery: correctly signed and encrypted (the control for the others).
    genuine: () => ({}),
    // Signed by a key that is not WeChat Pay's.
    'bad-sign': () => ({ key: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
    // Signed, then the body changed.
    tampered: () => ({ tamper: (body) => body.replace('"summary":"支付成功"', '"summary":"支付成功 "') }),
    // Signed ten minutes ago.
    stale: () => ({ timestamp: String(Math.floor(Date.now() / 1000) - 600) }),
    // WeChat Pay's signature probe.
    probe: () => ({ signature: (s) => 'WECHATPAY/SIGNTEST/' + s }),
    // A serial the merchant does not know.
    'unknown-serial': () => ({ serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }),
    // Correctly signed, the resource encrypted with another APIv3 key.
    'wrong-api-v3-key': () => ({ apiV3Key: ctx.randomAlnum(32) }),
    // Correctly signed and encrypted, but for another amount.
    'wrong-fee': (o) => ({ total: o.totalFee + 1 }),
  };

  return { ORDER_PATH, jsapiOrder, paySignMatches, notification, FORGERIES };
}

module.exports = { emulatorV3, parseAuthorization };

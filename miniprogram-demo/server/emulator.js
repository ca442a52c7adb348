// A local emulator of the parts of WeChat Pay API v2 the demo needs:
//
//   POST /pay/unifiedorder     XML in/out, as api.mch.weixin.qq.com/pay/unifiedorder
//   GET  /pay/sheet?package=   JSON: what the payment sheet shows for a prepay_id
//   /transfer/sheet, /transfer/confirm  the 商家转账 sheet's stand-in (emulator-v3.js)
//   POST /pay/confirm          JSON: our stand-in for what happens when the
//                              mini-program's wx.requestPayment reaches WeChat
//   /v3/…                      API v3 (emulator-v3.js: order, query, close, refund), when
//                              config.v3 has the keys
//   → POST <notify_url>        the signed payment notification (支付结果通知), retried
//                              while the merchant does not answer SUCCESS
//   GET /sns/jscode2session, /xpay/…  虚拟支付 (emulator-virtual.js): session_key, the
//                              sheet's check of paySig and signature, 发货 pushes
//   POST /test/replay-notify   {orderId, fresh?}: sends the last notification again,
//                              verbatim (or, v3 with fresh: signed anew, as a retry)
//   POST /test/forge-notify    {orderId, variant?}: sends a forged/invalid one
//   POST /test/v3-fault        {fault}: the next /v3/ request is answered wrongly
//   GET  /test/orders/:id      the emulator's view of an order
//
// It checks every signature with Node's own crypto (MD5 / HMAC-SHA256) and its own
// canonical string, written independently of the wxpay-wasm package on purpose: the
// demo backend signs with the package, the emulator checks with this file.
//
// Error answers follow what WeChat Pay documents and what merchants report; see
// README.md next to this file for the sources and for what is the emulator's own
// choice. Loopback only; every outgoing request has a timeout.
'use strict';

const crypto = require('crypto');
const http = require('http');
const xml = require('./xml');
const { emulatorV3 } = require('./emulator-v3');
const { emulatorVirtual } = require('./emulator-virtual');
const { demoVirtualKeys } = require('./keys-virtual');
const {
  HttpError, readBody, readJson, sendJson, sendXml, sendError, request, listen, harden,
  closeServer, isLoopbackHost,
} = require('./http-util');

// ---------------------------------------------------------------------------
// The emulator's own WeChat Pay v2 signature (pay.weixin.qq.com 签名算法):
// non-empty parameters except `sign`, names in ASCII order, `k=v` joined with `&`,
// then `&key=<API key>`; MD5 or HMAC-SHA256 (keyed with the API key) of the UTF-8
// bytes, uppercase hex. Values are taken raw: not trimmed, not URL-encoded.

function canonicalString(params) {
  const names = Object.keys(params).filter((k) => {
    const v = params[k];
    return k !== 'sign' && v !== undefined && v !== null && String(v) !== '';
  });
  // Names are ASCII, so comparing UTF-16 code units is comparing ASCII codes.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((k) => `${k}=${String(params[k])}`).join('&');
}

function signV2(params, key, signType = 'MD5') {
  const text = canonicalString(params) + '&key=' + key;
  if (signType === 'MD5') {
    return crypto.createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
  }
  if (signType === 'HMAC-SHA256') {
    return crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex').toUpperCase();
  }
  throw new Error(`unsupported sign type ${signType}`);
}

/** Constant-time comparison of two signature strings. */
function sameSignature(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Compare equal-length buffers always, so the time does not depend on where they differ.
  const len = Math.max(x.length, y.length, 1);
  const xx = Buffer.alloc(len);
  const yy = Buffer.alloc(len);
  x.copy(xx);
  y.copy(yy);
  return crypto.timingSafeEqual(xx, yy) && x.length === y.length;
}

// ---------------------------------------------------------------------------
// Identifiers shaped like the real ones.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(n) {
  let out = '';
  while (out.length < n) {
    for (const b of crypto.randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += ALNUM[b % 62]; // 248 = 4 × 62: no modulo bias
    }
  }
  return out;
}

function randomDigits(n) {
  let out = '';
  for (let i = 0; i < n; i++) out += String(crypto.randomInt(10));
  return out;
}

/** yyyyMMddHHmmss in Beijing time (UTC+8), as time_end and prepay_id use. */
function beijingTime(date = new Date()) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `wx` + 14 time digits + 20 hex characters, 36 in all (WeChat's sample: wx201410272009395522657a690389285100). */
function newPrepayId() {
  return 'wx' + beijingTime() + crypto.randomBytes(10).toString('hex');
}

/** 28 digits, like 4200001234202011201234567890. */
function newTransactionId() {
  return '4200' + beijingTime().slice(0, 8) + randomDigits(16);
}

// ---------------------------------------------------------------------------

const SIGN_TYPES = new Set(['MD5', 'HMAC-SHA256']);

// Required fields of a JSAPI unified order, with the names WeChat's messages use.
// (参数错误:必须输入商户单号 is quoted from a merchant's report; the other labels
// follow the documentation's field names.)
const REQUIRED = [
  ['appid', '公众账号ID'],
  ['mch_id', '商户号'],
  ['nonce_str', '随机字符串'],
  ['body', '商品描述'],
  ['out_trade_no', '商户单号'],
  ['total_fee', '总金额'],
  ['spbill_create_ip', '终端IP'],
  ['notify_url', '通知地址'],
  ['trade_type', '交易类型'],
];

const DEFAULTS = {
  host: '127.0.0.1',
  signErrorStyle: 'return_code',
  badPaySignStyle: 'fail',
  notifyRetryDelaysMs: [2000, 5000],
  testHooks: true,
  prepayTtlMs: 2 * 60 * 60 * 1000,
  // true: payment notifications are lost on the way (the merchant must query the order).
  losePaymentNotifications: false,
};

/**
 * Starts the emulator.
 * @param {object} args
 * @param {number} [args.port] overrides config.emulator.port (0 = ephemeral)
 * @param {object} args.config miniprogram/demo-config.js or a variant: appId, mchId, apiKey,
 *   httpTimeoutMs, emulator: {host, signErrorStyle, badPaySignStyle,
 *   notifyRetryDelaysMs, testHooks, prepayTtlMs}
 * @param {(text: string, data?: object) => void} [args.log]
 * @returns {Promise<{url: string, close: () => Promise<void>, orders: Map<string, object>}>}
 */
async function startEmulator({ port, config, log } = {}) {
  if (!config || !config.appId || !config.mchId || !config.apiKey) {
    throw new Error('startEmulator({config}): config needs appId, mchId and apiKey');
  }
  const opts = Object.assign({}, DEFAULTS, config.emulator || {});
  const listenPort = port !== undefined ? port : opts.port || 0;
  const timeoutMs = config.httpTimeoutMs || 5000;
  const say = typeof log === 'function' ? (text, data) => log('[emulator] ' + text, data) : () => {};
  if (!isLoopbackHost(opts.host)) throw new Error('the emulator binds loopback addresses only');

  /** out_trade_no → order */
  const orders = new Map();
  /** prepay_id → out_trade_no */
  const byPrepay = new Map();
  const timers = new Set();
  const aborter = new AbortController();
  let closed = false;
  const v3 = config.v3
    ? emulatorV3({ config, say, orders, storeOrder, newTransactionId, randomAlnum, notifyUrlProblem, deliver })
    : null;
  // 虚拟支付 (emulator-virtual.js): jscode2session, the sheet's confirm, 发货 pushes.
  const later = (fn, ms) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const virtual = config.virtualPayment
    ? emulatorVirtual({ config: Object.assign({ virtualKeys: demoVirtualKeys }, config), say, timeoutMs, signal: aborter.signal, later })
    : null;

  // --- answers ------------------------------------------------------------

  /** Communication-level failure: return_code=FAIL, unsigned. */
  const returnFail = (res, msg) => sendXml(res, 200, xml.build({ return_code: 'FAIL', return_msg: msg }));

  /**
   * Business failure without a signature. Shape quoted from a merchant's report of
   * a missing out_trade_no:
   * return_code SUCCESS, return_msg <des>, result_code FAIL, err_code, err_code_des.
   */
  const unsignedFail = (res, code, des) =>
    sendXml(res, 200, xml.build({
      return_code: 'SUCCESS', return_msg: des, result_code: 'FAIL', err_code: code, err_code_des: des,
    }));

  /** A signed answer: return_code SUCCESS, appid, mch_id, nonce_str, sign, result_code… */
  const signedAnswer = (res, fields, signType) => {
    const body = Object.assign(
      { return_code: 'SUCCESS', return_msg: 'OK', appid: config.appId, mch_id: config.mchId, nonce_str: randomAlnum(16) },
      fields,
    );
    const sign = signV2(body, config.apiKey, signType);
    const ordered = {};
    for (const k of ['return_code', 'return_msg', 'appid', 'mch_id', 'nonce_str']) ordered[k] = body[k];
    ordered.sign = sign;
    for (const k of Object.keys(body)) if (!(k in ordered)) ordered[k] = body[k];
    sendXml(res, 200, xml.build(ordered));
  };

  // --- POST /pay/unifiedorder ---------------------------------------------

  async function unifiedOrder(req, res) {
    if (req.method !== 'POST') return returnFail(res, '请使用post方法');
    let text;
    try {
      text = await readBody(req);
    } catch (e) {
      if (e.code === 'NOT_UTF8') return returnFail(res, '编码格式错误');
      return returnFail(res, 'XML格式错误');
    }
    if (text.trim() === '') return returnFail(res, 'post数据为空');
    let f;
    try {
      f = xml.parse(text).fields;
    } catch (e) {
      say('unifiedorder: refused XML', { code: e.code, message: e.message });
      return returnFail(res, 'XML格式错误');
    }
    const signType = f.sign_type === undefined || f.sign_type === '' ? 'MD5' : f.sign_type;
    if (!SIGN_TYPES.has(signType)) {
      say('unifiedorder: unsupported sign_type', { sign_type: f.sign_type });
      return returnFail(res, '签名类型错误'); // the emulator's wording
    }
    if (f.mch_id !== config.mchId) {
      say('unifiedorder: unknown mch_id', { mch_id: f.mch_id });
      return unsignedFail(res, 'MCHID_NOT_EXIST', 'MCHID不存在');
    }
    if (!f.sign || !sameSignature(signV2(f, config.apiKey, signType), f.sign)) {
      say('unifiedorder: SIGNATURE MISMATCH', { out_trade_no: f.out_trade_no, sign_type: signType });
      return opts.signErrorStyle === 'err_code'
        ? unsignedFail(res, 'SIGNERROR', '签名错误')
        : returnFail(res, '签名错误');
    }
    for (const [name, label] of REQUIRED) {
      if (f[name] === undefined || f[name] === '') {
        say('unifiedorder: PARAM_ERROR, missing ' + name);
        return unsignedFail(res, 'PARAM_ERROR', '参数错误:必须输入' + label);
      }
    }
    if (f.appid !== config.appId) {
      return signedAnswer(res, { result_code: 'FAIL', err_code: 'APPID_MCHID_NOT_MATCH', err_code_des: 'appid和mch_id不匹配' }, signType);
    }
    // Format rules from the documentation's field table (messages: the emulator's).
    const formatProblem =
      (f.nonce_str.length > 32 && 'nonce_str长度超过32位') ||
      (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(f.out_trade_no) && 'out_trade_no只能是6到32位数字、大小写字母_-|*') ||
      (!/^[1-9][0-9]{0,9}$/.test(f.total_fee) && 'total_fee必须是正整数(单位为分)') ||
      (f.fee_type !== undefined && f.fee_type !== '' && f.fee_type !== 'CNY' && 'fee_type只支持CNY') ||
      ([...f.body].length > 127 && 'body长度超过127') ||
      (f.trade_type !== 'JSAPI' && 'trade_type参数错误(模拟器只支持JSAPI)') ||
      ((f.openid === undefined || f.openid === '') && 'JSAPI支付必须传openid') ||
      notifyUrlProblem(f.notify_url);
    if (formatProblem) {
      say('unifiedorder: PARAM_ERROR, ' + formatProblem);
      return unsignedFail(res, 'PARAM_ERROR', '参数错误:' + formatProblem);
    }

    // What identifies "the same order": everything except sign, nonce_str and
    // spbill_create_ip (merchants report that any other change gives
    // OUT_TRADE_NO_USED / 201 商户订单号重复).
    const identity = JSON.stringify(
      Object.keys(f).filter((k) => !['sign', 'nonce_str', 'spbill_create_ip'].includes(k) && f[k] !== '').sort().map((k) => [k, f[k]]),
    );
    const existing = orders.get(f.out_trade_no);
    if (existing) {
      if (existing.status === 'SUCCESS') {
        say('unifiedorder: ORDERPAID', { out_trade_no: f.out_trade_no });
        return signedAnswer(res, { result_code: 'FAIL', err_code: 'ORDERPAID', err_code_des: '该订单已支付' }, signType);
      }
      if (existing.identity !== identity) {
        say('unifiedorder: OUT_TRADE_NO_USED (parameters differ from the first request)', { out_trade_no: f.out_trade_no });
        return signedAnswer(res, { result_code: 'FAIL', err_code: 'OUT_TRADE_NO_USED', err_code_des: '商户订单号重复' }, signType);
      }
      if (Date.now() >= existing.prepayExpiresAt) {
        byPrepay.delete(existing.prepayId);
        existing.prepayId = newPrepayId();
        existing.prepayExpiresAt = Date.now() + opts.prepayTtlMs;
        byPrepay.set(existing.prepayId, existing.outTradeNo);
      }
      say('unifiedorder: same order again → same prepay_id', { out_trade_no: f.out_trade_no, prepay_id: existing.prepayId });
      return signedAnswer(res, { result_code: 'SUCCESS', prepay_id: existing.prepayId, trade_type: 'JSAPI' }, signType);
    }

    const order = storeOrder({
      outTradeNo: f.out_trade_no,
      appid: f.appid,
      mchId: f.mch_id,
      openid: f.openid,
      body: f.body,
      totalFee: Number(f.total_fee),
      signType,
      notifyUrl: f.notify_url,
      tradeType: f.trade_type,
      identity,
    });
    say('unifiedorder: signature OK, order stored', {
      out_trade_no: order.outTradeNo, total_fee: order.totalFee, sign_type: signType, prepay_id: order.prepayId,
    });
    return signedAnswer(res, { result_code: 'SUCCESS', prepay_id: order.prepayId, trade_type: 'JSAPI' }, signType);
  }

  /** Stores a new unpaid order (`fields`: what its API's request said) under a new prepay_id. */
  function storeOrder(fields) {
    const order = Object.assign(fields, {
      prepayId: newPrepayId(),
      prepayExpiresAt: Date.now() + opts.prepayTtlMs,
      status: 'NOTPAY',
      transactionId: null,
      timeEnd: null,
      paidAt: null,
      createdAt: new Date().toISOString(),
      lastNotify: null,
      notifications: [],
      refunds: new Map(),
    });
    orders.set(order.outTradeNo, order);
    byPrepay.set(order.prepayId, order.outTradeNo);
    return order;
  }

  function notifyUrlProblem(value) {
    let u;
    try {
      u = new URL(value);
    } catch (_) {
      return 'notify_url不是合法的URL';
    }
    if (u.search) return 'notify_url不能携带参数';
    // The real API wants a public https:// URL; this emulator only calls loopback.
    if (u.protocol !== 'http:' || !isLoopbackHost(u.hostname)) {
      return 'notify_url必须是本机地址(模拟器只回调127.0.0.1)';
    }
    return false;
  }

  /** The unpaid-or-paid order a `package` (prepay_id=…) names while its prepay_id is valid, or null. */
  function orderForPackage(pkg) {
    const m = /^prepay_id=(.+)$/.exec(pkg);
    const order = m && orders.get(byPrepay.get(m[1]));
    return order && order.prepayId === m[1] && Date.now() < order.prepayExpiresAt ? order : null;
  }

  // --- GET /pay/sheet?package=… (what WeChat's payment sheet shows) ------
  // The real sheet shows the amount WeChat Pay knows for the prepay_id, not one the page
  // passes; the demo's simulated sheet (miniprogram/demo-sheet.js) asks here.

  function sheet(req, res) {
    const pkg = new URL(req.url, 'http://emulator.invalid').searchParams.get('package');
    const order = orderForPackage(pkg || '');
    if (!order) {
      say('sheet: unknown or expired prepay_id');
      return sendJson(res, 200, { errMsg: 'requestPayment:fail', err_code: '-1', err_desc: '订单不存在或已过期' });
    }
    sendJson(res, 200, { errMsg: 'sheet:ok', body: order.body, totalFee: order.totalFee, mchId: order.mchId, status: order.status });
  }

  // --- POST /pay/confirm (the wx.requestPayment stand-in) -----------------

  async function confirm(req, res) {
    const b = await readJson(req);
    const fail = (errMsg, extra) => {
      say('confirm: ' + errMsg, extra);
      sendJson(res, 200, Object.assign({ errMsg }, extra));
    };
    // Type checks as the base library does them.
    for (const name of ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign']) {
      const v = b[name];
      if (typeof v !== 'string') {
        const t = v === undefined ? 'Undefined' : v === null ? 'Null' : typeof v === 'number' ? 'Number' : Array.isArray(v) ? 'Array' : typeof v === 'object' ? 'Object' : 'Boolean';
        return fail(`requestPayment:fail parameter error: parameter.${name} should be String instead of ${t};`);
      }
    }
    if (b.appId !== undefined && typeof b.appId !== 'string') {
      return fail('requestPayment:fail parameter error: parameter.appId should be String;');
    }
    const order = orderForPackage(b.package);
    if (!order) {
      return fail('requestPayment:fail', { err_code: '-1', err_desc: '订单不存在或已过期', emulatorNote: 'unknown or expired prepay_id in package' });
    }
    if (order.status === 'SUCCESS') {
      return fail('requestPayment:fail', { err_code: '-1', err_desc: '该订单已支付', emulatorNote: 'order already paid' });
    }
    if (order.status === 'CLOSED') {
      return fail('requestPayment:fail', { err_code: '-1', err_desc: '订单已关闭', emulatorNote: 'order closed' });
    }
    // WeChat knows the mini-program's AppID; our client tells us which one it runs
    // as. The signature is recomputed over the unified order's appid either way.
    const notes = [];
    if (b.appId !== undefined && b.appId !== order.appid) notes.push('appId differs from the unified order appid');
    if (b.signType !== order.signType) notes.push(`signType ${b.signType} differs from the unified order sign_type ${order.signType}`);
    let ok = false;
    if (notes.length === 0 && order.api === 'v3') {
      ok = v3.paySignMatches(order, b);
      if (!ok) notes.push('paySign does not verify with the merchant public key (another key, or other fields signed?)');
    } else if (notes.length === 0) {
      const expected = signV2(
        { appId: order.appid, nonceStr: b.nonceStr, package: b.package, signType: b.signType, timeStamp: b.timeStamp },
        config.apiKey,
        order.signType,
      );
      ok = sameSignature(expected, b.paySign);
      if (!ok) notes.push('paySign does not match (wrong key, wrong fields, or the unified-order sign reused?)');
    }
    if (!ok) {
      const note = notes.join('; ');
      if (opts.badPaySignStyle === 'cancel') return fail('requestPayment:fail cancel', { emulatorNote: note });
      return fail('requestPayment:fail', { err_code: '-1', err_desc: '支付验证签名失败', emulatorNote: note });
    }

    order.status = 'SUCCESS';
    order.transactionId = newTransactionId();
    order.timeEnd = beijingTime();
    order.paidAt = new Date().toISOString();
    say('confirm: paySign OK, order paid', { out_trade_no: order.outTradeNo, transaction_id: order.transactionId });
    sendJson(res, 200, { errMsg: 'requestPayment:ok' });

    order.lastNotify = order.api === 'v3' ? v3.notification(order) : xmlNotification(buildNotification(order, {}));
    if (opts.losePaymentNotifications) say('notify (payment): LOST on the way (emulator.losePaymentNotifications)', { out_trade_no: order.outTradeNo });
    else deliver(order, order.lastNotify, 'payment', 0);
  }

  /** The payment notification (支付结果通知), signed with the order's sign type. */
  function buildNotification(order, { key = config.apiKey, signType = order.signType, totalFee = order.totalFee, outTradeNo = order.outTradeNo, openid = order.openid, transactionId = order.transactionId || newTransactionId(), timeEnd = order.timeEnd || beijingTime(), omitSign = false } = {}) {
    const n = {
      appid: order.appid,
      bank_type: 'OTHERS',
      cash_fee: totalFee,
      fee_type: 'CNY',
      is_subscribe: 'N',
      mch_id: order.mchId,
      nonce_str: randomAlnum(32),
      openid,
      out_trade_no: outTradeNo,
      result_code: 'SUCCESS',
      return_code: 'SUCCESS',
      sign_type: signType === 'MD5' ? undefined : signType,
      time_end: timeEnd,
      total_fee: totalFee,
      trade_type: 'JSAPI',
      transaction_id: transactionId,
    };
    if (!omitSign) n.sign = signV2(n, key, signType);
    return xml.build(n);
  }

  /** A v2 notification: XML, answered with return_code SUCCESS. (v3: emulator-v3.js.) */
  function xmlNotification(body) {
    return {
      body,
      headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      accepted: (r) => r.status === 200 && !!r.answer && r.answer.return_code === 'SUCCESS',
    };
  }

  /** An answer's body as an object: XML (v2) or JSON (v3); an empty body is null. */
  function readAnswer(text) {
    if (text.trim() === '') return null;
    if (text.trim().startsWith('{')) return JSON.parse(text);
    return Object.assign({}, xml.parse(text).fields);
  }

  /**
   * POSTs a notification ({body, headers, accepted(r), again?()}); a 'payment' one is
   * retried while not accepted (v3: signed anew each time).
   */
  async function deliver(order, message, kind, attempt) {
    const record = { kind, attempt, at: new Date().toISOString(), httpStatus: null, answer: null, raw: null, ok: false, error: null };
    order.notifications.push(record);
    try {
      const r = await request(order.notifyUrl, {
        method: 'POST',
        body: message.body,
        headers: Object.assign({ 'User-Agent': 'wxpay-wasm-demo-emulator' }, message.headers),
        timeoutMs,
        signal: aborter.signal,
      });
      record.httpStatus = r.status;
      record.raw = r.body;
      try {
        record.answer = readAnswer(r.body);
      } catch (e) {
        record.answer = null;
        record.error = 'answer is not valid XML or JSON: ' + e.message;
      }
      record.ok = message.accepted({ status: r.status, answer: record.answer });
    } catch (e) {
      record.error = e.message;
    }
    say(`notify (${kind}${attempt ? ', retry ' + attempt : ''}) → ${record.ok ? 'SUCCESS' : 'not SUCCESS'}`, {
      out_trade_no: order.outTradeNo, httpStatus: record.httpStatus, answer: record.answer, error: record.error,
    });
    const delays = Array.isArray(opts.notifyRetryDelaysMs) ? opts.notifyRetryDelaysMs : [];
    if (kind === 'payment' && !record.ok && attempt < delays.length && !closed) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!closed) deliver(order, message.again ? message.again() : message, kind, attempt + 1);
      }, delays[attempt]);
      timers.add(t);
    }
    return record;
  }

  // --- test hooks ---------------------------------------------------------

  function orderFor(b) {
    const id = typeof b.orderId === 'string' ? b.orderId : '';
    const order = orders.get(id);
    if (!order) throw new HttpError(404, 'ORDER_NOT_FOUND', `no order ${JSON.stringify(id)} at the emulator`);
    return order;
  }

  /** {orderId, fresh?}: verbatim, or (`fresh`, v3) signed anew as WeChat Pay's own retries are. */
  async function replayNotify(req, res) {
    const b = await readJson(req);
    const order = orderFor(b);
    if (!order.lastNotify) throw new HttpError(409, 'NOT_NOTIFIED', 'this order has had no payment notification to replay');
    const fresh = b.fresh === true && order.lastNotify.again;
    const r = await deliver(order, fresh ? order.lastNotify.again() : order.lastNotify, fresh ? 'redelivery' : 'replay', 0);
    sendJson(res, 200, { orderId: order.outTradeNo, httpStatus: r.httpStatus, answer: r.answer, raw: r.raw, error: r.error });
  }

  const FORGERIES = {
    // Signed with a key that is not the merchant's.
    'bad-sign': (o) => buildNotification(o, { key: 'forgedKeyNotTheMerchantKey000000' }),
    'no-sign': (o) => buildNotification(o, { omitSign: true }),
    // A correct <sign> followed by a second one: a parser keeping either would be fooled somewhere.
    'duplicate-sign': (o) => buildNotification(o, {}).replace('</xml>', '<sign><![CDATA[00000000000000000000000000000000]]></sign></xml>'),
    // Correctly signed, but with the other sign type than the order's.
    'wrong-sign-type': (o) => buildNotification(o, { signType: o.signType === 'MD5' ? 'HMAC-SHA256' : 'MD5' }),
    // Correctly signed, but for another amount.
    'wrong-fee': (o) => buildNotification(o, { totalFee: o.totalFee + 1 }),
    // Correctly signed, but for another payer.
    'wrong-openid': (o) => buildNotification(o, { openid: 'oSomeoneElse' + randomAlnum(16) }),
    // Correctly signed, for an order the merchant never made.
    'unknown-order': (o) => buildNotification(o, { outTradeNo: 'NOSUCH' + randomDigits(20) }),
  };

  async function forgeNotify(req, res) {
    const b = await readJson(req);
    const order = orderFor(b);
    const variant = b.variant === undefined ? 'bad-sign' : b.variant;
    const forgeries = order.api === 'v3' ? v3.FORGERIES : FORGERIES;
    if (!Object.prototype.hasOwnProperty.call(forgeries, variant)) {
      throw new HttpError(400, 'BAD_VARIANT', `variant must be one of ${Object.keys(forgeries).join(', ')}`);
    }
    const forged = order.api === 'v3' ? v3.notification(order, forgeries[variant](order)) : xmlNotification(forgeries[variant](order));
    const r = await deliver(order, forged, 'forged:' + variant, 0);
    sendJson(res, 200, { orderId: order.outTradeNo, variant, httpStatus: r.httpStatus, answer: r.answer, raw: r.raw, error: r.error });
  }

  function publicOrder(o) {
    return {
      orderId: o.outTradeNo, status: o.status, appid: o.appid, openid: o.openid, body: o.body, totalFee: o.totalFee,
      signType: o.signType, notifyUrl: o.notifyUrl, prepayId: o.prepayId, transactionId: o.transactionId,
      timeEnd: o.timeEnd, paidAt: o.paidAt, notifications: o.notifications.map((n) => Object.assign({}, n)),
    };
  }

  // --- routing ------------------------------------------------------------

  async function handle(req, res) {
    const path = new URL(req.url, 'http://emulator.invalid').pathname;
    if (path === '/pay/unifiedorder') return unifiedOrder(req, res);
    if (v3 && path.startsWith('/v3/')) return v3.handle(req, res, new URL(req.url, 'http://emulator.invalid'));
    if (path === '/pay/confirm') {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST only');
      return confirm(req, res);
    }
    if (path === '/pay/sheet' && req.method === 'GET') return sheet(req, res);
    if (v3 && path.startsWith('/transfer/')) return v3.transferSheet(req, res, new URL(req.url, 'http://emulator.invalid'));
    if (virtual && (path === '/sns/jscode2session' || path.startsWith('/xpay/'))) return virtual.handle(req, res, new URL(req.url, 'http://emulator.invalid'));
    if (opts.testHooks && path.startsWith('/test/')) {
      if (path === '/test/replay-notify' && req.method === 'POST') return replayNotify(req, res);
      if (path === '/test/forge-notify' && req.method === 'POST') return forgeNotify(req, res);
      if (v3 && path === '/test/v3-fault' && req.method === 'POST') return sendJson(res, 200, v3.setFault(await readJson(req)));
      const m = /^\/test\/orders\/([^/]+)$/.exec(path);
      if (m && req.method === 'GET') {
        const o = orders.get(decodeURIComponent(m[1]));
        if (!o) throw new HttpError(404, 'ORDER_NOT_FOUND', 'no such order at the emulator');
        return sendJson(res, 200, publicOrder(o));
      }
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${path}`);
  }

  const server = harden(http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (e instanceof HttpError) return sendError(res, e.status, e.code, e.message);
      say('internal error', { message: e.message });
      sendError(res, 500, 'INTERNAL', 'emulator internal error');
    });
  }));
  const url = await listen(server, opts.host, listenPort);
  say('listening on ' + url);

  return {
    url,
    orders,
    // API v3 transfers by out_bill_no (emulator-v3.js).
    transfers: v3 ? v3.transfers : new Map(),
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      aborter.abort();
      await closeServer(server);
    },
  };
}

module.exports = { startEmulator, signV2, canonicalString, sameSignature };

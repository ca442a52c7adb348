// The demo's merchant backend. It signs with the wxpay-wasm package (Node entry)
// and talks to a WeChat Pay v2 endpoint (the local emulator in the demo).
//
//   POST /api/login            {code} → {openid}           (jscode2session stand-in)
//   POST /api/orders           {openid, item?, totalFee?, signType?}
//                              → {orderId, prepayId, totalFee, item, signType, appId}
//   POST /api/orders/:id/prepay  unified order again for an unpaid order ("continue
//                              paying": same parameters → same prepay_id)
//   POST /api/pay-params       {orderId} → {timeStamp, nonceStr, package, signType, paySign}
//                              (server-made params: the key never leaves the server)
//   POST /api/h5/pay-params    {orderId} → the same and appId: a 公众号 H5 page's six
//   GET  /api/orders/:id       → {orderId, status: NOTPAY|SUCCESS|REFUND, paidAt, transactionId, refund, …}
//   POST /api/orders/:id/query  API v3: 查询订单 at WeChat Pay for an order whose notification
//                              has not arrived (a verified SUCCESS pays it) → the order
//   POST /api/orders/:id/refund API v3: 申请退款 of the whole order → the order, its refund
//                              PROCESSING until the REFUND.SUCCESS notification
//   POST <notifyPath>          WeChat Pay's payment notification (XML)
//   POST <notifyPathV3>        the API v3 notification (JSON; backend-v3.js), when
//                              config.v3 has the keys; orders with signType RSA are v3
//   /api/transfers…            商家转账: a withdrawal the user confirms (backend-v3.js)
//
// JSON in and out; errors are {error: {code, message}}. Every step is reported to the
// `log` callback. Loopback only. The API key is never logged or sent.
'use strict';

const crypto = require('crypto');
const http = require('http');
const path = require('path');
const xml = require('./xml');
const { merchantV3 } = require('./backend-v3');
const { merchantVirtual } = require('./backend-virtual');
const {
  HttpError, readBody, readJson, sendJson, sendXml, sendError, request, listen, harden,
  closeServer, isLoopbackHost,
} = require('./http-util');

const wxpay = require(path.join(__dirname, '..', '..', 'pkg'));

const SIGN_TYPES = new Set(['MD5', 'HMAC-SHA256']);
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/** The answers WeChat Pay expects from a notify_url. */
const NOTIFY_OK = xml.build({ return_code: 'SUCCESS', return_msg: 'OK' });
const notifyFail = (msg) => xml.build({ return_code: 'FAIL', return_msg: msg });

/** yyyyMMddHHmmss, Beijing time. */
function beijingTime(date = new Date()) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Starts the backend.
 * @param {object} args
 * @param {number} [args.port] overrides config.backend.port (0 = ephemeral)
 * @param {string} args.emulatorUrl base URL of the WeChat Pay (emulator) API
 * @param {object} args.config miniprogram/demo-config.js or a variant
 * @param {string} [args.publicUrl] base URL WeChat Pay calls back (default: our own URL)
 * @param {(text: string, data?: object) => void} [args.log]
 * @returns {Promise<{url: string, close: () => Promise<void>, orders: Map<string, object>}>}
 */
async function startBackend({ port, emulatorUrl, config, publicUrl, log } = {}) {
  if (!config || !config.appId || !config.mchId || !config.apiKey || !config.appSecret) {
    throw new Error('startBackend({config}): config needs appId, mchId, apiKey and appSecret');
  }
  if (typeof emulatorUrl !== 'string' || !emulatorUrl) throw new Error('startBackend({emulatorUrl}) is required');
  const host = (config.backend && config.backend.host) || '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error('the demo backend binds loopback addresses only');
  const listenPort = port !== undefined ? port : (config.backend && config.backend.port) || 0;
  const timeoutMs = config.httpTimeoutMs || 5000;
  const notifyPath = config.notifyPath || '/api/pay/notify';
  const notifyPathV3 = config.notifyPathV3 || '/api/v3/pay/notify';
  const defaultSignType = config.signType || 'MD5';
  const say = typeof log === 'function' ? (text, data) => log('[backend] ' + text, data) : () => {};
  const payBase = emulatorUrl.replace(/\/+$/, '');

  await wxpay.init();

  /** out_trade_no → order */
  const orders = new Map();
  const aborter = new AbortController();
  let baseUrl = null; // set after listen
  const v3 = config.v3 ? merchantV3({ wxpay, config, payBase, say, timeoutMs }) : null;
  // 虚拟支付 (backend-virtual.js): the drama page's signed order and the 发货 push.
  const virtual = config.virtualPayment
    ? merchantVirtual({ wxpay, config, payBase, say, timeoutMs, signal: aborter.signal, newOutTradeNo: () => newOutTradeNo() })
    : null;
  const notifyUrl = (path) => (publicUrl || baseUrl).replace(/\/+$/, '') + path;
  /** The order's prepay_id from WeChat Pay: API v3 for signType RSA, else v2's unified order. */
  const prepay = (order) => (order.signType === 'RSA' ? v3.prepay(order) : unifiedOrder(order));

  // --- helpers ------------------------------------------------------------

  /** jscode2session stand-in: a stable openid per code, `o` + 27 URL-safe characters. */
  function openidFor(code) {
    const mac = crypto.createHmac('sha256', config.appSecret).update(config.appId + '\n' + code, 'utf8').digest('base64url');
    return 'o' + mac.slice(0, 27);
  }

  function newOutTradeNo() {
    // DEMO + 14 time digits + 10 random letters/digits = 28 characters (≤ 32).
    return 'DEMO' + beijingTime() + wxpay.nonce(10);
  }

  function publicOrder(o) {
    return {
      orderId: o.outTradeNo,
      status: o.status,
      item: o.item,
      totalFee: o.totalFee,
      signType: o.signType,
      prepayId: o.prepayId,
      transactionId: o.transactionId,
      timeEnd: o.timeEnd,
      paidAt: o.paidAt,
      notifyCount: o.notifyCount,
      paidBy: o.paidBy || null,
      refund: o.refund || null,
    };
  }

  function verifySafely(fields, signType) {
    try {
      return wxpay.verify(fields, config.apiKey, signType);
    } catch (e) {
      say('verify refused the parameters', { code: e.code, message: e.message });
      return false;
    }
  }

  /**
   * Sends the order's unified-order request and checks the answer.
   * Resolves to the prepay_id; throws HttpError(502, <WeChat's code>, <message>).
   */
  async function unifiedOrder(order) {
    const params = Object.assign({}, order.request, { nonce_str: wxpay.nonce(32) });
    params.sign = wxpay.sign(params, config.apiKey, order.signType);
    const body = xml.build(params);
    say('unifiedorder → WeChat Pay', {
      out_trade_no: params.out_trade_no, total_fee: params.total_fee, sign_type: params.sign_type, body: params.body,
    });
    let r;
    try {
      r = await request(payBase + '/pay/unifiedorder', {
        method: 'POST', body, timeoutMs, signal: aborter.signal,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      });
    } catch (e) {
      throw new HttpError(502, 'WXPAY_UNREACHABLE', 'WeChat Pay did not answer: ' + e.message);
    }
    let f;
    try {
      f = xml.parse(r.body).fields;
    } catch (e) {
      say('unifiedorder ← unreadable XML refused', { code: e.code, message: e.message });
      throw new HttpError(502, 'WXPAY_BAD_RESPONSE', `WeChat Pay answered unreadable XML (${e.code}): ${e.message}`);
    }
    const upstream = {};
    for (const k of ['return_code', 'return_msg', 'result_code', 'err_code', 'err_code_des']) if (f[k] !== undefined) upstream[k] = f[k];
    if (f.return_code !== 'SUCCESS') {
      // Communication-level failure (e.g. 签名错误): no sign, no err_code.
      say('unifiedorder ← return_code FAIL', upstream);
      throw new HttpError(502, 'RETURN_CODE_FAIL', f.return_msg || 'return_code FAIL', { upstream });
    }
    if (f.sign === undefined) {
      // Only a failure may come unsigned (WeChat answers PARAM_ERROR without a sign);
      // it can only make us stop, never make us go on.
      if (f.result_code === 'FAIL' && f.err_code) {
        say('unifiedorder ← unsigned ' + f.err_code, upstream);
        throw new HttpError(502, f.err_code, f.err_code_des || f.err_code, { upstream });
      }
      say('unifiedorder ← unsigned answer refused', upstream);
      throw new HttpError(502, 'WXPAY_UNSIGNED_RESPONSE', 'WeChat Pay answered without a sign');
    }
    if (!verifySafely(f, order.signType)) {
      say('unifiedorder ← SIGNATURE MISMATCH: answer refused', upstream);
      throw new HttpError(502, 'WXPAY_BAD_SIGNATURE', "WeChat Pay's answer has a wrong sign: refused");
    }
    if (f.appid !== config.appId || f.mch_id !== config.mchId) {
      say('unifiedorder ← answer for another appid or mch_id refused', upstream);
      throw new HttpError(502, 'WXPAY_BAD_RESPONSE', 'the answer is for another appid or mch_id');
    }
    if (f.result_code !== 'SUCCESS') {
      say('unifiedorder ← ' + (f.err_code || 'result_code FAIL') + ' (signature OK)', upstream);
      throw new HttpError(502, f.err_code || 'RESULT_CODE_FAIL', f.err_code_des || 'result_code FAIL', { upstream });
    }
    if (!f.prepay_id || f.trade_type !== 'JSAPI') {
      throw new HttpError(502, 'WXPAY_BAD_RESPONSE', 'the answer has no prepay_id for JSAPI');
    }
    say('unifiedorder ← SUCCESS, signature verified', { out_trade_no: order.outTradeNo, prepay_id: f.prepay_id });
    return f.prepay_id;
  }

  function orderById(id) {
    const order = typeof id === 'string' ? orders.get(id) : undefined;
    if (!order) throw new HttpError(404, 'ORDER_NOT_FOUND', `no order ${JSON.stringify(id)}`);
    return order;
  }

  // --- handlers -----------------------------------------------------------

  async function login(req, res) {
    const { code } = await readJson(req);
    if (typeof code !== 'string' || code === '') throw new HttpError(400, 'MISSING_CODE', 'body must be {code} with the code from wx.login()');
    if (code.length > 128 || /[\u0000-\u001f\u007f]/.test(code)) throw new HttpError(400, 'INVALID_CODE', 'the login code is malformed');
    const openid = openidFor(code);
    say('login: code → openid', { openid });
    sendJson(res, 200, { openid });
  }

  async function createOrder(req, res) {
    const b = await readJson(req);
    if (typeof b.openid !== 'string' || !OPENID.test(b.openid)) throw new HttpError(400, 'INVALID_OPENID', 'openid is required (from /api/login)');
    const item = b.item === undefined ? config.defaultItem || '测试商品' : b.item;
    if (typeof item !== 'string' || item === '' || [...item].length > 32 || /[\u0000-\u001f\u007f<>&]/.test(item)) {
      throw new HttpError(400, 'INVALID_ITEM', 'item must be 1 to 32 characters of text');
    }
    const totalFee = b.totalFee === undefined ? config.defaultTotalFee || 1 : b.totalFee;
    const maxFee = config.maxTotalFee || 100000;
    if (!Number.isSafeInteger(totalFee) || totalFee < 1 || totalFee > maxFee) {
      throw new HttpError(400, 'INVALID_TOTAL_FEE', `totalFee must be an integer number of fen from 1 to ${maxFee}`);
    }
    const signType = b.signType === undefined ? defaultSignType : b.signType;
    if (!SIGN_TYPES.has(signType) && !(v3 && signType === 'RSA')) {
      throw new HttpError(400, 'INVALID_SIGN_TYPE', `signType must be "MD5" or "HMAC-SHA256"${v3 ? ' (API v2), or "RSA" (API v3)' : ''}`);
    }

    const outTradeNo = newOutTradeNo();
    const order = {
      outTradeNo,
      openid: b.openid,
      item,
      totalFee,
      signType,
      status: 'NOTPAY',
      prepayId: null,
      transactionId: null,
      timeEnd: null,
      paidAt: null,
      notifyCount: 0,
      createdAt: new Date().toISOString(),
      description: (config.bodyPrefix || 'wxpay-wasm 演示-') + item,
    };
    // The order parameters, kept so that a retry sends the same ones.
    order.request = signType === 'RSA' ? v3.orderRequest(order, notifyUrl(notifyPathV3)) : {
      appid: config.appId,
      mch_id: config.mchId,
      body: order.description,
      out_trade_no: outTradeNo,
      total_fee: totalFee,
      spbill_create_ip: '127.0.0.1',
      notify_url: notifyUrl(notifyPath),
      trade_type: 'JSAPI',
      openid: b.openid,
      sign_type: signType,
    };
    say('order: new', { out_trade_no: outTradeNo, item, total_fee: totalFee, sign_type: signType });
    order.prepayId = await prepay(order);
    orders.set(outTradeNo, order);
    sendJson(res, 200, { orderId: outTradeNo, prepayId: order.prepayId, totalFee, item, signType, appId: config.appId });
  }

  async function prepayAgain(req, res, id) {
    const order = orderById(id);
    say('order: unified order again', { out_trade_no: order.outTradeNo });
    const prepayId = await prepay(order);
    order.prepayId = prepayId;
    sendJson(res, 200, { orderId: order.outTradeNo, prepayId, totalFee: order.totalFee, item: order.item, signType: order.signType, appId: config.appId });
  }

  /** The five parameters of an unpaid order, signed here: the key never leaves the server. */
  async function signedPayParams(req) {
    const b = await readJson(req);
    const order = orderById(b.orderId);
    if (order.status !== 'NOTPAY') throw new HttpError(409, 'ORDER_PAID', 'this order is already paid');
    const p = order.signType === 'RSA'
      ? v3.payParams(order)
      : wxpay.buildPayParams({ appId: config.appId, prepayId: order.prepayId, key: config.apiKey, signType: order.signType });
    say('pay-params: built on the server', { out_trade_no: order.outTradeNo, signType: p.signType, timeStamp: p.timeStamp });
    return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign };
  }

  async function payParams(req, res) {
    sendJson(res, 200, await signedPayParams(req));
  }

  // A 公众号 H5 page passes getBrandWCPayRequest six: the five and the AppID the order was
  // placed with (the demo's one appId; a shop places H5 orders with its official account's).
  async function h5PayParams(req, res) {
    sendJson(res, 200, Object.assign({ appId: config.appId }, await signedPayParams(req)));
  }

  /** POST /api/orders/:id/query or /refund: API v3 orders only (the v3 client's 查询订单 and 申请退款). */
  async function v3Action(id, action, res) {
    const order = orderById(id);
    if (!v3 || order.signType !== 'RSA') throw new HttpError(400, 'V3_ONLY', 'querying and refunding at WeChat Pay is the API v3 mode\'s (signType RSA)');
    const done = action === 'refund' ? await v3.refund(order, notifyUrl(notifyPathV3)) : await v3.queryOrder(order);
    sendJson(res, 200, publicOrder(done));
  }

  async function notify(req, res) {
    let text;
    try {
      text = await readBody(req);
    } catch (e) {
      return sendXml(res, 200, notifyFail(e.code === 'NOT_UTF8' ? '编码格式错误' : '报文读取失败'));
    }
    let f;
    try {
      f = xml.parse(text).fields;
    } catch (e) {
      if (e.code === 'DUPLICATE_ELEMENT') {
        say(`notify: REFUSED, <${e.element}> appears twice`);
        return sendXml(res, 200, notifyFail(e.element === 'sign' ? '签名重复' : '参数重复'));
      }
      say('notify: REFUSED, unreadable XML', { code: e.code, message: e.message });
      return sendXml(res, 200, notifyFail('XML格式错误'));
    }
    if (f.return_code !== 'SUCCESS') {
      say('notify: REFUSED, return_code is not SUCCESS', { return_code: f.return_code });
      return sendXml(res, 200, notifyFail('return_code不是SUCCESS'));
    }
    if (!f.sign) {
      say('notify: REFUSED, no sign');
      return sendXml(res, 200, notifyFail('缺少签名'));
    }
    // The signature first, with the sign type the notification claims (absent = MD5):
    // whatever fails it learns nothing else from the answer.
    const notifySignType = f.sign_type === undefined || f.sign_type === '' ? 'MD5' : f.sign_type;
    if (!SIGN_TYPES.has(notifySignType) || !verifySafely(f, notifySignType)) {
      say('notify: REFUSED, SIGNATURE MISMATCH (forged?)', { out_trade_no: f.out_trade_no, sign_type: f.sign_type });
      return sendXml(res, 200, notifyFail('签名错误'));
    }
    if (f.appid !== config.appId || f.mch_id !== config.mchId) {
      say('notify: REFUSED, another appid or mch_id', { appid: f.appid, mch_id: f.mch_id });
      return sendXml(res, 200, notifyFail('商户信息不一致'));
    }
    const order = orders.get(f.out_trade_no);
    if (!order) {
      say('notify: REFUSED, unknown order', { out_trade_no: f.out_trade_no });
      return sendXml(res, 200, notifyFail('订单不存在'));
    }
    // The order's unified order fixed the sign type; a notification signed the other
    // way is refused even though its signature is right.
    if (notifySignType !== order.signType) {
      say('notify: REFUSED, sign_type differs from the order', { out_trade_no: order.outTradeNo, sign_type: notifySignType, order: order.signType });
      return sendXml(res, 200, notifyFail('签名类型不一致'));
    }
    if (f.openid !== order.openid) {
      say('notify: REFUSED, openid differs from the order', { out_trade_no: order.outTradeNo });
      return sendXml(res, 200, notifyFail('用户不一致'));
    }
    if (f.total_fee !== String(order.totalFee)) {
      say('notify: REFUSED, total_fee differs from the order', { out_trade_no: order.outTradeNo, total_fee: f.total_fee, order: order.totalFee });
      return sendXml(res, 200, notifyFail('金额不一致'));
    }
    order.notifyCount += 1;
    if (f.result_code !== 'SUCCESS') {
      say('notify: signature OK, result_code FAIL: order stays ' + order.status, { out_trade_no: order.outTradeNo, err_code: f.err_code });
      return sendXml(res, 200, NOTIFY_OK);
    }
    if (order.status === 'SUCCESS') {
      // WeChat Pay may send the same notification several times: answer SUCCESS,
      // change nothing.
      const same = f.transaction_id === order.transactionId;
      say(`notify: signature OK, order already paid: ${same ? 'repeat' : 'ANOTHER transaction_id'}, nothing changed`, {
        out_trade_no: order.outTradeNo, transaction_id: f.transaction_id,
      });
      return sendXml(res, 200, NOTIFY_OK);
    }
    order.status = 'SUCCESS';
    order.transactionId = f.transaction_id || null;
    order.timeEnd = f.time_end || null;
    order.paidAt = new Date().toISOString();
    say('notify: signature OK, order PAID', { out_trade_no: order.outTradeNo, transaction_id: order.transactionId, total_fee: f.total_fee });
    return sendXml(res, 200, NOTIFY_OK);
  }

  // --- routing ------------------------------------------------------------

  async function handle(req, res) {
    const p = new URL(req.url, 'http://backend.invalid').pathname;
    const post = req.method === 'POST';
    if (p === notifyPath && post) return notify(req, res);
    if (v3 && p === notifyPathV3 && post) return v3.notify(req, res, orders);
    if (virtual && p.startsWith('/api/virtual/')) return virtual.handle(req, res, p);
    if (p === '/api/login' && post) return login(req, res);
    const transfer = v3 && p.startsWith('/api/transfers') && v3.transfers(req, res, p, notifyUrl);
    if (transfer) return transfer;
    if (p === '/api/orders' && post) return createOrder(req, res);
    if (p === '/api/pay-params' && post) return payParams(req, res);
    if (p === '/api/h5/pay-params' && post) return h5PayParams(req, res);
    let m = /^\/api\/orders\/([^/]+)\/prepay$/.exec(p);
    if (m && post) return prepayAgain(req, res, decodeURIComponent(m[1]));
    m = /^\/api\/orders\/([^/]+)\/(query|refund)$/.exec(p);
    if (m && post) return v3Action(decodeURIComponent(m[1]), m[2], res);
    m = /^\/api\/orders\/([^/]+)$/.exec(p);
    if (m && req.method === 'GET') return sendJson(res, 200, publicOrder(orderById(decodeURIComponent(m[1]))));
    if ([notifyPath, '/api/login', '/api/orders', '/api/pay-params'].includes(p)) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here`);
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${p}`);
  }

  const server = harden(http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (e instanceof HttpError) {
        const extra = e.upstream ? { upstream: e.upstream } : undefined;
        return sendError(res, e.status, e.code, e.message, extra);
      }
      if (e && e.name === 'WxPayError') {
        say('wxpay-wasm error', { code: e.code, message: e.message });
        return sendError(res, 500, e.code, e.message);
      }
      say('internal error', { message: e && e.message });
      sendError(res, 500, 'INTERNAL', 'backend internal error');
    });
  }));
  baseUrl = await listen(server, host, listenPort);
  // Not fatal: a WeChat Pay that is down now only delays 发货 (the pushes find no url).
  if (virtual) await virtual.configurePush(publicUrl || baseUrl).catch((e) => say('virtual: 发货推送配置 failed: ' + e.message));
  say('listening on ' + baseUrl, { notify_url: (publicUrl || baseUrl) + notifyPath, wxpay: payBase });

  return {
    url: baseUrl,
    orders,
    async close() {
      aborter.abort();
      await closeServer(server);
    },
  };
}

module.exports = { startBackend };

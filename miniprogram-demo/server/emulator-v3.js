// The WeChat Pay API v3 part of the emulator (emulator.js routes /v3/ to it). Every
// request's Authorization header is checked with the merchant's public key; every
// answer is signed with the WeChat Pay key (Wechatpay-* headers), errors {code, message}:
//
//   POST /v3/pay/transactions/jsapi                      JSAPI下单 → {prepay_id}
//   GET  /v3/pay/transactions/out-trade-no/{no}?mchid=   查询订单 (by out_trade_no)
//   GET  /v3/pay/transactions/id/{transaction_id}?mchid= 查询订单 (by transaction_id)
//   POST /v3/pay/transactions/out-trade-no/{no}/close    关闭订单 → 204
//   POST /v3/refund/domestic/refunds                     申请退款 → the refund, PROCESSING;
//                                                        then SUCCESS and, with notify_url,
//                                                        a REFUND.SUCCESS notification
//   GET  /v3/refund/domestic/refunds/{out_refund_no}     查询单笔退款
//   GET  /v3/certificates                                下载平台证书 (config.v3.platformCertificate,
//                                                        platformSerialNo), else 404 RESOURCE_NOT_EXISTS
//   POST /v3/pay/partner/transactions/jsapi              服务商 JSAPI下单 (sp_mchid = the merchant,
//                                                        sub_mchid = PARTNER.subMchId): the order's
//                                                        paying AppID is sub_appid with sub_openid
//   GET  /v3/pay/partner/transactions/out-trade-no/{no}?sp_mchid=&sub_mchid=, …/id/{id}?…  服务商 查询订单
//   POST /v3/pay/partner/transactions/out-trade-no/{no}/close                           服务商 关闭订单
//   (申请退款 with sub_mchid, 查询单笔退款 with ?sub_mchid=: a partner order's refunds)
//   POST /v3/fund-app/mch-transfer/transfer-bills        发起转账 → WAIT_USER_CONFIRM + package_info;
//                                                        user_name decrypted with the WeChat Pay
//                                                        key Wechatpay-Serial names (plain: refused)
//   GET  …/transfer-bills/out-bill-no/{no}               商户单号查询转账单
//   POST …/transfer-bills/out-bill-no/{no}/cancel        撤销转账 → CANCELING, then CANCELLED
//   GET  /transfer/sheet?package=, POST /transfer/confirm the wx.requestMerchantTransfer stand-in:
//                                                        confirmed → SUCCESS and, with notify_url,
//                                                        a MCHTRANSFER.BILL.FINISHED notification
//   wx.requestPayment (POST /pay/confirm) with signType RSA: paySign checked with the
//                                     merchant's public key
//   → POST <notify_url>               JSON notification, signed, its resource encrypted
//                                     (AEAD_AES_256_GCM with the APIv3 key)
//   POST /test/v3-fault {fault}       the next /v3/ request is answered wrongly (FAULTS)
//
// Like the v2 emulator it signs and checks with Node's crypto directly, written apart
// from the package's v3 module on purpose: the backend uses the package, this file
// checks it. Keys: config.v3 (made when the demo starts, see keys-v3.js).
'use strict';

const crypto = require('crypto');
const { HttpError, readBody, sendJson } = require('./http-util');

const SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
const WINDOW_SECONDS = 300;
const UNKNOWN_SERIAL = 'PUB_KEY_ID_0000000000000000000000000000000000';

// 商户订单号 string[6,32], letters, digits, _-|* (pay.weixin.qq.com JSAPI下单).
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

// The sub-merchant a 服务商 serves, WeChat Pay's documentation's sample values (config.partner overrides).
const PARTNER = { subMchId: '1900000109', subAppId: 'wxd678efh567hg6999' };

const TRADE_STATES = { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' };

/** RFC 3339 in Beijing time, as WeChat Pay writes times: 2018-06-08T10:34:56+08:00. */
function rfc3339(at = new Date()) {
  return new Date(new Date(at).getTime() + 8 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, '+08:00');
}

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
 *   newTransactionId, randomAlnum, notifyUrlProblem, deliver
 */
function emulatorV3(ctx) {
  const { config, say, orders } = ctx;
  /** out_refund_no → refund */
  const refunds = new Map();
  let other = null;
  /** A key that is not WeChat Pay's, made when first needed (it takes a while). */
  const otherKey = () => other || (other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const keys = config.v3;
  const partner = Object.assign({}, PARTNER, config.partner);
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

  /**
   * A JSON answer as api.mch.weixin.qq.com sends it (null: 204, no body), signed unless
   * `fault` says otherwise.
   */
  function answer(res, status, value, fault) {
    const body = value === null ? '' : JSON.stringify(value);
    const wrong = fault ? ANSWER_FAULTS[fault] : {};
    const signed = wrong.unsigned ? {} : signedHeaders(body, wrong);
    const sent = wrong.tamper ? wrong.tamper(body) : body;
    const headers = Object.assign({ 'Request-ID': ctx.randomAlnum(24) }, signed);
    if (sent !== '') Object.assign(headers, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(sent) });
    res.writeHead(status, headers);
    res.end(sent);
  }

  // --- faults a test asks for (POST /test/v3-fault) ------------------------

  // 2xx answers gone wrong on the way; the request itself is done as usual.
  const ANSWER_FAULTS = {
    // No Wechatpay-* headers at all.
    unsigned: { unsigned: true },
    // Signed, then changed: an unpaid order becomes paid, a refund succeeds, else a byte more.
    tampered: {
      tamper: (body) => {
        const forged = body.replace('"NOTPAY"', '"SUCCESS"').replace('"PROCESSING"', '"SUCCESS"');
        return forged !== body ? forged : body.slice(0, -1) + ' }';
      },
    },
    // Signed ten minutes ago.
    stale: { get timestamp() { return String(Math.floor(Date.now() / 1000) - 600); } },
    // Signed by a key under a serial the merchant does not hold.
    'unknown-serial': { serial: UNKNOWN_SERIAL, get key() { return otherKey(); } },
  };
  // Refusals and silence before the request is looked at: nothing is done.
  const REQUEST_FAULTS = {
    // WeChat Pay's refusal of a signature: 401, unsigned.
    'sign-error': (res) => sendJson(res, 401, { code: 'SIGN_ERROR', message: '签名错误' }),
    // An internal error: 500, unsigned.
    'server-error': (res) => sendJson(res, 500, { code: 'SYSTEM_ERROR', message: '系统错误' }),
    // No answer at all, until the client gives up or the emulator closes.
    hang: () => {},
    // A 200's headers, then a body that never ends.
    stall: (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 64 });
      res.write('{');
    },
  };
  const FAULTS = Object.keys(ANSWER_FAULTS).concat(Object.keys(REQUEST_FAULTS));
  let nextFault = null;

  /** {fault}: the next /v3/ request is answered with it (null: none). */
  function setFault(b) {
    if (b.fault !== null && !FAULTS.includes(b.fault)) {
      throw new HttpError(400, 'BAD_FAULT', `fault must be null or one of ${FAULTS.join(', ')}`);
    }
    nextFault = b.fault;
    say('v3: next answer ' + (b.fault || 'as usual'));
    return { fault: nextFault };
  }

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

  function jsapiOrder(b, { ok, fail }) {
    const missing = ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url'].find((k) => typeof b[k] !== 'string' || b[k] === '') ||
      (!(b.amount && Number.isSafeInteger(b.amount.total) && b.amount.total > 0) && 'amount.total') ||
      (!(b.payer && typeof b.payer.openid === 'string' && b.payer.openid) && 'payer.openid');
    if (missing) return fail(400, 'PARAM_ERROR', '参数错误:缺少或错误的' + missing);
    if (b.mchid !== config.mchId) return fail(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (b.appid !== config.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (!OUT_TRADE_NO.test(b.out_trade_no)) return fail(400, 'PARAM_ERROR', '参数错误:out_trade_no只能是6到32位数字、大小写字母_-|*');
    const urlProblem = ctx.notifyUrlProblem(b.notify_url);
    if (urlProblem) return fail(400, 'PARAM_ERROR', '参数错误:' + urlProblem);

    const identity = JSON.stringify([b.appid, b.description, b.notify_url, b.amount.total, b.payer.openid]);
    const existing = orders.get(b.out_trade_no);
    if (existing) {
      if (existing.status === 'SUCCESS') return fail(400, 'ORDER_CLOSED', '该订单已支付');
      if (existing.status === 'CLOSED') return fail(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.identity !== identity) return fail(400, 'INVALID_REQUEST', '商户订单号重复');
      say('v3 jsapi: same order again → same prepay_id', { out_trade_no: b.out_trade_no, prepay_id: existing.prepayId });
      return ok(200, { prepay_id: existing.prepayId });
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
    return ok(200, { prepay_id: order.prepayId });
  }

  // --- POST /v3/pay/partner/transactions/jsapi (服务商 JSAPI下单) ----------------

  function partnerJsapiOrder(b, { ok, fail }) {
    const payer = b.payer || {};
    const missing = ['sp_appid', 'sp_mchid', 'sub_mchid', 'description', 'out_trade_no', 'notify_url'].find((k) => typeof b[k] !== 'string' || b[k] === '') ||
      (!(b.amount && Number.isSafeInteger(b.amount.total) && b.amount.total > 0) && 'amount.total') ||
      (typeof payer.sp_openid === typeof payer.sub_openid && 'payer.sp_openid或payer.sub_openid');
    if (missing) return fail(400, 'PARAM_ERROR', '参数错误:缺少或错误的' + missing);
    if (b.sp_mchid !== config.mchId || b.sub_mchid !== partner.subMchId) return fail(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (b.sp_appid !== config.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'sp_appid和sp_mchid不匹配');
    if (b.sub_appid !== undefined && b.sub_appid !== partner.subAppId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'sub_appid和sub_mchid不匹配');
    if (payer.sub_openid && !b.sub_appid) return fail(400, 'PARAM_ERROR', '参数错误:若传sub_openid,那sub_appid必填');
    if (!OUT_TRADE_NO.test(b.out_trade_no)) return fail(400, 'PARAM_ERROR', '参数错误:out_trade_no只能是6到32位数字、大小写字母_-|*');
    const urlProblem = ctx.notifyUrlProblem(b.notify_url);
    if (urlProblem) return fail(400, 'PARAM_ERROR', '参数错误:' + urlProblem);
    if (orders.has(b.out_trade_no)) return fail(400, 'INVALID_REQUEST', '商户订单号重复');
    const order = ctx.storeOrder({
      api: 'v3',
      outTradeNo: b.out_trade_no,
      // The AppID whose mini-program pays, which the page's paySign must name.
      appid: payer.sub_openid ? b.sub_appid : b.sp_appid,
      mchId: b.sp_mchid,
      openid: payer.sub_openid || payer.sp_openid,
      partner: { spAppid: b.sp_appid, subAppid: b.sub_appid, subMchId: b.sub_mchid, subOpenid: payer.sub_openid },
      body: b.description,
      totalFee: b.amount.total,
      signType: 'RSA',
      notifyUrl: b.notify_url,
      tradeType: 'JSAPI',
    });
    say('v3 partner jsapi: order stored for sub_mchid ' + b.sub_mchid, { out_trade_no: order.outTradeNo, paying_appid: order.appid, prepay_id: order.prepayId });
    return ok(200, { prepay_id: order.prepayId });
  }

  // --- 查询订单, 关闭订单 ----------------------------------------------------

  /** The order as 查询订单 answers it. */
  function transaction(order) {
    const paid = order.status === 'SUCCESS';
    const state = paid && order.refunds.size > 0 ? 'REFUND' : order.status;
    return Object.assign(
      parties(order),
      {
        out_trade_no: order.outTradeNo, trade_type: 'JSAPI',
        trade_state: state, trade_state_desc: TRADE_STATES[state],
        amount: Object.assign({ total: order.totalFee, currency: 'CNY' }, paid && { payer_total: order.totalFee, payer_currency: 'CNY' }),
      },
      order.transactionId && { transaction_id: order.transactionId },
      paid && { bank_type: 'OTHERS', success_time: rfc3339(order.paidAt) },
    );
  }

  /**
   * Who an order is between, as WeChat Pay writes it: appid, mchid and payer.openid; a
   * 服务商's order: sp_appid, sp_mchid, sub_appid, sub_mchid and the payer's openid under
   * the AppID it belongs to.
   */
  function parties(order) {
    const p = order.partner;
    if (!p) return { appid: order.appid, mchid: order.mchId, payer: { openid: order.openid } };
    return Object.assign(
      { sp_appid: p.spAppid, sp_mchid: order.mchId },
      p.subAppid && { sub_appid: p.subAppid },
      { sub_mchid: p.subMchId, payer: p.subOpenid ? { sub_openid: p.subOpenid } : { sp_openid: order.openid } },
    );
  }

  /** Whether `sub_mchid` (of a request) is the one `order` was placed for: none for a direct order. */
  const sameSubMerchant = (order, subMchId) => (order.partner ? order.partner.subMchId : undefined) === (subMchId || undefined);

  /** `mchid` of a query string: the merchant's, or a refusal. */
  function queryOrder(order, mchid, { ok, fail }, subMchId) {
    if (mchid !== config.mchId) return fail(400, 'PARAM_ERROR', '参数错误:mchid与请求商户号不一致');
    if (!order || !sameSubMerchant(order, subMchId)) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    say('v3 query: ' + order.outTradeNo + ' is ' + order.status);
    return ok(200, transaction(order));
  }

  function closeOrder(order, b, { ok, fail }) {
    if ((b.mchid || b.sp_mchid) !== config.mchId) return fail(400, 'PARAM_ERROR', '参数错误:mchid与请求商户号不一致');
    if (!order || !sameSubMerchant(order, b.sub_mchid)) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.status === 'SUCCESS') return fail(400, 'ORDERPAID', '订单已支付');
    order.status = 'CLOSED';
    say('v3 close: ' + order.outTradeNo + ' CLOSED');
    return ok(204, null);
  }

  // --- 申请退款, 查询单笔退款, 退款结果通知 -----------------------------------

  function refundView(r) {
    return Object.assign(
      {
        refund_id: r.refundId, out_refund_no: r.outRefundNo, transaction_id: r.order.transactionId, out_trade_no: r.order.outTradeNo,
        channel: 'ORIGINAL', user_received_account: '支付用户零钱', create_time: r.createTime, status: r.status,
        amount: { total: r.order.totalFee, refund: r.refund, payer_total: r.order.totalFee, payer_refund: r.refund, currency: 'CNY' },
      },
      r.successTime && { success_time: r.successTime },
    );
  }

  function refund(b, { ok, fail }) {
    const a = b.amount || {};
    const missing = (typeof b.out_refund_no !== 'string' && 'out_refund_no') ||
      (!(Number.isSafeInteger(a.refund) && a.refund > 0) && 'amount.refund') ||
      (!(Number.isSafeInteger(a.total) && a.total > 0) && 'amount.total') ||
      (a.currency !== 'CNY' && 'amount.currency');
    if (missing) return fail(400, 'PARAM_ERROR', '参数错误:缺少或错误的' + missing);
    if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(b.out_refund_no)) return fail(400, 'PARAM_ERROR', '参数错误:out_refund_no只能是1到64位数字、大小写字母_-|*@');
    const order = typeof b.out_trade_no === 'string' ? orders.get(b.out_trade_no) : orderByTransactionId(b.transaction_id);
    if (!order || !sameSubMerchant(order, b.sub_mchid)) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const same = refunds.get(b.out_refund_no);
    if (same) {
      if (same.order !== order || same.refund !== a.refund) return fail(400, 'INVALID_REQUEST', '退款单号已存在,且与原退款请求不一致');
      say('v3 refund: same out_refund_no again → the same refund', { out_refund_no: same.outRefundNo });
      return ok(200, refundView(same));
    }
    if (order.status !== 'SUCCESS') return fail(400, 'INVALID_REQUEST', '订单未支付,不能退款');
    if (a.total !== order.totalFee) return fail(400, 'INVALID_REQUEST', '订单金额与原订单不一致');
    let refunded = 0;
    for (const r of order.refunds.values()) refunded += r.refund;
    if (a.refund > order.totalFee - refunded) return fail(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const r = {
      refundId: '50' + ctx.newTransactionId().slice(2), outRefundNo: b.out_refund_no, order, refund: a.refund,
      createTime: rfc3339(), status: 'PROCESSING', successTime: null, notifyUrl: b.notify_url || null,
    };
    refunds.set(r.outRefundNo, r);
    order.refunds.set(r.outRefundNo, r);
    say('v3 refund: PROCESSING', { out_refund_no: r.outRefundNo, refund: r.refund });
    ok(200, refundView(r));
    // The money moves after the answer, as WeChat Pay's does; the notification follows.
    setImmediate(() => {
      r.status = 'SUCCESS';
      r.successTime = rfc3339();
      say('v3 refund: SUCCESS', { out_refund_no: r.outRefundNo });
      if (r.notifyUrl) ctx.deliver(order, refundNotification(r), 'refund', 0);
    });
  }

  function queryRefund(outRefundNo, { ok, fail }, subMchId) {
    const r = refunds.get(outRefundNo);
    if (!r || !sameSubMerchant(r.order, subMchId)) return fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return ok(200, refundView(r));
  }

  function refundNotification(r) {
    const p = r.order.partner;
    const plain = {
      ...(p ? { sp_mchid: r.order.mchId, sub_mchid: p.subMchId } : { mchid: r.order.mchId }), out_trade_no: r.order.outTradeNo, transaction_id: r.order.transactionId,
      out_refund_no: r.outRefundNo, refund_id: r.refundId, refund_status: r.status, success_time: r.successTime,
      user_received_account: '支付用户零钱',
      amount: { total: r.order.totalFee, refund: r.refund, payer_total: r.order.totalFee, payer_refund: r.refund },
    };
    return signedNotification({ id: crypto.randomUUID(), event_type: 'REFUND.SUCCESS', summary: '退款成功', type: 'refund', plain });
  }

  // --- 下载平台证书 --------------------------------------------------------

  /** Platform certificates when config.v3 has one (a merchant from before the public key), else WeChat Pay's 404. */
  function certificates({ ok, fail }) {
    if (!keys.platformCertificate) return fail(404, 'RESOURCE_NOT_EXISTS', '无可用的平台证书');
    const sealed = encrypt(keys.platformCertificate, keys.apiV3Key, 'certificate');
    delete sealed.original_type;
    return ok(200, {
      data: [{ serial_no: keys.platformSerialNo, effective_time: rfc3339(), expire_time: rfc3339(Date.now() + 5 * 365 * 86400 * 1000), encrypt_certificate: sealed }],
    });
  }

  // --- 商家转账: 发起转账, 查询, 撤销, the user's confirmation, the notification ---
  // A bill waits in WAIT_USER_CONFIRM until the page's wx.requestMerchantTransfer sheet
  // is confirmed (the demo's stand-in sheet posts /transfer/confirm), then ends SUCCESS
  // with a MCHTRANSFER.BILL.FINISHED notification; a cancel ends it CANCELLED.

  /** out_bill_no → the bill: what a test checks (userName decrypted). */
  const transfers = new Map();
  /** package_info → out_bill_no, for the sheet. */
  const byPackage = new Map();

  function billView(bill) {
    return Object.assign(
      {
        mch_id: bill.mchId, out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, appid: bill.appid,
        state: bill.state, transfer_amount: bill.amount, transfer_remark: bill.remark, openid: bill.openid,
        create_time: bill.createTime, update_time: bill.updateTime,
      },
      bill.failReason && { fail_reason: bill.failReason },
    );
  }

  function transferBill(b, serial, { ok, fail }) {
    const missing = ['appid', 'out_bill_no', 'transfer_scene_id', 'openid', 'transfer_remark'].find((k) => typeof b[k] !== 'string' || b[k] === '') ||
      (!(Number.isSafeInteger(b.transfer_amount) && b.transfer_amount > 0) && 'transfer_amount');
    if (missing) return fail(400, 'PARAM_ERROR', '参数错误:缺少或错误的' + missing);
    if (b.appid !== config.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    // 商户单号 string(32), 只能由数字、大小写字母组成 (pay.weixin.qq.com/doc/v3/merchant/4012716458).
    if (!/^[0-9A-Za-z]{1,32}$/.test(b.out_bill_no)) return fail(400, 'PARAM_ERROR', '参数错误:out_bill_no只能由数字、大小写字母组成,最长32位');
    const urlProblem = b.notify_url === undefined ? false : ctx.notifyUrlProblem(b.notify_url);
    if (urlProblem) return fail(400, 'PARAM_ERROR', '参数错误:' + urlProblem);
    let userName = null;
    if (b.user_name !== undefined) {
      if (serial !== keys.wechatpayPublicKeyId) return fail(400, 'PARAM_ERROR', 'Wechatpay-Serial须为加密user_name所用的微信支付公钥ID');
      try {
        userName = crypto.privateDecrypt({ key: keys.wechatpayPrivateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(b.user_name, 'base64')).toString('utf8');
      } catch (_) {
        // WeChat Pay's words for a name sent in the clear, as merchants report them.
        return fail(400, 'PARAM_ERROR', '请确认待处理的消息是否为加密后的密文');
      }
    }
    const identity = JSON.stringify([b.appid, b.openid, b.transfer_amount, b.transfer_remark, b.transfer_scene_id]);
    const same = transfers.get(b.out_bill_no);
    if (same) {
      // The same bill again answers the same bill (a retry after a timeout); another is refused.
      if (same.identity !== identity) return fail(400, 'INVALID_REQUEST', '商户单号重复');
      say('v3 transfer: same out_bill_no again → the same bill', { out_bill_no: same.outBillNo, state: same.state });
      return ok(200, createdView(same));
    }
    const now = rfc3339();
    const bill = {
      outBillNo: b.out_bill_no, transferBillNo: '13' + ctx.newTransactionId().slice(2) + '0001', mchId: config.mchId,
      appid: b.appid, openid: b.openid, userName, amount: b.transfer_amount, remark: b.transfer_remark,
      state: 'WAIT_USER_CONFIRM', failReason: null, identity, createTime: now, updateTime: now,
      packageInfo: 'ABBQO+oYAAABAAAAAAAk' + ctx.randomAlnum(32), notifyUrl: b.notify_url || null,
      // What ctx.deliver records and logs by.
      notifications: [], outTradeNo: b.out_bill_no,
    };
    transfers.set(bill.outBillNo, bill);
    byPackage.set(bill.packageInfo, bill.outBillNo);
    say('v3 transfer: WAIT_USER_CONFIRM', { out_bill_no: bill.outBillNo, user_name: userName === null ? 'none' : 'decrypted' });
    return ok(200, createdView(bill));
  }

  function createdView(bill) {
    return Object.assign(
      { out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, create_time: bill.createTime, state: bill.state },
      bill.state === 'WAIT_USER_CONFIRM' && { package_info: bill.packageInfo },
    );
  }

  function queryTransferBill(outBillNo, { ok, fail }) {
    const bill = transfers.get(outBillNo);
    if (!bill) return fail(404, 'NOT_FOUND', '记录不存在');
    say('v3 transfer query: ' + bill.outBillNo + ' is ' + bill.state);
    return ok(200, billView(bill));
  }

  /** 撤销转账: accepted as CANCELING, CANCELLED (and notified) right after, as WeChat Pay does it asynchronously. */
  function cancelTransferBill(outBillNo, { ok, fail }) {
    const bill = transfers.get(outBillNo);
    if (!bill) return fail(404, 'NOT_FOUND', '记录不存在');
    // The emulator's own wording: WeChat Pay documents only that a confirmed bill cannot be cancelled.
    if (bill.state !== 'WAIT_USER_CONFIRM') return fail(400, 'INVALID_REQUEST', '转账单据当前状态不允许撤销');
    bill.state = 'CANCELING';
    bill.updateTime = rfc3339();
    say('v3 transfer cancel: CANCELING', { out_bill_no: bill.outBillNo });
    ok(200, { out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, state: bill.state, update_time: bill.updateTime });
    setImmediate(() => finishTransfer(bill, 'CANCELLED'));
  }

  function finishTransfer(bill, state) {
    bill.state = state;
    bill.updateTime = rfc3339();
    say('v3 transfer: ' + state, { out_bill_no: bill.outBillNo });
    if (bill.notifyUrl) ctx.deliver(bill, transferNotification(bill), 'transfer', 0);
  }

  /** MCHTRANSFER.BILL.FINISHED: the bill's end, its resource encrypted as mch_payment. */
  function transferNotification(bill) {
    const plain = {
      out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, state: bill.state, mch_id: bill.mchId,
      transfer_amount: bill.amount, openid: bill.openid, create_time: bill.createTime, update_time: bill.updateTime,
    };
    return signedNotification({ id: crypto.randomUUID(), event_type: 'MCHTRANSFER.BILL.FINISHED', summary: '商家转账单据终态通知', type: 'mch_payment', plain });
  }

  /** The bill a package_info names, or null. */
  const billForPackage = (pkg) => transfers.get(byPackage.get(pkg)) || null;

  /**
   * The demo's stand-in for the wx.requestMerchantTransfer sheet: GET /transfer/sheet?package=
   * (what the sheet shows) and POST /transfer/confirm {mchId, appId, package} (the user
   * confirmed), answered with the errMsg the page would get.
   */
  async function transferSheet(req, res, url) {
    if (req.method === 'GET' && url.pathname === '/transfer/sheet') {
      const bill = billForPackage(url.searchParams.get('package') || '');
      if (!bill) return sendJson(res, 200, { errMsg: 'requestMerchantTransfer:fail', emulatorNote: 'unknown package' });
      return sendJson(res, 200, { errMsg: 'sheet:ok', amount: bill.amount, remark: bill.remark, state: bill.state });
    }
    if (req.method !== 'POST' || url.pathname !== '/transfer/confirm') throw new HttpError(404, 'NOT_FOUND', 'no such transfer route');
    const b = JSON.parse((await readBody(req)) || '{}');
    const failed = (note) => {
      say('transfer confirm: ' + note);
      sendJson(res, 200, { errMsg: 'requestMerchantTransfer:fail', emulatorNote: note });
    };
    const bill = billForPackage(b.package);
    if (!bill) return failed('package is not a bill\'s package_info');
    if (b.mchId !== bill.mchId) return failed('mchId is not the merchant that created the bill');
    if (b.appId !== bill.appid) return failed('appId is not the appid the bill was created for');
    if (bill.state !== 'WAIT_USER_CONFIRM') return failed('the bill is ' + bill.state);
    sendJson(res, 200, { errMsg: 'requestMerchantTransfer:ok' });
    // Confirmed: the money moves after the sheet closes, and the notification says so.
    setImmediate(() => finishTransfer(bill, 'SUCCESS'));
  }

  // --- routing ------------------------------------------------------------

  /** An order by WeChat Pay's transaction id, or undefined. */
  function orderByTransactionId(id) {
    for (const o of orders.values()) if (o.transactionId && o.transactionId === id) return o;
    return undefined;
  }

  /** Every /v3/ request: a fault if one was asked for, the Authorization header, then the call. */
  async function handle(req, res, url) {
    say(`v3 ← ${req.method} ${url.pathname}`);
    const fault = nextFault;
    nextFault = null;
    if (fault && REQUEST_FAULTS[fault]) {
      say('v3: FAULT ' + fault, { path: url.pathname });
      req.resume();
      return REQUEST_FAULTS[fault](res);
    }
    const reply = {
      ok: (status, value) => answer(res, status, value, fault),
      fail: (status, code, message) => {
        say(`v3 ${url.pathname}: ${status} ${code}`, { message });
        answer(res, status, { code, message }, fault);
      },
    };
    const text = await readBody(req);
    // WeChat Pay asks every request for Accept: application/json, and a body's Content-Type (the emulator refuses without).
    const json = (name) => /^application\/json\b/.test(req.headers[name] || '');
    // A POST without a body (撤销转账) has no Content-Type.
    if (!json('accept') || (req.method === 'POST' && text !== '' && !json('content-type'))) {
      return reply.fail(400, 'PARAM_ERROR', 'HTTP头Accept与Content-Type须为application/json');
    }
    const problem = authorizationProblem(req, text);
    if (problem) {
      say('v3: SIGNATURE MISMATCH', { problem, path: url.pathname });
      return reply.fail(401, 'SIGN_ERROR', '签名错误');
    }
    let b = {};
    if (req.method === 'POST' && text !== '') {
      try {
        b = JSON.parse(text);
      } catch (_) {
        return reply.fail(400, 'PARAM_ERROR', '请求体不是合法的JSON');
      }
    }
    const p = url.pathname;
    const post = req.method === 'POST';
    let m;
    if (post && p === '/v3/pay/transactions/jsapi') return jsapiOrder(b, reply);
    if (post && p === '/v3/pay/partner/transactions/jsapi') return partnerJsapiOrder(b, reply);
    if (!post && (m = /^\/v3\/pay\/partner\/transactions\/out-trade-no\/([^/]+)$/.exec(p))) return queryOrder(orders.get(m[1]), url.searchParams.get('sp_mchid'), reply, url.searchParams.get('sub_mchid') || 'none');
    if (!post && (m = /^\/v3\/pay\/partner\/transactions\/id\/([^/]+)$/.exec(p))) return queryOrder(orderByTransactionId(m[1]), url.searchParams.get('sp_mchid'), reply, url.searchParams.get('sub_mchid') || 'none');
    if (post && (m = /^\/v3\/pay\/partner\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(p))) return closeOrder(orders.get(m[1]), Object.assign({}, b, { sub_mchid: b.sub_mchid || 'none' }), reply);
    if (post && p === '/v3/refund/domestic/refunds') return refund(b, reply);
    if (!post && p === '/v3/certificates') return certificates(reply);
    if (post && p === '/v3/fund-app/mch-transfer/transfer-bills') return transferBill(b, req.headers['wechatpay-serial'], reply);
    if (!post && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(p))) return queryOrder(orders.get(m[1]), url.searchParams.get('mchid'), reply);
    if (!post && (m = /^\/v3\/pay\/transactions\/id\/([^/]+)$/.exec(p))) return queryOrder(orderByTransactionId(m[1]), url.searchParams.get('mchid'), reply);
    if (post && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(p))) return closeOrder(orders.get(m[1]), b, reply);
    if (!post && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p))) return queryRefund(m[1], reply, url.searchParams.get('sub_mchid'));
    if (!post && (m = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(p))) return queryTransferBill(m[1], reply);
    if (post && (m = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)\/cancel$/.exec(p))) return cancelTransferBill(m[1], reply);
    return reply.fail(404, 'NOT_FOUND', '无此接口');
  }

  // --- wx.requestPayment with signType RSA --------------------------------

  function paySignMatches(order, b) {
    const message = `${order.appid}\n${b.timeStamp}\n${b.nonceStr}\n${b.package}\n`;
    return /^[A-Za-z0-9+/]+={0,2}$/.test(b.paySign) &&
      crypto.verify('sha256', Buffer.from(message), keys.merchantPublicKey, Buffer.from(b.paySign, 'base64'));
  }

  // --- the notification (支付成功通知) -----------------------------------

  function encrypt(plaintext, apiV3Key, type) {
    const nonce = ctx.randomAlnum(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(type));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { original_type: type, algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: type, nonce };
  }

  /**
   * A notification of `event_type` whose resource (`type`) is `plain`, encrypted:
   * {body, headers, accepted(r), again()}; `again` signs the same body anew, as a
   * retry does. `over`: the forgeries' changes.
   */
  function signedNotification({ id, event_type, summary, type, plain }, over = {}) {
    const body = JSON.stringify({
      id,
      create_time: rfc3339(),
      resource_type: 'encrypt-resource',
      event_type,
      summary,
      resource: encrypt(JSON.stringify(plain), over.apiV3Key || keys.apiV3Key, type),
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

  /** The payment notification (支付成功通知) of `order`. */
  function notification(order, over = {}) {
    const success_time = rfc3339();
    const plain = {
      ...parties(order),
      out_trade_no: over.outTradeNo || order.outTradeNo,
      transaction_id: order.transactionId || (order.transactionId = ctx.newTransactionId()),
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time,
      amount: { total: over.total || order.totalFee, payer_total: over.total || order.totalFee, currency: 'CNY', payer_currency: 'CNY' },
    };
    const id = order.notifyId || (order.notifyId = crypto.randomUUID());
    return signedNotification({ id, event_type: 'TRANSACTION.SUCCESS', summary: '支付成功', type: 'transaction', plain }, over);
  }

  const FORGERIES = {
    // Not a forgery: correctly signed and encrypted (the control for the others).
    genuine: () => ({}),
    // Signed by a key that is not WeChat Pay's.
    'bad-sign': () => ({ key: otherKey() }),
    // Signed, then the body changed.
    tampered: () => ({ tamper: (body) => body.replace('"summary":"支付成功"', '"summary":"支付成功 "') }),
    // Signed ten minutes ago.
    stale: () => ({ timestamp: String(Math.floor(Date.now() / 1000) - 600) }),
    // WeChat Pay's signature probe.
    probe: () => ({ signature: (s) => 'WECHATPAY/SIGNTEST/' + s }),
    // A serial the merchant does not know.
    'unknown-serial': () => ({ serial: UNKNOWN_SERIAL }),
    // Correctly signed, the resource encrypted with another APIv3 key.
    'wrong-api-v3-key': () => ({ apiV3Key: ctx.randomAlnum(32) }),
    // Correctly signed and encrypted, but for another amount.
    'wrong-fee': (o) => ({ total: o.totalFee + 1 }),
  };

  return { handle, setFault, paySignMatches, notification, FORGERIES, transfers, transferSheet };
}

module.exports = { emulatorV3, parseAuthorization };

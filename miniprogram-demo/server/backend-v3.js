// The API v3 part of the demo backend (backend.js routes to it), all with the
// package's v3 client: orders placed with JSAPI下单 (Authorization signed with the
// merchant key, the answer's status read, then verified with the WeChat Pay public key),
// the page's RSA parameters, the notification (verified, then its resource
// decrypted with the APIv3 key), 查询订单 when the notification has not arrived, and the
// refund (申请退款, then its REFUND.SUCCESS notification). Keys: config.v3 (keys-v3.js);
// never logged or sent.
'use strict';

const { HttpError, readBody, sendJson } = require('./http-util');

/** Why an answer or notification is not WeChat Pay's: the codes of verify. */
const UNVERIFIED = new Set(['MissingHeader', 'RepeatedHeader', 'UnknownSerial', 'CertificateExpired', 'TimestampOutOfWindow', 'SignatureProbe', 'InvalidSignature', 'UnsupportedAlgorithm']);

/**
 * @param {object} ctx from backend.js: wxpay (the package), config, payBase, say, timeoutMs
 */
function merchantV3(ctx) {
  const { v3 } = ctx.wxpay;
  const { config, say } = ctx;
  const keys = config.v3;
  if (!keys || !keys.merchantPrivateKey || !keys.merchantSerialNo || !keys.wechatpayPublicKeyId || !keys.wechatpayPublicKey || !keys.apiV3Key) {
    throw new Error('startBackend: config.v3 needs merchantPrivateKey, merchantSerialNo, wechatpayPublicKeyId, wechatpayPublicKey and apiV3Key');
  }
  // Made once, as a server holds it: the keys are read and checked here, not per call.
  const client = v3.client({
    mchId: config.mchId,
    serialNo: keys.merchantSerialNo,
    privateKey: keys.merchantPrivateKey,
    publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey },
    apiV3Key: keys.apiV3Key,
    baseUrl: ctx.payBase,
    timeoutMs: ctx.timeoutMs,
  });
  /** Wechatpay-Timestamp + nonce of verified notifications → when the window closes on them. */
  const seen = new Map();

  /** The JSAPI order's body, fixed at order time so that a retry sends the same one. */
  function orderRequest(order, notifyUrl) {
    return {
      appid: config.appId,
      mchid: config.mchId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      notify_url: notifyUrl,
      amount: { total: order.totalFee, currency: 'CNY' },
      payer: { openid: order.openid },
    };
  }

  /** `client[method](argument)`; a WeChat Pay failure becomes HttpError(502, <WeChat's code>, …). */
  async function call(method, argument, what) {
    try {
      return await client[method](argument);
    } catch (e) {
      say(`v3 ${what} ← REFUSED: ${e.code}`, { status: e.status, wechatpayCode: e.wechatpayCode });
      if (e.code === 'ApiError') {
        throw new HttpError(502, e.wechatpayCode || 'WXPAY_ERROR', e.wechatpayMessage || e.message, { upstream: { code: e.wechatpayCode, message: e.wechatpayMessage } });
      }
      if (e.code === 'NetworkError' || e.code === 'Timeout') throw new HttpError(502, 'WXPAY_UNREACHABLE', 'WeChat Pay did not answer: ' + e.message);
      if (e.code === 'UnexpectedAnswer') throw new HttpError(502, 'WXPAY_BAD_RESPONSE', e.message);
      if (UNVERIFIED.has(e.code)) throw new HttpError(502, 'WXPAY_BAD_SIGNATURE', `WeChat Pay's answer does not verify (${e.code}): refused`);
      throw e;
    }
  }

  /** JSAPI下单: resolves to the prepay_id; throws HttpError(502, <WeChat's code>, …). */
  async function prepay(order) {
    say('v3 jsapi → WeChat Pay (Authorization signed with the merchant key)', { out_trade_no: order.outTradeNo, total: order.totalFee });
    const placed = await call('jsapiOrder', order.request, 'jsapi');
    say('v3 jsapi ← 200, Wechatpay-Signature verified', { out_trade_no: order.outTradeNo, prepay_id: placed.prepayId });
    return placed.prepayId;
  }

  /** Marks `order` paid by a verified transaction that matches it, learnt by `how`: 'notification' or 'query'. */
  function markPaid(order, transaction, how) {
    order.status = 'SUCCESS';
    order.transactionId = transaction.transaction_id || null;
    order.timeEnd = transaction.success_time || null;
    order.paidAt = new Date().toISOString();
    order.paidBy = how;
    say(how === 'query' ? 'v3 query: no notification yet, the verified answer says SUCCESS: order PAID' : 'notify v3: signature verified, resource decrypted, order PAID', { out_trade_no: order.outTradeNo, transaction_id: order.transactionId, total: transaction.amount.total });
  }

  /** Why a verified transaction does not belong to `order`, or null. */
  function mismatch(order, transaction) {
    if (transaction.mchid !== config.mchId || transaction.appid !== config.appId) return '商户信息不一致';
    if (!transaction.payer || transaction.payer.openid !== order.openid) return '用户不一致';
    if (!transaction.amount || transaction.amount.total !== order.totalFee) return '金额不一致';
    return null;
  }

  /**
   * 查询订单, for an order the page saw paid whose notification has not arrived: a
   * verified SUCCESS answer for this order pays it, as the notification would have.
   */
  async function queryOrder(order) {
    if (order.status !== 'NOTPAY') return order;
    const transaction = await call('queryOrder', { outTradeNo: order.outTradeNo }, 'query');
    say('v3 query ← ' + transaction.trade_state + ', Wechatpay-Signature verified', { out_trade_no: order.outTradeNo });
    const wrong = transaction.trade_state === 'SUCCESS' && mismatch(order, transaction);
    if (wrong) throw new HttpError(502, 'WXPAY_MISMATCH', `WeChat Pay's order differs from ours: ${wrong}`);
    if (transaction.trade_state === 'SUCCESS') markPaid(order, transaction, 'query');
    return order;
  }

  /**
   * 申请退款 of the whole order; the refund is PROCESSING until its REFUND.SUCCESS
   * notification. Asked again, the same out_refund_no refunds once.
   */
  async function refund(order, notifyUrl) {
    if (order.status !== 'SUCCESS' && order.status !== 'REFUND') throw new HttpError(409, 'ORDER_NOT_PAID', 'only a paid order can be refunded');
    const outRefundNo = 'R' + order.outTradeNo;
    const r = await call('refund', {
      out_trade_no: order.outTradeNo, out_refund_no: outRefundNo, reason: '演示退款', notify_url: notifyUrl,
      amount: { refund: order.totalFee, total: order.totalFee, currency: 'CNY' },
    }, 'refund');
    say('v3 refund ← ' + r.status + ', Wechatpay-Signature verified', { out_trade_no: order.outTradeNo, out_refund_no: outRefundNo });
    if (!order.refund || order.refund.status !== 'SUCCESS') order.refund = { outRefundNo, status: r.status, successTime: null };
    return order;
  }

  /** A verified REFUND.* notification → 204, the order marked refunded on REFUND.SUCCESS. */
  function refunded(n, res, orders, refuse) {
    const r = n.resource;
    const order = orders.get(r.out_trade_no);
    if (r.mchid !== config.mchId) return refuse(400, '商户信息不一致', 'another mchid');
    if (!order || !order.refund || order.refund.outRefundNo !== r.out_refund_no) return refuse(400, '退款单不存在', 'unknown refund', { out_refund_no: r.out_refund_no });
    if (!r.amount || r.amount.refund !== order.totalFee) return refuse(400, '金额不一致', 'refund amount differs');
    if (n.eventType === 'REFUND.SUCCESS' && order.refund.status !== 'SUCCESS') {
      order.refund.status = 'SUCCESS';
      order.refund.successTime = r.success_time || null;
      order.status = 'REFUND';
      say('notify v3: REFUND.SUCCESS verified and decrypted, order REFUNDED', { out_trade_no: order.outTradeNo, out_refund_no: r.out_refund_no });
    } else {
      say('notify v3: ' + n.eventType + ' verified: nothing changed', { out_trade_no: order.outTradeNo, refund_status: r.refund_status });
    }
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  /** The page's five parameters, signType RSA, signed with the merchant private key. */
  function payParams(order) {
    return client.buildPayParams({ appId: config.appId, prepayId: order.prepayId });
  }

  /**
   * POST <notify path v3>. Verified before anything is read from it; an exact replay
   * (a Wechatpay-Timestamp and nonce already seen) is refused: WeChat Pay signs every
   * delivery anew, and one older than the window fails verify anyway.
   * 200 = received; 4xx {code: 'FAIL', message} = WeChat Pay sends it again later.
   */
  async function notify(req, res, orders) {
    const refuse = (status, message, log, data) => {
      say('notify v3: REFUSED, ' + log, data);
      sendJson(res, status, { code: 'FAIL', message });
    };
    let text;
    try {
      text = await readBody(req);
    } catch (e) {
      return refuse(400, '报文读取失败', 'unreadable body', { code: e.code });
    }
    let n;
    try {
      n = await client.parseNotification({ headers: req.headers, body: text });
    } catch (e) {
      if (UNVERIFIED.has(e.code)) return refuse(401, '签名错误', e.code, { message: e.message });
      return refuse(400, '解密失败', 'resource does not decrypt: ' + e.code);
    }
    const now = Date.now();
    for (const [k, until] of seen) if (until < now) seen.delete(k);
    const id = req.headers['wechatpay-timestamp'] + '\n' + req.headers['wechatpay-nonce'];
    if (seen.has(id)) return refuse(400, '重复的通知', 'replayed (the same Wechatpay-Timestamp and nonce again)');
    seen.set(id, now + 10 * 60 * 1000);

    if (n.eventType.startsWith('REFUND.')) return refunded(n, res, orders, refuse);
    const transaction = n.resource;
    if (transaction.mchid !== config.mchId || transaction.appid !== config.appId) {
      return refuse(400, '商户信息不一致', 'another appid or mchid');
    }
    const order = orders.get(transaction.out_trade_no);
    if (!order || order.signType !== 'RSA') return refuse(400, '订单不存在', 'unknown order', { out_trade_no: transaction.out_trade_no });
    const wrong = mismatch(order, transaction);
    if (wrong) return refuse(400, wrong, 'differs from the order', { total: transaction.amount && transaction.amount.total, order: order.totalFee });
    order.notifyCount += 1;
    if (transaction.trade_state !== 'SUCCESS') {
      say('notify v3: verified, trade_state ' + transaction.trade_state + ': order stays ' + order.status, { out_trade_no: order.outTradeNo });
    } else if (order.status !== 'NOTPAY') {
      say('notify v3: verified, order already paid: nothing changed', { out_trade_no: order.outTradeNo, transaction_id: transaction.transaction_id });
    } else {
      markPaid(order, transaction, 'notification');
    }
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  return { orderRequest, prepay, payParams, notify, queryOrder, refund };
}

module.exports = { merchantV3 };

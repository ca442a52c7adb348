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

  // --- 商家转账: a withdrawal the user confirms on the page ------------------
  //   POST /api/transfers         {openid, amount} → {outBillNo, state, pageParams}
  //   GET  /api/transfers/:no     → {outBillNo, state, transferBillNo} (the notification's word)
  //   POST /api/transfers/:no/cancel  撤销转账 (the merchant's; before the user confirms)
  //   POST /api/transfers/notify  MCHTRANSFER.BILL.FINISHED (notify_url of every bill)

  /** out_bill_no → the withdrawal as the merchant books it. */
  const withdrawals = new Map();
  let billSerial = 0;

  async function createTransfer(req, res, notifyUrl) {
    const b = JSON.parse((await readBody(req)) || '{}');
    if (typeof b.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(b.openid)) throw new HttpError(400, 'INVALID_OPENID', 'openid is required (from /api/login)');
    if (!Number.isSafeInteger(b.amount) || b.amount < 1 || b.amount > config.maxTotalFee) throw new HttpError(400, 'INVALID_AMOUNT', 'amount must be fen, 1 to ' + config.maxTotalFee);
    const outBillNo = 'W' + Date.now() + String(++billSerial).padStart(4, '0');
    say('v3 transfer → WeChat Pay (user_name encrypted with the WeChat Pay public key)', { out_bill_no: outBillNo, amount: b.amount });
    let created;
    try {
      created = await client.transferBill({
        appid: config.appId,
        out_bill_no: outBillNo,
        transfer_scene_id: config.transferSceneId,
        openid: b.openid,
        transfer_amount: b.amount,
        transfer_remark: '演示提现',
        // DEMO name: the client encrypts it (RSA-OAEP) and sends the key's serial.
        user_name: '演示用户',
        notify_url: notifyUrl,
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: 'wxpay-wasm 演示' },
          { info_type: '奖励说明', info_content: '演示提现' },
        ],
      });
    } catch (e) {
      say('v3 transfer ← REFUSED: ' + e.code, { status: e.status, wechatpayCode: e.wechatpayCode });
      if (e.code === 'ApiError') throw new HttpError(502, e.wechatpayCode || 'WXPAY_ERROR', e.wechatpayMessage || e.message);
      throw new HttpError(502, UNVERIFIED.has(e.code) ? 'WXPAY_BAD_SIGNATURE' : 'WXPAY_UNREACHABLE', e.message);
    }
    withdrawals.set(outBillNo, { outBillNo, openid: b.openid, amount: b.amount, state: created.state, transferBillNo: created.transferBillNo });
    say('v3 transfer ← ' + created.state + ', answer verified; package_info goes to the page', { out_bill_no: outBillNo });
    sendJson(res, 200, { outBillNo, state: created.state, pageParams: created.pageParams });
  }

  /** MCHTRANSFER.BILL.FINISHED: verified, decrypted, checked against the books, then 204. */
  async function transferNotify(req, res) {
    const refuse = (status, message, log) => {
      say('transfer notify: REFUSED, ' + log);
      sendJson(res, status, { code: 'FAIL', message });
    };
    let n;
    try {
      n = await client.parseNotification({ headers: req.headers, body: await readBody(req) });
    } catch (e) {
      return refuse(UNVERIFIED.has(e.code) ? 401 : 400, UNVERIFIED.has(e.code) ? '签名错误' : '解密失败', e.code);
    }
    const bill = n.resource;
    const mine = withdrawals.get(bill.out_bill_no);
    if (n.eventType !== 'MCHTRANSFER.BILL.FINISHED' || bill.mch_id !== config.mchId || !mine) return refuse(400, '单据不存在', 'unknown bill');
    if (bill.transfer_amount !== mine.amount || bill.openid !== mine.openid) return refuse(400, '单据不一致', 'amount or openid differs from the bill');
    mine.state = bill.state;
    say('transfer notify: verified, decrypted, bill ' + bill.state, { out_bill_no: bill.out_bill_no });
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  /** The /api/transfers routes, or null when `p` is none of them. */
  function transfers(req, res, p, notifyUrl) {
    if (p === '/api/transfers' && req.method === 'POST') return createTransfer(req, res, notifyUrl('/api/transfers/notify'));
    if (p === '/api/transfers/notify' && req.method === 'POST') return transferNotify(req, res);
    const m = /^\/api\/transfers\/([0-9A-Za-z]+)(\/cancel)?$/.exec(p);
    if (m && m[2] && req.method === 'POST') return cancelTransfer(res, m[1]);
    return m && !m[2] && req.method === 'GET' ? transferStatus(res, m[1]) : null;
  }

  /** 撤销转账 before the user confirms: WeChat Pay answers CANCELING; the notification says CANCELLED. */
  async function cancelTransfer(res, outBillNo) {
    if (!withdrawals.has(outBillNo)) throw new HttpError(404, 'NOT_FOUND', 'no such withdrawal');
    const answer = await client.cancelTransferBill(outBillNo);
    say('v3 transfer cancel ← ' + answer.state, { out_bill_no: outBillNo });
    sendJson(res, 200, { outBillNo, state: answer.state });
  }

  async function transferStatus(res, outBillNo) {
    const mine = withdrawals.get(outBillNo);
    if (!mine) throw new HttpError(404, 'NOT_FOUND', 'no such withdrawal');
    sendJson(res, 200, { outBillNo: mine.outBillNo, state: mine.state, transferBillNo: mine.transferBillNo });
  }

  return { orderRequest, prepay, payParams, notify, queryOrder, refund, transfers, withdrawals };
}

module.exports = { merchantV3 };

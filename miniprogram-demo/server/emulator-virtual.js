// The 虚拟支付 (virtual payment) part of the emulator (emulator.js routes to it): what WeChat
// does around wx.requestVirtualPayment, for the demo's drama page.
//
//   GET  /sns/jscode2session    ?appid&secret&js_code → {openid, session_key}: a new
//                               session_key per login, the user's current one from then on
//   POST /xpay/push-url         {url}: where 发货 pushes go (mp 后台 → 虚拟支付 → 发货推送配置)
//   POST /xpay/confirm          {signData, mode, paySig, signature}: what the sheet sends when
//                               the user pays → {errMsg, errCode?}
//   → POST <push url>           {Event: 'xpay_goods_deliver_notify', …} once paid, again until
//                               the backend answers {ErrCode: 0}
//
// paySig and signature are checked with Node's own HMAC, written independently of the
// package: paySig with the AppKey of signData's env (1: sandbox), signature with the current
// session_key of some user (WeChat knows who is paying; the stand-in finds the user whose key
// made it). The push is not signed (the real one is, with the 消息推送 Token): DEMO ONLY.
'use strict';

const crypto = require('crypto');
const { HttpError, readJson, sendJson, request } = require('./http-util');

const hmacHex = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** A's equal to B, in time independent of where they differ. */
function sameHex(a, b) {
  return typeof a === 'string' && a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * @param {object} ctx from emulator.js: config (appId, appSecret, virtualPayment, and
 *   virtualKeys {appKey, sandboxAppKey}), say, timeoutMs, signal
 */
function emulatorVirtual(ctx) {
  const { config, say } = ctx;
  const goods = config.virtualPayment;
  const keys = config.virtualKeys;
  /** openid → the session_key of that user's last login. */
  const sessions = new Map();
  /** outTradeNo → the paid order, so that an order number is used once. */
  const paid = new Map();
  let pushUrl = null;

  function code2Session(url) {
    const q = url.searchParams;
    if (q.get('appid') !== config.appId || q.get('secret') !== config.appSecret) {
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    }
    const code = q.get('js_code');
    if (!code) return { errcode: 40029, errmsg: 'invalid code' };
    const openid = 'o' + hmacHex(config.appSecret, 'openid\n' + code).slice(0, 27);
    const sessionKey = crypto.randomBytes(16).toString('base64');
    sessions.set(openid, sessionKey);
    say('jscode2session: a new session_key for the user', { openid });
    return { openid, session_key: sessionKey };
  }

  /** The payer: the user whose current session_key made `signature`, or null. */
  function payerOf(signData, signature) {
    for (const [openid, key] of sessions) if (sameHex(signature, hmacHex(key, signData))) return openid;
    return null;
  }

  const refused = (errCode, errMsg) => ({ errMsg: 'requestVirtualPayment:fail ' + errMsg, errCode });

  function confirm(b) {
    let data;
    try {
      data = JSON.parse(b.signData);
    } catch (e) {
      return refused(-15001, 'signData is not JSON');
    }
    const appKey = data.env === 1 ? keys.sandboxAppKey : keys.appKey;
    if (!sameHex(b.paySig, hmacHex(appKey, 'requestVirtualPayment&' + b.signData))) return refused(-15006, 'PAYSIG_INVALID');
    const openid = payerOf(b.signData, b.signature);
    if (!openid) return refused(-15005, 'SIGNATURE_INVALID');
    if (data.offerId !== goods.offerId) return refused(-15001, 'offerId is not this mini-program\'s');
    const item = goods.items.find((i) => i.productId === data.productId);
    if (b.mode !== 'short_series_goods' || !item) return refused(-15001, 'no such 道具 (productId)');
    if (data.goodsPrice !== item.price || data.buyQuantity !== 1) return refused(-15001, 'goodsPrice differs from 道具管理');
    if (paid.has(data.outTradeNo)) return refused(-15001, 'outTradeNo used already');
    const order = { openid, data, transactionId: '4200' + String(Date.now()).slice(-10) + crypto.randomInt(1e9, 1e10), deliveries: 0 };
    paid.set(data.outTradeNo, order);
    say('xpay: paySig and signature verified, paid', { out_trade_no: data.outTradeNo, openid, price: item.price });
    push(order, 0);
    return { errMsg: 'requestVirtualPayment:ok' };
  }

  /** 发货推送 until the backend answers ErrCode 0 (WeChat retries for hours; the demo a few times). */
  function push(order, attempt) {
    if (!pushUrl) return say('xpay: no push url configured: nothing delivered', { out_trade_no: order.data.outTradeNo });
    const d = order.data;
    const body = {
      ToUserName: 'gh_demo', FromUserName: 'o_wechat_official', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event',
      Event: 'xpay_goods_deliver_notify', OpenId: order.openid, OutTradeNo: d.outTradeNo, Env: d.env || 0,
      WeChatPayInfo: { MchOrderNo: d.outTradeNo, TransactionId: order.transactionId, PaidTime: Math.floor(Date.now() / 1000) },
      GoodsInfo: { ProductId: d.productId, Quantity: d.buyQuantity, OrigPrice: d.goodsPrice, ActualPrice: d.goodsPrice, Attach: d.attach },
    };
    order.deliveries += 1;
    request(pushUrl, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, timeoutMs: ctx.timeoutMs, signal: ctx.signal })
      .then((r) => JSON.parse(r.body))
      .then((answer) => {
        if (answer.ErrCode !== 0) throw new Error('ErrCode ' + answer.ErrCode);
        say('xpay: 发货 push answered success', { out_trade_no: d.outTradeNo });
      })
      .catch((e) => {
        say('xpay: 发货 push not accepted: ' + e.message, { out_trade_no: d.outTradeNo, attempt });
        if (attempt < 2 && !ctx.signal.aborted) ctx.later(() => push(order, attempt + 1), 200);
      });
  }

  async function handle(req, res, url) {
    if (url.pathname === '/sns/jscode2session' && req.method === 'GET') return sendJson(res, 200, code2Session(url));
    if (url.pathname === '/xpay/push-url' && req.method === 'POST') {
      pushUrl = String((await readJson(req)).url);
      say('xpay: 发货 pushes go to ' + pushUrl);
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === '/xpay/confirm' && req.method === 'POST') return sendJson(res, 200, confirm(await readJson(req)));
    throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`);
  }

  return { handle };
}

module.exports = { emulatorVirtual };

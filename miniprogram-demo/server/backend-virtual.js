// The 虚拟支付 (virtual payment) part of the demo backend (backend.js routes to it): the drama
// page's order, signed with the package's v3.virtualPayment, and the 发货 push.
//
//   POST /api/virtual/orders      {code, productId} → {orderId, mode, signData, paySig,
//                                 signature, productId, price}: wx.login's code is traded for
//                                 the user's session_key (jscode2session), signData is made
//                                 once and signed with the AppKey and that session_key
//   GET  /api/virtual/orders/:id  → {orderId, status: NOTPAY | DELIVERED, transactionId}
//   POST /api/virtual/deliver     WeChat's xpay_goods_deliver_notify → {ErrCode, ErrMsg}
//
// The AppKey and the session_key stay here: never logged, never sent to the page.
'use strict';

const { HttpError, readJson, sendJson, request } = require('./http-util');
const { demoVirtualKeys } = require('./keys-virtual');

const DELIVER_PATH = '/api/virtual/deliver';

/**
 * @param {object} ctx from backend.js: wxpay (the package), config, payBase, say, timeoutMs, signal, newOutTradeNo
 */
function merchantVirtual(ctx) {
  const { config, say } = ctx;
  const goods = config.virtualPayment;
  const keys = config.virtualKeys || demoVirtualKeys;
  /** outTradeNo → order */
  const orders = new Map();

  /** jscode2session at WeChat (the emulator): → {openid, session_key}. */
  async function code2Session(code) {
    const q = new URLSearchParams({ appid: config.appId, secret: config.appSecret, js_code: code, grant_type: 'authorization_code' });
    const r = await request(`${ctx.payBase}/sns/jscode2session?${q}`, { method: 'GET', timeoutMs: ctx.timeoutMs, signal: ctx.signal });
    const session = JSON.parse(r.body);
    if (!session.session_key) throw new HttpError(502, 'CODE2SESSION', 'jscode2session: ' + session.errmsg);
    return session;
  }

  async function createOrder(req, res) {
    const b = await readJson(req);
    const item = goods.items.find((i) => i.productId === b.productId);
    if (!item) throw new HttpError(400, 'NO_SUCH_ITEM', 'productId is not a 道具 of this demo');
    if (typeof b.code !== 'string' || !b.code) throw new HttpError(400, 'NO_CODE', 'code (from wx.login) is required');
    const session = await code2Session(b.code);
    const outTradeNo = ctx.newOutTradeNo();
    // Stringified once, here: the page passes this very text, and both signatures are over it.
    const signData = JSON.stringify({
      offerId: goods.offerId, buyQuantity: 1, env: goods.env, currencyType: 'CNY',
      productId: item.productId, goodsPrice: item.price, outTradeNo, attach: item.productId,
    });
    const appKey = goods.env === 1 ? keys.sandboxAppKey : keys.appKey;
    const signed = ctx.wxpay.v3.virtualPayment({ signData, appKey, sessionKey: session.session_key });
    orders.set(outTradeNo, { outTradeNo, openid: session.openid, item, status: 'NOTPAY', transactionId: null });
    say('virtual order: signData signed with the AppKey and the session_key', { out_trade_no: outTradeNo, productId: item.productId, price: item.price });
    sendJson(res, 200, { orderId: outTradeNo, mode: 'short_series_goods', ...signed, productId: item.productId, price: item.price });
  }

  /** 发货: once per order, however often WeChat pushes; the same answer every time. */
  async function deliver(req, res) {
    const n = await readJson(req);
    const order = orders.get(n.OutTradeNo);
    const g = n.GoodsInfo || {};
    if (n.Event !== 'xpay_goods_deliver_notify' || !order || n.OpenId !== order.openid || g.ProductId !== order.item.productId || g.ActualPrice !== order.item.price) {
      say('virtual 发货: REFUSED, not an order of ours as placed', { out_trade_no: n.OutTradeNo });
      return sendJson(res, 200, { ErrCode: 1, ErrMsg: 'unknown order' });
    }
    if (order.status !== 'DELIVERED') {
      order.status = 'DELIVERED';
      order.transactionId = n.WeChatPayInfo && n.WeChatPayInfo.TransactionId;
      say('virtual 发货: delivered ' + order.item.name, { out_trade_no: order.outTradeNo });
    }
    sendJson(res, 200, { ErrCode: 0, ErrMsg: 'success' });
  }

  /** Tells WeChat (the emulator) where 发货 pushes go, as mp 后台's 发货推送配置 does. */
  async function configurePush(baseUrl) {
    await request(`${ctx.payBase}/xpay/push-url`, {
      method: 'POST', body: JSON.stringify({ url: baseUrl + DELIVER_PATH }), headers: { 'Content-Type': 'application/json' },
      timeoutMs: ctx.timeoutMs, signal: ctx.signal,
    });
  }

  async function handle(req, res, p) {
    if (p === '/api/virtual/orders' && req.method === 'POST') return createOrder(req, res);
    if (p === DELIVER_PATH && req.method === 'POST') return deliver(req, res);
    const m = /^\/api\/virtual\/orders\/([^/]+)$/.exec(p);
    const order = m && req.method === 'GET' && orders.get(decodeURIComponent(m[1]));
    if (!order) throw new HttpError(404, 'NOT_FOUND', `no route or order ${req.method} ${p}`);
    sendJson(res, 200, { orderId: order.outTradeNo, status: order.status, transactionId: order.transactionId });
  }

  return { handle, configurePush };
}

module.exports = { merchantVirtual };

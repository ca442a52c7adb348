// The 虚拟支付 page: a short-drama episode (道具直购). wx.login → backend /api/virtual/orders
// (jscode2session, signData made and signed there with the AppKey and the session_key) →
// wxpay.requestVirtualPayment with signData exactly as the server signed it → the backend's
// 发货 (WeChat's xpay_goods_deliver_notify), polled. No key is ever on the page.
// A Component() so that WeChat's miniprogram-simulate can drive it.
const wxpay = require('wxpay-wasm');
const config = require('../../demo-config.js');
const yuan = require('../../yuan.js');

const ITEM = config.virtualPayment.items[0];

/** The backend's JSON answer to `method path`; an error answer or a failed request rejects. */
function backend(method, path, data) {
  const app = getApp();
  const base = (app && app.globalData && app.globalData.backendUrl) || config.backendUrl;
  return new Promise((resolve, reject) => {
    const failed = (message) => reject(Object.assign(new Error(message), { code: 'BACKEND' }));
    wx.request({
      url: base + path,
      method,
      data,
      header: { 'content-type': 'application/json' },
      success: (res) => (res.statusCode === 200 ? resolve(res.data) : failed(((res.data && res.data.error) || {}).message || 'HTTP ' + res.statusCode)),
      fail: (res) => failed('网络请求失败: ' + res.errMsg),
    });
  });
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The 发货 WeChat pushes to the backend after the sheet's ok: polled for a few seconds. */
async function delivery(orderId) {
  for (let i = 0; i < 20; i++) {
    const order = await backend('GET', '/api/virtual/orders/' + encodeURIComponent(orderId));
    if (order.status === 'DELIVERED') return '已发货: ' + ITEM.name + ' 已解锁 (微信支付订单号 ' + order.transactionId + ')';
    await wait(250);
  }
  return '尚未收到发货推送';
}

Component({
  data: {
    name: ITEM.name,
    price: yuan(ITEM.price),
    buying: false,
    status: 'idle', // idle | buying | paid | cancelled | failed
    statusText: '',
    errMsg: '',
    orderId: '',
    deliverText: '',
    signData: '',
    steps: [],
  },

  methods: {
    step(text) {
      this.setData({ steps: this.data.steps.concat([text]) });
    },

    async onBuy() {
      if (this.data.buying) return;
      this.setData({ buying: true, status: 'buying', statusText: '购买中…', errMsg: '', orderId: '', deliverText: '', signData: '', steps: [] });
      try {
        const code = await new Promise((resolve, reject) => wx.login({ success: (res) => resolve(res.code), fail: reject }));
        this.step('wx.login → code');
        const order = await backend('POST', '/api/virtual/orders', { code, productId: ITEM.productId });
        this.setData({ orderId: order.orderId, signData: order.signData });
        this.step('服务端已签名 signData: paySig (AppKey), signature (session_key)');
        // signData goes on as the very string the server signed: never parsed and stringified again.
        await wxpay.requestVirtualPayment({ signData: order.signData, mode: order.mode, paySig: order.paySig, signature: order.signature });
        this.step('wx.requestVirtualPayment → ok');
        this.setData({ status: 'paid', statusText: '支付成功' });
        const deliverText = await delivery(order.orderId).catch((e) => '查询订单失败: ' + e.message);
        this.step(deliverText);
        this.setData({ deliverText });
      } catch (e) {
        const cancelled = e.code === 'CANCELLED';
        this.step(cancelled ? 'wx.requestVirtualPayment → cancel' : '失败: ' + (e.errMsg || e.message));
        this.setData(cancelled
          ? { status: 'cancelled', statusText: '已取消支付' }
          : { status: 'failed', statusText: '支付失败', errMsg: (e.code ? e.code + ': ' : '') + (e.errMsg || e.message) });
      } finally {
        this.setData({ buying: false });
      }
    },
  },
});

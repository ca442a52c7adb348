// The pay page: wx.login → backend /api/login → backend /api/orders (统一下单, or API
// v3 JSAPI下单) → paySign made here (wxpay.buildPayParams, v2 only) or by the server
// (/api/pay-params; for v3 an RSA signature with the merchant private key) →
// wxpay.requestPayment. A Component() so that WeChat's miniprogram-simulate can drive it.
const wxpay = require('wxpay-wasm');
const config = require('../../demo-config.js');
const yuan = require('../../yuan.js');
const { call, login } = require('../../backend-call.js');

const MODES = {
  device: '签名在小程序',
  server: '签名在服务端',
  v3: 'API v3 (RSA, 服务端签名)',
};

const post = (path, data) => call('POST', path, data);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the backend learnt from WeChat Pay's notification, polled a few seconds after the ok. */
async function notificationResult(orderId) {
  for (let i = 0; i < 20; i++) {
    const order = await call('GET', '/api/orders/' + encodeURIComponent(orderId));
    if (order.status === 'SUCCESS') return '支付通知已到达: 订单已支付 (微信支付订单号 ' + order.transactionId + ')';
    await sleep(250);
  }
  return '尚未收到支付通知: 订单仍未支付';
}

Component({
  data: {
    item: config.defaultItem,
    totalFee: config.defaultTotalFee,
    amount: yuan(config.defaultTotalFee),
    mode: 'device',
    modes: [
      { value: 'device', label: MODES.device },
      { value: 'server', label: MODES.server },
      { value: 'v3', label: MODES.v3 },
    ],
    paying: false,
    status: 'idle', // idle | paying | paid | cancelled | failed
    statusText: '',
    errMsg: '',
    orderId: '',
    notifyText: '',
    sentParams: null,
    steps: [],
  },

  methods: {
    onModeChange(e) {
      if (!this.data.paying) this.setData({ mode: e.detail.value });
    },

    step(text) {
      this.setData({ steps: this.data.steps.concat([text]) });
    },

    async onPay() {
      if (this.data.paying) return;
      this.setData({ paying: true, status: 'paying', statusText: '支付中…', errMsg: '', orderId: '', notifyText: '', sentParams: null, steps: [] });
      try {
        const code = await login();
        this.step('wx.login → code');
        const { openid } = await post('/api/login', { code });
        this.step('登录成功 openid=' + openid);
        // API v3 orders are signType RSA: the backend orders and signs with its private key.
        const signType = this.data.mode === 'v3' ? 'RSA' : undefined;
        const order = await post('/api/orders', { openid, item: this.data.item, totalFee: this.data.totalFee, signType });
        this.setData({ orderId: order.orderId });
        this.step('下单成功 ' + order.orderId + ' prepay_id=' + order.prepayId);
        let params;
        if (this.data.mode === 'device') {
          await wxpay.init();
          params = wxpay.buildPayParams({
            appId: config.appId,
            prepayId: order.prepayId,
            key: config.apiKey, // DEMO key: on the device only for this demo (see SECURITY.md)
            signType: config.signType,
          });
          this.step('paySign 已在小程序内生成 (' + params.signType + ')');
        } else {
          params = await post('/api/pay-params', { orderId: order.orderId });
          this.step('paySign 已由服务端生成 (' + params.signType + ')');
        }
        this.setData({ sentParams: params });
        await wxpay.requestPayment(params);
        this.step('wx.requestPayment → ok');
        this.setData({ status: 'paid', statusText: '支付成功' });
        const notifyText = await notificationResult(order.orderId).catch((e) => '查询订单失败: ' + e.message);
        this.step(notifyText);
        this.setData({ notifyText });
      } catch (e) {
        if (e.code === 'CANCELLED') {
          this.step('wx.requestPayment → cancel');
          this.setData({ status: 'cancelled', statusText: '已取消支付' });
        } else {
          this.step('失败: ' + (e.errMsg || e.message));
          this.setData({ status: 'failed', statusText: '支付失败', errMsg: e.errMsg || (e.code ? e.code + ': ' : '') + e.message });
        }
      } finally {
        this.setData({ paying: false });
      }
    },
  },
});

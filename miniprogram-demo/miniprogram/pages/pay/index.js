// The pay page: wx.login → backend /api/login → backend /api/orders (统一下单, or API
// v3 JSAPI下单) → paySign made here (wxpay.buildPayParams, v2 only) or by the server
// (/api/pay-params; for v3 an RSA signature with the merchant private key) →
// wxpay.requestPayment. API v3: the backend queries the order at WeChat Pay when the
// notification is late, and a paid order can be refunded (退款). A Component() so that
// WeChat's miniprogram-simulate can drive it.
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

const orderPath = (orderId) => '/api/orders/' + encodeURIComponent(orderId);

/**
 * What the backend learnt from WeChat Pay's notification, polled a few seconds after the
 * ok → {text, paid}. API v3: after a second without it, the backend queries the order at
 * WeChat Pay (查询订单) and books a verified SUCCESS.
 */
async function notificationResult(orderId, v3) {
  for (let i = 0; i < 20; i++) {
    const order = v3 && i === 4 ? await post(orderPath(orderId) + '/query') : await call('GET', orderPath(orderId));
    if (order.status === 'SUCCESS') {
      const how = order.paidBy === 'query' ? '支付通知未到, 已向微信支付查询订单: 订单已支付' : '支付通知已到达: 订单已支付';
      return { paid: true, text: how + ' (微信支付订单号 ' + order.transactionId + ')' };
    }
    await sleep(250);
  }
  return { paid: false, text: '尚未收到支付通知: 订单仍未支付' };
}

/** The refund's outcome, once its REFUND.SUCCESS notification has reached the backend. */
async function refundResult(orderId) {
  for (let i = 0; i < 20; i++) {
    const order = await call('GET', orderPath(orderId));
    if (order.refund && order.refund.status === 'SUCCESS') return '退款成功: 退款通知已到达 (退款单号 ' + order.refund.outRefundNo + ')';
    await sleep(250);
  }
  return '退款处理中: 尚未收到退款通知';
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
    refundable: false,
    refunding: false,
    refundText: '',
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
      this.setData({ paying: true, status: 'paying', statusText: '支付中…', errMsg: '', orderId: '', notifyText: '', refundable: false, refundText: '', sentParams: null, steps: [] });
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
        const v3 = this.data.mode === 'v3';
        const result = await notificationResult(order.orderId, v3).catch((e) => ({ paid: false, text: '查询订单失败: ' + e.message }));
        this.step(result.text);
        this.setData({ notifyText: result.text, refundable: v3 && result.paid });
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

    /** 退款 (API v3): the backend's 申请退款 of the whole order, then its notification. */
    async onRefund() {
      if (this.data.refunding || !this.data.refundable) return;
      this.setData({ refunding: true, refundText: '退款中…' });
      try {
        const order = await post(orderPath(this.data.orderId) + '/refund');
        this.step('申请退款 ' + order.refund.outRefundNo + ' → ' + order.refund.status);
        const refundText = await refundResult(this.data.orderId);
        this.step(refundText);
        this.setData({ refundText, refundable: !/^退款成功/.test(refundText) });
      } catch (e) {
        this.step('退款失败: ' + e.message);
        this.setData({ refundText: '退款失败: ' + (e.code ? e.code + ': ' : '') + e.message });
      } finally {
        this.setData({ refunding: false });
      }
    },
  },
});

// The 商家转账 page: a withdrawal the user confirms. wx.login → backend /api/login →
// backend /api/transfers (the merchant's server creates the transfer bill with the v3
// client's transferBill, state WAIT_USER_CONFIRM) → wxpay.requestMerchantTransfer(pageParams)
// opens WeChat's sheet → the backend learns the outcome from MCHTRANSFER.BILL.FINISHED.
// A Component() so that WeChat's miniprogram-simulate can drive it.
const wxpay = require('wxpay-wasm');
const config = require('../../demo-config.js');
const yuan = require('../../yuan.js');
const { call, login } = require('../../backend-call.js');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bill's end as the backend learnt it from the notification. The sheet's ok means the
 * user confirmed, not that money arrived: only the notification (or a query) says that.
 */
async function arrival(outBillNo) {
  for (let i = 0; i < 20; i++) {
    const bill = await call('GET', '/api/transfers/' + encodeURIComponent(outBillNo));
    if (bill.state === 'SUCCESS') return { done: true, text: '提现已到账 (转账单号 ' + bill.transferBillNo + ')' };
    if (bill.state === 'FAIL' || bill.state === 'CANCELLED') return { done: false, text: '转账未完成: ' + bill.state };
    await sleep(250);
  }
  return { done: false, text: '尚未收到转账通知: 稍后再查' };
}

Component({
  data: {
    amountFen: config.defaultTransferFen,
    amount: yuan(config.defaultTransferFen),
    busy: false,
    status: 'idle', // idle | busy | arrived | cancelled | failed
    statusText: '',
    errMsg: '',
    outBillNo: '',
    arrivalText: '',
    sentParams: null,
    steps: [],
  },

  methods: {
    step(text) {
      this.setData({ steps: this.data.steps.concat([text]) });
    },

    async onWithdraw() {
      if (this.data.busy) return;
      this.setData({ busy: true, status: 'busy', statusText: '提现中…', errMsg: '', outBillNo: '', arrivalText: '', sentParams: null, steps: [] });
      try {
        const code = await login();
        const { openid } = await call('POST', '/api/login', { code });
        this.step('登录成功 openid=' + openid);
        const bill = await call('POST', '/api/transfers', { openid, amount: this.data.amountFen });
        this.setData({ outBillNo: bill.outBillNo, sentParams: bill.pageParams });
        this.step('服务端已发起转账 ' + bill.outBillNo + ' (' + bill.state + ')');
        await wxpay.requestMerchantTransfer(bill.pageParams);
        this.step('wx.requestMerchantTransfer → ok (用户已确认收款)');
        const result = await arrival(bill.outBillNo).catch((e) => ({ done: false, text: '查询转账失败: ' + e.message }));
        this.step(result.text);
        this.setData(result.done
          ? { status: 'arrived', statusText: '提现成功', arrivalText: result.text }
          : { status: 'failed', statusText: '提现未完成', arrivalText: result.text });
      } catch (e) {
        if (e.code === 'CANCELLED') {
          this.step('wx.requestMerchantTransfer → cancel');
          this.setData({ status: 'cancelled', statusText: '已取消提现' });
        } else {
          this.step('失败: ' + (e.errMsg || e.message));
          this.setData({ status: 'failed', statusText: '提现失败', errMsg: e.errMsg || (e.code ? e.code + ': ' : '') + e.message });
        }
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});

// The demo's 公众号 H5 payment page: order → the server's six parameters → requestPayment
// (WeixinJSBridge's getBrandWCPayRequest, checked first by wxpay-wasm) → the order paid once
// the backend has WeChat Pay's notification. `?signType=RSA|MD5|HMAC-SHA256&auto=1` pays
// once on load (the headless run).
import { requestPayment, WxPayError } from 'wxpay-wasm';

const query = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A step on the page, also sent to the host, which prints it (the headless run's log). */
function step(text, status) {
  const li = document.createElement('li');
  li.textContent = text;
  $('steps').append(li);
  const shown = status ? $('status').textContent : undefined;
  return fetch('/h5/steps', { method: 'POST', body: JSON.stringify({ text, status, shown }) }).catch(() => {});
}

function show(status, text) {
  $('status').dataset.status = status;
  $('status').textContent = text;
  return step(text, status);
}

async function api(path, body) {
  const r = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await r.json();
  if (!r.ok) throw new Error(`${path}: ${answer.error ? `${answer.error.code}: ${answer.error.message}` : r.status}`);
  return answer;
}

async function pay(signType) {
  $('pay').disabled = true;
  try {
    // The openid comes from 网页授权 (OAuth) in a real 公众号 page; the demo backend makes one from a code.
    const { openid } = await api('/api/login', { code: 'h5-demo-' + Date.now() });
    const order = await api('/api/orders', { openid, signType });
    await step(`order ${order.orderId} (${signType}), prepay_id ${order.prepayId}`);
    const params = await api('/api/h5/pay-params', { orderId: order.orderId });
    await step(`six parameters from the server: ${Object.keys(params).join(', ')}`);
    try {
      const result = await requestPayment(params); // checks the six, then WeixinJSBridge.invoke('getBrandWCPayRequest', …)
      await step(`getBrandWCPayRequest: ${result.err_msg}`);
    } catch (e) {
      if (e instanceof WxPayError && e.code === 'CANCELLED') return show('cancelled', '已取消支付');
      return show('failed', `支付失败: ${e instanceof WxPayError ? `${e.code}: ${e.message}` : e}`);
    }
    // err_msg ok "does not guarantee" payment (WeChat's docs): the notification at the backend does.
    for (let i = 0; i < 100; i++) {
      const o = await api(`/api/orders/${encodeURIComponent(order.orderId)}`);
      if (o.status === 'SUCCESS') return show('paid', `支付成功 (微信支付订单号 ${o.transactionId})`);
      await sleep(50);
    }
    return show('failed', '支付通知未到达');
  } catch (e) {
    return show('failed', `出错: ${e.message}`);
  } finally {
    $('pay').disabled = false;
  }
}

$('pay').addEventListener('click', () => pay(document.querySelector('input[name=signType]:checked').value));
if (query.get('auto') === '1') pay(query.get('signType') || 'RSA');

'use strict';
// The browser entry's requestPayment in a 公众号 H5 page: headless Chromium with WeChat's
// user agent, the npm-packed package imported as an ES module, and a WeixinJSBridge stand-in
// that records what getBrandWCPayRequest got and answers as WeChat's sheet does (err_msg).
// ok, cancel, fail, the bridge arriving late (WeixinJSBridgeReady), a page outside WeChat,
// and each bad parameter refused before the sheet opens with the mini-program's own message.
const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');
const { INSTALLED, installPacked } = require('./packed');
const { serve, openPage, reported, WECHAT_USER_AGENT } = require('./chromium');

const TIMEOUT_MS = 60000;
const ABSENT = '(absent)';

// WeChat Pay's documentation example (API v2, MD5), with the official account's AppID.
const VALID = {
  appId: 'wxd678efh567hg6787',
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
  signType: 'MD5',
  paySign: '22D9B4E54AB1950F51E0649E8810ACD6',
};

// [what, field, value]: VALID with that field changed (ABSENT: left out). The five fields'
// cases must fail exactly as the mini-program's requestPayment fails them.
const BAD = [
  ['timeStamp in milliseconds', 'timeStamp', '1490840662000'],
  ['timeStamp a number', 'timeStamp', 1490840662],
  ['nonceStr a UUID', 'nonceStr', '123e4567-e89b-12d3-a456-426614174000'],
  ['package the bare prepay_id', 'package', 'wx2017033010242291fcfe0db70013231072'],
  ['package with prepay_id= twice', 'package', 'prepay_id=prepay_id=wx20170330'],
  ['signType lower case', 'signType', 'md5'],
  ['signType missing', 'signType', ABSENT],
  ['paySign lower-case hex', 'paySign', '22d9b4e54ab1950f51e0649e8810acd6'],
  ['paySign missing', 'paySign', ABSENT],
];
const BAD_APP_ID = [
  ['appId missing', 'appId', ABSENT, 'MissingAppId'],
  ['appId empty', 'appId', '', 'MissingAppId'],
  ['appId a number', 'appId', 5, 'InvalidAppId'],
  ['appId with a space', 'appId', 'wxd678efh567hg6787 ', 'InvalidAppId'],
];

function withChange(base, field, value) {
  const params = { ...base };
  if (value === ABSENT) delete params[field];
  else params[field] = value;
  return params;
}

// Runs in the page.
const PAGE = `<!doctype html><meta charset="utf-8"><title>公众号 H5 payment</title>
<script type="module">
const report = (r) => fetch('/result', { method: 'POST', body: JSON.stringify(r) });
const VALID = ${JSON.stringify(VALID)};
const ABSENT = ${JSON.stringify(ABSENT)};
const CASES = ${JSON.stringify([...BAD, ...BAD_APP_ID, ['the order\'s appid (lower case)', 'appId', ABSENT]])};
try {
  const wxpay = await import('/wxpay-wasm/web/index.js');
  const r = { userAgent: navigator.userAgent };
  const calls = [];
  // WeChat's bridge as the page sees it: invoke(name, params, callback), answered later.
  const installBridge = (answer) => {
    window.WeixinJSBridge = {
      invoke(name, params, callback) {
        calls.push({ name, keys: Object.keys(params), params: { ...params } });
        setTimeout(() => callback(answer), 0);
      },
    };
  };
  const outcome = (p) => p.then((resolved) => ({ resolved }), (e) => ({
    code: e.code, message: e.message, isWxPayError: e instanceof wxpay.WxPayError, err_msg: e.err_msg, err_code: e.err_code, err_desc: e.err_desc,
  }));

  installBridge({ err_msg: 'get_brand_wcpay_request:ok' });
  const given = { ...VALID };
  const paying = wxpay.requestPayment(given);
  given.paySign = 'changed after the call';
  given.appId = 'changed after the call';
  r.ok = await outcome(paying);
  r.okCalls = calls.splice(0);
  // API v3: RSA, a 344-character base64 paySign (RSA 2048).
  r.rsa = await outcome(wxpay.requestPayment({ ...VALID, signType: 'RSA', paySign: 'A'.repeat(342) + '==' }));
  r.rsaCalls = calls.splice(0).length;

  installBridge({ err_msg: 'get_brand_wcpay_request:cancel' });
  r.cancel = await outcome(wxpay.requestPayment(VALID));
  installBridge({ err_msg: 'get_brand_wcpay_request:fail', err_code: 'E_PAY', err_desc: '调用支付JSAPI缺少参数：total_fee' });
  r.fail = await outcome(wxpay.requestPayment(VALID));
  calls.splice(0);

  // The bridge comes after the call: nothing opens until WeixinJSBridgeReady.
  delete window.WeixinJSBridge;
  const late = wxpay.requestPayment(VALID);
  await new Promise((done) => setTimeout(done, 100));
  r.callsBeforeReady = calls.length;
  installBridge({ err_msg: 'get_brand_wcpay_request:ok' });
  document.dispatchEvent(new Event('WeixinJSBridgeReady'));
  r.late = await outcome(late);
  r.lateCalls = calls.splice(0).length;

  // Another browser: no bridge will come.
  delete window.WeixinJSBridge;
  Object.defineProperty(navigator, 'userAgent', { value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36', configurable: true });
  r.notWeChat = await outcome(wxpay.requestPayment(VALID));
  delete navigator.userAgent;

  installBridge({ err_msg: 'get_brand_wcpay_request:ok' });
  r.bad = [];
  for (const [what, field, value] of CASES) {
    const params = { ...VALID };
    if (value === ABSENT) delete params[field]; else params[field] = value;
    if (what.startsWith("the order's appid")) params.appid = VALID.appId;
    r.bad.push({ what, ...(await outcome(wxpay.requestPayment(params))) });
  }
  r.bad.push({ what: 'not an object', ...(await outcome(wxpay.requestPayment('appId=wx…'))) });
  r.badCalls = calls.length;
  await report(r);
} catch (e) {
  await report({ failed: String(e && e.stack || e) });
}
</script>`;

test('公众号 H5: requestPayment through a WeixinJSBridge stand-in in headless Chromium (ok, cancel, fail, late bridge, not WeChat, bad input)', { timeout: TIMEOUT_MS + 10000 }, async (t) => {
  const installed = installPacked();
  const site = await serve(installed, { '/': ['text/html', PAGE] });
  const browser = openPage(site.url, { userAgent: WECHAT_USER_AGENT });
  let r;
  try {
    r = await reported(site.result, TIMEOUT_MS, 'the page');
  } finally {
    browser.close();
    site.close();
  }
  assert.equal(r.failed, undefined, r.failed);
  assert.match(r.userAgent, /MicroMessenger/);

  await t.test('ok: resolves with WeChat\'s result; the bridge got exactly the six fields, as they were at the call', () => {
    assert.deepEqual(r.ok, { resolved: { err_msg: 'get_brand_wcpay_request:ok' } });
    assert.equal(r.okCalls.length, 1);
    assert.equal(r.okCalls[0].name, 'getBrandWCPayRequest');
    assert.deepEqual(r.okCalls[0].keys.sort(), Object.keys(VALID).sort());
    assert.deepEqual(r.okCalls[0].params, VALID, 'a copy: what the page changed afterwards did not reach the sheet');
    assert.deepEqual([r.rsa, r.rsaCalls], [{ resolved: { err_msg: 'get_brand_wcpay_request:ok' } }, 1]);
  });

  await t.test('cancel and fail: CANCELLED and FAILED, WeChat\'s err_msg, err_code and err_desc kept', () => {
    assert.deepEqual(r.cancel, { code: 'CANCELLED', message: 'the user cancelled the payment', isWxPayError: true, err_msg: 'get_brand_wcpay_request:cancel' });
    assert.deepEqual(r.fail, {
      code: 'FAILED', message: 'get_brand_wcpay_request:fail (调用支付JSAPI缺少参数：total_fee)', isWxPayError: true,
      err_msg: 'get_brand_wcpay_request:fail', err_code: 'E_PAY', err_desc: '调用支付JSAPI缺少参数：total_fee',
    });
  });

  await t.test('a bridge that arrives late: the sheet opens on WeixinJSBridgeReady, not before', () => {
    assert.equal(r.callsBeforeReady, 0);
    assert.deepEqual([r.late, r.lateCalls], [{ resolved: { err_msg: 'get_brand_wcpay_request:ok' } }, 1]);
  });

  await t.test('outside WeChat (no bridge, no MicroMessenger): FAILED at once, saying why', () => {
    assert.equal(r.notWeChat.code, 'FAILED');
    assert.match(r.notWeChat.message, /not open in WeChat.*MicroMessenger.*getBrandWCPayRequest/);
  });

  await t.test('every bad parameter is refused before the sheet opens; the five with the mini-program\'s code and message', async () => {
    assert.equal(r.badCalls, 0, 'WeixinJSBridge.invoke was never called');
    const byWhat = new Map(r.bad.map((b) => [b.what, b]));
    // The mini-program entry, outside a mini-program: its checks run before it looks for wx.
    const mp = require(path.join(INSTALLED, 'miniprogram', 'index.js'));
    for (const [what, field, value] of BAD) {
      const { appId, ...five } = withChange(VALID, field, value);
      const expected = await mp.requestPayment(five).then(() => assert.fail(`${what}: the mini-program accepted it`), (e) => [e.code, e.message]);
      const got = byWhat.get(what);
      assert.deepEqual([got.code, got.message], expected, what);
      assert.equal(got.isWxPayError, true, what);
    }
    for (const [what, , , code] of BAD_APP_ID) assert.equal(byWhat.get(what).code, code, what);
    assert.match(byWhat.get('appId missing').message, /appId is missing: a 公众号 H5 page passes six parameters/);
    assert.match(byWhat.get('appId with a space').message, /appId must not contain whitespace/);
    assert.match(byWhat.get("the order's appid (lower case)").message, /'appid', but WeChat's field is appId \(capital I\)/);
    assert.equal(byWhat.get('not an object').code, 'InvalidValue');
  });
});

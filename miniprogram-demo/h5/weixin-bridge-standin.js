// DEMO ONLY: a stand-in for the WeixinJSBridge that WeChat's browser gives a 公众号 page,
// installed only outside WeChat (the real one is left alone). Its getBrandWCPayRequest plays
// the payment sheet: `?sheet=cancel` is the user closing it; otherwise the six parameters go
// to the WeChat Pay emulator (through the host's /sheet/confirm), which verifies paySign as
// WeChat Pay does (RSA with the merchant's public key for API v3, the API key for v2), marks
// the order paid and sends its signed notification to the backend. It answers with WeChat's
// err_msg strings. No money moves and no WeChat server is contacted.
(function () {
  'use strict';
  if (/MicroMessenger/i.test(navigator.userAgent)) return;
  var sheet = new URLSearchParams(location.search).get('sheet');

  function invoke(name, params, callback) {
    if (name !== 'getBrandWCPayRequest') return callback({ err_msg: name + ':fail not in this stand-in' });
    if (sheet === 'cancel') return setTimeout(function () { callback({ err_msg: 'get_brand_wcpay_request:cancel' }); }, 0);
    fetch('/sheet/confirm', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) })
      .then(function (r) { return r.json(); })
      .then(function (a) {
        callback(a.errMsg === 'requestPayment:ok'
          ? { err_msg: 'get_brand_wcpay_request:ok' }
          : { err_msg: 'get_brand_wcpay_request:fail', err_code: a.err_code, err_desc: a.err_desc || a.errMsg });
      }, function (e) {
        callback({ err_msg: 'get_brand_wcpay_request:fail', err_desc: String(e) });
      });
  }

  // WeChat injects its bridge while the page loads and then fires WeixinJSBridgeReady, which
  // requestPayment waits for; here it comes once the document is parsed.
  document.addEventListener('DOMContentLoaded', function () {
    window.WeixinJSBridge = { invoke: invoke };
    document.dispatchEvent(new Event('WeixinJSBridgeReady'));
  });
})();

// Configuration of the demo, in one place: the mini-program page reads it (require),
// and so do the local backend (our "merchant server") and the WeChat Pay API v2
// emulator in ../server/.
//
// !!! EVERY VALUE HERE IS A DEMO VALUE. None of them is a real account, merchant or
// !!! key, and nothing here can move money. Real credentials never go in a file that
// !!! is committed, and the API key never goes into the mini-program in production.
'use strict';

module.exports = Object.freeze({
  // DEMO: the AppID the mini-program project runs under in WeChat DevTools
  // (project.config.json "appid"). `touristappid` is DevTools' tourist mode.
  miniProgramAppId: 'touristappid',

  // DEMO: the AppID used in WeChat Pay requests and inside paySign (appid / appId).
  // wxd678efh567hg6787 is the sample value of WeChat Pay's own documentation; it has
  // letters no real AppID has (g, h). A real one comes from 公众平台 → 开发管理.
  appId: 'wxd678efh567hg6787',

  // DEMO: merchant ID (mch_id), the sample value of WeChat Pay's documentation.
  mchId: '1230000109',

  // DEMO: the 32-character API v2 key (商户平台 → 账户中心 → API安全). This one
  // says what it is. It is shared by the backend (signing) and the emulator
  // (verifying), as the real key is shared by a merchant and WeChat Pay.
  apiKey: 'demoKeyNotARealMerchantKey000000',

  // DEMO placeholder for the mini-program's AppSecret. The backend's stand-in for
  // jscode2session derives openids from login codes with it. The AppSecret is NOT
  // the API key: signing with it is the most common cause of 签名错误.
  appSecret: 'DEMO-AppSecret-placeholder-not-a-real-secret',

  // The sign_type of unified orders unless a request asks for the other one.
  // 'MD5' (WeChat's default) or 'HMAC-SHA256'.
  signType: 'MD5',

  // DEMO goods: description (body) prefix and default amount in fen (分).
  bodyPrefix: 'wxpay-wasm 演示-',
  defaultItem: '测试商品',
  defaultTotalFee: 1,
  maxTotalFee: 100000, // a demo cap: 1000.00 元

  // DEMO 商家转账 (pages/transfer): the withdrawal's amount in fen and its scene, 1000
  // (现金营销), with the report WeChat Pay asks of that scene.
  defaultTransferFen: 30,
  transferSceneId: '1000',

  // Path of the backend's payment notification endpoint; notify_url is the backend's
  // own base URL + this path.
  notifyPath: '/api/pay/notify',

  // DEMO 虚拟支付 (the drama page): the OfferID of mp 后台 → 虚拟支付 → 基础配置, the environment
  // (1: sandbox) and the 道具 of 道具管理 with their prices in fen. The AppKeys are the servers'
  // alone (server/keys-virtual.js), never here: this file is in the mini-program too.
  virtualPayment: {
    offerId: '1450000000',
    env: 1,
    items: [{ productId: 'drama-ep3', name: '短剧《回家》第3集', price: 100 }],
  },

  // Where the page finds the backend (`node server/start.js`). DevTools needs
  // 详情 → 本地设置 → 不校验合法域名 for a plain-http loopback URL.
  backendUrl: 'http://127.0.0.1:8787',

  // Where the simulated payment sheet (demo-sheet.js) finds the WeChat Pay emulator.
  emulatorUrl: 'http://127.0.0.1:8788',

  // wx.requestPayment in the demo: 'devtools' (default) = a simulated sheet (模拟支付) in
  // WeChat DevTools, which pays at the local emulator, and WeChat's real sheet elsewhere;
  // 'always' = the simulated sheet everywhere (a phone that reaches the emulator);
  // 'never' = WeChat's real sheet everywhere (needs a real merchant, appid and backend).
  simulatedPaymentSheet: 'devtools',

  // Loopback only. Port 0 = an ephemeral port (the tests pass 0 themselves).
  backend: { host: '127.0.0.1', port: 8787 },
  emulator: {
    host: '127.0.0.1',
    port: 8788,
    // How a bad signature on /pay/unifiedorder is answered. 'return_code' (default):
    // return_code=FAIL, return_msg=签名错误, as merchants report from the real API.
    // 'err_code': return_code=SUCCESS, result_code=FAIL, err_code=SIGNERROR, as the
    // documentation's error table lists it.
    signErrorStyle: 'return_code',
    // How a wrong paySign is answered on /pay/confirm (our stand-in for what the
    // WeChat client does). 'fail' (default): errMsg "requestPayment:fail" with
    // err_code "-1" and err_desc "支付验证签名失败"; 'cancel': errMsg
    // "requestPayment:fail cancel" (reported too: the user dismisses the dialog).
    badPaySignStyle: 'fail',
    // A notification not answered with return_code SUCCESS is sent again after these
    // delays (WeChat retries over hours; the demo over seconds).
    notifyRetryDelaysMs: [2000, 5000],
    // /test/* hooks (replay and forge notifications). The emulator is a test tool.
    testHooks: true,
    // prepay_id validity (WeChat: 2 hours).
    prepayTtlMs: 2 * 60 * 60 * 1000,
  },

  // Every outgoing HTTP request (backend → emulator, emulator → notify_url).
  httpTimeoutMs: 5000,
});

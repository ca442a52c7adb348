// The demo's DevTools stand-in (demo-sheet.js, installed by app.js) and the 诊断 page's logic
// (diag.js), run inside the mini-program runtime of both engines (tests/mp: the Node simulator
// and JavaScriptCore with the JIT off). Runtime options: platform 'devtools', entry /app.js.
// jsc has no network: a case that pays gives wx.request a fake emulator of its own and
// checks what reached it; the real emulator's check is demo.test.js's job.
'use strict';

var PARAM_NAMES = ['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp'];

function fakeEmulator(t, sheetAnswer, confirmAnswer) {
  var calls = [];
  var saved = t.wx.request;
  t.wx.request = function (o) {
    calls.push({ url: o.url, method: o.method, data: o.data });
    var answer = /\/pay\/sheet\?/.test(o.url) ? sheetAnswer : confirmAnswer;
    setTimeout(function () { o.success({ statusCode: 200, data: answer, header: {}, errMsg: 'request:ok' }); }, 0);
  };
  return { calls: calls, restore: function () { t.wx.request = saved; } };
}

var SHEET_OK = { errMsg: 'sheet:ok', body: 'wxpay-wasm 演示-测试商品', totalFee: 1234, mchId: '1230000109', status: 'NOTPAY' };

async function payThroughSheet(t, confirmAnswer, sheetAnswer) {
  var wxpay = t.require('wxpay-wasm');
  await wxpay.init();
  var config = t.require('/demo-config.js');
  var params = wxpay.buildPayParams({ appId: config.appId, prepayId: 'wx20261201000000abcdef0123456789abcd', key: config.apiKey, signType: 'MD5' });
  var emulator = fakeEmulator(t, sheetAnswer || SHEET_OK, confirmAnswer);
  try {
    var outcome = await wxpay.requestPayment(params).then(function () { return 'ok'; }, function (e) { return e; });
    return { params: params, outcome: outcome, calls: emulator.calls, config: config };
  } finally {
    emulator.restore();
  }
}

module.exports = [
  {
    name: 'app.js put the simulated sheet in place of wx.requestPayment (platform devtools)',
    run: async function (t) {
      var sheet = t.require('/demo-sheet.js');
      t.assert.equal(t.wx.getSystemInfoSync().platform, 'devtools');
      t.assert.equal(t.wx.requestPayment.name, 'simulated');
      t.assert.equal(sheet.shouldSimulate(t.wx, 'devtools'), true);
      t.assert.equal(sheet.shouldSimulate(t.wx, 'always'), true);
      t.assert.equal(sheet.shouldSimulate(t.wx, 'never'), false);
      t.assert.throws(function () { sheet.shouldSimulate(t.wx, 'yes'); }, { message: /devtools/ });
      t.assert.equal(sheet.install({ getSystemInfoSync: function () { return { platform: 'ios' }; } }, 'devtools'), false, 'not on a phone');
    }
  },
  {
    name: 'sheet, 确认: shows 模拟支付 with the amount, sends the five params and the appId to the emulator, wxpay.requestPayment resolves',
    run: async function (t) {
      var r = await payThroughSheet(t, { errMsg: 'requestPayment:ok' });
      t.assert.equal(r.outcome, 'ok');
      var modal = t.modals[t.modals.length - 1];
      t.assert.equal(modal.title, '模拟支付 ¥12.34');
      t.assert.match(modal.content, /wxpay-wasm 演示-测试商品/);
      t.assert.match(modal.content, /模拟支付: 不扣款, 不经过微信服务器/);
      t.assert.equal(r.calls.length, 2);
      t.assert.equal(r.calls[0].method, 'GET');
      t.assert.equal(r.calls[0].url, 'http://127.0.0.1:8788/pay/sheet?package=' + encodeURIComponent(r.params.package));
      t.assert.equal(r.calls[1].method, 'POST');
      t.assert.equal(r.calls[1].url, 'http://127.0.0.1:8788/pay/confirm');
      t.assert.deepEqual(Object.keys(r.calls[1].data).sort(), PARAM_NAMES);
      t.assert.equal(r.calls[1].data.appId, r.config.appId);
      ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'].forEach(function (k) {
        t.assert.equal(r.calls[1].data[k], r.params[k], k + ' passed unchanged');
      });
      t.assert.equal(t.payments.length, 0, "WeChat's wx.requestPayment was not called");
    }
  },
  {
    name: 'sheet, 取消: answers requestPayment:fail cancel (wxpay: CANCELLED) and sends nothing to /pay/confirm',
    run: async function (t) {
      t.setModalMode('cancel');
      try {
        var r = await payThroughSheet(t, { errMsg: 'requestPayment:ok' });
        t.assert.equal(r.outcome.code, 'CANCELLED');
        t.assert.equal(r.outcome.errMsg, 'requestPayment:fail cancel');
        t.assert.equal(r.calls.length, 1, 'only the amount was asked for');
      } finally {
        t.setModalMode('confirm');
      }
    }
  },
  {
    name: "sheet: the emulator's refusal reaches the page as WeChat's would",
    run: async function (t) {
      var r = await payThroughSheet(t, { errMsg: 'requestPayment:fail', err_code: '-1', err_desc: '支付验证签名失败' });
      t.assert.equal(r.outcome.code, 'FAILED');
      t.assert.equal(r.outcome.errMsg, 'requestPayment:fail');
    }
  },
  {
    name: 'sheet: an order the emulator does not know fails before any dialog (as WeChat does for an unknown prepay_id)',
    run: async function (t) {
      var shown = t.modals.length;
      var r = await payThroughSheet(t, { errMsg: 'requestPayment:ok' }, { errMsg: 'requestPayment:fail', err_code: '-1', err_desc: '订单不存在或已过期' });
      t.assert.equal(r.outcome.code, 'FAILED');
      t.assert.equal(r.outcome.errMsg, 'requestPayment:fail');
      t.assert.equal(r.calls.length, 1);
      t.assert.equal(t.modals.length, shown, 'no dialog');
    }
  },
  {
    name: '诊断: every published example and the nonce burst pass; the report names the phone and the timings; 复制 puts it on the clipboard',
    run: async function (t) {
      var diag = t.require('/diag.js');
      var r = await diag.run(t.wx, function () { return t.require('wxpay-wasm'); });
      t.assert.ok(r.ok, r.text);
      t.assert.deepEqual(r.checks.map(function (c) { return c.name; }), [
        '加载模块 require("wxpay-wasm")', 'wxpay.init()', '小程序 paySign 官方示例 (MD5)', '签名算法官方示例 MD5',
        '签名算法官方示例 HMAC-SHA256', '验签 verify 官方示例 (MD5)', '随机串 nonce() ×' + diag.NONCE_BURST + ': 互不相同, 32 位字母数字'
      ]);
      t.assert.match(r.text, /^wxpay-wasm 诊断报告\n结果: 全部通过 \(7\/7\)\n/);
      t.assert.match(r.text, /基础库 SDKVersion: 2\.15\.0\n  平台 platform: devtools\n  系统 system: \S/);
      t.assert.match(r.text, /WXWebAssembly: 有\n  WebAssembly: 无/);
      t.assert.match(r.text, /加载 require: \d+\n  init\(\): \d+\n  首次 buildPayParams: \d+\n  nonce\(\) ×64: \d+/);
      t.assert.match(r.text, /只用了微信支付文档公开的示例密钥/);
      t.assert.ok(r.text.indexOf(t.require('/demo-config.js').apiKey) < 0, 'not the demo key either');
      await diag.copyReport(t.wx, r.text);
      t.assert.deepEqual(t.clipboard.slice(-1), [r.text]);
    }
  },
  {
    name: '诊断: a wrong expected value and a module that does not load are reported as 失败',
    run: async function (t) {
      var diag = t.require('/diag.js');
      var vectors = t.require('/diag-vectors.js');
      var md5 = vectors.sign.md5;
      vectors.sign.md5 = '00000000000000000000000000000000';
      try {
        var r = await diag.run(t.wx, function () { return t.require('wxpay-wasm'); });
        t.assert.equal(r.ok, false);
        t.assert.match(r.text, /结果: 有失败 \(5\/7\)/);
        t.assert.match(r.text, /\[失败\] 签名算法官方示例 MD5 — 得到 9A0A8659F005D6984697E2CA0A9CF3B7, 应为 0{32}/);
        t.assert.match(r.text, /\[失败\] 验签 verify 官方示例 \(MD5\) — 得到 false, 应为 true/);
      } finally {
        vectors.sign.md5 = md5;
      }
      var broken = await diag.run(t.wx, function () { throw new Error("module 'wxpay-wasm' is not defined"); });
      t.assert.equal(broken.ok, false);
      t.assert.match(broken.text, /\[失败\] 加载模块 require\("wxpay-wasm"\) — module 'wxpay-wasm' is not defined\n\[失败\] wxpay.init\(\)/);
    }
  }
];

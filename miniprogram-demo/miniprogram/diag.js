// The 诊断 (self-test) page's logic, apart from the page so that tests run it with `wx` mocked:
// loads wxpay-wasm, runs WeChat Pay's published examples and a burst of fresh nonces, and
// writes a report a user can paste into a bug report. It only ever uses the documentation's
// example keys (diag-vectors.js), never one of the user's.
'use strict';
var VECTORS = require('./diag-vectors.js');

var NONCE_BURST = 64;
var NONCE_RULE = /^[A-Za-z0-9]{32}$/;

/** What the phone reports: the split APIs where the base library has them (2.20.1+), else getSystemInfoSync. */
function phoneInfo(wx) {
  var info = {};
  var source;
  function take(o) {
    Object.keys(o || {}).forEach(function (k) { info[k] = o[k]; });
  }
  if (typeof wx.getAppBaseInfo === 'function' && typeof wx.getDeviceInfo === 'function') {
    take(wx.getAppBaseInfo());
    take(wx.getDeviceInfo());
    source = 'wx.getAppBaseInfo + wx.getDeviceInfo';
  } else {
    take(wx.getSystemInfoSync());
    source = 'wx.getSystemInfoSync';
  }
  var shown = function (v) { return v === undefined || v === '' ? '(未提供)' : String(v); };
  return {
    source: source,
    rows: [
      ['基础库 SDKVersion', shown(info.SDKVersion)],
      ['平台 platform', shown(info.platform)],
      ['系统 system', shown(info.system)],
      ['微信版本 version', shown(info.version)],
      ['品牌 brand', shown(info.brand)],
      ['型号 model', shown(info.model)],
      ['WXWebAssembly', typeof WXWebAssembly === 'undefined' ? '无' : '有'],
      ['WebAssembly', typeof WebAssembly === 'undefined' ? '无' : '有'],
    ],
  };
}

function check(name, run) {
  try {
    var detail = run();
    return { name: name, ok: detail === true, detail: detail === true ? '' : String(detail) };
  } catch (e) {
    return { name: name, ok: false, detail: (e && e.code ? e.code + ': ' : '') + (e && e.message ? e.message : String(e)) };
  }
}

function same(got, want) {
  return got === want ? true : '得到 ' + got + ', 应为 ' + want;
}

/**
 * Runs every check. `load()` returns the wxpay-wasm module (require('wxpay-wasm') in the page,
 * so that its first load is timed); `now()` defaults to Date.now.
 * → Promise<{ok, checks: [{name, ok, detail}], timings: [[label, ms]], phone, text}>
 */
function run(wx, load, now) {
  now = now || Date.now;
  var timings = [];
  var checks = [];
  var phone = phoneInfo(wx);
  var wxpay;
  var t0 = now();
  var loaded = check('加载模块 require("wxpay-wasm")', function () {
    wxpay = load();
    return true;
  });
  timings.push(['加载 require', now() - t0]);
  checks.push(loaded);
  var t1 = now();
  var started = loaded.ok ? wxpay.init() : Promise.reject(new Error('模块未加载'));
  return started.then(function () {
    return { name: 'wxpay.init()', ok: true, detail: '' };
  }, function (e) {
    return { name: 'wxpay.init()', ok: false, detail: (e && e.code ? e.code + ': ' : '') + (e && e.message ? e.message : String(e)) };
  }).then(function (inited) {
    timings.push(['init()', now() - t1]);
    checks.push(inited);
    if (inited.ok) {
      var pay = VECTORS.pay;
      var t2 = now();
      var got;
      var built = check('wxpay.buildPayParams()', function () {
        got = wxpay.buildPayParams(pay.input);
        return true;
      });
      timings.push(['首次 buildPayParams', now() - t2]);
      checks.push(built.ok ? check('小程序 paySign 官方示例 (MD5)', function () {
        var wrong = Object.keys(pay.expected).filter(function (k) { return got[k] !== pay.expected[k]; });
        return wrong.length === 0 ? true : wrong.map(function (k) { return k + ' ' + same(got[k], pay.expected[k]); }).join('; ');
      }) : { name: '小程序 paySign 官方示例 (MD5)', ok: false, detail: built.detail });
      var s = VECTORS.sign;
      checks.push(check('签名算法官方示例 MD5', function () { return same(wxpay.sign(s.params, s.key, 'MD5'), s.md5); }));
      checks.push(check('签名算法官方示例 HMAC-SHA256', function () { return same(wxpay.sign(s.params, s.key, 'HMAC-SHA256'), s.hmacSha256); }));
      checks.push(check('验签 verify 官方示例 (MD5)', function () {
        var signed = { sign: s.md5 };
        Object.keys(s.params).forEach(function (k) { signed[k] = s.params[k]; });
        return same(wxpay.verify(signed, s.key), true);
      }));
      var t3 = now();
      checks.push(check('随机串 nonce() ×' + NONCE_BURST + ': 互不相同, 32 位字母数字', function () {
        var seen = {};
        for (var i = 0; i < NONCE_BURST; i++) {
          var n = wxpay.nonce();
          if (!NONCE_RULE.test(n)) return '第 ' + (i + 1) + ' 个不是 32 位字母数字: ' + n;
          if (seen[n]) return '第 ' + (i + 1) + ' 个与之前重复: ' + n;
          seen[n] = true;
        }
        return true;
      }));
      timings.push(['nonce() ×' + NONCE_BURST, now() - t3]);
    }
    var ok = checks.every(function (c) { return c.ok; });
    var result = { ok: ok, checks: checks, timings: timings, phone: phone };
    result.text = reportText(result);
    return result;
  });
}

function reportText(r) {
  var passed = r.checks.filter(function (c) { return c.ok; }).length;
  var lines = [
    'wxpay-wasm 诊断报告',
    '结果: ' + (r.ok ? '全部通过' : '有失败') + ' (' + passed + '/' + r.checks.length + ')',
    '',
  ];
  r.checks.forEach(function (c) {
    lines.push((c.ok ? '[通过] ' : '[失败] ') + c.name + (c.detail ? ' — ' + c.detail : ''));
  });
  lines.push('', '设备 (' + r.phone.source + '):');
  r.phone.rows.forEach(function (row) { lines.push('  ' + row[0] + ': ' + row[1]); });
  lines.push('', '耗时 (Date.now(), 毫秒):');
  r.timings.forEach(function (t) { lines.push('  ' + t[0] + ': ' + t[1]); });
  lines.push('', '只用了微信支付文档公开的示例密钥 (' + VECTORS.source + '), 没有用到任何商户的密钥。');
  return lines.join('\n');
}

/** Copies the report (wx.setClipboardData) → Promise. */
function copyReport(wx, text) {
  return new Promise(function (resolve, reject) {
    wx.setClipboardData({
      data: text,
      success: function () { resolve(); },
      fail: function (res) { reject(new Error(res.errMsg)); },
    });
  });
}

module.exports = { run: run, copyReport: copyReport, NONCE_BURST: NONCE_BURST };

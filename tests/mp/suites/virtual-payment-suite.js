// wxpay.requestVirtualPayment (虚拟支付) as a page uses it, in the simulator (Node) and in
// JavaScriptCore with the JIT off, on a base library that has wx.requestVirtualPayment
// (package.test.js runs it with sdkVersion 3.4.2). Plain ES2017, no Node APIs: this file runs
// in the page realm. `/test-vectors.js` holds tests/vectors/virtual_payment.json's cases,
// signed by the server half and re-derived by the Python reference.
'use strict';

var SHEET_NAMES = ['mode', 'paySig', 'signData', 'signature'];

/** The sheet's parameters for vector case i (0 and 2: 道具直购, 1: 代币充值). */
function paramsOf(t, i) {
  var c = t.require('/test-vectors.js').virtual[i];
  return { signData: c.signData, mode: i === 1 ? 'short_series_coin' : 'short_series_goods', paySig: c.paySig, signature: c.signature };
}

function withField(params, name, value) {
  var r = {};
  SHEET_NAMES.forEach(function (k) {
    r[k] = params[k];
  });
  if (value === undefined) delete r[name];
  else r[name] = value;
  return r;
}

/** params with signData's JSON changed by edit(data), stringified again. */
function withData(params, edit) {
  var data = JSON.parse(params.signData);
  edit(data);
  return withField(params, 'signData', JSON.stringify(data));
}

function outcome(promise) {
  return promise.then(function (res) {
    return { res: res };
  }, function (e) {
    return { error: e };
  });
}

module.exports = [
  {
    name: 'requestVirtualPayment opens the sheet with exactly the four fields, signData byte for byte, without init()',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setPayMode('ok');
      for (var i = 0; i < 3; i++) {
        var p = paramsOf(t, i);
        var count = t.payments.length;
        var res = await wxpay.requestVirtualPayment(p);
        t.assert.equal(res.errMsg, 'requestVirtualPayment:ok');
        t.assert.deepEqual(t.payments[count], p, 'case ' + i);
        t.assert.equal(t.payments[count].signData, p.signData, 'the very string the server signed');
      }
      t.assert.equal(t.wasmLoads.length, 0, 'no module was loaded');
    },
  },
  {
    name: 'requestVirtualPayment keeps its own copy: each field read once, extra fields and callbacks left out',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var p = paramsOf(t, 0);
      var reads = 0;
      var given = { mode: p.mode, paySig: p.paySig, signature: p.signature, appId: 'wx1234', success: function () {} };
      Object.defineProperty(given, 'signData', {
        enumerable: true,
        get: function () {
          reads++;
          return reads === 1 ? p.signData : '{}';
        },
      });
      var count = t.payments.length;
      var pending = wxpay.requestVirtualPayment(given);
      given.mode = 'short_series_coin';
      given.paySig = 'changed';
      await pending;
      t.assert.equal(reads, 1);
      t.assert.deepEqual(t.payments[count], p);
    },
  },
  {
    name: 'requestVirtualPayment: cancel is CANCELLED, a failure FAILED, WeChat\'s errMsg and errCode kept',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var p = paramsOf(t, 1);
      t.setPayMode('cancel');
      var cancelled = (await outcome(wxpay.requestVirtualPayment(p))).error;
      t.assert.equal(cancelled.name, 'WxPayError');
      t.assert.equal(cancelled.code, 'CANCELLED');
      t.assert.equal(cancelled.errCode, -2);
      t.assert.equal(cancelled.errMsg, 'requestVirtualPayment:fail cancel');

      t.setPayMode('fail');
      var failed = (await outcome(wxpay.requestVirtualPayment(p))).error;
      t.assert.equal(failed.code, 'FAILED');
      t.assert.equal(failed.errCode, -15005);
      t.assert.equal(failed.errMsg, 'requestVirtualPayment:fail SIGNATURE_INVALID');
      t.assert.match(failed.message, /SIGNATURE_INVALID.*-15005/);

      // -2 alone says cancelled, whatever the errMsg says.
      t.setPayMode(function () {
        return { errMsg: 'requestVirtualPayment:fail 支付取消', errCode: -2 };
      });
      t.assert.equal((await outcome(wxpay.requestVirtualPayment(p))).error.code, 'CANCELLED');
      t.setPayMode('ok');
    },
  },
  {
    name: 'requestVirtualPayment names the classic mistakes before the sheet opens',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var goods = paramsOf(t, 0);
      var coin = paramsOf(t, 1);
      var throwing = {
        mode: goods.mode, paySig: goods.paySig, signature: goods.signature,
        get signData() {
          throw new Error('no signData here');
        },
      };
      var cases = [
        [withField(goods, 'signData', JSON.parse(goods.signData)), 'InvalidSignData', /JSON string your server signed.*not an object/],
        [withField(goods, 'signData', goods.signData.slice(0, -1)), 'InvalidSignData', /JSON text of an object/],
        [withField(goods, 'signData', '[1]'), 'InvalidSignData', /JSON text of an object/],
        [withData(goods, function (d) { d.buyQuantity = '1'; }), 'InvalidSignData', /signData\.buyQuantity must be a JSON integer/],
        [withData(goods, function (d) { d.offerId = 1450000000; }), 'InvalidSignData', /signData\.offerId must be .*a JSON string/],
        [withData(goods, function (d) { d.currencyType = 'cny'; }), 'InvalidSignData', /"CNY"/],
        [withData(goods, function (d) { d.env = 2; }), 'InvalidSignData', /signData\.env .*sandbox/],
        [withData(goods, function (d) { d.goodsPrice = 1.5; }), 'InvalidSignData', /signData\.goodsPrice .*fen/],
        [withData(goods, function (d) { d.outTradeNo = '_VP2025120100'; }), 'InvalidSignData', /signData\.outTradeNo .*8 to 32/],
        [withData(goods, function (d) { delete d.attach; }), 'InvalidSignData', /signData\.attach is missing/],
        [withField(coin, 'mode', 'short_series_goods'), 'InvalidSignData', /signData\.productId is missing.*short_series_goods/],
        [withField(goods, 'mode', 'short_series'), 'InvalidMode', /short_series_goods.*short_series_coin/],
        [withField(goods, 'mode', undefined), 'InvalidMode', /short_series_goods/],
        [withField(goods, 'paySig', goods.paySig.toUpperCase()), 'InvalidPaySig', /64 lowercase hex/],
        [withField(goods, 'paySig', goods.paySig.slice(0, 32)), 'InvalidPaySig', /64 lowercase hex.*AppKey/],
        [withField(goods, 'signature', undefined), 'InvalidSignature', /session_key/],
        [withField(goods, 'signature', goods.signature.toUpperCase()), 'InvalidSignature', /lowercase/],
        [throwing, 'InvalidSignData', /no signData here/],
        [null, 'InvalidValue', /signData, mode, paySig, signature/],
      ];
      var count = t.payments.length;
      for (var i = 0; i < cases.length; i++) {
        var e = (await outcome(wxpay.requestVirtualPayment(cases[i][0]))).error;
        t.assert.ok(e, 'expected ' + cases[i][1] + ' for case ' + i);
        t.assert.equal(e.name, 'WxPayError', 'case ' + i);
        t.assert.equal(e.code, cases[i][1], 'case ' + i + ': ' + e.message);
        t.assert.match(e.message, cases[i][2], 'case ' + i);
      }
      t.assert.equal(t.payments.length, count, 'nothing reached wx.requestVirtualPayment');
      // Coins need no productId; an extra one in signData is WeChat's to judge.
      await wxpay.requestVirtualPayment(coin);
      t.assert.equal(t.payments.length, count + 1);
    },
  },
  {
    name: 'requestVirtualPayment where wx.canIUse says no: Unsupported, naming base library 2.19.2',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var canIUse = t.wx.canIUse;
      t.wx.canIUse = function (name) {
        return name !== 'requestVirtualPayment' && canIUse(name);
      };
      try {
        var count = t.payments.length;
        var e = (await outcome(wxpay.requestVirtualPayment(paramsOf(t, 0)))).error;
        t.assert.equal(e.code, 'Unsupported');
        t.assert.match(e.message, /2\.19\.2/);
        t.assert.equal(t.payments.length, count);
      } finally {
        t.wx.canIUse = canIUse;
      }
    },
  },
];

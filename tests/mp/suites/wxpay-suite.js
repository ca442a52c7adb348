// The package as a page uses it, inside the mini-program runtime simulator (Node) and
// inside JavaScriptCore with the JIT off. Plain ES2017, no Node APIs: this file runs in
// the page realm. The cases share one module instance, in order, as a page would.
// `/test-vectors.js` is written into the code package by package.test.js.
'use strict';

var DEMO_KEY = 'demoKeyNotARealMerchantKey000000';
var OFFICIAL = {
  appId: 'wxd678efh567hg6787',
  prepayId: 'wx2017033010242291fcfe0db70013231072',
  key: 'qazwsxedcrfvtgbyhnujmikolp111111', // WeChat's documentation demo key
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
};
var PAY_NAMES = ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'];
// A package_info as the transfer-bills answer's example shows one.
var TRANSFER_PACKAGE = 'ABBQO+oYAAABAAAAAAAk+pKiTQAAAAAAAAAAAAAAAA';

function keysOf(o) {
  return Object.keys(o).sort();
}

function sleep(ms) {
  return new Promise(function (resolve) {
    setTimeout(resolve, ms);
  });
}

/** Every failure: a WxPayError with the code, a message, and never the key. */
function expectError(t, fn, code) {
  var error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  t.assert.ok(error, 'expected ' + code + ', nothing was thrown');
  t.assert.ok(error instanceof Error, 'an Error, not ' + String(error));
  t.assert.equal(error.name, 'WxPayError');
  t.assert.equal(error.code, code, String(error.message));
  t.assert.ok(error.message.length > 10, 'a message that says what to fix');
  t.assert.ok(error.message.indexOf(DEMO_KEY) < 0 && error.message.indexOf('demoKey') < 0, 'key in message');
  return error;
}

function officialSign(wxpay) {
  return wxpay.buildPayParams(OFFICIAL).paySign;
}

module.exports = [
  {
    name: 'the page realm is a device: no WebAssembly, TextDecoder, crypto; Math.random is a trap',
    run: async function (t) {
      t.assert.equal(typeof WebAssembly, 'undefined');
      t.assert.equal(typeof TextDecoder, 'undefined');
      t.assert.equal(typeof TextEncoder, 'undefined');
      t.assert.equal(typeof crypto, 'undefined');
      // Nothing in the package may fall back to Math.random.
      Math.random = function () {
        throw new Error('Math.random used');
      };
    },
  },
  {
    name: 'before init: server-made params pay without the module, signing says NotInitialized',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setPayMode('ok');
      var serverMade = {
        timeStamp: OFFICIAL.timeStamp,
        nonceStr: OFFICIAL.nonceStr,
        package: 'prepay_id=' + OFFICIAL.prepayId,
        signType: 'MD5',
        paySign: '22D9B4E54AB1950F51E0649E8810ACD6',
      };
      var res = await wxpay.requestPayment(serverMade);
      t.assert.equal(res.errMsg, 'requestPayment:ok');
      t.assert.deepEqual(t.payments[t.payments.length - 1], serverMade);
      t.assert.equal(t.wasmLoads.length, 0, 'requestPayment loaded no module');
      expectError(t, function () {
        officialSign(wxpay);
      }, 'NotInitialized');
      expectError(t, function () {
        wxpay.nonce();
      }, 'NotInitialized');
    },
  },
  {
    name: 'init loads once through WXWebAssembly by path; concurrent and repeated calls share it',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var a = wxpay.init();
      var b = wxpay.init();
      t.assert.ok(a === b, 'concurrent calls share one promise');
      await Promise.all([a, b]);
      await wxpay.init();
      t.assert.equal(t.wasmLoads.length, 1);
      t.assert.equal(t.wasmLoads[0].path, '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br');
      t.assert.ok(t.wasmLoads[0].ok, String(t.wasmLoads[0].error));
      t.assert.ok(t.random.calls >= 1, 'the pool was filled from wx.getRandomValues');
    },
  },
  {
    name: 'the official mini-program example signs to the documented paySign',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var p = wxpay.buildPayParams(OFFICIAL);
      t.assert.deepEqual(keysOf(p), PAY_NAMES);
      t.assert.deepEqual(p, {
        timeStamp: '1490840662',
        nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
        package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
        signType: 'MD5',
        paySign: '22D9B4E54AB1950F51E0649E8810ACD6',
      });
    },
  },
  {
    name: 'every sign vector, in MD5 and HMAC-SHA256, and verify accepts each',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var vectors = t.require('/test-vectors.js');
      t.assert.ok(vectors.sign.length >= 20);
      vectors.sign.forEach(function (c) {
        var params = {};
        c.params.forEach(function (pair) {
          params[pair[0]] = pair[1];
        });
        t.assert.equal(wxpay.sign(params, c.key, 'MD5'), c.md5, c.name);
        t.assert.equal(wxpay.sign(params, c.key), c.md5, c.name + ' (MD5 is the default)');
        t.assert.equal(wxpay.sign(params, c.key, 'HMAC-SHA256'), c.hmac_sha256, c.name);
        params.sign = c.md5;
        t.assert.equal(wxpay.verify(params, c.key, 'MD5'), true, c.name);
        t.assert.equal(wxpay.verify(params, c.key, 'HMAC-SHA256'), false, c.name);
      });
    },
  },
  {
    name: 'every pay vector',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var vectors = t.require('/test-vectors.js');
      vectors.pay.forEach(function (c) {
        var p = wxpay.buildPayParams({
          appId: c.appId,
          prepayId: c.prepayId,
          key: c.key,
          signType: c.signType,
          timeStamp: c.timeStamp,
          nonceStr: c.nonceStr,
        });
        t.assert.deepEqual(p, c.expected, c.name);
      });
    },
  },
  {
    name: 'values: integers in decimal, 0 kept, null/undefined/"" left out',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var s = function (params) {
        return wxpay.sign(params, DEMO_KEY);
      };
      t.assert.equal(s({ total_fee: 1, a: 'x' }), s({ total_fee: '1', a: 'x' }));
      t.assert.equal(s({ total_fee: 0, a: 'x' }), s({ total_fee: '0', a: 'x' }));
      t.assert.notEqual(s({ total_fee: 0, a: 'x' }), s({ a: 'x' }));
      t.assert.equal(s({ a: 'x', b: null, c: undefined, d: '' }), s({ a: 'x' }));
      // Left out before any check, even under a name that is not text (a lone surrogate).
      var lone = {};
      lone.a = 'x';
      lone['\uD800'] = null;
      lone['b\uDC00'] = '';
      t.assert.equal(s(lone), s({ a: 'x' }));
      t.assert.equal(s({ a: 'x', n: -5 }), s({ a: 'x', n: '-5' }));
      var bare = Object.create(null);
      bare.a = 'x';
      t.assert.equal(s(bare), s({ a: 'x' }), 'null-prototype objects are plain objects');
    },
  },
  {
    name: 'fresh pay params: 10-digit timeStamp of now, 32-letter nonce, exactly five fields',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var before = Math.floor(Date.now() / 1000);
      var p = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY });
      var after = Math.floor(Date.now() / 1000);
      t.assert.deepEqual(keysOf(p), PAY_NAMES);
      t.assert.match(p.timeStamp, /^\d{10}$/);
      t.assert.ok(+p.timeStamp >= before && +p.timeStamp <= after);
      t.assert.match(p.nonceStr, /^[A-Za-z0-9]{32}$/);
      t.assert.equal(p.signType, 'MD5');
      t.assert.match(p.paySign, /^[0-9A-F]{32}$/);
      var again = wxpay.buildPayParams({
        appId: 'wx1234',
        prepayId: 'wx20261127',
        key: DEMO_KEY,
        timeStamp: p.timeStamp,
        nonceStr: p.nonceStr,
      });
      t.assert.equal(again.paySign, p.paySign, 'the returned nonce and timestamp are the signed ones');
      var h = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx1', key: DEMO_KEY, signType: 'HMAC-SHA256', timeStamp: 1700000000 });
      t.assert.equal(h.timeStamp, '1700000000', 'an integer timeStamp comes back as a string');
      t.assert.match(h.paySign, /^[0-9A-F]{64}$/);
      // Answers of every length the shim reads back: a short given nonce with a made
      // time stamp, then both given (only paySign read), in both sign types.
      ['MD5', 'HMAC-SHA256'].forEach(function (signType) {
        var short = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx1', key: DEMO_KEY, signType: signType, nonceStr: 'n0' });
        t.assert.equal(short.nonceStr, 'n0');
        t.assert.match(short.timeStamp, /^\d{10}$/);
        var given = { appId: 'wx1234', prepayId: 'wx1', key: DEMO_KEY, signType: signType, nonceStr: 'n0', timeStamp: short.timeStamp };
        t.assert.deepEqual(wxpay.buildPayParams(given), short, signType);
      });
    },
  },
  {
    name: '10,000 fresh pay params, all nonces distinct, the pool kept topped up',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var seen = {};
      var calls = t.random.calls;
      for (var i = 0; i < 10000; i++) {
        var p = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx' + i, key: DEMO_KEY });
        t.assert.ok(!seen[p.nonceStr], 'nonce repeated at ' + i);
        seen[p.nonceStr] = true;
        // A page pays now and then, not in a tight loop: let the refill land.
        if (i % 50 === 49) await sleep(0);
      }
      t.assert.ok(t.random.calls > calls + 10, 'refilled from wx.getRandomValues (' + (t.random.calls - calls) + ' calls)');
    },
  },
  {
    name: 'a burst drains the pool: a clear RandomUnavailable, no reuse, and it recovers',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setRandomMode('hang'); // wx.getRandomValues never answers now
      await sleep(5);
      var made = 0;
      var error = null;
      var seen = {};
      while (!error && made < 100000) {
        try {
          var n = wxpay.nonce();
          t.assert.ok(!seen[n], 'a nonce came out twice: bytes were reused');
          seen[n] = true;
          made++;
        } catch (e) {
          error = e;
        }
      }
      t.assert.ok(made > 10 && made < 1000, 'the pool served ' + made + ' nonces, then ran dry');
      t.assert.equal(error.code, 'RandomUnavailable');
      expectError(t, function () {
        wxpay.buildPayParams({ appId: 'wx1', prepayId: 'wx1', key: DEMO_KEY });
      }, 'RandomUnavailable');
      // Signing needs no randomness and still works.
      t.assert.equal(officialSign(wxpay), '22D9B4E54AB1950F51E0649E8810ACD6');
      t.setRandomMode('async');
      var recovered = false;
      // A refill that never answered is abandoned after a second; give it three.
      for (var i = 0; i < 300 && !recovered; i++) {
        await sleep(10);
        try {
          wxpay.nonce(); // the failed call asked for a refill; this one may ask again
          recovered = true;
        } catch (e) {
          t.assert.equal(e.code, 'RandomUnavailable');
        }
      }
      t.assert.ok(recovered, 'nonces work again once wx.getRandomValues answers');
    },
  },
  {
    name: 'every bad input is a WxPayError with its code, and the module keeps working',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var base = { appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY };
      function pay(change) {
        return function () {
          var r = {};
          Object.keys(base).forEach(function (k) {
            r[k] = base[k];
          });
          Object.keys(change).forEach(function (k) {
            r[k] = change[k];
          });
          return wxpay.buildPayParams(r);
        };
      }
      var cases = [
        [pay({ appId: '' }), 'MissingAppId'],
        [pay({ appId: undefined }), 'MissingAppId'],
        [pay({ appId: 'wx 1' }), 'InvalidAppId'],
        [pay({ appId: 42 }), 'InvalidAppId'],
        [pay({ prepayId: '' }), 'MissingPrepayId'],
        [pay({ prepayId: 'prepay_id=' }), 'MissingPrepayId'],
        [pay({ prepayId: 'wx1&x=2' }), 'InvalidPrepayId'],
        [pay({ prepayId: {} }), 'InvalidPrepayId'],
        [pay({ key: '' }), 'InvalidKey'],
        [pay({ key: DEMO_KEY + '\n' }), 'InvalidKey'],
        [pay({ key: 12345 }), 'InvalidKey'],
        [pay({ key: 'demoKey\uD800' }), 'InvalidKey'],
        [pay({ signType: 'md5' }), 'UnsupportedSignType'],
        [pay({ signType: 'HMAC_SHA256' }), 'UnsupportedSignType'],
        [pay({ signType: 'RSA' }), 'UnsupportedSignType'],
        [pay({ signType: 5 }), 'UnsupportedSignType'],
        [pay({ timeStamp: '1490840662000' }), 'InvalidTimeStamp'],
        [pay({ timeStamp: 1490840662000 }), 'InvalidTimeStamp'],
        [pay({ timeStamp: '' }), 'InvalidTimeStamp'],
        [pay({ timeStamp: 1.5 }), 'InvalidTimeStamp'],
        [pay({ timeStamp: -1 }), 'InvalidTimeStamp'],
        [pay({ timeStamp: NaN }), 'InvalidTimeStamp'],
        [pay({ nonceStr: '123e4567-e89b-12d3-a456-426614174000' }), 'NonceTooLong'],
        [pay({ nonceStr: 'abc-def' }), 'InvalidNonce'],
        [pay({ nonceStr: '' }), 'InvalidNonce'],
        [pay({ nonceStr: 7 }), 'InvalidNonce'],
        [function () { wxpay.buildPayParams(); }, 'InvalidValue'],
        [function () { wxpay.buildPayParams(null); }, 'InvalidValue'],
        [function () { wxpay.sign(null, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign([['a', '1']], DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: 1.5 }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: NaN }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: Infinity }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: true }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: { b: 1 } }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: ['1'] }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: 'x\uDC00y' }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign(new Map([['a', '1']]), DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign(new Date(0), DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ a: 9007199254740993 }, DEMO_KEY); }, 'InvalidValue'],
        [function () { wxpay.sign({ 'a b': '1' }, DEMO_KEY); }, 'InvalidName'],
        [function () { wxpay.sign({ 'a=b': '1' }, DEMO_KEY); }, 'InvalidName'],
        [function () { wxpay.sign({ a: '1' }, DEMO_KEY, 'sha1'); }, 'UnsupportedSignType'],
        [function () { wxpay.sign({ a: '1' }); }, 'InvalidKey'],
        [function () { wxpay.verify({ a: '1' }, DEMO_KEY); }, 'MissingSign'],
        [function () { wxpay.nonce(0); }, 'InvalidNonce'],
        [function () { wxpay.nonce(33); }, 'NonceTooLong'],
        [function () { wxpay.nonce(1.5); }, 'InvalidNonce'],
        [function () { wxpay.nonce('8'); }, 'InvalidNonce'],
        [function () { wxpay.nonce(-1); }, 'InvalidNonce'],
      ];
      cases.forEach(function (c) {
        expectError(t, c[0], c[1]);
        t.assert.equal(officialSign(wxpay), '22D9B4E54AB1950F51E0649E8810ACD6', 'still working after ' + c[1]);
      });
      t.assert.equal(wxpay.nonce(8).length, 8);
    },
  },
  {
    name: 'requestPayment: ok, cancel and fail; exactly the five fields reach wx',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var p = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY });
      t.setPayMode('ok');
      var count = t.payments.length;
      var res = await wxpay.requestPayment(p);
      t.assert.equal(res.errMsg, 'requestPayment:ok');
      t.assert.deepEqual(t.payments[count], p);
      t.assert.deepEqual(keysOf(t.payments[count]), PAY_NAMES);

      t.setPayMode('cancel');
      var cancelled = await wxpay.requestPayment(p).then(null, function (e) {
        return e;
      });
      t.assert.equal(cancelled.code, 'CANCELLED');
      t.assert.equal(cancelled.errMsg, 'requestPayment:fail cancel');

      t.setPayMode('fail');
      var failed = await wxpay.requestPayment(p).then(null, function (e) {
        return e;
      });
      t.assert.equal(failed.code, 'FAILED');
      t.assert.match(failed.errMsg, /^requestPayment:fail /);
      t.assert.equal(t.payments.length, count + 3);
      t.setPayMode('ok');
    },
  },
  {
    name: 'requestPayment refuses malformed params before reaching wx',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var good = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY, signType: 'HMAC-SHA256' });
      function withChange(name, value) {
        var r = {};
        PAY_NAMES.forEach(function (k) {
          r[k] = good[k];
        });
        r[name] = value;
        return r;
      }
      var count = t.payments.length;
      var bad = [
        [withChange('timeStamp', +good.timeStamp), 'InvalidTimeStamp'],
        [withChange('timeStamp', good.timeStamp + '000'), 'InvalidTimeStamp'],
        [withChange('nonceStr', 'x'.repeat(33)), 'InvalidNonce'],
        [withChange('package', good.package.slice('prepay_id='.length)), 'InvalidPrepayId'],
        [withChange('signType', 'hmac-sha256'), 'UnsupportedSignType'],
        [withChange('signType', 'MD5'), 'InvalidSign'],
        [withChange('paySign', good.paySign.toLowerCase()), 'InvalidSign'],
        [withChange('paySign', undefined), 'InvalidSign'],
        [null, 'InvalidValue'],
      ];
      for (var i = 0; i < bad.length; i++) {
        var e = await wxpay.requestPayment(bad[i][0]).then(
          function () {
            return null;
          },
          function (err) {
            return err;
          },
        );
        t.assert.ok(e, 'expected ' + bad[i][1]);
        t.assert.equal(e.code, bad[i][1]);
      }
      t.assert.equal(t.payments.length, count, 'nothing reached wx.requestPayment');
      var extra = withChange('appId', 'wx1234');
      await wxpay.requestPayment(extra);
      t.assert.deepEqual(keysOf(t.payments[count]), PAY_NAMES, 'extra fields are not passed on');
    },
  },
  {
    name: 'requestPayment takes API v3 parameters (signType RSA, base64 paySign), also 云开发\'s payment object, passing only the five',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      function rsaSign(chars, pad) {
        var s = '';
        for (var i = 0; s.length < chars - pad; i++) s += B64.charAt((i * 37 + 11) % 64);
        return s + '=='.slice(0, pad);
      }
      var v3 = { timeStamp: '1490840662', nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
        package: 'prepay_id=wx2017033010242291fcfe0db70013231072', signType: 'RSA', paySign: rsaSign(344, 2) };
      t.setPayMode('ok');
      var count = t.payments.length;
      var res = await wxpay.requestPayment(v3);
      t.assert.equal(res.errMsg, 'requestPayment:ok');
      t.assert.deepEqual(t.payments[count], v3);
      // RSA 3072 and 4096 too.
      await wxpay.requestPayment(Object.assign({}, v3, { paySign: rsaSign(512, 0) }));
      await wxpay.requestPayment(Object.assign({}, v3, { paySign: rsaSign(684, 1) }));
      // 云开发 cloudPay.unifiedOrder returns `payment` with more fields than the five.
      var payment = Object.assign({ appId: 'wxd678efh567hg6787', timestamp: 1490840662, nonce_str: 'x', subMchId: '1900000109' }, v3);
      await wxpay.requestPayment(payment);
      t.assert.deepEqual(keysOf(t.payments[count + 3]), PAY_NAMES, 'only the five fields reach wx');
      t.assert.equal(t.payments.length, count + 4);
    },
  },
  {
    name: 'requestPayment names the classic mistakes, v2 and v3, before reaching wx',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var md5 = wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY });
      var rsa = rsaOf(md5);
      function rsaOf(p) {
        var s = '';
        while (s.length < 342) s += 'QUJD';
        return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: 'RSA', paySign: s.slice(0, 342) + '==' };
      }
      function change(base, name, value) {
        var r = {};
        PAY_NAMES.forEach(function (k) {
          r[k] = base[k];
        });
        if (value === undefined) delete r[name];
        else r[name] = value;
        return r;
      }
      var count = t.payments.length;
      var cases = [
        [change(rsa, 'timeStamp', rsa.timeStamp + '000'), 'InvalidTimeStamp', /milliseconds/],
        [change(rsa, 'nonceStr', '123e4567-e89b-12d3-a456-426614174000'), 'InvalidNonce', /UUID/],
        [change(md5, 'signType', 'md5'), 'UnsupportedSignType', /case-sensitive.*'MD5'/],
        [change(rsa, 'signType', 'rsa'), 'UnsupportedSignType', /case-sensitive.*'RSA'/],
        [change(md5, 'signType', 'HMAC_SHA256'), 'UnsupportedSignType', /HMAC-SHA256/],
        [change(rsa, 'package', 'prepay_id=' + rsa.package), 'InvalidPrepayId', /twice/],
        [change(rsa, 'package', rsa.package.slice('prepay_id='.length)), 'InvalidPrepayId', /prepay_id=/],
        [change(rsa, 'paySign', md5.paySign), 'InvalidSign', /hex.*base64/],
        [change(md5, 'paySign', rsa.paySign), 'InvalidSign', /signType: 'RSA'/],
        [change(change(md5, 'signType', 'HMAC-SHA256'), 'paySign', rsa.paySign), 'InvalidSign', /signType: 'RSA'/],
        [change(rsa, 'signType', undefined), 'UnsupportedSignType', /'RSA'/],
        [change(md5, 'signType', undefined), 'UnsupportedSignType', /'MD5'/],
        [change(rsa, 'paySign', rsa.paySign.slice(4)), 'InvalidSign', /base64/],
      ];
      for (var i = 0; i < cases.length; i++) {
        var e = await wxpay.requestPayment(cases[i][0]).then(
          function () {
            return null;
          },
          function (err) {
            return err;
          },
        );
        t.assert.ok(e, 'expected ' + cases[i][1] + ' for case ' + i);
        t.assert.equal(e.code, cases[i][1], 'case ' + i + ': ' + e.message);
        t.assert.match(e.message, cases[i][2], 'case ' + i);
      }
      t.assert.equal(t.payments.length, count, 'nothing reached wx.requestPayment');
      // buildPayParams in the page keeps refusing RSA, and says why.
      expectError(t, function () {
        wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY, signType: 'RSA' });
      }, 'UnsupportedSignType');
      try {
        wxpay.buildPayParams({ appId: 'wx1234', prepayId: 'wx20261127', key: DEMO_KEY, signType: 'RSA' });
      } catch (e) {
        t.assert.match(e.message, /v3.*server.*private key/);
      }
    },
  },
  {
    name: 'requestMerchantTransfer: no module, ok, cancel and fail (errMsg and errCode kept); only its fields reach wx, as given then',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setSdkVersion('3.3.0');
      var loads = t.wasmLoads.length;
      var count = t.transfers.length;
      var params = { mchId: '1230000109', appId: 'wxd678efh567hg6787', package: TRANSFER_PACKAGE, out_bill_no: 'plfk2020042013' };
      t.setTransferMode('ok');
      var sheet = wxpay.requestMerchantTransfer(params);
      params.package = 'changed after the call';
      var res = await sheet;
      t.assert.equal(res.errMsg, 'requestMerchantTransfer:ok');
      t.assert.deepEqual(t.transfers[count], { mchId: '1230000109', appId: 'wxd678efh567hg6787', package: TRANSFER_PACKAGE });
      var withOpenId = { mchId: '1230000109', appId: 'wxd678efh567hg6787', package: TRANSFER_PACKAGE, openId: 'o-MYE42l80oelYMDE34nYD456Xoy' };
      await wxpay.requestMerchantTransfer(withOpenId);
      t.assert.deepEqual(t.transfers[count + 1], withOpenId);

      t.setTransferMode('cancel');
      var cancelled = await wxpay.requestMerchantTransfer(withOpenId).then(null, function (e) {
        return e;
      });
      t.assert.equal(cancelled.name, 'WxPayError');
      t.assert.equal(cancelled.code, 'CANCELLED');
      t.assert.equal(cancelled.errMsg, 'requestMerchantTransfer:fail cancel');

      t.setTransferMode('fail');
      var failed = await wxpay.requestMerchantTransfer(withOpenId).then(null, function (e) {
        return e;
      });
      t.assert.equal(failed.code, 'FAILED');
      t.assert.match(failed.errMsg, /^requestMerchantTransfer:fail /);
      t.assert.equal(failed.errCode, -1);
      t.assert.equal(t.transfers.length, count + 4);
      t.assert.equal(t.wasmLoads.length, loads, 'no module was loaded');
      t.setTransferMode('ok');
    },
  },
  {
    name: 'requestMerchantTransfer names the classic mistakes before the sheet opens',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setSdkVersion('3.3.0');
      var good = { mchId: '1230000109', appId: 'wxd678efh567hg6787', package: TRANSFER_PACKAGE };
      function change(name, value) {
        var r = { mchId: good.mchId, appId: good.appId, package: good.package };
        if (value === undefined) delete r[name];
        else r[name] = value;
        return r;
      }
      var snake = { mch_id: good.mchId, appid: good.appId, package_info: good.package };
      var cases = [
        [change('mchId', 1230000109), 'InvalidMchId', /1 to 32 digits as a string/],
        [snake, 'InvalidMchId', /not mch_id/],
        [change('appId', undefined), 'InvalidAppId', /not appid/],
        [change('package', 'prepay_id=wx2017033010242291fcfe0db70013231072'), 'InvalidPackage', /wx\.requestPayment/],
        [{ mchId: good.mchId, appId: good.appId, package_info: good.package }, 'InvalidPackage', /package: package_info/],
        [change('package', '1330000071100999991182020050700019480001'), 'InvalidPackage', /transfer_bill_no/],
        [change('package', { package_info: good.package }), 'InvalidPackage', /not an object/],
        [change('package', ''), 'InvalidPackage', /package_info/],
        [change('package', good.package + '\n'), 'InvalidPackage', /whitespace/],
        [change('openId', ''), 'InvalidOpenId', /openid/],
        [null, 'InvalidValue', /mchId, appId, package/],
      ];
      var count = t.transfers.length;
      for (var i = 0; i < cases.length; i++) {
        var e = await wxpay.requestMerchantTransfer(cases[i][0]).then(
          function () {
            return null;
          },
          function (err) {
            return err;
          },
        );
        t.assert.ok(e, 'expected ' + cases[i][1] + ' for case ' + i);
        t.assert.equal(e.name, 'WxPayError');
        t.assert.equal(e.code, cases[i][1], 'case ' + i + ': ' + e.message);
        t.assert.match(e.message, cases[i][2], 'case ' + i);
        t.assert.match(e.message, /^requestMerchantTransfer/, 'case ' + i);
      }
      t.assert.equal(t.transfers.length, count, 'nothing reached wx.requestMerchantTransfer');
    },
  },
  {
    name: 'requestMerchantTransfer below base library 3.3.0 says so, and opens nothing',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      t.setSdkVersion('3.2.9');
      var count = t.transfers.length;
      var e = await wxpay.requestMerchantTransfer({ mchId: '1230000109', appId: 'wxd678efh567hg6787', package: TRANSFER_PACKAGE }).then(null, function (err) {
        return err;
      });
      t.assert.equal(e.code, 'Unsupported');
      t.assert.match(e.message, /3\.3\.0/);
      t.assert.match(e.message, /canIUse/);
      t.assert.equal(t.transfers.length, count);
      t.setSdkVersion('3.3.0');
    },
  },
  {
    name: 'requestVirtualPayment on base library 2.15.0 (no wx.requestVirtualPayment): Unsupported, naming 2.19.2',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      var c = t.require('/test-vectors.js').virtual[0];
      var was = t.wx.getSystemInfoSync().SDKVersion;
      t.setSdkVersion('2.15.0');
      t.assert.equal(typeof t.wx.requestVirtualPayment, 'undefined');
      var count = t.payments.length;
      var e = await wxpay.requestVirtualPayment({ signData: c.signData, mode: 'short_series_goods', paySig: c.paySig, signature: c.signature })
        .then(function () {
          return null;
        }, function (err) {
          return err;
        });
      t.assert.ok(e, 'refused');
      t.assert.equal(e.code, 'Unsupported');
      t.assert.match(e.message, /base library 2\.19\.2/);
      t.assert.equal(t.payments.length, count);
      t.setSdkVersion(was);
    },
  },
];

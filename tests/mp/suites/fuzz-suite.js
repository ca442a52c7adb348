// A JS-boundary fuzzer for the package, run inside the page realm (so every value it makes
// — objects, Proxies, Symbols, prototypes — is the page's own): random values for every
// argument of every export, each call checked against an oracle written from the documented
// rules (docs/miniprogram.md). A call must return the right result or throw a WxPayError with a documented code
// and a message without the key; the module must keep working afterwards.
//
// Plain ES2017, no Node APIs. Two ways in:
//   - tests/mp/fuzz.test.js loads this file in the simulator and calls `fuzz.run(...)` with
//     Node's crypto as the hash oracle and many cases;
//   - as a suite (module.exports is the case list) it runs fewer cases in JavaScriptCore with
//     the JIT off, with the plain-JS MD5/SHA-256 below as the oracle.
'use strict';

// The codes only the shim throws (init, loading, requestPayment, wx's answer, a trap); every
// other code comes from Rust, through the generated wire.js (lists.test.js checks this list
// against src/js/index.js).
var SHIM_CODES = ['InvalidOptions', 'LoadFailed', 'NotInitialized', 'InvalidSign', 'CANCELLED', 'FAILED', 'Internal'];

/** Every code a WxPayError may carry: the core's (wire.js) and the shim's. */
function codesOf(wire) {
  var codes = SHIM_CODES.slice();
  for (var n = 1; n < wire.ERRORS.length; n++) if (codes.indexOf(wire.ERRORS[n][0]) < 0) codes.push(wire.ERRORS[n][0]);
  return codes;
}

var OFFICIAL = {
  appId: 'wxd678efh567hg6787',
  prepayId: 'wx2017033010242291fcfe0db70013231072',
  key: 'qazwsxedcrfvtgbyhnujmikolp111111', // WeChat's documentation demo key
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
};
var OFFICIAL_PAY_SIGN = '22D9B4E54AB1950F51E0649E8810ACD6';
var PAY_FIELDS = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];
var ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
var MB = 1 << 20;

// ------------------------------------------------------------------ the rules (docs/miniprogram.md)

// Rust's char::is_whitespace (Unicode White_Space) and char::is_control (Cc): what the core
// refuses in names, appId, prepayId and keys. Not JS's \s (which adds U+FEFF, lacks U+0085).
var RUST_WHITESPACE = /[\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
var RUST_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function plainToken(s) {
  return s !== '' && !RUST_WHITESPACE.test(s) && !RUST_CONTROL.test(s) && s.indexOf('&') < 0 && s.indexOf('=') < 0;
}

function hasLoneSurrogate(s) {
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xDC00 && d <= 0xDFFF) i++;
      else return true;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      return true;
    }
  }
  return false;
}

function utf8Bytes(s) {
  var out = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xDC00 && d <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xC0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function utf8Length(s) {
  var n = 0;
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xDC00 && s.charCodeAt(i + 1) <= 0xDFFF) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The expected outcome: {ok: value} or {codes: [allowed codes]}. */
function fail(codes) {
  return { codes: codes };
}

function keyCodes(key) {
  if (typeof key !== 'string' || hasLoneSurrogate(key) || key === '' || RUST_WHITESPACE.test(key) || RUST_CONTROL.test(key)) {
    return ['InvalidKey'];
  }
  // Every API v2 key is 32 bytes of UTF-8.
  return utf8Length(key) === 32 ? [] : ['InvalidKey'];
}

function signTypeOf(signType) {
  if (signType === undefined || signType === null) return 'MD5';
  return signType === 'MD5' || signType === 'HMAC-SHA256' ? signType : null;
}

/**
 * params → {codes: [...], pairs: [[name, value]]}: the documented value rules — strings as they
 * are, safe integers (and BigInts, which index.d.ts allows) in decimal, null/undefined/''
 * left out, anything else refused; params only from plain objects — and the core's name rules.
 */
function readParams(params) {
  var codes = [];
  var pairs = [];
  if (params === null || typeof params !== 'object') return { codes: ['InvalidValue'], pairs: pairs };
  var names;
  try {
    if (Array.isArray(params)) return { codes: ['InvalidValue'], pairs: pairs };
    // Only {} and Object.create(null) hold parameters: a Map, Date, boxed string or class
    // instance is refused (its own keys are not what anyone meant to sign).
    var proto = Object.getPrototypeOf(params);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return { codes: ['InvalidValue'], pairs: pairs };
    names = Object.keys(params);
  } catch (e) {
    return { codes: ['InvalidValue'], pairs: pairs };
  }
  for (var i = 0; i < names.length; i++) {
    var name = names[i];
    var v;
    try {
      v = params[name];
    } catch (e) {
      codes.push('InvalidValue');
      continue;
    }
    if (v === undefined || v === null || v === '') continue;
    var s;
    if (typeof v === 'string') s = v;
    else if (typeof v === 'number' && Number.isSafeInteger(v)) s = String(v);
    else if (typeof v === 'bigint') s = String(v);
    else {
      codes.push('InvalidValue');
      continue;
    }
    if (hasLoneSurrogate(name) || !plainToken(name)) codes.push('InvalidName');
    if (hasLoneSurrogate(s)) codes.push('InvalidValue');
    pairs.push([name, s]);
  }
  return { codes: codes, pairs: pairs };
}

function canonical(pairs) {
  var kept = pairs.filter(function (p) {
    return p[0] !== 'sign' && p[1] !== '';
  });
  // Byte order of the UTF-8 names (names never hold lone surrogates here).
  kept.sort(function (a, b) {
    var x = utf8Bytes(a[0]);
    var y = utf8Bytes(b[0]);
    for (var i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  });
  return kept.map(function (p) {
    return p[0] + '=' + p[1];
  }).join('&');
}

function digest(hash, stringA, key, signType) {
  var temp = stringA + '&key=' + key;
  return signType === 'MD5' ? hash.md5(temp) : hash.hmac(key, temp);
}

function expectSign(hash, params, key, signType) {
  var r = readParams(params);
  var codes = r.codes.concat(keyCodes(key));
  var type = signTypeOf(signType);
  if (!type) codes.push('UnsupportedSignType');
  if (codes.length) return fail(codes);
  return { ok: digest(hash, canonical(r.pairs), key, type) };
}

function expectVerify(hash, params, key, signType) {
  var r = readParams(params);
  var codes = r.codes.concat(keyCodes(key));
  var type = signTypeOf(signType);
  if (!type) codes.push('UnsupportedSignType');
  var given = r.pairs.filter(function (p) {
    return p[0] === 'sign';
  })[0];
  if (!given) codes.push('MissingSign');
  if (codes.length) return fail(codes);
  return { ok: digest(hash, canonical(r.pairs), key, type) === given[1] };
}

/** Reads request[name]; a throwing getter or trap → {threw: true}. */
function field(obj, name) {
  try {
    return { v: obj[name] };
  } catch (e) {
    return { threw: true };
  }
}

function expectPay(hash, request, now) {
  if (request === null || typeof request !== 'object') return fail(['InvalidValue']);
  var codes = [];
  var f = {};
  ['appId', 'prepayId', 'key', 'signType', 'timeStamp', 'nonceStr'].forEach(function (name) {
    f[name] = field(request, name);
  });
  // A getter that throws: the field's own code, or InvalidValue.
  var CODE = { appId: 'InvalidAppId', prepayId: 'InvalidPrepayId', key: 'InvalidKey', signType: 'UnsupportedSignType', timeStamp: 'InvalidTimeStamp', nonceStr: 'InvalidNonce' };
  Object.keys(CODE).forEach(function (name) {
    if (f[name].threw) {
      codes.push(CODE[name], 'InvalidValue');
      f[name] = { v: undefined };
    }
  });
  var absent = function (v) {
    return v === undefined || v === null;
  };
  var appId = absent(f.appId.v) ? '' : f.appId.v;
  if (typeof appId !== 'string' || hasLoneSurrogate(appId)) codes.push('InvalidAppId');
  else if (appId === '') codes.push('MissingAppId');
  else if (!plainToken(appId)) codes.push('InvalidAppId');
  var prepay = absent(f.prepayId.v) ? '' : f.prepayId.v;
  var bare = null;
  if (typeof prepay !== 'string' || hasLoneSurrogate(prepay)) codes.push('InvalidPrepayId');
  else {
    bare = prepay.indexOf('prepay_id=') === 0 ? prepay.slice('prepay_id='.length) : prepay;
    if (bare === '') codes.push('MissingPrepayId');
    else if (!plainToken(bare)) codes.push('InvalidPrepayId');
  }
  var key = absent(f.key.v) ? '' : f.key.v;
  codes = codes.concat(keyCodes(key));
  var type = signTypeOf(f.signType.v);
  if (!type) codes.push('UnsupportedSignType');
  var ts = f.timeStamp.v;
  if (typeof ts === 'number' && Number.isSafeInteger(ts) && ts >= 0) ts = String(ts);
  if (!absent(ts) && (typeof ts !== 'string' || !/^[0-9]{10}$/.test(ts))) codes.push('InvalidTimeStamp');
  var nonce = f.nonceStr.v;
  if (!absent(nonce)) {
    if (typeof nonce !== 'string') codes.push('InvalidNonce');
    else {
      if (utf8Length(nonce) > 32) codes.push('NonceTooLong');
      if (!/^[A-Za-z0-9]{1,32}$/.test(nonce)) codes.push('InvalidNonce');
    }
  }
  if (codes.length) return fail(codes);
  return {
    ok: {
      appId: appId, package: 'prepay_id=' + bare, key: key, signType: type,
      timeStamp: absent(ts) ? null : ts, nonceStr: absent(nonce) ? null : nonce,
    },
    random: absent(nonce),
    now: now,
  };
}

function paySignOf(hash, appId, p, key) {
  var a = 'appId=' + appId + '&nonceStr=' + p.nonceStr + '&package=' + p.package + '&signType=' + p.signType + '&timeStamp=' + p.timeStamp;
  return digest(hash, a, key, p.signType);
}

var PAY_RULES = {
  timeStamp: ['InvalidTimeStamp', function (v) {
    return /^[0-9]{10}$/.test(v);
  }],
  nonceStr: ['InvalidNonce', function (v) {
    return /^[A-Za-z0-9]{1,32}$/.test(v);
  }],
  // The rule buildPayParams applies to prepayId: what it makes, requestPayment takes, and
  // what it refuses to sign, requestPayment does not send.
  package: ['InvalidPrepayId', function (v) {
    return v.indexOf('prepay_id=') === 0 && !hasLoneSurrogate(v) && plainToken(v.slice(10));
  }],
  // API v3 (signType RSA) as well: docs/miniprogram.md, requestPayment.
  signType: ['UnsupportedSignType', function (v) {
    return v === 'MD5' || v === 'HMAC-SHA256' || v === 'RSA';
  }],
  paySign: ['InvalidSign', function (v) {
    return /^([0-9A-F]{32}|[0-9A-F]{64})$/.test(v) || rsaSign(v);
  }],
};

// Base64 of an RSA signature of 2048, 3072 or 4096 bits (lists.test.js compares with wire.js).
var RSA_SIGN_LENGTHS = [344, 512, 684];
function rsaSign(v) {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(v) && RSA_SIGN_LENGTHS.indexOf(v.length) >= 0;
}

function signFits(signType, paySign) {
  if (signType === 'RSA') return rsaSign(paySign);
  return !rsaSign(paySign) && paySign.length === (signType === 'MD5' ? 32 : 64);
}

function expectRequestPayment(params) {
  if (params === null || typeof params !== 'object') return fail(['InvalidValue']);
  var codes = [];
  var args = {};
  PAY_FIELDS.forEach(function (name) {
    var f = field(params, name);
    var rule = PAY_RULES[name];
    if (f.threw) codes.push(rule[0], 'InvalidValue');
    else if (typeof f.v !== 'string' || !rule[1](f.v)) codes.push(rule[0]);
    else args[name] = f.v;
  });
  if (!codes.length && !signFits(args.signType, args.paySign)) codes.push('InvalidSign');
  return codes.length ? fail(codes) : { ok: args };
}

/** A random base64 RSA signature of 2048, 3072 or 4096 bits. */
function base64Sign(r) {
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var bytes = [256, 384, 512][r.int(3)];
  var chars = 4 * Math.ceil(bytes / 3);
  var pad = (3 - (bytes % 3)) % 3;
  var out = '';
  for (var i = 0; i < chars - pad; i++) out += B64.charAt(r.int(64));
  return out + '=='.slice(0, pad);
}

function expectNonce(length) {
  var n = length === undefined ? 32 : length;
  if (typeof n !== 'number' || n !== n || n < 1) return fail(['InvalidNonce']);
  if (n === Infinity) return fail(['InvalidNonce', 'NonceTooLong']);
  if (n % 1 !== 0) return fail(['InvalidNonce']);
  if (n > 32) return fail(['NonceTooLong']);
  return { ok: n, random: true };
}

var GOOD_SOURCES = new WeakSet();

function expectInit(options) {
  if (options === undefined) return { ok: true };
  if (options === null || typeof options !== 'object') return fail(['InvalidOptions']);
  var codes = [];
  var pool = field(options, 'randomPoolBytes');
  var source = field(options, 'randomSource');
  var path = field(options, 'wasmPath');
  if (pool.threw || source.threw || path.threw) return fail(['InvalidOptions']);
  if (pool.v !== undefined && (typeof pool.v !== 'number' || pool.v % 1 !== 0 || pool.v < 64 || pool.v > 1048576)) codes.push('InvalidOptions');
  if (source.v !== undefined && typeof source.v !== 'function') codes.push('InvalidOptions');
  if (path.v !== undefined && (typeof path.v !== 'string' || path.v.charAt(0) !== '/')) codes.push('InvalidOptions');
  if (codes.length) return fail(codes);
  var expected = { ok: true };
  if (path.v !== undefined && path.v !== '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br') expected = fail(['LoadFailed']);
  // What the generated sources do is known to the generator; it says so in options.__expect.
  if (source.v !== undefined && !GOOD_SOURCES.has(source.v) && expected.ok) expected = fail(['RandomUnavailable']);
  return expected;
}

// ------------------------------------------------------------------ random values, made here

/** mulberry32: a small seeded PRNG, so that a failing run can be replayed from its seed. */
function Rng(seed) {
  var a = seed >>> 0;
  function next() {
    a = (a + 0x6D2B79F5) >>> 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  var r = {
    next: next,
    int: function (n) {
      return Math.floor(next() * n);
    },
    chance: function (p) {
      return next() < p;
    },
    pick: function (list) {
      return list[Math.floor(next() * list.length)];
    },
    alnum: function (n) {
      var s = '';
      for (var i = 0; i < n; i++) s += ALNUM.charAt(Math.floor(next() * 62));
      return s;
    },
  };
  return r;
}

var DESCRIPTIONS = new WeakMap();

function describe(v) {
  if (typeof v === 'string') {
    if (v.length > 60) return 'string(' + v.length + ' units: ' + JSON.stringify(v.slice(0, 12)) + '…' + JSON.stringify(v.slice(-6)) + ')';
    return JSON.stringify(v).replace(/[\uD800-\uDFFF]/g, function (c) {
      return '\\u' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return String(v) + 'n';
  if (typeof v === 'symbol') return 'Symbol(' + (v.description || '') + ')';
  if (v === null || v === undefined || typeof v === 'boolean') return String(v);
  if (DESCRIPTIONS.has(v)) return DESCRIPTIONS.get(v);
  if (typeof v === 'function') return 'function';
  try {
    return Object.prototype.toString.call(v);
  } catch (e) {
    return 'revoked Proxy'; // the only object whose tag cannot be read
  }
}

/** Remembers how to describe an object (outside it: the package never sees it). */
function tag(v, desc) {
  DESCRIPTIONS.set(v, desc);
  return v;
}

var WEIRD_CHARS = ['\u0000', '\u0001', '\t', '\n', '\r', ' ', '\u007F', '\u0085', '\u009F', '\u00A0', '\u1680',
  '\u2000', '\u200B', '\u2028', '\u202F', '\u3000', '\uFEFF', '\uFFFD', '\uFFFF', '&', '=', '腾', '讯', '😀',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'é', '\u0301', '%', '+', '"', '\\', '<'];

function makeGen(r, opts) {
  var hugeRate = opts.hugeRate === undefined ? 1 / 400 : opts.hugeRate;

  function huge() {
    var unit = r.pick(['a', '腾讯', '😀x', 'a\u0000', 'z ']);
    var s = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1) + 'y';
    // A flaw at the very end of a megabyte: the checks must look that far.
    var end = r.pick(['', '', '\uD800', '\uDC00', '&', '\n']);
    return s + end;
  }

  function str() {
    if (r.chance(hugeRate)) return huge();
    switch (r.int(14)) {
      case 0: return '';
      case 1: return r.alnum(1 + r.int(8));
      case 2: return r.alnum(1 + r.int(40));
      case 3: return String(r.int(1e9));
      case 4: return String(1000000000 + r.int(2e9));
      case 5: return String(1000000000000 + r.int(1e12));
      case 6: return r.pick(['MD5', 'HMAC-SHA256', 'md5', 'HMAC_SHA256', 'RSA', 'sign', 'prepay_id=', 'prepay_id=wx1', 'null', 'undefined', '0', '-0', 'NaN']);
      case 7: return '腾讯支付😀' + r.alnum(r.int(4));
      default: {
        var s = '';
        var n = 1 + r.int(10);
        for (var i = 0; i < n; i++) s += r.chance(0.5) ? r.pick(WEIRD_CHARS) : r.alnum(1);
        return s;
      }
    }
  }

  function num() {
    return r.pick([NaN, Infinity, -Infinity, -0, 0, 1, -1, 2 ** 53 + 1, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), 1.5, -3.25,
      0.1, 1e21, 1e-7, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 2 ** 32, 2 ** 32 + 1, 2 ** 31, 33, 32, 64,
      1048576, 1048577, 63, 1490840662, 1490840662000, r.int(100), -r.int(100), r.int(1e12), r.next() * 100]);
  }

  function bigint() {
    return r.pick([BigInt(0), BigInt(1), BigInt(-5), BigInt(2) ** BigInt(64), BigInt(2 ** 53) + BigInt(1), BigInt(r.int(1e9))]);
  }

  function thrower(kind) {
    // What a throwing getter or trap throws: an Error, or things that are hard to describe.
    switch (kind % 5) {
      case 0: return new Error('boom from a getter');
      case 1: return 'a thrown string';
      case 2: return Object.create(null);
      case 3: return tag({ get message() { throw new Error('message getter throws too'); } }, 'object whose message getter throws');
      default: return Symbol('thrown');
    }
  }

  function copyOf(base) {
    try {
      return Object.assign({}, base);
    } catch (e) {
      return {};
    }
  }

  /** Objects of every awkward kind; `base` gives them content when they wrap one. */
  function exotic(base) {
    // `base` may itself be exotic (a throwing getter, a Proxy): copy what can be copied.
    base = copyOf(base);
    var k = r.int(24);
    var what = r.int(5);
    switch (k) {
      case 0: return tag({}, '{}');
      case 1: return tag([], '[]');
      case 2: return tag(['a', '1'], "['a', '1']");
      case 3: return Symbol('s');
      case 4: return Symbol.iterator;
      case 5: return tag(function () { return 'x'; }, 'function');
      case 6: return tag(new Date(0), 'Date');
      case 7: return tag(new String('x'), "new String('x')");
      case 8: return tag(new Number(1), 'new Number(1)');
      case 9: return tag({ toString: function () { throw new Error('toString throws'); }, valueOf: function () { throw new Error('valueOf throws'); } }, 'object whose toString/valueOf throw');
      case 10: {
        var o = {};
        o[Symbol.toPrimitive] = function () {
          throw new Error('toPrimitive throws');
        };
        return tag(o, 'object whose Symbol.toPrimitive throws');
      }
      case 11: return tag(Object.create(null), 'Object.create(null)');
      case 12: return tag(Object.create({ inherited: 'x' }), "Object.create({inherited: 'x'})");
      case 13: {
        var g = copyOf(base);
        Object.defineProperty(g, r.pick(['a', 'appId', 'key', 'prepayId', 'timeStamp', 'nonceStr', 'signType', 'package', 'paySign', 'randomPoolBytes', 'sign']), {
          enumerable: true, configurable: true,
          get: function () {
            throw thrower(what);
          },
        });
        return tag(g, 'object with a throwing getter (throws ' + describe(thrower(what)) + ')');
      }
      case 14: return tag(new Proxy(copyOf(base), {}), 'transparent Proxy');
      case 15: return tag(new Proxy(copyOf(base), { ownKeys: function () { throw thrower(what); } }), 'Proxy whose ownKeys throws ' + describe(thrower(what)));
      case 16: return tag(new Proxy(copyOf(base), { get: function () { throw thrower(what); } }), 'Proxy whose get throws ' + describe(thrower(what)));
      case 17: return tag(new Proxy(copyOf(base), { getOwnPropertyDescriptor: function () { throw thrower(what); } }), 'Proxy whose getOwnPropertyDescriptor throws');
      case 18: {
        var p = Proxy.revocable({}, {});
        p.revoke();
        return tag(p.proxy, 'revoked Proxy');
      }
      case 19: return tag(new Map([['a', '1']]), 'Map');
      case 20: return tag(new Uint8Array(4), 'Uint8Array');
      case 21: return tag(/x/g, 'RegExp');
      case 22: return tag(Promise.resolve('x'), 'Promise');
      default: return tag({ then: function (ok) { ok({}); } }, 'thenable');
    }
  }

  /** Any value at all. */
  function any() {
    var k = r.int(100);
    if (k < 35) return str();
    if (k < 55) return num();
    if (k < 60) return r.pick([null, undefined]);
    if (k < 64) return bigint();
    if (k < 67) return r.pick([true, false]);
    return exotic();
  }

  var NAMES = ['appid', 'mch_id', 'body', 'a', 'A', 'a1', '_', 'total_fee', 'nonce_str', 'detail', 'sign', 'Sign',
    'key', '名字', '0', '1', '10', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'length', 'then'];

  function name() {
    if (r.chance(0.8)) return r.pick(NAMES);
    return r.chance(0.5) ? r.alnum(1 + r.int(12)) : str();
  }

  /** A param value: mostly what pages send, sometimes anything. */
  function value() {
    var k = r.int(10);
    if (k < 4) return r.alnum(1 + r.int(20));
    if (k < 5) return r.int(100000);
    if (k < 6) return r.pick(['', null, undefined]);
    if (k < 8) return str();
    return any();
  }

  function entries(n) {
    var out = [];
    var seen = {};
    for (var i = 0; i < n; i++) {
      var k = name();
      if (Object.prototype.hasOwnProperty.call(seen, k)) continue;
      seen[k] = true;
      out.push([k, value()]);
    }
    return out;
  }

  /** An object holding `list`, in one of the shapes a page may pass. */
  function container(list) {
    var kind = r.int(12);
    var target;
    var desc;
    if (kind === 1) {
      target = Object.create(null);
      desc = 'Object.create(null)';
    } else if (kind === 2) {
      target = Object.create({ inherited: 'x', sign: 'INHERITED', appId: 'wxInherited' });
      desc = 'Object.create({inherited, sign, appId})';
    } else {
      target = {};
      desc = '{}';
    }
    list.forEach(function (e) {
      Object.defineProperty(target, e[0], { value: e[1], enumerable: true, configurable: true, writable: true });
    });
    if (kind === 3) {
      Object.defineProperty(target, 'hidden', { value: 'not enumerable', enumerable: false });
      target[Symbol('s')] = 'symbol-keyed';
      desc += ' + a non-enumerable and a symbol-keyed property';
    }
    var shown = '{' + list.map(function (e) {
      return showArg(e[0]) + ': ' + showArg(e[1]);
    }).join(', ') + '}';
    if (kind === 4) return tag(new Proxy(target, {}), 'transparent Proxy of ' + desc + ' ' + shown);
    if (kind === 5) return exotic(target);
    return tag(target, desc + ' ' + shown);
  }

  return {
    str: str, num: num, any: any, exotic: exotic, entries: entries, container: container, value: value,
    alnum: r.alnum,
  };
}

// ------------------------------------------------------------------ the fuzz loop

function showArg(v) {
  try {
    return describe(v);
  } catch (e) {
    return 'revoked Proxy';
  }
}

/**
 * Runs `cases` random calls against `wxpay` (already initialised). → {cases, byFunction,
 * outcomes, failures: [{fn, problem, args, index}], seed}. Never throws for a failing call:
 * failures are collected (grouped by kind by the caller).
 */
async function run(o) {
  var wxpay = o.wxpay;
  var CODES = codesOf(o.wire);
  var hash = o.hash;
  var r = Rng(o.seed);
  var gen = makeGen(r, o);
  var sleep = function (ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  };
  var stats = { cases: 0, byFunction: {}, outcomes: {}, failures: [], seed: o.seed, randomUnavailable: 0, randomCalls: 0, checkpoints: 0 };
  var pending = [];

  function count(fn, outcome) {
    stats.byFunction[fn] = (stats.byFunction[fn] || 0) + 1;
    stats.outcomes[outcome] = (stats.outcomes[outcome] || 0) + 1;
  }

  function problem(fn, kind, detail, args, index) {
    stats.failures.push({ fn: fn, kind: kind, detail: detail, args: args.map(showArg).join(', '), index: index });
  }

  /** Checks a thrown value against the allowed codes → null or a problem {kind, detail}. */
  function badThrow(e, allowed, key) {
    if (!(e instanceof Error)) return { kind: 'threw a non-Error', detail: showArg(e) };
    if (e.code === undefined || !(e instanceof wxpay.WxPayError)) {
      return { kind: 'threw ' + e.name + ' without a code (not a WxPayError)', detail: e.name + ': ' + String(e.message).slice(0, 200) };
    }
    if (e.code === 'Internal') return { kind: 'trapped (Internal)', detail: e.message };
    if (CODES.indexOf(e.code) < 0) return { kind: 'undocumented code ' + e.code, detail: e.message };
    if (allowed.indexOf(e.code) < 0) return { kind: 'code ' + e.code + ' where ' + allowed.join('/') + ' was expected', detail: e.message };
    if (e.name !== 'WxPayError' || typeof e.message !== 'string' || e.message.length < 10) return { kind: 'bad name or message', detail: e.name + ': ' + e.message };
    if (typeof key === 'string' && key.length >= 12) {
      var shown = [e.message, String(e.stack || '')];
      Object.keys(e).forEach(function (k) {
        shown.push(String(e[k]));
      });
      if (shown.some(function (s) { return s.indexOf(key) >= 0; })) return { kind: 'the key shows in the error', detail: e.message };
    }
    return null;
  }

  /** Calls fn(args) and compares with `expected`; `check(result)` → problem string or null. */
  function call(fnName, fn, args, expected, key, check, index) {
    var result;
    var thrown = null;
    try {
      result = fn.apply(null, args);
    } catch (e) {
      thrown = { e: e };
    }
    if (thrown) {
      var e = thrown.e;
      var isRandom = e && e.code === 'RandomUnavailable' && expected.random;
      if (isRandom) {
        stats.randomUnavailable++;
        count(fnName, 'RandomUnavailable');
        return;
      }
      var allowed = expected.codes || [];
      var bad = badThrow(e, allowed, key);
      if (!expected.codes && !bad) bad = { kind: 'threw ' + e.code + ' for a valid call', detail: e.message };
      if (bad) problem(fnName, bad.kind, bad.detail, args, index);
      count(fnName, e && e.code ? e.code : 'raw throw');
      return;
    }
    if (expected.codes) {
      problem(fnName, 'returned where ' + expected.codes.join('/') + ' was expected', showArg(result), args, index);
      count(fnName, 'returned (wrongly)');
      return;
    }
    var wrong = check(result);
    if (wrong) problem(fnName, 'wrong result', wrong, args, index);
    count(fnName, 'returned');
  }

  function withPollution(fn) {
    // A polluted Object.prototype, as a careless library leaves it; always restored.
    var polluted = r.chance(0.05);
    if (!polluted) return fn();
    var P = Object.prototype;
    P.foo = 'polluted';
    P.sign = 'POLLUTED';
    Object.defineProperty(P, 'poison', { get: function () { throw new Error('poisoned prototype getter'); }, enumerable: true, configurable: true });
    try {
      return fn();
    } finally {
      delete P.foo;
      delete P.sign;
      delete P.poison;
    }
  }

  function keyArg() {
    var k = r.int(20);
    if (k < 15) return r.alnum(32);
    if (k < 16) return r.alnum(1 + r.int(80));
    if (k < 17) return r.alnum(32) + r.pick(['\n', ' ', '\u3000', '\u0000', '\uD800', '\u0085']);
    return gen.any();
  }

  function signTypeArg() {
    var k = r.int(10);
    if (k < 4) return 'MD5';
    if (k < 7) return 'HMAC-SHA256';
    if (k < 8) return undefined;
    return r.chance(0.5) ? r.pick(['md5', 'HMAC_SHA256', 'RSA', '', 'MD5 ', 'HMAC-SHA256\u0000', null]) : gen.any();
  }

  function paramsArg() {
    if (r.chance(0.85)) return gen.container(gen.entries(r.int(9)));
    return gen.any();
  }

  function caseSign(i) {
    var params = paramsArg();
    var key = keyArg();
    var st = signTypeArg();
    var args = r.chance(0.1) ? [params, key] : [params, key, st];
    withPollution(function () {
      var expected = expectSign(hash, params, key, args[2]);
      call('sign', wxpay.sign, args, expected, key, function (got) {
        return got === expected.ok ? null : 'sign ' + showArg(got) + ', expected ' + expected.ok;
      }, i);
    });
  }

  function caseVerify(i) {
    var list = gen.entries(r.int(8));
    var key = keyArg();
    var st = signTypeArg();
    // Usually the right signature (or a near miss), else whatever `sign` the entries hold.
    var k = r.int(10);
    if (k < 7) {
      var plain = {};
      list.forEach(function (e) {
        if (e[0] !== 'sign') Object.defineProperty(plain, e[0], { value: e[1], enumerable: true, configurable: true, writable: true });
      });
      var want = expectSign(hash, plain, key, st);
      if (want.ok) {
        var s = want.ok;
        if (k === 5) s = s.toLowerCase();
        if (k === 6) s = s.slice(0, -1) + (s.slice(-1) === '0' ? '1' : '0');
        list = list.filter(function (e) {
          return e[0] !== 'sign';
        });
        list.splice(r.int(list.length + 1), 0, ['sign', s]);
      }
    }
    var params = r.chance(0.9) ? gen.container(list) : gen.any();
    var args = [params, key, st];
    withPollution(function () {
      var expected = expectVerify(hash, params, key, st);
      call('verify', wxpay.verify, args, expected, key, function (got) {
        return got === expected.ok ? null : 'verify gave ' + showArg(got) + ', expected ' + expected.ok;
      }, i);
    });
  }

  function goodOr(good, absentRate) {
    var k = r.next();
    if (k < absentRate) return r.pick([undefined, null]);
    if (k < 0.85) return good();
    return gen.any();
  }

  function casePay(i) {
    var fields = [
      ['appId', goodOr(function () { return 'wx' + r.alnum(16); }, 0.03)],
      ['prepayId', goodOr(function () { return (r.chance(0.3) ? 'prepay_id=' : '') + 'wx' + r.alnum(1 + r.int(34)); }, 0.03)],
      ['key', goodOr(function () { return r.alnum(32); }, 0.03)],
      ['signType', goodOr(function () { return r.pick(['MD5', 'HMAC-SHA256']); }, 0.3)],
      ['timeStamp', goodOr(function () { return r.chance(0.5) ? String(1000000000 + r.int(2e9)) : 1000000000 + r.int(2e9); }, 0.5)],
      ['nonceStr', goodOr(function () { return r.alnum(1 + r.int(32)); }, 0.5)],
    ].filter(function (f) {
      return f[1] !== undefined || r.chance(0.5); // an absent field: undefined, or no property at all
    });
    var request = r.chance(0.92) ? gen.container(fields) : gen.any();
    var key = fields.filter(function (f) {
      return f[0] === 'key';
    }).map(function (f) {
      return f[1];
    })[0];
    var args = [request];
    withPollution(function () {
      var before = Math.floor(Date.now() / 1000);
      var expected = expectPay(hash, request);
      call('buildPayParams', wxpay.buildPayParams, args, expected, key, function (got) {
        var after = Math.floor(Date.now() / 1000);
        var w = expected.ok;
        if (!got || typeof got !== 'object') return 'not an object: ' + showArg(got);
        var names = Object.keys(got).sort().join(',');
        if (names !== 'nonceStr,package,paySign,signType,timeStamp') return 'fields ' + names;
        if (w.timeStamp !== null ? got.timeStamp !== w.timeStamp : !/^[0-9]{10}$/.test(got.timeStamp) || +got.timeStamp < before || +got.timeStamp > after) return 'timeStamp ' + got.timeStamp;
        if (w.nonceStr !== null ? got.nonceStr !== w.nonceStr : !/^[A-Za-z0-9]{32}$/.test(got.nonceStr)) return 'nonceStr ' + got.nonceStr;
        if (got.package !== w.package) return 'package ' + got.package + ', expected ' + w.package;
        if (got.signType !== w.signType) return 'signType ' + got.signType;
        var ps = paySignOf(hash, w.appId, got, w.key);
        if (got.paySign !== ps) return 'paySign ' + got.paySign + ', expected ' + ps;
        // What buildPayParams makes, requestPayment must take.
        var made = got;
        pending.push(wxpay.requestPayment(made).then(function (res) {
          if (!res || res.errMsg !== 'requestPayment:ok') problem('requestPayment', 'made params: wrong result', showArg(res), [made], i);
        }, function (e) {
          problem('requestPayment', 'refused what buildPayParams made: ' + (e && e.code), e && e.message, [made.package], i);
        }));
        return null;
      }, i);
    });
  }

  function caseNonce(i) {
    var k = r.int(10);
    var len = k < 3 ? 1 + r.int(32) : k < 4 ? undefined : k < 7 ? gen.num() : gen.any();
    var args = k === 3 && r.chance(0.5) ? [] : [len];
    var expected = expectNonce(args[0]);
    call('nonce', wxpay.nonce, args, expected, null, function (got) {
      var re = new RegExp('^[A-Za-z0-9]{' + expected.ok + '}$');
      return typeof got === 'string' && re.test(got) ? null : 'nonce ' + showArg(got);
    }, i);
  }

  function caseRequestPayment(i) {
    var kind = r.int(3); // MD5, HMAC-SHA256, RSA (API v3)
    var fields = [
      ['timeStamp', String(1000000000 + r.int(2e9))],
      ['nonceStr', r.alnum(1 + r.int(32))],
      ['package', 'prepay_id=wx' + r.alnum(1 + r.int(30))],
      ['signType', ['MD5', 'HMAC-SHA256', 'RSA'][kind]],
      ['paySign', kind === 2 ? base64Sign(r) : '0123456789ABCDEF'.repeat(kind ? 4 : 2)],
    ];
    if (r.chance(0.1)) fields[4][1] = [base64Sign(r), '0123456789ABCDEF'.repeat(2), '0123456789ABCDEF'.repeat(4)][r.int(3)];
    if (r.chance(0.05)) fields[3][1] = r.pick(['rsa', 'md5', 'HMAC_SHA256', undefined]);
    var n = r.int(3);
    for (var j = 0; j < n; j++) {
      var f = fields[r.int(fields.length)];
      f[1] = r.chance(0.3) && typeof f[1] === 'string' ? f[1] + r.pick(WEIRD_CHARS) : r.chance(0.2) ? undefined : gen.any();
    }
    if (r.chance(0.1)) fields.push(['appId', 'extra']);
    var params = r.chance(0.9) ? gen.container(fields) : gen.any();
    var args = [params];
    var expected;
    var promise;
    withPollution(function () {
      expected = expectRequestPayment(params);
      try {
        promise = wxpay.requestPayment(params);
      } catch (e) {
        problem('requestPayment', 'threw synchronously instead of rejecting', showArg(e) + ' ' + (e && e.message), args, i);
        return;
      }
    });
    if (!promise) return;
    if (!promise || typeof promise.then !== 'function') {
      problem('requestPayment', 'did not return a promise', showArg(promise), args, i);
      return;
    }
    pending.push(promise.then(function (res) {
      if (expected.codes) {
        problem('requestPayment', 'resolved where ' + expected.codes.join('/') + ' was expected', showArg(res), args, i);
        count('requestPayment', 'resolved (wrongly)');
        return;
      }
      if (!res || res.errMsg !== 'requestPayment:ok') problem('requestPayment', 'wrong result', showArg(res), args, i);
      count('requestPayment', 'resolved');
    }, function (e) {
      var bad = expected.codes ? badThrow(e, expected.codes, null) : { kind: 'rejected a valid call: ' + (e && e.code), detail: e && e.message };
      if (bad) problem('requestPayment', bad.kind, bad.detail, args, i);
      count('requestPayment', e && e.code ? e.code : 'raw rejection');
    }));
  }

  async function checkpoint(i) {
    stats.checkpoints++;
    var settled = pending;
    pending = [];
    await Promise.all(settled);
    await sleep(0); // let a pool refill land, as between a page's user actions
    if (Object.prototype.foo !== undefined || Object.prototype.sign !== undefined) throw new Error('prototype pollution was not undone');
    var p;
    try {
      p = wxpay.buildPayParams(OFFICIAL).paySign;
    } catch (e) {
      p = 'threw ' + (e && e.code) + ': ' + (e && e.message);
    }
    if (p !== OFFICIAL_PAY_SIGN) problem('checkpoint', 'the module stopped working', p, [], i);
    var s = wxpay.sign({ appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' }, '192006250b4c09247ec02edce69f6a2d');
    if (s !== '9A0A8659F005D6984697E2CA0A9CF3B7') problem('checkpoint', 'the module stopped working', s, [], i);
  }

  var mix = o.mix || [['sign', 30], ['verify', 20], ['buildPayParams', 30], ['nonce', 10], ['requestPayment', 10]];
  var total = 0;
  mix.forEach(function (m) {
    total += m[1];
  });
  var byName = { sign: caseSign, verify: caseVerify, buildPayParams: casePay, nonce: caseNonce, requestPayment: caseRequestPayment };
  for (var i = 0; i < o.cases; i++) {
    var x = r.int(total);
    for (var j = 0; j < mix.length; j++) {
      if (x < mix[j][1]) break;
      x -= mix[j][1];
    }
    var fn = mix[j][0];
    try {
      byName[fn](i);
    } catch (e) {
      problem(fn, 'the fuzzer itself failed (bug in the test)', String(e && e.stack || e), [], i);
    }
    stats.cases++;
    if (i % 50 === 49) await checkpoint(i);
  }
  await checkpoint(o.cases);
  return stats;
}

/** init(options) on a module that is not loaded yet: → [{options, expected}] generator. */
function initCase(seed) {
  var r = Rng(seed);
  var gen = makeGen(r, { hugeRate: 0 });
  var good = {
    randomPoolBytes: function () { return r.pick([64, 65, 4096, 65536, 1048576]); },
    wasmPath: function () { return '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br'; },
    randomSource: function () {
      var k = r.int(6);
      var f;
      if (k === 0) {
        f = function (n) { return Promise.resolve(new Uint8Array(n).fill(7)); };
        GOOD_SOURCES.add(f);
        return tag(f, 'randomSource giving n bytes');
      }
      if (k === 1) f = function (n) { return Promise.resolve(new Uint8Array(n > 1 ? n - 1 : 0)); };
      else if (k === 2) f = function () { return Promise.resolve([1, 2, 3]); };
      else if (k === 3) f = function () { throw new Error('randomSource throws'); };
      else if (k === 4) f = function () { return Promise.reject(Object.create(null)); };
      else f = function () { return null; };
      return tag(f, 'randomSource #' + k + ' that fails');
    },
  };
  var k = r.int(10);
  var options;
  if (k < 1) options = undefined;
  else if (k < 3) options = gen.any();
  else {
    var fields = [];
    Object.keys(good).forEach(function (name) {
      var c = r.int(10);
      if (c < 4) return;
      fields.push([name, c < 7 ? good[name]() : name === 'wasmPath' && c < 8 ? r.pick(['/nope.wasm', '/x.wasm.br', 'relative.wasm', '']) : gen.any()]);
    });
    options = gen.container(fields);
  }
  return { options: options, expected: expectInit(options), shown: showArg(options) };
}

// ------------------------------------------------------------------ plain-JS hashes (for jsc)

function hex(words, bigEndian) {
  var s = '';
  for (var i = 0; i < words.length; i++) {
    for (var j = 0; j < 4; j++) {
      var b = bigEndian ? (words[i] >>> (24 - 8 * j)) & 255 : (words[i] >>> (8 * j)) & 255;
      s += (b < 16 ? '0' : '') + b.toString(16);
    }
  }
  return s.toUpperCase();
}

function md5Bytes(bytes) {
  var K = [];
  for (var i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
  var S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  var len = bytes.length;
  var n = ((len + 8) >> 6) + 1;
  var w = new Int32Array(n * 16);
  for (i = 0; i < len; i++) w[i >> 2] |= bytes[i] << ((i % 4) * 8);
  w[len >> 2] |= 0x80 << ((len % 4) * 8);
  w[n * 16 - 2] = (len * 8) | 0;
  w[n * 16 - 1] = Math.floor(len / 536870912);
  var a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (var blk = 0; blk < n * 16; blk += 16) {
    var a = a0, b = b0, c = c0, d = d0;
    for (i = 0; i < 64; i++) {
      var f, g;
      if (i < 16) { f = (b & c) | (~b & d); g = i; } else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; } else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; } else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      var t = d;
      d = c;
      c = b;
      var x = (a + f + K[i] + w[blk + g]) | 0;
      var s = S[(i >> 4) * 4 + (i % 4)];
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
      a = t;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  return hex([a0, b0, c0, d0], false);
}

var SHA_K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1,
  0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
  0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3,
  0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
  0xbef9a3f7, 0xc67178f2];

function sha256Words(bytes) {
  var len = bytes.length;
  var n = ((len + 8) >> 6) + 1;
  var w = new Int32Array(n * 16);
  for (var i = 0; i < len; i++) w[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  w[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
  w[n * 16 - 1] = (len * 8) | 0;
  w[n * 16 - 2] = Math.floor(len / 536870912);
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var m = new Int32Array(64);
  var rotr = function (x, s) { return (x >>> s) | (x << (32 - s)); };
  for (var blk = 0; blk < n * 16; blk += 16) {
    for (i = 0; i < 16; i++) m[i] = w[blk + i];
    for (i = 16; i < 64; i++) {
      var s0 = rotr(m[i - 15], 7) ^ rotr(m[i - 15], 18) ^ (m[i - 15] >>> 3);
      var s1 = rotr(m[i - 2], 17) ^ rotr(m[i - 2], 19) ^ (m[i - 2] >>> 10);
      m[i] = (m[i - 16] + s0 + m[i - 7] + s1) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (i = 0; i < 64; i++) {
      var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA_K[i] + m[i]) | 0;
      var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0, (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + hh) | 0];
  }
  return h;
}

function wordsToBytes(words) {
  var out = [];
  words.forEach(function (x) {
    out.push((x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
  });
  return out;
}

function hmacSha256(keyBytes, bytes) {
  if (keyBytes.length > 64) keyBytes = wordsToBytes(sha256Words(keyBytes));
  var ipad = [];
  var opad = [];
  for (var i = 0; i < 64; i++) {
    var k = keyBytes[i] || 0;
    ipad.push(k ^ 0x36);
    opad.push(k ^ 0x5c);
  }
  var inner = wordsToBytes(sha256Words(ipad.concat(bytes)));
  return hex(sha256Words(opad.concat(inner)), true);
}

var plainHash = {
  md5: function (s) {
    return md5Bytes(utf8Bytes(s));
  },
  hmac: function (key, s) {
    return hmacSha256(utf8Bytes(key), utf8Bytes(s));
  },
};

// ------------------------------------------------------------------ as a suite (jsc)

var JSC_CASES = 5000;

function summary(stats) {
  var kinds = {};
  stats.failures.forEach(function (f) {
    var k = f.fn + ': ' + f.kind;
    if (!kinds[k]) kinds[k] = [];
    if (kinds[k].length < 2) kinds[k].push('#' + f.index + ' (' + f.args + ') → ' + f.detail);
  });
  return Object.keys(kinds).map(function (k) {
    return k + '\n    ' + kinds[k].join('\n    ');
  }).join('\n');
}

var suite = [
  {
    name: 'JS-boundary fuzz: ' + JSC_CASES + ' random calls of every export, checked against the rules (plain-JS MD5/HMAC)',
    run: async function (t) {
      var wxpay = t.require('wxpay-wasm');
      await wxpay.init();
      var seed = Date.now() >>> 0;
      var stats = await run({ wxpay: wxpay, wire: t.require('/wire.js'), hash: plainHash, seed: seed, cases: JSC_CASES, hugeRate: 1 / 2500 });
      t.assert.ok(stats.cases === JSC_CASES, 'ran ' + stats.cases);
      if (stats.failures.length) {
        t.assert.fail('seed ' + seed + ': ' + stats.failures.length + ' failing calls\n' + summary(stats));
      }
    },
  },
];

suite.fuzz = { run: run, initCase: initCase, plainHash: plainHash, summary: summary, expectSign: expectSign, SHIM_CODES: SHIM_CODES, codesOf: codesOf, RSA_SIGN_LENGTHS: RSA_SIGN_LENGTHS, OFFICIAL: OFFICIAL, OFFICIAL_PAY_SIGN: OFFICIAL_PAY_SIGN, describe: showArg };
module.exports = suite;

// Generated from src/js/generated/wire.js and src/js/pay-checks.js by tools/assemble-pkg.js. Do not edit.
'use strict';
const generatedWire = (function (exports) {
// Generated from the Rust core (wasm/miniprogram/src/lib.rs, mod wire) by ./build.sh generate: do not edit.
'use strict';

// The error numbered n (a call's result -n): [code, message].
exports.ERRORS = [
  null,
  ['MissingAppId', 'appId is empty: pass the AppID of the mini-program (wx followed by 16 characters)'],
  ['InvalidAppId', 'appId must not contain whitespace, control characters, \'&\' or \'=\''],
  ['MissingPrepayId', 'prepayId is empty: pass the prepay_id that the unified order API (\u7EDF\u4E00\u4E0B\u5355) returned to your server'],
  ['InvalidPrepayId', 'prepayId must not contain whitespace, control characters, \'&\' or \'=\' (a leading \'prepay_id=\' is accepted)'],
  ['InvalidKey', 'key is empty: pass the 32-character API key (\u5546\u6237\u5E73\u53F0 \u2192 API\u5B89\u5168), not the AppSecret or the APIv3 key'],
  ['InvalidKey', 'key contains whitespace (a trailing newline from a config file?): the API key is 32 letters and digits'],
  ['InvalidKey', 'key contains a control character: the API key is 32 letters and digits'],
  ['UnsupportedSignType', 'signType is case-sensitive: use "MD5" or "HMAC-SHA256"'],
  ['UnsupportedSignType', 'signType must be spelled "HMAC-SHA256" (with a hyphen), or "MD5"'],
  ['UnsupportedSignType', 'signType "RSA" belongs to API v3, which is signed on your server with the merchant private key; API v2 accepts "MD5" or "HMAC-SHA256"'],
  ['UnsupportedSignType', 'signType must be "MD5" or "HMAC-SHA256", the same sign_type the unified order used'],
  ['InvalidTimeStamp', 'timeStamp must be a string of digits: Unix time in seconds, e.g. String(Math.floor(Date.now() / 1000))'],
  ['InvalidTimeStamp', 'timeStamp has 13 digits, which is milliseconds: WeChat wants Unix seconds (10 digits), e.g. String(Math.floor(Date.now() / 1000))'],
  ['InvalidTimeStamp', 'timeStamp must be 10 digits of Unix time in seconds'],
  ['NonceTooLong', 'nonceStr is longer than 32 characters, WeChat\'s limit (a UUID with hyphens is 36): use 1 to 32 letters and digits'],
  ['InvalidNonce', 'nonceStr must be 1 to 32 ASCII letters and digits'],
  ['InvalidName', 'a parameter name is empty or contains whitespace, control characters, \'&\' or \'=\''],
  ['DuplicateName', 'the same parameter name appears twice'],
  ['InvalidValue', 'a parameter value must be a string or an integer'],
  ['MissingSign', 'the parameters have no \'sign\' field to verify'],
  ['RandomUnavailable', 'no secure random bytes are available: await init() first (it fills the random pool from wx.getRandomValues, base library \u2265 2.15.0)'],
  ['InvalidKey', 'key is not 32 characters long: pass the API v2 key (\u5546\u6237\u5E73\u53F0 \u2192 API\u5B89\u5168 \u2192 API\u5BC6\u94A5, 32 letters and digits) or the sandbox key made from it'],
];
// The numbers of the errors requestPayment reports for the five fields.
exports.PAGE_ERRORS = { timeStampNotDigits: 12, timeStampMilliseconds: 13, timeStampWrongLength: 14, nonceTooLong: 15, nonceInvalid: 16, prepayIdInvalid: 4 };
exports.SIGN_TYPES = ['MD5', 'HMAC-SHA256'];
// The hex length of a paySign of each of SIGN_TYPES.
exports.SIGN_LENGTHS = [32, 64];
exports.V3_SIGN_TYPE = 'RSA';
// The base64 length of an API v3 paySign, for each size of RSA key.
exports.RSA_SIGN_LENGTHS = [344, 512, 684];
exports.PACKAGE_PREFIX = 'prepay_id=';
// What appId, prepay_id and parameter names may not contain: Unicode White_Space, Cc, '&', '='.
exports.NOT_IN_TOKEN = '\\u0000-\\u0020\\u0026\\u003D\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028-\\u2029\\u202F\\u205F\\u3000';
exports.MAX_NONCE_LEN = 32;
// requestMerchantTransfer (商家转账's sheet): [code, message] of each problem.
exports.TRANSFER_ERRORS = {
  mchId: ['InvalidMchId', 'mchId must be the bill\'s merchant id (\u5546\u6237\u53F7): 1 to 32 digits as a string (not mch_id)'],
  appId: ['InvalidAppId', 'appId must be the AppID the bill was made for (appId, not appid)'],
  packageMissing: ['InvalidPackage', 'package must be the bill\'s package_info (answered with state WAIT_USER_CONFIRM)'],
  packageInfoField: ['InvalidPackage', 'package is missing: pass package: package_info'],
  packagePrepayId: ['InvalidPackage', 'package is a payment\'s prepay_id=\u2026 (wx.requestPayment\'s): pass the bill\'s package_info'],
  packageBillNo: ['InvalidPackage', 'package is only digits (transfer_bill_no?): pass the bill\'s package_info'],
  packageText: ['InvalidPackage', 'package has whitespace: pass package_info as WeChat Pay answered it'],
  openId: ['InvalidOpenId', 'openId, when given, must be the payee\'s openid under appId'],
  unsupported: ['Unsupported', 'wx.requestMerchantTransfer needs base library 3.3.0 (wx.canIUse is false): ask the user to update WeChat'],
};
exports.TRANSFER_API = 'requestMerchantTransfer';
exports.MCH_ID_MAX_LEN = 32;
// wx.requestVirtualPayment (virtual payment), from src/virtual_sheet.rs.
exports.VIRTUAL = {
  API: 'requestVirtualPayment',
  MODES: ['short_series_goods', 'short_series_coin'],
  // paySig and signature
  SIG: '^[0-9a-f]{64}$',
  // signData's fields: [name, a RegExp source (a JSON string) or [min, max] (a JSON integer),
  // needed (1 always, 0 never, or the mode that needs it), hint]. A message is
  // 'signData.' + name + MISSING or WRONG + hint, code that of ERRORS.signDataNotJson.
  FIELDS: [
    ['offerId', '[^]', 1, 'the OfferID (\u865A\u62DF\u652F\u4ED8 \u2192 \u57FA\u7840\u914D\u7F6E), a JSON string'],
    ['buyQuantity', [1, 4294967295], 1, 'a JSON integer \u2265 1, not "1"'],
    ['env', [0, 1], 0, '0 or 1 (sandbox: its own AppKey)'],
    ['currencyType', '^(?:CNY)$', 1, '"CNY"'],
    ['productId', '[^]', 'short_series_goods', 'the \u9053\u5177ID, for short_series_goods'],
    ['goodsPrice', [1, 4294967295], 'short_series_goods', 'the price in fen, an integer, for short_series_goods'],
    ['activitySellingPrice', [1, 4294967295], 0, 'a price in fen, an integer'],
    ['outTradeNo', '^(?!_)[\\u002A\\u002D0-9\\u0040-Z\\u005Fa-z\\u007C]{8,32}$', 1, '8 to 32 of 0-9A-Za-z_-|*@, not _ first'],
    ['attach', '', 1, 'a JSON string ("" for none)'],
  ],
  MISSING: ' is missing: ',
  WRONG: ' must be ',
  // [code, message]
  ERRORS: {
    signDataNotText: ['InvalidSignData', 'signData must be the JSON string your server signed, unchanged: not an object'],
    signDataNotJson: ['InvalidSignData', 'signData must be the JSON text of an object, as signed'],
    unknownMode: ['InvalidMode', 'mode must be "short_series_goods" or "short_series_coin"'],
    paySig: ['InvalidPaySig', 'paySig must be 64 lowercase hex: HMAC-SHA256(AppKey, "requestVirtualPayment&" + signData)'],
    signature: ['InvalidSignature', 'signature must be 64 lowercase hex: HMAC-SHA256(session_key, signData)'],
    unsupported: ['Unsupported', 'needs base library 2.19.2 (iOS: WeChat 8.0.68), no plugin: see wx.canIUse'],
  },
};
return exports;
})({});
const payChecks = (function () {
// The parameters of WeChat's payment sheet, read once and checked before it opens: one set of
// rules and messages for the mini-program's requestPayment (src/js/index.js, wx.requestPayment)
// and the browser entry's (src/js/api.js, WeixinJSBridge's getBrandWCPayRequest in a 公众号
// H5 page, which checks its sixth parameter, appId, itself). Where the core has the rule, its
// message comes from Rust (wire.js); API v3's paySign, which only pages see, is checked here.
//
// Hand-written. The mini-program runtime runs it (tools/assemble-pkg.js inlines it into the
// one minified file devices get), so: CommonJS, no `class`, no `async`, every typeof compared
// to a literal (docs/runtime.md). `payChecks(WxPayError)` binds the entry's error class.
'use strict';

const wire = generatedWire;

const toObject = Object;
const PAY_FIELDS = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];
const PAY_FIELD_CODES = ['InvalidTimeStamp', 'InvalidNonce', 'InvalidPrepayId', 'UnsupportedSignType', 'InvalidSign'];
const TOKEN = new RegExp('^[^' + wire.NOT_IN_TOKEN + ']+$');
const HEX = /^[0-9A-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// A lone surrogate has no UTF-8: requestPayment refuses it in the prepay_id as the module would.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SIGN_TYPE_NAMES = wire.SIGN_TYPES.concat([wire.V3_SIGN_TYPE]);
const QUOTED_NAMES = "'" + SIGN_TYPE_NAMES.join("', '") + "'";

/** The signType a paySign of this shape goes with, or '' when it fits none. */
function signTypeOfShape(paySign) {
  if (BASE64.test(paySign) && wire.RSA_SIGN_LENGTHS.indexOf(paySign.length) >= 0) return wire.V3_SIGN_TYPE;
  return HEX.test(paySign) ? wire.SIGN_TYPES[wire.SIGN_LENGTHS.indexOf(paySign.length)] || '' : '';
}

/** Whether `v` may be an appId or prepay_id: the core's rule (wire.NOT_IN_TOKEN), and valid Unicode. */
function isToken(v) {
  return TOKEN.test(v) && !LONE_SURROGATE.test(v);
}

/** Text for any thrown value; never throws itself (a getter of `message`, no toString). */
function describe(e) {
  try {
    return e && e.message ? String(e.message) : String(e);
  } catch (_) {
    return 'a value that cannot be shown';
  }
}

function typeName(value) {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'undefined') return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return 'a bigint';
  return 'a symbol';
}

/** Array.isArray, which throws for a revoked Proxy (called one here). */
function isArray(value) {
  try {
    return Array.isArray(value);
  } catch (e) {
    return true;
  }
}

// Objects without `typeof x === 'object'`, which WeChat's ES5 build routes through a
// Babel helper (so does a bare `typeof x`): every typeof here compares to a literal.
function isObject(value) {
  return value !== null && toObject(value) === value && typeof value !== 'function';
}

/** The checks, with errors of the entry's `WxPayError` class. */
function payChecks(WxPayError) {
  /** Rust's error numbered `n` (wire.PAGE_ERRORS), with requestPayment's code for the field. */
  function coreError(code, n, prefix) {
    return new WxPayError(code, 'requestPayment: ' + (prefix || '') + wire.ERRORS[n][1]);
  }

  /** obj[name], with a throwing getter or Proxy trap turned into a WxPayError. */
  function readField(obj, name, code, what) {
    try {
      return obj[name];
    } catch (e) {
      throw readFailed(code, what, name, e);
    }
  }

  function readFailed(code, what, name, e) {
    return new WxPayError(code, what + ': reading ' + name + ' threw: ' + describe(e));
  }

  function checkTimeStamp(v) {
    const e = wire.PAGE_ERRORS;
    if (typeof v !== 'string' || !/^[0-9]+$/.test(v)) return coreError('InvalidTimeStamp', e.timeStampNotDigits);
    if (v.length === 13) return coreError('InvalidTimeStamp', e.timeStampMilliseconds);
    return v.length === 10 ? null : coreError('InvalidTimeStamp', e.timeStampWrongLength);
  }

  function checkNonceStr(v) {
    if (typeof v === 'string' && /^[A-Za-z0-9]+$/.test(v) && v.length <= wire.MAX_NONCE_LEN) return null;
    // A UUID and other long ASCII: the core's NonceTooLong text says why.
    const tooLong = typeof v === 'string' && v.length > wire.MAX_NONCE_LEN && /^[\x21-\x7e]+$/.test(v);
    return coreError('InvalidNonce', tooLong ? wire.PAGE_ERRORS.nonceTooLong : wire.PAGE_ERRORS.nonceInvalid);
  }

  function checkPackage(v) {
    const prefix = wire.PACKAGE_PREFIX;
    if (typeof v !== 'string' || v.indexOf(prefix) !== 0) {
      return new WxPayError('InvalidPrepayId', "requestPayment: package must be '" + prefix + "' followed by the prepay_id");
    }
    if (v.indexOf(prefix, prefix.length) === prefix.length) {
      return new WxPayError('InvalidPrepayId', "requestPayment: package has '" + prefix + "' twice: put it once before the bare prepay_id");
    }
    const id = v.slice(prefix.length);
    return isToken(id) ? null : coreError('InvalidPrepayId', wire.PAGE_ERRORS.prepayIdInvalid, 'in package, ');
  }

  function checkSignType(v, paySign) {
    if (SIGN_TYPE_NAMES.indexOf(v) >= 0) return null;
    let why;
    if (v === undefined || v === null) {
      const inferred = typeof paySign === 'string' ? signTypeOfShape(paySign) : '';
      why = 'is missing: ' + (inferred ? "this paySign's shape says signType: '" + inferred + "'" : 'pass the one paySign was made with, ' + QUOTED_NAMES);
    } else {
      // Every name is upper case, so any other spelling of one differs in case only.
      const upper = typeof v === 'string' ? v.toUpperCase() : '';
      why = SIGN_TYPE_NAMES.indexOf(upper) >= 0
        ? "is case-sensitive: use '" + upper + "'"
        : 'must be one of ' + QUOTED_NAMES + ', not ' + (upper ? 'this string' : typeName(v));
    }
    return new WxPayError('UnsupportedSignType', 'requestPayment: signType ' + why);
  }

  function checkPaySign(v, signType) {
    const shape = typeof v === 'string' ? signTypeOfShape(v) : '';
    if (shape === signType) return null;
    let why;
    if (typeof v !== 'string') why = 'must be a string, not ' + typeName(v);
    else if (signType === wire.V3_SIGN_TYPE && HEX.test(v)) {
      why = "is hex, an API v2 signature, but signType is '" + signType +
        "': API v3's paySign is the base64 RSA signature your server made (" + wire.RSA_SIGN_LENGTHS[0] + ' characters for RSA 2048)';
    } else if (shape === wire.V3_SIGN_TYPE) why = "is a base64 RSA signature (API v3): pass signType: '" + shape + "'";
    else if (shape) why = "has the length of signType '" + shape + "', not '" + signType + "'";
    else {
      const hex = wire.SIGN_LENGTHS[wire.SIGN_TYPES.indexOf(signType)];
      why = "with signType '" + signType + "' must be " + (hex ? hex + ' uppercase hex digits' : 'base64 of ' + wire.RSA_SIGN_LENGTHS.join(', ') + ' characters') +
        ', not ' + (v ? 'this string' : 'empty');
    }
    return new WxPayError('InvalidSign', 'requestPayment: paySign ' + why);
  }

  /**
   * The five parameters of the sheet, each read once from `payParams` into `args` (a new
   * object of strings unless given), checked; throws the first problem's WxPayError. The
   * page's object may change afterwards: the sheet gets this copy.
   */
  function checkedPayParams(payParams, args) {
    args = args || {};
    for (let i = 0; i < PAY_FIELDS.length; i++) {
      args[PAY_FIELDS[i]] = readField(payParams, PAY_FIELDS[i], PAY_FIELD_CODES[i], 'requestPayment');
    }
    const problem =
      checkTimeStamp(args.timeStamp) ||
      checkNonceStr(args.nonceStr) ||
      checkPackage(args.package) ||
      checkSignType(args.signType, args.paySign) ||
      checkPaySign(args.paySign, args.signType);
    if (problem) throw problem;
    return args;
  }

  return { checkedPayParams, readField, readFailed, describe, typeName, isArray, isObject, isToken, wire };
}

return payChecks;
})();
module.exports = payChecks;

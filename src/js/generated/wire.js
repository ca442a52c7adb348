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

// wx.requestVirtualPayment (虚拟支付), checked before the sheet opens. Hand-written; tools/assemble-pkg.js
// inlines it into the mini-program's one index.js. Needs no module and never a key: the rules,
// codes and messages are the Rust core's (src/virtual_sheet.rs, generated into wire.js), and
// both signatures come from your server (v3.virtualPayment). Facts: docs/runtime.md, "虚拟支付".
'use strict';

/** requestVirtualPayment over the shim's WxPayError, readField, isObject and openSheet. */
module.exports = function makeRequestVirtualPayment(shim) {
  const WxPayError = shim.WxPayError;
  const sheet = shim.wire.VIRTUAL;
  const API = sheet.API;
  const hasOwn = Object.prototype.hasOwnProperty;
  const SIG = new RegExp(sheet.SIG);
  // The four fields, each with the error whose code a throwing getter gets.
  const READ = { signData: 'signDataNotText', mode: 'unknownMode', paySig: 'paySig', signature: 'signature' };

  function refused(name) {
    const e = sheet.ERRORS[name];
    return new WxPayError(e[0], API + ': ' + e[1]);
  }

  /** Whether a signData value is of its kind: a RegExp source (a string) or [min, max] (an integer). */
  function fits(kind, value) {
    if (typeof kind === 'string') return typeof value === 'string' && new RegExp(kind).test(value);
    return typeof value === 'number' && Number.isInteger(value) && value >= kind[0] && value <= kind[1];
  }

  /** The first thing wrong with signData (a string) for `mode`, or null. */
  function checkSignData(text, mode) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return refused('signDataNotJson');
    }
    if (!shim.isObject(data) || Array.isArray(data)) return refused('signDataNotJson');
    for (let i = 0; i < sheet.FIELDS.length; i++) {
      const f = sheet.FIELDS[i]; // [name, kind, needed, hint]
      const joint = hasOwn.call(data, f[0]) ? (fits(f[1], data[f[0]]) ? '' : sheet.WRONG) : f[2] === 1 || f[2] === mode ? sheet.MISSING : '';
      if (joint) return new WxPayError(sheet.ERRORS.signDataNotJson[0], API + ': signData.' + f[0] + joint + f[3]);
    }
    return null;
  }

  /** paySig or signature: 64 lowercase hex digits (HMAC-SHA256). */
  function checkSig(value, name) {
    return typeof value === 'string' && SIG.test(value) ? null : refused(name);
  }

  /**
   * Opens 虚拟支付's sheet with {signData, mode, paySig, signature} from your server, checked
   * first. Resolves with wx's result; rejects with code 'CANCELLED' (the user closed the
   * sheet) or 'FAILED', keeping WeChat's errMsg and errCode.
   */
  return function requestVirtualPayment(params) {
    return new Promise((resolve, reject) => {
      if (!shim.isObject(params)) {
        throw new WxPayError('InvalidValue', API + ' takes {signData, mode, paySig, signature}');
      }
      // Each read once: what goes to wx is this copy, whatever happens to `params` later.
      const args = {};
      for (const name in READ) args[name] = shim.readField(params, name, sheet.ERRORS[READ[name]][0], API);
      const problem =
        (typeof args.signData === 'string' ? null : refused('signDataNotText')) ||
        (sheet.MODES.indexOf(args.mode) >= 0 ? null : refused('unknownMode')) ||
        checkSignData(args.signData, args.mode) ||
        checkSig(args.paySig, 'paySig') ||
        checkSig(args.signature, 'signature');
      if (problem) throw problem;
      // canIUse as WeChat's documentation advises for base libraries before 2.19.2.
      const usable = typeof wx !== 'undefined' && wx && typeof wx[API] === 'function' &&
        (typeof wx.canIUse !== 'function' || wx.canIUse(API));
      if (!usable) throw refused('unsupported');
      // -2 is 支付取消 in WeChat's table; the errMsg wording is not documented.
      shim.openSheet(API, args, resolve, reject, 'payment', -2);
    });
  };
};

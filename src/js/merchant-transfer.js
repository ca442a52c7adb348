// wx.requestMerchantTransfer (商家转账: the user confirms a transfer the merchant's server
// created) for mini-program pages, with requestPayment's contract: every field checked
// before the sheet opens, no module and no key, a promise. Hand-written; its rules'
// messages are the Rust core's (src/merchant_transfer.rs, through wire.js).
// tools/assemble-pkg.js inlines it into pkg/miniprogram/index.js; written like index.js
// (no class, async or non-literal typeof: docs/runtime.md).
'use strict';

/**
 * `makeRequestMerchantTransfer(shim)` → `requestMerchantTransfer(params)`; `shim` lends
 * index.js's WxPayError, readField, typeName, isObject, openSheet and wire.
 */
module.exports = function makeRequestMerchantTransfer(shim) {
  const wire = shim.wire;
  const E = wire.TRANSFER_ERRORS;
  const API = wire.TRANSFER_API;
  const MCH_ID = new RegExp('^[0-9]{1,' + wire.MCH_ID_MAX_LEN + '}$');
  const TOKEN = new RegExp('^[^' + wire.NOT_IN_TOKEN + ']+$');

  function error(entry, more) {
    return new shim.WxPayError(entry[0], API + ': ' + entry[1] + (more || ''));
  }

  /** The first field that is wrong, as a WxPayError, or null. `given`: the caller's object. */
  function check(args, given) {
    const pkg = args.package;
    if (typeof args.mchId !== 'string' || !MCH_ID.test(args.mchId)) return error(E.mchId);
    if (typeof args.appId !== 'string' || !TOKEN.test(args.appId)) return error(E.appId);
    if (pkg == null && typeof shim.readField(given, 'package_info', E.packageInfoField[0], API) === 'string') return error(E.packageInfoField);
    if (typeof pkg !== 'string' || !pkg) return error(E.packageMissing, pkg === '' ? '' : ', not ' + shim.typeName(pkg));
    if (pkg.indexOf(wire.PACKAGE_PREFIX) === 0) return error(E.packagePrepayId);
    if (/^[0-9]+$/.test(pkg)) return error(E.packageBillNo);
    if (/[\s\0-\x1f\x7f]/.test(pkg)) return error(E.packageText);
    if (args.openId !== undefined && !(typeof args.openId === 'string' && TOKEN.test(args.openId))) return error(E.openId);
    return null;
  }

  /**
   * Opens the transfer sheet with `{mchId, appId, package, openId?}` (package: the bill's
   * package_info). Resolves with wx's result once the user confirmed (the money's arrival
   * is the MCHTRANSFER.BILL.FINISHED notification's to say); rejects with 'CANCELLED' or
   * 'FAILED' (errMsg and errCode kept), or the code of the field that is wrong.
   */
  return function requestMerchantTransfer(params) {
    return new Promise((resolve, reject) => {
      if (!shim.isObject(params)) throw new shim.WxPayError('InvalidValue', API + ' takes {mchId, appId, package, openId?}, not ' + shim.typeName(params));
      // Read once, into an object of our own: what the caller changes later is not sent.
      const args = {};
      const fields = [['mchId', E.mchId], ['appId', E.appId], ['package', E.packageMissing], ['openId', E.openId]];
      fields.forEach((f) => {
        const v = shim.readField(params, f[0], f[1][0], API);
        if (v !== undefined || f[0] !== 'openId') args[f[0]] = v;
      });
      const wrong = check(args, params);
      if (wrong) throw wrong;
      if (typeof wx === 'undefined' || !wx) throw new shim.WxPayError('FAILED', 'wx.' + API + ' is not available here (not a mini-program?)');
      if ((typeof wx.canIUse === 'function' && !wx.canIUse(API)) || typeof wx[API] !== 'function') throw error(E.unsupported);
      // No Promise form (base library 3.3.0): the callbacks are the only answer.
      shim.openSheet(API, args, resolve, reject, 'transfer');
    });
  };
};

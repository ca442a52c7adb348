// The JavaScript of the Node and browser entries around the wasm-bindgen build of
// wasm/web, whose functions check their arguments and throw WxPayError themselves:
// this adds WxPayError, init() and requestPayment(). Hand-written, CommonJS;
// tools/assemble-pkg.js gives pkg/web an ES-module copy.
'use strict';

/** Every failure of this package: an Error with a stable `code`. */
class WxPayError extends Error {
  constructor(code, message, extra) {
    super(message);
    this.name = 'WxPayError';
    this.code = code;
    if (extra) Object.assign(this, extra);
  }
}

/**
 * The API over `wasm` (the generated glue). `load(options)`: a Promise that
 * instantiates the module (browsers); none when the glue loaded it already (Node).
 */
function makeApi(wasm, load) {
  let ready = false;
  let broken = false;
  let loading = null;

  function connect() {
    wasm.setErrorClass(WxPayError);
    ready = true;
  }
  if (!load) connect();

  /** Resolves at once in Node; in browsers, once the module is loaded ({wasmPath} or {wasmBytes}). */
  function init(options) {
    if (ready) return Promise.resolve();
    if (!loading) {
      const given = options && (options.wasmBytes || options.wasmPath);
      loading = Promise.resolve()
        .then(() => load(given ? { module_or_path: given } : undefined))
        .then(connect, (e) => {
          loading = null; // a failed load may be retried
          throw new WxPayError('LoadFailed', 'loading wxpay-wasm\'s .wasm failed: ' + (e && e.message ? e.message : String(e)));
        });
    }
    return loading;
  }

  /** `fn` that refuses before init() and after a fault; a trap becomes WxPayError 'Internal'. */
  function guarded(fn) {
    return function () {
      if (broken) throw new WxPayError('Internal', 'the WebAssembly module stopped after an internal fault; restart');
      if (!ready) throw new WxPayError('NotInitialized', 'call and await wxpay.init() before using wxpay-wasm');
      try {
        return fn.apply(null, arguments);
      } catch (e) {
        if (e instanceof WxPayError) throw e;
        broken = true; // a trap: the instance can no longer be trusted
        throw new WxPayError('Internal', 'the WebAssembly module faulted (' + (e && e.message) + '); please report this');
      }
    };
  }

  /** wx.requestPayment exists only in mini-programs: this always rejects here. */
  function requestPayment() {
    return Promise.reject(
      new WxPayError('FAILED', 'wx.requestPayment is not available here (not a mini-program): send the five parameters to the mini-program and call requestPayment there'),
    );
  }

  // The module answers checked values one per line (wasm/web's `lines`): one text
  // crossing, and an object literal here, cost less than an object built in Rust.
  const payParamsLines = guarded(wasm.payParamsLines);
  const payParamsFromText = guarded(wasm.payParamsFromText);
  const requestTextBuffer = guarded(wasm.requestTextBuffer);
  const encoder = new TextEncoder();

  /** `buildPayParams({appId, prepayId, key, signType = 'MD5', timeStamp?, nonceStr?})` → the five parameters of wx.requestPayment. */
  function buildPayParams(request) {
    const v = (fromText(request) || payParamsLines(request)).split('\n');
    return { timeStamp: v[0], nonceStr: v[1], package: v[2], signType: v[3], paySign: v[4] };
  }

  // The usual request, all its fields strings (the last three perhaps left out), goes in
  // as one UTF-8 text written into the module's memory, and the fields' lengths: one
  // encoder call instead of six strings passed in. Anything else, and text the module
  // cannot take this way, goes in as the object (payParamsLines), which reads and checks
  // it. Each field is read once, here, by plain property access, as the module does (a
  // getter that throws makes this undefined, and the module reads the object again for
  // its message).
  function fromText(request) {
    if (request === null || typeof request !== 'object') return undefined;
    let appId, prepayId, key, signType, timeStamp, nonceStr;
    try {
      ({ appId, prepayId, key, signType, timeStamp, nonceStr } = request);
    } catch (e) {
      return undefined;
    }
    if (typeof appId !== 'string' || typeof prepayId !== 'string' || typeof key !== 'string'
      || !optionalText(signType) || !optionalText(timeStamp) || !optionalText(nonceStr)) {
      return payParamsLines({ appId, prepayId, key, signType, timeStamp, nonceStr });
    }
    const joined = appId + prepayId + key + (signType || '') + (timeStamp || '') + (nonceStr || '');
    // At most three bytes of UTF-8 per UTF-16 code unit.
    const { written } = encoder.encodeInto(joined, requestTextBuffer(joined.length * 3));
    return payParamsFromText(
      written,
      appId.length, prepayId.length, key.length, textLength(signType), textLength(timeStamp), textLength(nonceStr),
    ) || payParamsLines({ appId, prepayId, key, signType, timeStamp, nonceStr });
  }

  function optionalText(v) {
    return v === undefined || typeof v === 'string';
  }
  function textLength(v) {
    return v === undefined ? -1 : v.length;
  }

  const api = {
    init,
    buildPayParams,
    sign: guarded(wasm.sign),
    verify: guarded(wasm.verify),
    nonce: guarded(wasm.nonce),
    requestPayment,
    WxPayError,
  };
  // For the Node entry's v3.js, whose calls into the module are guarded as these are;
  // under a symbol, as it is not the package's API.
  api[makeApi.GUARDED] = guarded;
  return api;
}

// For the Node entry's v3.js, whose errors must be instances of the same class.
makeApi.WxPayError = WxPayError;
makeApi.GUARDED = Symbol('wxpay-wasm guarded');

module.exports = makeApi;

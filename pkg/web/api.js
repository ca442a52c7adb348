// Generated from src/js/api.js by tools/assemble-pkg.js (as an ES module). Do not edit.
// The JavaScript of the Node and browser entries around the wasm-bindgen build of
// wasm/web, whose functions check their arguments and throw WxPayError themselves:
// this adds WxPayError, init() and requestPayment(). Hand-written, CommonJS;
// tools/assemble-pkg.js gives pkg/web an ES-module copy.

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

  return {
    init,
    buildPayParams: guarded(wasm.buildPayParams),
    sign: guarded(wasm.sign),
    verify: guarded(wasm.verify),
    nonce: guarded(wasm.nonce),
    requestPayment,
    WxPayError,
  };
}

// For the Node entry's v3.js, whose errors must be instances of the same class.
makeApi.WxPayError = WxPayError;

export default makeApi;

// Generated from src/js/api.js by tools/assemble-pkg.js (as an ES module). Do not edit.
// The JavaScript of the Node and browser entries around the wasm-bindgen build of
// wasm/web, whose functions check their arguments and throw WxPayError themselves:
// this adds WxPayError, init() and requestPayment() (a 公众号 H5 page's, through
// WeixinJSBridge). Hand-written, CommonJS; tools/assemble-pkg.js gives pkg/web an
// ES-module copy.
import payChecks from './pay-checks.js';

/** Every failure of this package: an Error with a stable `code`. */
class WxPayError extends Error {
  constructor(code, message, extra) {
    super(message);
    this.name = 'WxPayError';
    this.code = code;
    if (extra) Object.assign(this, extra);
  }
}

const checks = payChecks(WxPayError);

const NO_PAGE = "requestPayment opens WeChat's payment sheet, which only a page can: in a mini-program, wxpay-wasm's " +
  "mini-program entry (wx.requestPayment); in a 公众号 H5 page inside WeChat, its browser entry (WeixinJSBridge). " +
  'A server makes the parameters and sends them to that page';
const BRIDGE_READY = 'WeixinJSBridgeReady';
// WeChat injects the bridge while the page loads; this bounds the wait for its event.
const BRIDGE_TIMEOUT_MS = 10000;
const SHEET_OK = 'get_brand_wcpay_request:ok';
const SHEET_CANCEL = 'get_brand_wcpay_request:cancel';

/**
 * A 公众号 H5 page's appId, which getBrandWCPayRequest takes besides the five and which
 * paySign signs. Missing is the classic mistake: parameters made for wx.requestPayment
 * (no appId), or the order's lower-case `appid` (`lowerCase`, read only then).
 */
function checkAppId(v, lowerCase) {
  if (v === undefined || v === null || v === '') {
    return new WxPayError('MissingAppId', 'requestPayment: appId is missing: ' + (lowerCase !== undefined
      ? "these parameters have 'appid', but WeChat's field is appId (capital I)"
      : "a 公众号 H5 page passes six parameters: the official account's AppID (the appid the order was placed with, which paySign signs) " +
        'and the five of wx.requestPayment, so parameters made for a mini-program page lack it'));
  }
  if (typeof v !== 'string') return new WxPayError('InvalidAppId', 'requestPayment: appId must be a string, not ' + checks.typeName(v));
  // The core's message for the rule (wire.js has it once, under its code).
  const rule = checks.wire.ERRORS.filter((e) => e && e[0] === 'InvalidAppId')[0][1];
  return checks.isToken(v) ? null : new WxPayError('InvalidAppId', 'requestPayment: ' + rule);
}

/** The page's WeixinJSBridge, or undefined while WeChat has not injected it. */
function bridgeNow() {
  const bridge = globalThis.WeixinJSBridge;
  return bridge && typeof bridge.invoke === 'function' ? bridge : undefined;
}

/**
 * WeixinJSBridge: at once when it is there; else, inside WeChat's browser (its user agent
 * says MicroMessenger), when WeixinJSBridgeReady fires, for at most 10 s. Any other
 * browser never gets one: that is a FAILED at once.
 */
function weixinJSBridge() {
  const ready = bridgeNow();
  if (ready) return Promise.resolve(ready);
  const agent = typeof navigator === 'undefined' ? '' : String(navigator.userAgent);
  if (!/MicroMessenger/i.test(agent)) {
    return Promise.reject(new WxPayError('FAILED', 'requestPayment: this page is not open in WeChat (no WeixinJSBridge, and the user agent ' +
      'has no MicroMessenger): JSAPI payment (getBrandWCPayRequest) works only in WeChat\'s browser; elsewhere a page pays with H5支付 (MWEB) or Native支付'));
  }
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener(BRIDGE_READY, done);
      const bridge = bridgeNow();
      if (bridge) resolve(bridge);
      else reject(new WxPayError('FAILED', 'requestPayment: ' + BRIDGE_READY + ' fired but WeixinJSBridge.invoke is missing'));
    };
    const timer = setTimeout(() => {
      document.removeEventListener(BRIDGE_READY, done);
      reject(new WxPayError('FAILED', 'requestPayment: WeChat did not give this page its WeixinJSBridge (no ' + BRIDGE_READY +
        ' within ' + BRIDGE_TIMEOUT_MS / 1000 + ' s): is it a 公众号 page of the AppID in appId?'));
    }, BRIDGE_TIMEOUT_MS);
    document.addEventListener(BRIDGE_READY, done, false);
  });
}

/** getBrandWCPayRequest with the checked `args`; → WeChat's result, or CANCELLED / FAILED by its err_msg. */
function openSheet(bridge, args) {
  return new Promise((resolve, reject) => {
    bridge.invoke('getBrandWCPayRequest', args, (res) => {
      const errMsg = String((res && res.err_msg) || '');
      if (errMsg === SHEET_OK) return resolve(res);
      // WeChat's own words are kept: err_msg always, err_code and err_desc when it sent them.
      const extra = { err_msg: errMsg };
      for (const name of ['err_code', 'err_desc']) if (res && res[name] !== undefined && res[name] !== null) extra[name] = res[name];
      if (errMsg === SHEET_CANCEL) return reject(new WxPayError('CANCELLED', 'the user cancelled the payment', extra));
      reject(new WxPayError('FAILED', (errMsg || 'getBrandWCPayRequest answered without an err_msg') + (extra.err_desc ? ' (' + extra.err_desc + ')' : ''), extra));
    });
  });
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

  /**
   * A 公众号 H5 page's payment: the six parameters checked as the mini-program's five are
   * (pay-checks.js), then WeixinJSBridge.invoke('getBrandWCPayRequest', …) once the bridge
   * is there. Resolves with WeChat's result ({err_msg: 'get_brand_wcpay_request:ok'});
   * rejects with 'CANCELLED' or 'FAILED' (err_msg, err_code and err_desc kept). Without a
   * page (Node) it rejects with 'FAILED' at once: only a page can open the sheet.
   */
  function requestPayment(payParams) {
    return new Promise((resolve) => {
      if (typeof document === 'undefined') throw new WxPayError('FAILED', NO_PAGE);
      if (payParams === null || typeof payParams !== 'object') {
        throw new WxPayError('InvalidValue', 'requestPayment takes {appId, timeStamp, nonceStr, package, signType, paySign}');
      }
      const args = { appId: checks.readField(payParams, 'appId', 'InvalidAppId', 'requestPayment') };
      const missing = args.appId === undefined || args.appId === null || args.appId === '';
      const problem = checkAppId(args.appId, missing ? checks.readField(payParams, 'appid', 'InvalidAppId', 'requestPayment') : undefined);
      if (problem) throw problem;
      checks.checkedPayParams(payParams, args);
      resolve(weixinJSBridge().then((bridge) => openSheet(bridge, args)));
    });
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

export default makeApi;

// Copied from src/js/web/index.js by tools/assemble-pkg.js (./build.sh package): do not edit.
// wxpay-wasm for browsers and bundlers, an ES module: wasm/web built by wasm-bindgen
// --target web (./generated/); init() loads the .wasm beside it (or options.wasmPath,
// options.wasmBytes). Random bytes from crypto.getRandomValues. Hand-written.
import load, * as wasm from './generated/wxpay_wasm_web.js';
import makeApi from './api.js';

const wxpay = makeApi(wasm, load);

export const { init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError } = wxpay;
export default wxpay;

// Copied from src/js/node/index.mjs by tools/assemble-pkg.js (./build.sh package): do not edit.
// wxpay-wasm for Node as an ES module: the CommonJS entry's exports, named (one
// instance, one WxPayError for both). Hand-written.
import wxpay from './index.js';

export const { init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError, v3 } = wxpay;
export default wxpay;

// Copied from src/js/web/index.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types for the browser/bundler entry of wxpay-wasm (hand-written; the exports map's
// `types` outside Node). Shared declarations are in ../miniprogram/common.d.ts. No v3
// here: it needs the merchant's private key, which belongs on a server.
import type { ApiErrorCode, H5PayParams, H5PayResult, WxPayErrorClass, WxPayErrorOf } from '../miniprogram/common.js';
import { buildPayParams, sign, verify, nonce } from '../miniprogram/common.js';

export type { SignType, PayParams, V2PayParams, H5PayParams, H5PayResult, PayRequest, ParamValue, Params, ParamsOf, CoreErrorCode, ApiErrorCode, WxPayErrorExtra } from '../miniprogram/common.js';
export { buildPayParams, sign, verify, nonce };

/**
 * 公众号 H5 (JSAPI支付 in WeChat's browser): checks the six fields as the mini-program's
 * requestPayment checks its five (appId too), then calls
 * WeixinJSBridge.invoke('getBrandWCPayRequest', …), waiting for WeixinJSBridgeReady when
 * the bridge is not there yet. Needs no key and no init(). Resolves when err_msg is
 * 'get_brand_wcpay_request:ok' (confirm with your server: the notification says it was
 * paid); rejects with 'CANCELLED', or 'FAILED' (err_msg, err_code, err_desc kept; also
 * outside WeChat), or the code of the field that is wrong.
 */
export declare function requestPayment(params: H5PayParams): Promise<H5PayResult>;

export interface InitOptions {
  /** URL of the .wasm; default: wxpay_wasm_web_bg.wasm beside the entry's glue (./generated/). */
  wasmPath?: string;
  /** The .wasm's bytes instead of fetching it. */
  wasmBytes?: ArrayBuffer | ArrayBufferView;
}

/** Every `code` a WxPayError of this entry can have. */
export type ErrorCode = ApiErrorCode;

/** Every failure of this entry. Narrow a caught value with `e instanceof WxPayError`. */
export type WxPayError = WxPayErrorOf<ErrorCode>;
/** A class: made with `new` only. */
export declare const WxPayError: WxPayErrorClass<ErrorCode>;

/** Loads the module (once; a failed load may be retried). Random bytes come from crypto.getRandomValues. */
export declare function init(options?: InitOptions): Promise<void>;

declare const wxpay: {
  init: typeof init;
  buildPayParams: typeof buildPayParams;
  sign: typeof sign;
  verify: typeof verify;
  nonce: typeof nonce;
  requestPayment: typeof requestPayment;
  WxPayError: typeof WxPayError;
};
export default wxpay;

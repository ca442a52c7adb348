// Copied from src/js/common.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types every entry of wxpay-wasm shares (hand-written): the mini-program (index.d.ts),
// Node (node/index.d.ts) and browser/bundler (web/index.d.ts) typings import them from
// here. Shipped in miniprogram/ because 构建npm copies that folder alone. ES2020 library
// only (no DOM, no @types/node), so every kind of project compiles them.

/** WeChat Pay API v2 signature types. */
export type SignType = 'MD5' | 'HMAC-SHA256';

/**
 * What wx.requestPayment takes, exactly: from buildPayParams ('MD5', 'HMAC-SHA256'),
 * or from a server (API v3 sends 'RSA'). Assignable to miniprogram-api-typings'
 * `WechatMiniprogram.RequestPaymentOption`.
 */
export interface PayParams {
  /** Unix seconds as a string of 10 digits. */
  timeStamp: string;
  /** 1 to 32 letters and digits. */
  nonceStr: string;
  /** `prepay_id=…` */
  package: string;
  signType: SignType | 'RSA';
  /** Uppercase hex (v2), Base64 (v3). */
  paySign: string;
}

/**
 * What a 公众号 H5 page passes to WeixinJSBridge's getBrandWCPayRequest (the browser
 * entry's requestPayment): the five of PayParams and the official account's AppID, the
 * appid of the order, which paySign signs.
 */
export interface H5PayParams extends PayParams {
  appId: string;
}

/** What getBrandWCPayRequest answers when the user paid: `err_msg` is 'get_brand_wcpay_request:ok'. */
export interface H5PayResult {
  err_msg: string;
}

/** PayParams signed with the API v2 key: what buildPayParams returns. */
export interface V2PayParams extends PayParams {
  signType: SignType;
}

export interface PayRequest {
  /** The mini-program's AppID. Signed, not sent to wx.requestPayment. */
  appId: string;
  /** The unified order's prepay_id, bare or as `prepay_id=…`. */
  prepayId: string;
  /** The 32-character API v2 key (商户平台 → API安全). In a page it ships inside your package: see SECURITY.md. */
  key: string;
  /** Must be the sign_type of the unified order. Default 'MD5'. */
  signType?: SignType;
  /** Unix seconds; made from the clock when left out. */
  timeStamp?: string | number;
  /** 1 to 32 letters and digits; 32 random ones when left out. */
  nonceStr?: string;
}

/** A parameter value: a string, or an integer (amounts in fen); null, undefined and '' are left out. */
export type ParamValue = string | number | bigint | null | undefined;

/** Parameters to sign: name → value. */
export type Params = Record<string, ParamValue>;

/**
 * Any object type whose properties are all ParamValues, interfaces included (an
 * interface has no index signature, so it is not assignable to `Params`).
 */
export type ParamsOf<T> = { [K in keyof T]: ParamValue };

/** Codes of the signing core: Rust's `Error::code()` (src/error.rs). */
export type CoreErrorCode =
  | 'MissingAppId'
  | 'InvalidAppId'
  | 'MissingPrepayId'
  | 'InvalidPrepayId'
  | 'InvalidKey'
  | 'UnsupportedSignType'
  | 'InvalidTimeStamp'
  | 'NonceTooLong'
  | 'InvalidNonce'
  | 'InvalidName'
  | 'DuplicateName'
  | 'InvalidValue'
  | 'MissingSign'
  | 'RandomUnavailable';

/** Codes of the Node and browser entries (wasm/web and src/js/api.js): the core's and their own. */
export type ApiErrorCode = CoreErrorCode | 'LoadFailed' | 'NotInitialized' | 'Internal' | 'FAILED' | 'CANCELLED' | 'InvalidSign';

/** What WxPayError copies onto the error besides code and message. */
export interface WxPayErrorExtra {
  /** requestPayment failures: wx's errMsg. */
  errMsg?: string;
  /** The browser entry's requestPayment failures (公众号 H5): WeixinJSBridge's err_msg, e.g. 'get_brand_wcpay_request:fail'. */
  err_msg?: string;
  /** …and its err_code and err_desc, when WeChat sent them. */
  err_code?: string | number;
  err_desc?: string;
  /** requestMerchantTransfer and requestVirtualPayment failures: wx's errCode, when it sent one (虚拟支付: -2 支付取消, -15005 SIGNATURE_INVALID, …). */
  errCode?: number;
}

/**
 * A failure of this package with a `code` from `C`. `code` is stable; the message says
 * what to fix and never contains a key. Narrow a caught value with `instanceof`:
 * `catch (e) { if (e instanceof WxPayError && e.code === 'InvalidKey') … }`.
 */
export interface WxPayErrorOf<C extends string> extends Error, WxPayErrorExtra {
  name: 'WxPayError';
  code: C;
}

/** WxPayError as a class: `new WxPayError(code, message, extra?)` only. */
export interface WxPayErrorClass<C extends string> {
  new (code: C, message: string, extra?: WxPayErrorExtra): WxPayErrorOf<C>;
  readonly prototype: WxPayErrorOf<C>;
}

/** Signs API v2 pay parameters (in a page: on the device). Needs init(). */
export declare function buildPayParams(request: PayRequest): V2PayParams;
/** Uppercase hex WeChat Pay v2 signature. Needs init(). */
export declare function sign<T extends ParamsOf<T>>(params: T, key: string, signType?: SignType): string;
/** Whether params.sign is right. Needs init(). */
export declare function verify<T extends ParamsOf<T>>(paramsWithSign: T, key: string, signType?: SignType): boolean;
/** 1 to 32 random letters and digits (default 32). Needs init(). */
export declare function nonce(length?: number): string;
/**
 * Calls wx.requestPayment with exactly the five fields (made on the device or by your
 * server). Needs no key and no init(). In a mini-program it rejects with a WxPayError
 * of code 'CANCELLED' or 'FAILED'; in Node it always rejects with 'FAILED'. The browser
 * entry's requestPayment is a 公众号 H5 page's (web/index.d.ts).
 */
export declare function requestPayment(params: PayParams): Promise<{ errMsg: string }>;

// Types for wxpay-wasm (hand-written). They use only the ES2020 library (no DOM), so a
// mini-program project with miniprogram-api-typings and `skipLibCheck: false` compiles
// them. tests/consumers/ts type-checks them the way users' projects do, and holds the
// error codes below equal to what Rust and the shim throw.

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

/** PayParams signed with the API v2 key: what buildPayParams returns. */
export interface V2PayParams extends PayParams {
  signType: SignType;
}

export interface PayRequest {
  /** The mini-program's AppID. Signed, not sent to wx.requestPayment. */
  appId: string;
  /** The unified order's prepay_id, bare or as `prepay_id=…`. */
  prepayId: string;
  /** The 32-character API v2 key (商户平台 → API安全). It ships inside your package: see SECURITY.md. */
  key: string;
  /** Must be the sign_type of the unified order. Default 'MD5'. */
  signType?: SignType;
  /** Unix seconds; made from the clock when left out. */
  timeStamp?: string | number;
  /** 1 to 32 letters and digits; 32 random ones when left out. */
  nonceStr?: string;
}

export interface InitOptions {
  /**
   * Absolute path of the module inside the code package. Default
   * `/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`; npm built into a subpackage
   * root puts it at `/<subpackage root>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`.
   */
  wasmPath?: string;
  /** Outside mini-programs (browsers): the .wasm bytes. The Node entry passes them itself. */
  wasmBytes?: ArrayBuffer | ArrayBufferView;
  /** Random bytes kept ready for nonces, 64 to 1048576. Default 4096 (about 120 nonces between refills). */
  randomPoolBytes?: number;
  /** A secure random source to use instead of wx.getRandomValues / crypto.getRandomValues. */
  randomSource?: (length: number) => Promise<Uint8Array>;
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

/** Codes only the JavaScript side throws. */
export type ShimErrorCode =
  | 'InvalidOptions'
  | 'LoadFailed'
  | 'NotInitialized'
  | 'InvalidSign'
  | 'CANCELLED'
  | 'FAILED'
  | 'Internal';

/** Every `code` a WxPayError of this entry can have. */
export type ErrorCode = CoreErrorCode | ShimErrorCode;

/** What WxPayError copies onto the error besides code and message. */
export interface WxPayErrorExtra {
  /** requestPayment failures: wx's errMsg. */
  errMsg?: string;
}

/**
 * Every failure of this package. `code` is stable; the message says what to fix and
 * never contains the key. Narrow a caught value with `instanceof`:
 * `catch (e) { if (e instanceof WxPayError && e.code === 'CANCELLED') … }`.
 */
export interface WxPayError<C extends string = ErrorCode> extends Error, WxPayErrorExtra {
  name: 'WxPayError';
  code: C;
}

/** WxPayError(code, message, extra?), with or without `new`: both make an Error. */
export interface WxPayErrorConstructor<C extends string = ErrorCode> {
  new (code: C, message: string, extra?: WxPayErrorExtra): WxPayError<C>;
  (code: C, message: string, extra?: WxPayErrorExtra): WxPayError<C>;
  readonly prototype: WxPayError<C>;
}

export declare const WxPayError: WxPayErrorConstructor;

/** Loads the module and fills the random pool. Idempotent; concurrent calls share one load. */
export declare function init(options?: InitOptions): Promise<void>;
/** Signs on the device. Needs init(). */
export declare function buildPayParams(request: PayRequest): V2PayParams;
/** Uppercase hex WeChat Pay v2 signature. Needs init(). */
export declare function sign<T extends ParamsOf<T>>(params: T, key: string, signType?: SignType): string;
/** Whether params.sign is right. Needs init(). */
export declare function verify<T extends ParamsOf<T>>(paramsWithSign: T, key: string, signType?: SignType): boolean;
/** 1 to 32 random letters and digits (default 32). Needs init(). */
export declare function nonce(length?: number): string;
/**
 * Calls wx.requestPayment with exactly the five fields (made here or by your server).
 * Needs no key and no init(). Rejects with a WxPayError of code 'CANCELLED' or 'FAILED'.
 */
export declare function requestPayment(params: PayParams): Promise<{ errMsg: string }>;

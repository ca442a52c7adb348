// Types for wxpay-wasm (hand-written).

/** What wx.requestPayment takes, exactly. */
export interface PayParams {
  /** Unix seconds as a string of 10 digits. */
  timeStamp: string;
  /** 1 to 32 letters and digits. */
  nonceStr: string;
  /** `prepay_id=…` */
  package: string;
  signType: 'MD5' | 'HMAC-SHA256';
  /** Uppercase hex. */
  paySign: string;
}

export type SignType = 'MD5' | 'HMAC-SHA256';

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
  /** Absolute path of the module inside the code package. Default `/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`. */
  wasmPath?: string;
  /** Outside mini-programs (browsers): the .wasm bytes. The Node entry passes them itself. */
  wasmBytes?: BufferSource;
  /** Random bytes kept ready for nonces, 64 to 1048576. Default 4096 (about 120 nonces between refills). */
  randomPoolBytes?: number;
  /** A secure random source to use instead of wx.getRandomValues / crypto.getRandomValues. */
  randomSource?: (length: number) => Promise<Uint8Array>;
}

/** Parameter values: strings, or integers (amounts in fen); null, undefined and '' are left out. */
export type Params = Record<string, string | number | bigint | null | undefined>;

/** Every failure. `code` is stable; the message says what to fix and never contains the key. */
export class WxPayError extends Error {
  code: string;
  /** requestPayment failures: wx's errMsg. */
  errMsg?: string;
}

/** Loads the module and fills the random pool. Idempotent; concurrent calls share one load. */
export function init(options?: InitOptions): Promise<void>;
/** Signs on the device. Needs init(). */
export function buildPayParams(request: PayRequest): PayParams;
/** Uppercase hex WeChat Pay v2 signature. Needs init(). */
export function sign(params: Params, key: string, signType?: SignType): string;
/** Whether params.sign is right. Needs init(). */
export function verify(paramsWithSign: Params, key: string, signType?: SignType): boolean;
/** 1 to 32 random letters and digits (default 32). Needs init(). */
export function nonce(length?: number): string;
/** What wx.requestPayment takes for API v3: made and signed by your server with the merchant private key. */
export interface PayParamsV3 {
  /** Unix seconds, 10 digits. */
  timeStamp: string;
  /** Up to 32 letters and digits. */
  nonceStr: string;
  /** 'prepay_id=' and the prepay_id. */
  package: string;
  signType: 'RSA';
  /** Base64 SHA256-with-RSA signature (344 characters for RSA 2048). */
  paySign: string;
}

/** Calls wx.requestPayment with exactly the five fields (made here or by your server; API v2 or v3). Rejects with code 'CANCELLED' or 'FAILED'. */
export function requestPayment(params: PayParams | PayParamsV3): Promise<{ errMsg: string }>;

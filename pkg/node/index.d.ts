// Copied from src/js/node/index.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types for the Node entry of wxpay-wasm (hand-written): the API every entry has, plus
// `v3`, which signs with Node's own crypto and exists only here. Shipped as node/index.d.ts;
// shared declarations are in ../miniprogram/common.d.ts.
import type { ApiErrorCode, PayParams, WxPayErrorClass, WxPayErrorOf } from '../miniprogram/common';

export type { SignType, PayParams, V2PayParams, PayRequest, ParamValue, Params, ParamsOf, CoreErrorCode, ApiErrorCode, WxPayErrorExtra } from '../miniprogram/common';
export { buildPayParams, sign, verify, nonce, requestPayment } from '../miniprogram/common';

/** Resolves at once: Node loads the module when the entry is required. Options are ignored (code moves between entries unchanged). */
export declare function init(options?: object): Promise<void>;

/** Codes of WeChat Pay API v3 failures: Rust's `v3::Error::code()`, the same in Node's `v3`. */
export type V3ErrorCode =
  | 'InvalidPrivateKey'
  | 'InvalidPublicKey'
  | 'InvalidMchId'
  | 'InvalidSerialNo'
  | 'InvalidMethod'
  | 'InvalidUrl'
  | 'MissingHeader'
  | 'UnknownSerial'
  | 'CertificateSerialMismatch'
  | 'CertificateExpired'
  | 'TimestampOutOfWindow'
  | 'SignatureProbe'
  | 'InvalidSignature'
  | 'InvalidApiV3Key'
  | 'UnsupportedAlgorithm'
  | 'DecryptFailed'
  | 'MissingAppId'
  | 'InvalidAppId'
  | 'MissingPrepayId'
  | 'InvalidPrepayId'
  | 'InvalidTimeStamp'
  | 'InvalidNonce'
  | 'NonceTooLong'
  | 'RandomUnavailable';

/** Every `code` a WxPayError of the Node entry can have. */
export type NodeErrorCode = ApiErrorCode | V3ErrorCode;
export type ErrorCode = NodeErrorCode;

/**
 * Every failure, v3 included. Narrow a caught value with `e instanceof WxPayError`.
 * A class: made with `new` only.
 */
export type WxPayError = WxPayErrorOf<NodeErrorCode>;
export declare const WxPayError: WxPayErrorClass<NodeErrorCode>;

/** WeChat Pay API v3 with the merchant's RSA key, on the server. */
export declare namespace v3 {
  /** wx.requestPayment's parameters signed with RSA (API v3). */
  interface V3PayParams extends PayParams {
    signType: 'RSA';
  }

  interface PayRequest {
    /** The AppID the order was made for. Signed, not sent to wx.requestPayment. */
    appId: string;
    /** `prepay_id` of the JSAPI/mini-program order (bare). */
    prepayId: string;
    /** The merchant's API private key (apiclient_key.pem), PEM. */
    privateKey: string;
    /** Unix seconds; made from the clock when left out. */
    timeStamp?: string | number;
    /** 1 to 32 letters and digits; 32 random ones when left out. */
    nonceStr?: string;
  }

  interface AuthorizationRequest {
    /** 商户号. */
    mchId: string;
    /** Serial number of the merchant's API certificate. */
    serialNo: string;
    /** The merchant's API private key, PEM. */
    privateKey: string;
    /** HTTP method, e.g. 'POST'. */
    method: string;
    /** Path and query of the request, e.g. '/v3/pay/transactions/jsapi'. */
    url: string;
    /** The request body as sent ('' or left out for GET). */
    body?: string;
    timeStamp?: string | number;
    nonceStr?: string;
  }

  interface VerifyRequest {
    /** The response's or notification's headers (Wechatpay-Signature and friends), any case. */
    headers: Record<string, string | string[] | undefined>;
    /** The body exactly as received. */
    body: string;
    /** Serial (Wechatpay-Serial) → PEM public key or platform certificate. */
    publicKeys: Record<string, string>;
    /** Unix seconds to check Wechatpay-Timestamp against; the clock when left out. */
    now?: number;
  }

  /** A notification's `resource`. */
  interface EncryptedResource {
    algorithm: string;
    ciphertext: string;
    nonce: string;
    associated_data?: string;
    original_type?: string;
  }

  /** → wx.requestPayment's five parameters, signType 'RSA'. */
  function buildPayParams(request: PayRequest): V3PayParams;
  /** → the value of the Authorization header of an API v3 request. */
  function authorization(request: AuthorizationRequest): string;
  /** → true, or throws a WxPayError saying why the signature is not WeChat Pay's. */
  function verify(request: VerifyRequest): true;
  /** → the plaintext (JSON text) of an AEAD_AES_256_GCM resource, or throws. */
  function decryptResource(resource: EncryptedResource, apiV3Key: string): string;
}

// Copied from src/js/node/index.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types for the Node entry of wxpay-wasm (hand-written): the API every entry has, plus
// `v3`, which signs with Node's own crypto and exists only here. Shipped as node/index.d.ts
// (the exports map's `node` condition and the `wxpay-wasm/node` subpath); the package
// root's index.d.ts also reads it, in every kind of project, so it names no @types/node
// module: Node's classes that v3 takes are declared below by their shape. Shared
// declarations are in ../miniprogram/common.d.ts.
import type { ApiErrorCode, PayParams, WxPayErrorClass, WxPayErrorOf } from '../miniprogram/common';

export type { SignType, PayParams, V2PayParams, PayRequest, ParamValue, Params, ParamsOf, CoreErrorCode, ApiErrorCode, WxPayErrorExtra } from '../miniprogram/common';
export { buildPayParams, sign, verify, nonce, requestPayment } from '../miniprogram/common';

/** Resolves at once: Node loads the module when the entry is required. Options are ignored (code moves between entries unchanged). */
export declare function init(options?: object): Promise<void>;

/**
 * Codes of the server's failures: Rust's `v3::Error::code()`, `v3::ApiError::CODE` and
 * `virtual_payment::Error::code()`, thrown by Node's `v3` from the same Rust.
 */
export type V3ErrorCode =
  | 'InvalidPrivateKey'
  | 'InvalidPublicKey'
  | 'InvalidMchId'
  | 'InvalidSerialNo'
  | 'InvalidMethod'
  | 'InvalidUrl'
  | 'InvalidHeaders'
  | 'InvalidBody'
  | 'MissingHeader'
  | 'RepeatedHeader'
  | 'UnknownSerial'
  | 'CertificateSerialMismatch'
  | 'CertificateExpired'
  | 'TimestampOutOfWindow'
  | 'SignatureProbe'
  | 'InvalidSignature'
  | 'InvalidApiV3Key'
  | 'UnsupportedAlgorithm'
  | 'DecryptFailed'
  | 'InvalidOutTradeNo'
  | 'InvalidOutRefundNo'
  | 'InvalidTransactionId'
  | 'MissingOrderId'
  | 'InvalidAmount'
  | 'InvalidBaseUrl'
  | 'InvalidTimeout'
  | 'InvalidSensitiveField'
  | 'InvalidOutBillNo'
  | 'InvalidTransferSceneId'
  | 'InvalidTransferRemark'
  | 'InvalidUserName'
  | 'NetworkError'
  | 'Timeout'
  | 'UnexpectedAnswer'
  | 'InvalidSubMchId'
  | 'InvalidPayer'
  | 'ApiError'
  | 'InvalidSignData'
  | 'InvalidAppKey'
  | 'InvalidSessionKey'
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

// ---------------------------------------------------------------- Node's classes, by shape

/** Node's `crypto.KeyObject` (what `crypto.createPrivateKey` and `createPublicKey` make). */
export interface KeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string;
  export(options: never): unknown;
}

/** Node's `crypto.X509Certificate` (≥ 15.6): a platform certificate, read once. */
export interface X509Certificate {
  readonly serialNumber: string;
  readonly publicKey: KeyObject;
  readonly validFrom: string;
  readonly validTo: string;
}

/**
 * A fetch `Headers` (what `fetch` answers with), Node's `req.headers` (IncomingHttpHeaders),
 * a record or a Map (an array value is a repeated header), or Node's `req.rawHeaders`
 * (names and values in turn); names in any case.
 */
export type HeadersInput =
  | { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void }
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | ReadonlyMap<string, string | readonly string[]>
  | readonly string[];

/** A body exactly as sent or received: its text, or its bytes (a Buffer is a Uint8Array). */
export type BodyInput = string | Uint8Array;

/** The merchant's API private key (apiclient_key.pem): its PEM text, the file's bytes (a Buffer), or a KeyObject made from it once. */
export type PrivateKeyInput = string | Uint8Array | KeyObject;

/** A WeChat Pay key: the public key (PEM, for a PUB_KEY_ID_… serial) or a platform certificate (PEM or an X509Certificate), as text, bytes or a KeyObject. */
export type PublicKeyInput = string | Uint8Array | KeyObject | X509Certificate;

/**
 * What `v3` is outside Node: the merchant's private key and the APIv3 key belong on a
 * server, so a mini-program or browser project has none of it. A Node project is one
 * with @types/node (whose `process` marks it).
 */
export interface V3OnlyInNode {
  'v3 is in the Node entry only: install @types/node in a server project; a page never holds the merchant private key': never;
}

/** The project's globals are Node's (@types/node declares `process`). */
export type IsNodeProject = typeof globalThis extends { process: { versions: { node: string } } } ? true : false;

/** WeChat Pay API v3 with the merchant's RSA key, on the server (Node only: see V3OnlyInNode). */
export declare const v3: IsNodeProject extends true ? V3 : V3OnlyInNode;

/** The functions of `v3`: the key holders a server makes once, and one-shot functions for scripts. */
export interface V3 extends V3KeyHolders {
  /** → wx.requestPayment's five parameters, signType 'RSA'. */
  buildPayParams(request: v3.PayRequest): v3.V3PayParams;
  /** → the value of the Authorization header of an API v3 request. */
  authorization(request: v3.AuthorizationRequest): string;
  /** → true, or throws a WxPayError saying why the signature is not WeChat Pay's. */
  verify(request: v3.VerifyRequest): true;
  /** → the plaintext (JSON text) of an AEAD_AES_256_GCM resource, or throws. */
  decryptResource(resource: v3.EncryptedResource, apiV3Key: string | Uint8Array): string;
  /** A merchant's API v3 client, made once: orders, queries, refunds, notifications, certificates (client.d.ts). */
  client(options: import('./client').ClientOptions): import('./client').Client;
  /** 虚拟支付: → `{signData, paySig, signature}` for wx.requestVirtualPayment; both keys stay on the server. */
  virtualPayment(request: v3.VirtualPaymentRequest): v3.VirtualPaymentParams;
}

/** The types `v3`'s functions take and return, as `v3.PayRequest` and so on. */
export declare namespace v3 {
  /** `v3.client(...)`'s client and what it answers (client.d.ts), to type a handler: `v3.Client`, `v3.Notification`. */
  type Client = import('./client').Client;
  type Notification = import('./client').Notification;
  type SubMerchant = import('./client').SubMerchant;
  /** wx.requestPayment's parameters signed with RSA (API v3). */
  interface V3PayParams extends PayParams {
    signType: 'RSA';
  }

  interface PayRequest {
    /** The AppID the order was made for. Signed, not sent to wx.requestPayment. */
    appId: string;
    /** `prepay_id` of the JSAPI/mini-program order (bare). */
    prepayId: string;
    privateKey: PrivateKeyInput;
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
    privateKey: PrivateKeyInput;
    /** HTTP method, e.g. 'POST'. */
    method: string;
    /** Path and query of the request, e.g. '/v3/pay/transactions/jsapi'. */
    url: string;
    /** The request body as sent ('' or left out for GET). */
    body?: BodyInput;
    timeStamp?: string | number;
    nonceStr?: string;
  }

  interface VerifyRequest {
    /** The answer's or notification's headers (Wechatpay-Signature and friends), as received. */
    headers: HeadersInput;
    /** The body exactly as received, never parsed and re-serialised. */
    body: BodyInput;
    /** A key set from `v3.publicKeys`, or serial (Wechatpay-Serial) → the WeChat Pay public key or a platform certificate (every entry is checked, used or not). */
    publicKeys: PublicKeySet | Readonly<Record<string, PublicKeyInput>> | ReadonlyMap<string, PublicKeyInput>;
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
}

// ---------------------------------------------------------------- v3.merchant, v3.publicKeys

/** `v3.merchant` and `v3.publicKeys`: each key read and checked once, where a server starts. */
export interface V3KeyHolders {
  /** The merchant's identity and private key, read once: signs pay parameters and requests. */
  merchant(options: v3.MerchantOptions): v3.Merchant;
  /** WeChat Pay's keys by serial, each read and checked once: verifies answers and notifications. */
  publicKeys(keys?: Readonly<Record<string, PublicKeyInput>> | ReadonlyMap<string, PublicKeyInput>): v3.PublicKeySet;
}

export declare namespace v3 {
  interface MerchantOptions {
    /** 商户号. */
    mchId: string;
    /** Serial number of the merchant's API certificate. */
    serialNo: string;
    privateKey: PrivateKeyInput;
  }

  interface Merchant {
    readonly mchId: string;
    readonly serialNo: string;
    /** → wx.requestPayment's five parameters, signType 'RSA', signed with this merchant's key. */
    buildPayParams(request: Omit<PayRequest, 'privateKey'>): V3PayParams;
    /** → an app's PayReq (APP支付) for the same merchant, signed over appid, timestamp, noncestr and the bare prepayid. */
    appPayParams(request: Omit<PayRequest, 'privateKey'>): AppPayParams;
    /** → the Authorization header's value for this merchant's request. */
    authorization(request: Omit<AuthorizationRequest, 'mchId' | 'serialNo' | 'privateKey'>): string;
  }

  /** WeChat Pay's public key and platform certificates by serial; keys rotate without a restart. */
  interface PublicKeySet {
    /** A notification: → true, or throws a WxPayError saying why the signature is not WeChat Pay's. */
    verify(request: Omit<VerifyRequest, 'publicKeys'>): true;
    /** An answer: its status first (not 2xx: throws `ApiError` with WeChat Pay's code and message), then as `verify`. */
    verifyAnswer(request: AnswerRequest): true;
    /** Adds (or replaces) the key under `serial`, checked now; → this set. */
    add(serial: string, key: PublicKeyInput): this;
    /** Removes the key under `serial`; → whether there was one. */
    remove(serial: string): boolean;
    /** The serials held, in the order added. */
    serials(): string[];
    /** RSA-OAEP with WeChat Pay's key (the public key by default, else `serial`'s) → base64, and the serial to send as Wechatpay-Serial. */
    encryptSensitive(plaintext: string, serial?: string): { serial: string; ciphertext: string };
  }

  /** WeChat Pay's answer to a request. */
  interface AnswerRequest extends Omit<VerifyRequest, 'publicKeys'> {
    /** The HTTP status (`res.status`). */
    status: number;
  }

  /** What an app passes to WeChat's OpenSDK `PayReq`. */
  interface AppPayParams {
    appid: string;
    partnerid: string;
    prepayid: string;
    package: 'Sign=WXPay';
    noncestr: string;
    timestamp: string;
    sign: string;
  }

  /** What `ApiError` carries besides `code` and `message`. */
  interface ApiErrorDetails {
    status: number;
    /** WeChat Pay's `code`, e.g. 'SIGN_ERROR' ('' when the body had none). */
    wechatpayCode: string;
    /** WeChat Pay's `message` ('' when the body had none). */
    wechatpayMessage: string;
    /** The `Request-ID` header, to quote to WeChat Pay's support. */
    requestId?: string;
  }

  interface VirtualPaymentRequest {
    /** The JSON text the page will pass as signData, stringified once. */
    signData: string;
    /** The AppKey of the payment environment (mp 后台 → 虚拟支付). */
    appKey: string;
    /** The user's session_key (code2Session). */
    sessionKey: string;
  }

  /** What the page passes to wx.requestVirtualPayment besides `mode`. */
  interface VirtualPaymentParams {
    signData: string;
    paySig: string;
    signature: string;
  }
}

// Copied from src/js/node/client.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types of the Node entry's API v3 client, `v3.client(options)` (hand-written; the code
// is client.js). Shipped as node/client.d.ts; index.d.ts declares `v3.client` with these.
// Node's types are the ones index.d.ts declares by shape (it names no @types/node module).
import type { BodyInput, HeadersInput, PrivateKeyInput, PublicKeyInput, v3 } from './index';

/**
 * The global fetch's type where the project has one (@types/node for Node 18, the DOM), else
 * the shape the client calls, so that a project with neither still compiles.
 */
export type Fetch = typeof globalThis extends { fetch: infer F }
  ? F
  : (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: unknown }) => Promise<FetchAnswer>;

/** What a fetch answers, as the client reads it (a fetch `Response` is one). */
export interface FetchAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ClientOptions {
  /** 商户号: 1 to 32 digits. */
  mchId: string;
  /** The merchant API certificate's serial number (hex). */
  serialNo: string;
  /** apiclient_key.pem: read and checked once, when the client is made. */
  privateKey: PrivateKeyInput;
  /** WeChat Pay's keys: a set from `v3.publicKeys`, or `{ [serial]: key }` (PUB_KEY_ID_… or a platform certificate's serial). */
  publicKeys: v3.PublicKeySet | Readonly<Record<string, PublicKeyInput>> | ReadonlyMap<string, PublicKeyInput>;
  /** The APIv3 key (32 bytes), for notifications' resources. */
  apiV3Key: string | Uint8Array;
  /** WeChat Pay's origin: https://api.mch.weixin.qq.com when left out; http:// only to a loopback emulator. */
  baseUrl?: string;
  /** The fetch to send with, any fetch-compatible function (undici's, node-fetch's): the global one when left out (Node 18 or later). */
  fetch?: Fetch;
  /** Milliseconds until a request (its answer's body included) gives up with `Timeout`: 1 to 600000, 10000 when left out. */
  timeoutMs?: number;
}

/** Amounts are integers in fen (分): 1 yuan is 100. */
export interface JsapiOrder {
  /** The AppID the order is for; payParams are signed for it. */
  appid: string;
  description: string;
  /** 6 to 32 letters, digits, _ - | *. */
  out_trade_no: string;
  notify_url: string;
  amount: { total: number; currency?: 'CNY' };
  payer: { openid: string };
  /** Any other field of JSAPI下单 is sent as given; `mchid` is always the client's. */
  [field: string]: unknown;
}

export type Refund = ({ out_trade_no: string; transaction_id?: string } | { transaction_id: string; out_trade_no?: undefined }) & {
  /** 1 to 64 letters, digits, _ - | * @; the same number again refunds once. */
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
  /** `refund` at most `total`, the order's whole amount; both in fen. */
  amount: { refund: number; total: number; currency: 'CNY' };
  [field: string]: unknown;
};

/** 商家转账's bill: WeChat Pay's JSON body; amounts in fen. */
export interface TransferBill {
  /** The AppID the payee's openid belongs to; the page's `appId`. */
  appid: string;
  /** 1 to 32 letters and digits. */
  out_bill_no: string;
  /** The scene's id as text, e.g. '1000' (现金营销). */
  transfer_scene_id: string;
  openid: string;
  /** An integer of fen above 0. */
  transfer_amount: number;
  /** 1 to 32 characters, shown to the user. */
  transfer_remark: string;
  /** The payee's real name in plain text (encrypted by the client); required from 200000 fen. */
  user_name?: string;
  notify_url?: string;
  transfer_scene_report_infos?: ReadonlyArray<{ info_type: string; info_content: string }>;
  user_recv_perception?: string;
  [field: string]: unknown;
}

/** What wx.requestMerchantTransfer takes (the mini-program entry's `requestMerchantTransfer`). */
export interface MerchantTransferParams {
  mchId: string;
  appId: string;
  /** The bill's package_info. */
  package: string;
}

export interface TransferBillCreated {
  outBillNo: string;
  transferBillNo: string;
  /** 'WAIT_USER_CONFIRM' for a bill the user confirms on the page; 'ACCEPTED', 'PROCESSING', 'FAIL', … */
  state: string;
  packageInfo?: string;
  createTime: string;
  /** For the page's wx.requestMerchantTransfer; null when the answer has no package_info. */
  pageParams: MerchantTransferParams | null;
}

/** WeChat Pay's JSON answer, as its documentation describes each call's. */
export type Answer = { [field: string]: unknown };

export interface Notification<Resource = Answer> {
  id: string;
  /** e.g. 'TRANSACTION.SUCCESS', 'REFUND.SUCCESS'. */
  eventType: string;
  createTime: string;
  summary: string;
  /** The resource, verified and decrypted. */
  resource: Resource;
}

/**
 * A merchant's API v3 client. Every method is async; a failure is a WxPayError whose
 * `code` says which: the core's field codes before sending, `NetworkError`, `Timeout`,
 * `ApiError` (with `status`, `wechatpayCode`, `wechatpayMessage`, `requestId`) for a
 * status other than 2xx, the verify codes for an answer that is not WeChat Pay's, and
 * `UnexpectedAnswer`. Nothing is retried.
 */
export interface Client {
  readonly mchId: string;
  readonly publicKeys: v3.PublicKeySet;
  /** wx.requestPayment's parameters for a prepay_id (again, e.g. when the page asks a second time). */
  buildPayParams(request: { appId: string; prepayId: string; timeStamp?: string | number; nonceStr?: string }): v3.V3PayParams;
  /** An app's PayReq (APP支付) for an APP order's prepay_id: `{appid, partnerid, prepayid, package: 'Sign=WXPay', noncestr, timestamp, sign}`. */
  appPayParams(request: { appId: string; prepayId: string; timeStamp?: string | number; nonceStr?: string }): v3.AppPayParams;
  /** A signed request; `url` is the path and query. → the verified answer's JSON, or null (204). */
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object | string, options?: { wechatpaySerial?: string }): Promise<Answer | null>;
  /** A field WeChat Pay wants encrypted (a payee's name, an ID number) → base64 and the serial for `request`'s `wechatpaySerial`. */
  encryptSensitive(plaintext: string, serial?: string): { serial: string; ciphertext: string };
  jsapiOrder(order: JsapiOrder): Promise<{ prepayId: string; payParams: v3.V3PayParams }>;
  queryOrder(which: { outTradeNo: string } | { transactionId: string }): Promise<Answer>;
  /** → null: WeChat Pay answers 204. */
  closeOrder(outTradeNo: string): Promise<null>;
  refund(refund: Refund): Promise<Answer>;
  queryRefund(outRefundNo: string): Promise<Answer>;
  /** GET /v3/certificates: each platform certificate decrypted and added to `publicKeys` → the serials added. */
  downloadCertificates(): Promise<string[]>;
  /**
   * 商家转账: creates the bill (POST /v3/fund-app/mch-transfer/transfer-bills). A plain `user_name`
   * is encrypted with `encryptSensitive` and its serial sent; one encrypted already needs `wechatpaySerial`.
   */
  transferBill(bill: TransferBill, options?: { wechatpaySerial?: string }): Promise<TransferBillCreated>;
  /** 商户单号查询转账单 → the bill (`state`, `transfer_amount`, `fail_reason`, …). */
  queryTransferBill(outBillNo: string): Promise<Answer>;
  /** 撤销转账, before the user confirms → `{out_bill_no, transfer_bill_no, state: 'CANCELING', update_time}`. */
  cancelTransferBill(outBillNo: string): Promise<Answer>;
  /** The raw body, never a parsed object. Answer WeChat Pay 2xx only once this resolves. */
  parseNotification(received: { headers: HeadersInput; body: BodyInput; now?: number }): Promise<Notification>;
  /** 服务商 (partner) mode: this client (its mchId the sp_mchid) acting for one sub-merchant (子商户号, digits). */
  subMerchant(subMchId: string): SubMerchant;
}

/** 服务商 JSAPI下单's body; `sp_mchid` and `sub_mchid` are the client's. Amounts in fen. */
export type PartnerJsapiOrder = {
  /** The 服务商's AppID. */
  sp_appid: string;
  /** The sub-merchant's AppID: needed with `payer.sub_openid`, whose mini-program then pays. */
  sub_appid?: string;
  description: string;
  /** 6 to 32 letters, digits, _ - | *. */
  out_trade_no: string;
  notify_url: string;
  amount: { total: number; currency?: 'CNY' };
  /** One of them: payParams are signed for sp_appid with sp_openid, for sub_appid with sub_openid. */
  payer: { sp_openid: string; sub_openid?: undefined } | { sub_openid: string; sp_openid?: undefined };
  [field: string]: unknown;
};

/** A 服务商's calls for one sub-merchant (`client.subMerchant(subMchId)`), on WeChat Pay's partner paths. */
export interface SubMerchant {
  /** The 服务商's merchant id (the client's mchId), sent as sp_mchid. */
  readonly spMchId: string;
  readonly subMchId: string;
  jsapiOrder(order: PartnerJsapiOrder): Promise<{ prepayId: string; payParams: v3.V3PayParams }>;
  queryOrder(which: { outTradeNo: string } | { transactionId: string }): Promise<Answer>;
  /** → null: WeChat Pay answers 204. */
  closeOrder(outTradeNo: string): Promise<null>;
  /** 申请退款 with sub_mchid added. */
  refund(refund: Refund): Promise<Answer>;
  queryRefund(outRefundNo: string): Promise<Answer>;
}

export declare function client(options: ClientOptions): Client;

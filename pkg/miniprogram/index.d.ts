// Copied from src/js/index.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types for the mini-program entry of wxpay-wasm (hand-written; what the package's
// top-level `types` gives a mini-program project). What every entry shares is in
// common.d.ts. They use only the ES2020 library (no DOM), so a mini-program project with
// miniprogram-api-typings and `skipLibCheck: false` compiles them. tests/consumers/ts
// type-checks them the way users' projects do, and holds the error codes equal to what
// Rust and the shim throw.
import type { CoreErrorCode, WxPayErrorClass, WxPayErrorExtra, WxPayErrorOf } from './common';

export type { SignType, PayParams, V2PayParams, PayRequest, ParamValue, Params, ParamsOf, CoreErrorCode, WxPayErrorExtra } from './common';
export { buildPayParams, sign, verify, nonce, requestPayment } from './common';

export interface InitOptions {
  /**
   * Absolute path of the module inside the code package. Default
   * `/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`; npm built into a subpackage
   * root puts it at `/<subpackage root>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`.
   */
  wasmPath?: string;
  /** Outside mini-programs (tests, simulators): the .wasm bytes. */
  wasmBytes?: ArrayBuffer | ArrayBufferView;
  /** Random bytes kept ready for nonces, 64 to 1048576. Default 4096 (about 120 nonces between refills). */
  randomPoolBytes?: number;
  /** A secure random source to use instead of wx.getRandomValues. */
  randomSource?: (length: number) => Promise<Uint8Array>;
}

/** Codes only the mini-program shim throws. */
export type ShimErrorCode =
  | 'InvalidOptions'
  | 'LoadFailed'
  | 'NotInitialized'
  | 'InvalidSign'
  | 'InvalidMchId'
  | 'InvalidPackage'
  | 'InvalidOpenId'
  | 'CANCELLED'
  | 'FAILED'
  | 'Internal';

/** Every `code` a WxPayError of this entry can have. */
export type ErrorCode = CoreErrorCode | ShimErrorCode | VirtualPaymentErrorCode;

/**
 * Every failure of this entry. Narrow a caught value with `instanceof`:
 * `catch (e) { if (e instanceof WxPayError && e.code === 'CANCELLED') … }`.
 */
export type WxPayError<C extends string = ErrorCode> = WxPayErrorOf<C>;

/** WxPayError(code, message, extra?), with or without `new`: both make an Error (the shim is ES5). */
export interface WxPayErrorConstructor<C extends string = ErrorCode> extends WxPayErrorClass<C> {
  (code: C, message: string, extra?: WxPayErrorExtra): WxPayErrorOf<C>;
}

export declare const WxPayError: WxPayErrorConstructor;

/** Loads the module and fills the random pool. Idempotent; concurrent calls share one load. */
export declare function init(options?: InitOptions): Promise<void>;

/**
 * What wx.requestMerchantTransfer takes (商家转账): from the transfer bill your server
 * created (the Node client's `transferBill(...).pageParams`).
 */
export interface MerchantTransferParams {
  /** 商户号: 1 to 32 digits, the merchant that created the bill. */
  mchId: string;
  /** The AppID the bill was created for (its `appid`). */
  appId: string;
  /** The bill's `package_info`; never a payment's `prepay_id=…`. */
  package: string;
  /** The payee's openid under appId; leave it out unless you have it. */
  openId?: string;
}

/**
 * Opens WeChat's transfer sheet (wx.requestMerchantTransfer, base library 3.3.0) with
 * exactly these fields, each checked first. Needs no key and no init(). Resolves once the
 * user confirmed (the MCHTRANSFER.BILL.FINISHED notification says when money arrived);
 * rejects with a WxPayError of code 'CANCELLED' or 'FAILED' (with errMsg, errCode),
 * 'Unsupported' below base library 3.3.0, or the code of the field that is wrong.
 */
export declare function requestMerchantTransfer(params: MerchantTransferParams): Promise<{ errMsg: string }>;

// ---------------------------------------------------------------- 虚拟支付

/** Codes of requestVirtualPayment's checks: Rust's `virtual_sheet::SheetError::code()`. */
export type VirtualPaymentErrorCode = 'InvalidSignData' | 'InvalidMode' | 'InvalidPaySig' | 'InvalidSignature' | 'Unsupported';

/** What is bought: 'short_series_goods' 道具直购 (productId, goodsPrice in signData) or 'short_series_coin' 代币充值. */
export type VirtualPaymentMode = 'short_series_goods' | 'short_series_coin';

/**
 * wx.requestVirtualPayment's parameters, all from your server (v3.virtualPayment signs them).
 * Unlike miniprogram-api-typings' `RequestVirtualPaymentOption`, signData is a string.
 */
export interface VirtualPaymentParams {
  /** The JSON text your server signed, passed on unchanged: never an object, never stringified again. */
  signData: string;
  mode: VirtualPaymentMode;
  /** Lowercase hex HMAC-SHA256(AppKey, 'requestVirtualPayment&' + signData), 64 digits. */
  paySig: string;
  /** Lowercase hex HMAC-SHA256(session_key, signData), 64 digits. */
  signature: string;
}

/**
 * Opens 虚拟支付's sheet after checking every field (signData's too, for the mode). Needs no
 * key and no init(); needs base library 2.19.2 (else 'Unsupported'). Rejects with 'CANCELLED'
 * (errCode -2) or 'FAILED', WeChat's errMsg and errCode kept on the error.
 */
export declare function requestVirtualPayment(params: VirtualPaymentParams): Promise<{ errMsg: string }>;

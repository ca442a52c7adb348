// A browser page built by a bundler (moduleResolution bundler, DOM): it fetches the
// .wasm itself, signs, and handles errors by code. No v3 here (see must-fail/).
import wxpay, { init, buildPayParams, sign, verify, nonce, WxPayError } from 'wxpay-wasm';
import type { ErrorCode, PayParams, V2PayParams } from 'wxpay-wasm';

export async function start(): Promise<void> {
  const response = await fetch('/assets/wxpay_wasm_web_bg.wasm');
  await init({ wasmBytes: await response.arrayBuffer() });
  await wxpay.init({ wasmPath: new URL('/assets/wxpay_wasm_web_bg.wasm', location.href).href });
}

export function payParams(appId: string, prepayId: string, key: string): V2PayParams {
  const params = buildPayParams({ appId, prepayId, key, signType: 'HMAC-SHA256', nonceStr: nonce(16) });
  const forPage: PayParams = params;
  return { ...forPage, signType: params.signType };
}

interface Notification {
  appid: string;
  total_fee: number;
  sign: string;
}

export function notificationIsGenuine(n: Notification, key: string): boolean {
  try {
    return verify(n, key) && sign({ appid: n.appid, total_fee: n.total_fee }, key).length === 32;
  } catch (e) {
    if (e instanceof WxPayError) {
      const code: ErrorCode = e.code;
      if (code === 'NotInitialized' || code === 'LoadFailed') return false;
    }
    throw e;
  }
}

export const made: WxPayError = new WxPayError('LoadFailed', 'made with new');

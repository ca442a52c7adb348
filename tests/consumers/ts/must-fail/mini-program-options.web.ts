// expect: TS2353 TS2367 — the browser entry takes no random pool options and never rejects with CANCELLED.
import { init, requestPayment, WxPayError } from 'wxpay-wasm';
import type { PayParams } from 'wxpay-wasm';

export const ready = init({ randomPoolBytes: 4096 });

export async function pay(params: PayParams): Promise<boolean> {
  try {
    await requestPayment(params);
    return true;
  } catch (e) {
    if (e instanceof WxPayError && e.code === 'CANCELLED') return false;
    throw e;
  }
}

// expect: TS2367 — a misspelt code is a type error ('CANCELED' is not a code).
import { requestPayment, WxPayError } from 'wxpay-wasm';
import type { PayParams } from 'wxpay-wasm';

export async function pay(params: PayParams): Promise<boolean> {
  try {
    await requestPayment(params);
    return true;
  } catch (e) {
    if (e instanceof WxPayError && e.code === 'CANCELED') return false;
    throw e;
  }
}

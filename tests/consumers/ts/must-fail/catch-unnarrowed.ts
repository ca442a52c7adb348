// expect: TS18046 — under strict a caught value is unknown: narrow it with instanceof WxPayError.
import { requestPayment } from 'wxpay-wasm';
import type { PayParams } from 'wxpay-wasm';

export async function pay(params: PayParams): Promise<boolean> {
  try {
    await requestPayment(params);
    return true;
  } catch (e) {
    if (e.code === 'CANCELLED') return false;
    throw e;
  }
}

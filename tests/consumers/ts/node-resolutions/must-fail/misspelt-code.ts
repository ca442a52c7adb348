// expect: TS2367 — the codes are a union under every resolution ('SignatureInvalid' is not one).
import { v3, WxPayError } from 'wxpay-wasm';

export function genuine(headers: Headers, body: string): boolean {
  try {
    return v3.verify({ headers, body, publicKeys: {} });
  } catch (e) {
    if (e instanceof WxPayError && e.code === 'SignatureInvalid') return false;
    throw e;
  }
}

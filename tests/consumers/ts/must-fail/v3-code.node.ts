// expect: TS2367 — the Node entry's codes are a union too (v3 included).
import { v3, WxPayError } from 'wxpay-wasm';

export function check(headers: Record<string, string>, body: string): boolean {
  try {
    return v3.verify({ headers, body, publicKeys: {} });
  } catch (e) {
    if (e instanceof WxPayError && e.code === 'SignatureInvalid') return false;
    throw e;
  }
}

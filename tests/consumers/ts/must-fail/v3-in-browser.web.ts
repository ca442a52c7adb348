// expect: TS2614 TS2339 — the browser entry has no v3 (the merchant's private key belongs on a server).
import wxpay, { v3 } from 'wxpay-wasm';

export const verify = v3.verify;
export const sign = wxpay.v3;

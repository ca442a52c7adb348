// expect: TS2339 TS2339 — the browser entry has no v3 (the merchant's private key belongs on a server): the root's `v3` is V3OnlyInNode there.
import wxpay, { v3 } from 'wxpay-wasm';

export const verify = v3.verify;
export const sign = wxpay.v3;

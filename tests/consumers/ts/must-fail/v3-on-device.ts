// expect: TS2339 — the mini-program entry has no v3 (it needs Node's crypto).
import * as wxpay from 'wxpay-wasm';

export const verify = wxpay.v3.verify;

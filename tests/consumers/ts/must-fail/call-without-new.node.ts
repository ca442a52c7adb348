// expect: TS2348 — the Node entry's WxPayError is a class: `new` is needed.
import { WxPayError } from 'wxpay-wasm';

export const error = WxPayError('FAILED', 'made by a call');

// expect: TS2348 — the browser entry's WxPayError is a class: `new` is needed.
import { WxPayError } from 'wxpay-wasm';

export const error = WxPayError('x', 'y');

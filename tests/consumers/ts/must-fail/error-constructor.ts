// expect: TS2554 TS2345 — WxPayError takes (code, message, extra?), not Error's (message).
import { WxPayError } from 'wxpay-wasm';

export const missingMessage = new WxPayError('InvalidKey');
export const notACode = WxPayError('x', 'a message');

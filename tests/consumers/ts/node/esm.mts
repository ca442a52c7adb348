// The same package from an ES module (module nodenext).
import { init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError, v3 } from 'wxpay-wasm';
import * as wxpay from 'wxpay-wasm';

export const api = [init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError, v3.verify, wxpay.init];

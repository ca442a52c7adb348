// expect: TS2345 — a 公众号 H5 page passes six parameters: the mini-program's five lack appId.
import { requestPayment } from 'wxpay-wasm';
import type { PayParams } from 'wxpay-wasm';

export const pay = (params: PayParams) => requestPayment(params);

// expect: TS2322 — a body is the exact text or bytes sent, not a number.
import { v3 } from 'wxpay-wasm';

declare const privateKey: string;
export const header = v3.authorization({
  mchId: '1900000001',
  serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  privateKey,
  method: 'POST',
  url: '/v3/pay/transactions/jsapi',
  body: 42,
});

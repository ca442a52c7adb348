// expect: TS2724 — requestVirtualPayment is a mini-program sheet: the Node entry has none.
import { requestVirtualPayment } from 'wxpay-wasm';

export const paid = requestVirtualPayment({ signData: '{}', mode: 'short_series_coin', paySig: '', signature: '' });

// expect: TS2345 — parameter values are strings or integers, not a Date.
import { sign } from 'wxpay-wasm';

interface Order {
  out_trade_no: string;
  time_start: Date;
}
declare const order: Order;
export const signature = sign(order, 'qazwsxedcrfvtgbyhnujmikolp111111');

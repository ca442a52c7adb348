// A 公众号 H5 page (JSAPI支付 in WeChat's browser): the server's six parameters go to
// requestPayment, which opens the sheet through WeixinJSBridge; the outcome by code.
import { requestPayment, WxPayError } from 'wxpay-wasm';
import type { H5PayParams, H5PayResult, PayParams } from 'wxpay-wasm';

export type Outcome = { paid: true; result: H5PayResult } | { paid: false; why: string };

export async function payInWeChat(fromServer: H5PayParams): Promise<Outcome> {
  try {
    const result = await requestPayment(fromServer);
    // Resolved means err_msg said ok; the order is paid when the notification says so.
    const said: string = result.err_msg;
    return said === 'get_brand_wcpay_request:ok' ? { paid: true, result } : { paid: false, why: said };
  } catch (e) {
    if (!(e instanceof WxPayError)) throw e;
    if (e.code === 'CANCELLED') return { paid: false, why: 'cancelled' };
    if (e.code === 'FAILED') return { paid: false, why: `${e.err_msg ?? e.message} ${e.err_desc ?? ''}`.trim() };
    if (e.code === 'MissingAppId' || e.code === 'InvalidSign') return { paid: false, why: e.message };
    throw e;
  }
}

/** The mini-program's five and the order's AppID make the H5 six. */
export const forH5 = (five: PayParams, appId: string): H5PayParams => ({ appId, ...five });

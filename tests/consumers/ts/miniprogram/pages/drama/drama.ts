// A 虚拟支付 page as a TypeScript mini-program writes it: the server's signData string, mode
// and both signatures go to requestVirtualPayment; errors narrow by code, errCode kept.
import { requestVirtualPayment, WxPayError } from 'wxpay-wasm';
import type { VirtualPaymentParams, VirtualPaymentMode } from 'wxpay-wasm';

interface SignedOrder {
  signData: string;
  paySig: string;
  signature: string;
}

declare function signOnYourServer(episode: number): Promise<SignedOrder>;

const mode: VirtualPaymentMode = 'short_series_goods';

Page({
  data: { status: '' },
  async buy() {
    const params: VirtualPaymentParams = { ...(await signOnYourServer(3)), mode };
    try {
      const res = await requestVirtualPayment(params);
      this.setData({ status: res.errMsg });
    } catch (e) {
      if (e instanceof WxPayError && e.code === 'CANCELLED') return;
      if (e instanceof WxPayError && (e.code === 'InvalidSignData' || e.code === 'Unsupported' || e.code === 'FAILED')) {
        const errCode: number | undefined = e.errCode;
        this.setData({ status: e.message + (errCode === undefined ? '' : ' ' + errCode) });
        return;
      }
      throw e;
    }
  },
});

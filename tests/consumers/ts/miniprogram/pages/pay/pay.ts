// A pay page as a TypeScript mini-program writes it (strict, ES2020, no DOM,
// miniprogram-api-typings): device signing, server-made v2 and v3 parameters, error narrowing.
import * as wxpay from 'wxpay-wasm';
import { WxPayError } from 'wxpay-wasm';
import type { ErrorCode, PayParams, V2PayParams } from 'wxpay-wasm';

interface Order {
  prepayId: string;
}

declare function createOrderOnYourServer(): Promise<Order>;
declare function paramsFromYourServer(): Promise<PayParams>;

const appId = 'wxd678efh567hg6787';
const key = 'qazwsxedcrfvtgbyhnujmikolp111111'; // WeChat's documentation demo key

// The result of buildPayParams goes to wx.requestPayment unchanged.
function viaWx(params: V2PayParams): void {
  const option: WechatMiniprogram.RequestPaymentOption = { ...params, success: () => undefined };
  wx.requestPayment(option);
}

// Server-made API v3 parameters (signType 'RSA') fit both.
const v3Params: PayParams = {
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx201410272009395522657a690389285100',
  signType: 'RSA',
  paySign: 'oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ/X+QBhcCYL21N7cHCTUxbQ+EAt6Uy+lwSN22f5YZvI45MLko8Pfso0jm46v5hqcVwrk6uddkGuT+Cdvu4WBqDzaDjnNa5UK3GfE1Wfl2gHxIIY5lLdUgWFts17D4WuolLLkiFZV+JSHMvH7eaLdT9N5GBovBwu5yYKUR7skR8Fu+LozcSqQixnlEZUfyE55feLOQTUYzLmR9pNtPbPsu6WVhbNHMS3Ss2+AehHvz+n64GDmXxbX++IOBvm2olHu3PsOUGRwhudhVf7UcGcunXt8cqNjKNqZLhLw4jq/xDg==',
};
function viaWxV3(): void {
  wx.requestPayment({ ...v3Params });
}

Page({
  data: { status: '' },
  async pay() {
    await wxpay.init({ wasmPath: '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br' });
    const { prepayId } = await createOrderOnYourServer();
    const params = wxpay.buildPayParams({ appId, prepayId, key, signType: 'HMAC-SHA256', timeStamp: 1490840662 });
    const signType: 'MD5' | 'HMAC-SHA256' = params.signType;
    try {
      await wxpay.requestPayment(params);
      await wxpay.requestPayment(await paramsFromYourServer());
      await wxpay.requestPayment(v3Params);
      this.setData({ status: 'paid ' + signType });
    } catch (e) {
      if (e instanceof WxPayError && e.code === 'CANCELLED') {
        this.setData({ status: 'cancelled' });
        return;
      }
      if (e instanceof WxPayError) {
        const code: ErrorCode = e.code;
        this.setData({ status: code + ': ' + e.message + (e.errMsg ? ' (' + e.errMsg + ')' : '') });
        return;
      }
      throw e;
    }
  },
  signNotification() {
    // An interface-typed object (no index signature) is accepted by sign and verify.
    interface Notification {
      appid: string;
      mch_id: string;
      total_fee: number;
      attach?: string;
      sign: string;
    }
    const notification: Notification = { appid: appId, mch_id: '10000100', total_fee: 1, sign: '' };
    notification.sign = wxpay.sign(notification, key);
    const ok: boolean = wxpay.verify(notification, key, 'MD5') && wxpay.verify({ ...notification }, key);
    const n: string = wxpay.nonce(16);
    this.setData({ status: ok + n });
  },
  // 商家转账: the page confirms the bill the server created (its pageParams).
  async withdraw(pageParams: wxpay.MerchantTransferParams) {
    try {
      const res: { errMsg: string } = await wxpay.requestMerchantTransfer(pageParams);
      this.setData({ status: res.errMsg });
    } catch (e) {
      if (e instanceof WxPayError && (e.code === 'CANCELLED' || e.code === 'InvalidPackage')) {
        this.setData({ status: e.code + (e.errCode === undefined ? '' : ' ' + e.errCode) });
        return;
      }
      throw e;
    }
  },
  errors() {
    const a = new WxPayError('InvalidOptions', 'made with new');
    const b = WxPayError('FAILED', 'made by a call', { errMsg: 'requestPayment:fail' });
    const all: Error[] = [a, b];
    this.setData({ status: all.map((e) => e.message).join() + (a instanceof Error) });
  },
  onLoad() {
    viaWx(wxpay.buildPayParams({ appId, prepayId: 'wx2017033010242291fcfe0db70013231072', key }));
    viaWxV3();
  },
});

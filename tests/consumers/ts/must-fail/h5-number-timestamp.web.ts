// expect: TS2322 TS2561 — getBrandWCPayRequest's timeStamp is a string of seconds, and its appId is spelt appId.
import { requestPayment } from 'wxpay-wasm';

export const paid = requestPayment({
  appId: 'wxd678efh567hg6787',
  timeStamp: 1490840662,
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
  signType: 'MD5',
  paySign: '22D9B4E54AB1950F51E0649E8810ACD6',
});
export const lowerCase = requestPayment({
  appid: 'wxd678efh567hg6787',
  timeStamp: '1490840662',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
  signType: 'MD5',
  paySign: '22D9B4E54AB1950F51E0649E8810ACD6',
});

// expect: TS2322 — wx.requestPayment wants timeStamp as a string.
import { requestPayment } from 'wxpay-wasm';

export const paid = requestPayment({
  timeStamp: 1490840662,
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  package: 'prepay_id=wx2017033010242291fcfe0db70013231072',
  signType: 'MD5',
  paySign: 'C380BEC2BFD727A4B6845133519F3AD6',
});

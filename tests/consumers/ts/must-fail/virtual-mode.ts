// expect: TS2322 — mode is 'short_series_goods' or 'short_series_coin'.
import { requestVirtualPayment } from 'wxpay-wasm';

export const paid = requestVirtualPayment({
  signData: '{"offerId":"1450000000","buyQuantity":1,"currencyType":"CNY","outTradeNo":"VP20251201000001","attach":""}',
  mode: 'short_series',
  paySig: 'e31e6a4d10101e554eada80cb80b04b53c50882298b032329a3d80fce2332e01',
  signature: '58dc6377dbe7d48a450809c730808d52225acf56553e25fb224c1a9ae96fe217',
});

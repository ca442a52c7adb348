// expect: TS2322 — the transfer sheet's package is the bill's package_info text, and mchId a string of digits.
import { requestMerchantTransfer } from 'wxpay-wasm';

export async function confirm(packageInfo: number): Promise<void> {
  await requestMerchantTransfer({ mchId: '1230000109', appId: 'wxd678efh567hg6787', package: packageInfo });
}

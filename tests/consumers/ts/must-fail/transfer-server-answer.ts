// expect: TS2561 — the server's answer (mch_id, snake case) is not what the sheet takes ("did you mean mchId?"): pass pageParams.
import { requestMerchantTransfer } from 'wxpay-wasm';

export async function confirm(): Promise<void> {
  await requestMerchantTransfer({ mch_id: '1230000109', appid: 'wxd678efh567hg6787', package_info: 'ABBQO+oYAAABAAAAAAAk' });
}

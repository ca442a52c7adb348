// A Node server in TypeScript (module nodenext, CommonJS output): v2 and v3.
import * as wxpay from 'wxpay-wasm';
import { WxPayError, v3 } from 'wxpay-wasm';
import type { NodeErrorCode, PayParams } from 'wxpay-wasm';
import type { IncomingHttpHeaders } from 'node:http';

export async function v2Params(appId: string, prepayId: string): Promise<PayParams> {
  await wxpay.init();
  return wxpay.buildPayParams({ appId, prepayId, key: process.env.WXPAY_API_KEY ?? '' });
}

export function v3Params(appId: string, prepayId: string, privateKey: string): PayParams {
  const params: v3.V3PayParams = v3.buildPayParams({ appId, prepayId, privateKey });
  return params;
}

export function header(privateKey: string, body: string): string {
  return v3.authorization({ mchId: '1900000001', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey, method: 'POST', url: '/v3/pay/transactions/jsapi', body });
}

interface Notification {
  id: string;
  resource: v3.EncryptedResource;
}

export function notification(headers: IncomingHttpHeaders, body: string, publicKeys: Record<string, string>, apiV3Key: string): unknown {
  try {
    v3.verify({ headers, body, publicKeys });
    const { resource } = JSON.parse(body) as Notification;
    return JSON.parse(v3.decryptResource(resource, apiV3Key));
  } catch (e) {
    if (e instanceof WxPayError && (e.code === 'InvalidSignature' || e.code === 'TimestampOutOfWindow')) return null;
    if (e instanceof WxPayError) {
      const code: NodeErrorCode = e.code;
      throw new WxPayError(code, 'notification refused: ' + e.message);
    }
    throw e;
  }
}

export function signV2(fields: { appid: string; total_fee: number; attach?: string }): string {
  return wxpay.sign(fields, process.env.WXPAY_API_KEY ?? '', 'HMAC-SHA256');
}

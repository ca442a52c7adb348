// docs/server-node.md's API v3 server code as a TypeScript project writes it (JSAPI下单
// with an Authorization header and fetch, the answer's status read first and the answer
// verified, the page's parameters; a notification verified and decrypted), with the
// merchant and WeChat Pay's keys made once (keys given as KeyObjects, a platform
// certificate as an X509Certificate) and the notification's body as a Buffer.
// node-resolutions.test.js compiles it under each moduleResolution and runs it against an
// emulated WeChat Pay.
import * as fs from 'fs';
import { createPrivateKey, createPublicKey, X509Certificate } from 'crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import { v3, WxPayError } from 'wxpay-wasm';
import type { NodeErrorCode } from 'wxpay-wasm';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(name + ' is not set');
  return value;
}

const apiBase = process.env.WXPAY_API_BASE ?? 'https://api.mch.weixin.qq.com';
const merchant = v3.merchant({
  mchId: env('WXPAY_MCHID'), // 商户号
  serialNo: env('WXPAY_SERIAL_NO'), // the API certificate's serial number
  privateKey: createPrivateKey(fs.readFileSync(env('WXPAY_KEY_FILE'))), // apiclient_key.pem
});
// WeChat Pay's public key under its id (PUB_KEY_ID_…), and a platform certificate under its serial.
const wechatpay: v3.PublicKeySet = v3.publicKeys({
  [env('WXPAY_PUBLIC_KEY_ID')]: createPublicKey(fs.readFileSync(env('WXPAY_PUBLIC_KEY_FILE'))),
  [env('WXPAY_PLATFORM_SERIAL')]: new X509Certificate(fs.readFileSync(env('WXPAY_PLATFORM_CERT_FILE'))),
});

export interface Order {
  appId: string;
  openid: string;
  outTradeNo: string;
  total: number;
  description: string;
  notifyUrl: string;
}

export interface Transaction {
  out_trade_no: string;
  trade_state: string;
  amount: { total: number };
}

/** JSAPI下单, then the page's parameters. */
export async function payParamsFor(order: Order): Promise<v3.V3PayParams> {
  const url = '/v3/pay/transactions/jsapi';
  const body = JSON.stringify({
    appid: order.appId, mchid: merchant.mchId, description: order.description, out_trade_no: order.outTradeNo,
    notify_url: order.notifyUrl, amount: { total: order.total, currency: 'CNY' }, payer: { openid: order.openid },
  });
  const res = await fetch(apiBase + url, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: merchant.authorization({ method: 'POST', url, body }),
    },
  });
  const text = await res.text();
  // A 4xx/5xx throws ApiError; a 2xx must be signed by WeChat Pay.
  wechatpay.verifyAnswer({ status: res.status, headers: res.headers, body: text });
  const { prepay_id: prepayId } = JSON.parse(text) as { prepay_id: string };
  return merchant.buildPayParams({ appId: order.appId, prepayId });
}

/** notify_url: `headers` as received, `rawBody` the body's bytes exactly as received. */
export function transactionOf(headers: IncomingHttpHeaders, rawBody: Buffer): Transaction {
  wechatpay.verify({ headers, body: rawBody });
  const { resource } = JSON.parse(rawBody.toString('utf8')) as { resource: v3.EncryptedResource };
  return JSON.parse(v3.decryptResource(resource, env('WXPAY_API_V3_KEY'))) as Transaction;
}

/** An HTTP server for notify_url: 204 for a genuine notification, 401 with the code otherwise. */
export function notifyServer(onPaid: (transaction: Transaction) => void): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        onPaid(transactionOf(req.headers, Buffer.concat(chunks)));
        res.writeHead(204).end();
      } catch (e) {
        if (!(e instanceof WxPayError)) throw e;
        const code: NodeErrorCode = e.code;
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'FAIL', message: code }));
      }
    });
  });
}

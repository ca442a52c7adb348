// expect: TS2322 — verify takes the body as received, never parsed and re-serialised.
import { v3 } from 'wxpay-wasm';

declare const headers: Headers;
declare const notification: { id: string; resource: v3.EncryptedResource };
export const ok = v3.verify({ headers, body: notification, publicKeys: {} });

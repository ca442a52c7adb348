// expect: TS2322 — a WebCrypto CryptoKey is not a KeyObject (crypto.createPrivateKey makes one).
import { webcrypto } from 'crypto';
import { v3 } from 'wxpay-wasm';

declare const privateKey: webcrypto.CryptoKey;
export const params = v3.buildPayParams({ appId: 'wxd678efh567hg6787', prepayId: 'wx201410272009395522657a690389285100', privateKey });

// expect: TS2561 — a misspelt field name is a type error (privateKey, not privatekey).
import { v3 } from 'wxpay-wasm';

declare const key: string;
export const params = v3.buildPayParams({ appId: 'wxd678efh567hg6787', prepayId: 'wx201410272009395522657a690389285100', privatekey: key });

// expect: TS2322 — buildPayParams signs API v2 only; 'RSA' parameters come from a server.
import { buildPayParams } from 'wxpay-wasm';

export const params = buildPayParams({ appId: 'wxd678efh567hg6787', prepayId: 'wx2017033010242291fcfe0db70013231072', key: 'k', signType: 'RSA' });

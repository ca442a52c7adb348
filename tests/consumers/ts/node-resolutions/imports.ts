// The other ways a server imports the Node entry, under every moduleResolution: the
// `wxpay-wasm/node` subpath and the default import, both the root's module.
import wxpay from 'wxpay-wasm';
import { v3 as nodeV3, init } from 'wxpay-wasm/node';
import { v3 } from 'wxpay-wasm';

export const sameV3: boolean = nodeV3 === v3 && wxpay.v3 === v3;
export const ready: Promise<void> = init();

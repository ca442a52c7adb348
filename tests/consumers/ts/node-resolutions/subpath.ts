// `wxpay-wasm/node` is the Node entry under every moduleResolution, the same module as the root's.
import { v3 as nodeV3, init } from 'wxpay-wasm/node';
import { v3 } from 'wxpay-wasm';

export const sameV3: boolean = nodeV3 === v3;
export const ready: Promise<void> = init();

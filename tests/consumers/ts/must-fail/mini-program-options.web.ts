// expect: TS2353 — the browser entry takes no random pool options.
import { init } from 'wxpay-wasm';

export const ready = init({ randomPoolBytes: 4096 });

// Copied from src/js/root.d.ts by tools/assemble-pkg.js (./build.sh package): do not edit.
// Types of `import … from 'wxpay-wasm'` wherever TypeScript does not pick an entry by the
// exports map's `node` condition (hand-written; shipped as the package's index.d.ts, its
// `types` and the map's `types` fallback). moduleResolution node10 (no tsconfig, module
// commonjs) reads no exports map, and bundler reads no `node` condition, so one specifier
// serves mini-program, Node and browser projects alike: these pick the entry by the
// project's globals, as the runtime picks it by where it runs. miniprogram-api-typings
// declares requireMiniProgram, @types/node declares process (see IsNodeProject); neither
// is a browser. 'wxpay-wasm/node' is the Node entry always, at run time too.
import type * as Mp from './miniprogram/index';
import type * as Node from './node/index';
import type * as Web from './web/index.js';
import type { WxPayErrorOf } from './miniprogram/common';

/** Which entry this project gets: 'miniprogram', 'node' or 'web'. */
export type Entry = typeof globalThis extends { requireMiniProgram: unknown } ? 'miniprogram' : Node.IsNodeProject extends true ? 'node' : 'web';
type ByEntry<InMiniProgram, InNode, InBrowser> = Entry extends 'miniprogram' ? InMiniProgram : Entry extends 'node' ? InNode : InBrowser;

export type { SignType, PayParams, V2PayParams, H5PayParams, H5PayResult, PayRequest, ParamValue, Params, ParamsOf, CoreErrorCode, ApiErrorCode, WxPayErrorExtra } from './miniprogram/common';
export { buildPayParams, sign, verify, nonce } from './miniprogram/common';
export type { ShimErrorCode, WxPayErrorConstructor } from './miniprogram/index';
export type { VirtualPaymentErrorCode, VirtualPaymentMode, VirtualPaymentParams } from './miniprogram/index';
/** 虚拟支付's sheet: mini-programs only (undefined in Node and browsers). */
export declare const requestVirtualPayment: ByEntry<typeof Mp.requestVirtualPayment, undefined, undefined>;
export type { V3ErrorCode, NodeErrorCode, KeyObject, X509Certificate, HeadersInput, BodyInput, PrivateKeyInput, PublicKeyInput, V3OnlyInNode, IsNodeProject, V3, V3KeyHolders } from './node/index';
// Typed V3OnlyInNode outside Node projects (node/index.d.ts says why).
export { v3 } from './node/index';

// 商家转账's sheet: mini-programs only (the other entries have no such export).
export type { MerchantTransferParams } from './miniprogram/index';
/** Opens WeChat's transfer sheet (商家转账); only in a mini-program project. */
export declare const requestMerchantTransfer: ByEntry<typeof Mp.requestMerchantTransfer, never, never>;

/** Every `code` a WxPayError of this project's entry can have. */
export type ErrorCode = ByEntry<Mp.ErrorCode, Node.ErrorCode, Web.ErrorCode>;
/** init()'s options in this project's entry (Node ignores them). */
export type InitOptions = ByEntry<Mp.InitOptions, object, Web.InitOptions>;
/** Loads the module: in a mini-program from the .wasm.br, in a browser by fetch; in Node it resolves at once. */
export declare const init: ByEntry<typeof Mp.init, typeof Node.init, typeof Web.init>;
/** Opens WeChat's payment sheet: wx.requestPayment in a mini-program, WeixinJSBridge in a 公众号 H5 page (browser); Node rejects. */
export declare const requestPayment: ByEntry<typeof Mp.requestPayment, typeof Node.requestPayment, typeof Web.requestPayment>;
/** Every failure of this package. Narrow a caught value with `e instanceof WxPayError`. */
export type WxPayError<C extends string = ErrorCode> = WxPayErrorOf<C>;
/** `new WxPayError(code, message, extra?)`; the mini-program entry's may be called without `new`. */
export declare const WxPayError: ByEntry<typeof Mp.WxPayError, typeof Node.WxPayError, typeof Web.WxPayError>;
/** The browser entry's default export; elsewhere the CommonJS module itself (what esModuleInterop makes of it). */
declare const wxpay: ByEntry<typeof Mp, typeof Node, typeof Web.default>;
export default wxpay;

// Copied from src/js/node/index.js by tools/assemble-pkg.js (./build.sh package): do not edit.
// wxpay-wasm for Node (servers, cloud functions), CommonJS: wasm/web built by
// wasm-bindgen --target nodejs (./generated/, loaded at require time), random bytes
// from Node's crypto module. ESM: ./index.mjs. Hand-written.
'use strict';
const makeApi = require('./api.js');

const loaded = glue();
const wxpay = makeApi(loaded);
module.exports = wxpay;
// For `import wxpay from 'wxpay-wasm'` compiled to CommonJS without esModuleInterop (it reads `.default`).
module.exports.default = wxpay;
// API v3 (the merchant's RSA key, Node's crypto): servers only, never in miniprogram/.
module.exports.v3 = require('./v3.js')(loaded, wxpay[makeApi.GUARDED]);

/**
 * The generated glue, which reads its .wasm beside itself at require time. A bundle
 * (esbuild, webpack, ncc) inlines the glue but not the .wasm, so the glue looks for it
 * beside the bundle: that ENOENT becomes a LoadFailed that says what to copy where.
 */
function glue() {
  try {
    return require('./generated/wxpay_wasm_web.js');
  } catch (e) {
    if (!e || e.code !== 'ENOENT' || !/wxpay_wasm_web_bg\.wasm$/.test(e.path || '')) throw e;
    throw new makeApi.WxPayError(
      'LoadFailed',
      'wxpay-wasm could not read its WebAssembly module at ' + e.path + ', as happens when wxpay-wasm is bundled: ' +
        'copy node_modules/wxpay-wasm/node/generated/wxpay_wasm_web_bg.wasm to ' + require('path').dirname(e.path) +
        ' (beside the bundle), or leave wxpay-wasm out of the bundle (esbuild --external:wxpay-wasm, webpack externals)',
    );
  }
}

// Copied from src/js/node/index.js by tools/assemble-pkg.js (./build.sh package): do not edit.
// wxpay-wasm for Node (servers, cloud functions), CommonJS: wasm/web built by
// wasm-bindgen --target nodejs (./generated/, loaded at require time), random bytes
// from Node's crypto module. ESM: ./index.mjs. Hand-written.
'use strict';
const makeApi = require('./api.js');

const glue = require('./generated/wxpay_wasm_web.js');
const wxpay = makeApi(glue);
module.exports = wxpay;
// API v3 (the merchant's RSA key, Node's crypto): servers only, never in miniprogram/.
module.exports.v3 = require('./v3.js')(glue, wxpay[makeApi.GUARDED]);

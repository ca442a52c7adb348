// wxpay-wasm for Node.js (servers, tests): the same API as the mini-program build,
// with init() reading the raw .wasm beside this file. Hand-written.
'use strict';
const fs = require('fs');
const path = require('path');
const wxpay = require('./miniprogram/index.js');

const WASM_FILE = path.join(__dirname, 'wxpay_wasm_bg.wasm');

module.exports = Object.assign({}, wxpay, {
  init(options) {
    return wxpay.init(Object.assign({ wasmBytes: fs.readFileSync(WASM_FILE) }, options));
  },
  v3: require('./v3.js'), // servers only: never in miniprogram/, the page holds no private key
});

// wxpay-wasm wxpay_wasm_bg.js: minified by tools/assemble-pkg.js from (generated) wxpay_wasm_bg.js
"use strict";let n;module.exports={__wbg_set_wasm:function(r){n=r},entropyAvailable:function(){return n.entropyAvailable()>>>0},verify:function(r,t,e,u){return n.verify(r,t,e,u)},scratch:function(r){return n.scratch(r)>>>0},addEntropy:function(r){return n.addEntropy(r)>>>0},buildPayParams:function(r,t,e,u,i,o,a){return n.buildPayParams(r,t,e,u,i,o,a)},nonce:function(r){return n.nonce(r)},sign:function(r,t,e,u){return n.sign(r,t,e,u)}};
//# sourceMappingURL=wxpay_wasm_bg.js.map

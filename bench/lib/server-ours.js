// wxpay-wasm's side of the server section: the Node entry of pkg/ (as published), API v3 on
// its default path: the merchant and WeChat Pay's keys made once (v3.merchant,
// v3.publicKeys), as a server holds them.
'use strict';
const { PKG } = require('./codepkg');

function wxpayWasm(keys) {
  const { v3 } = require(PKG);
  const merchant = v3.merchant({ mchId: keys.mchId, serialNo: keys.serialNo, privateKey: keys.privateKey });
  return {
    buildPayParams: (order) => merchant.buildPayParams(order),
    authorization: (request) => merchant.authorization(request),
    verifier(publicKeys) {
      const wechatpay = v3.publicKeys(publicKeys);
      return (message) => wechatpay.verify(message);
    },
    decryptResource: (resource) => JSON.parse(v3.decryptResource(resource, keys.apiV3Key)),
  };
}

module.exports = { wxpayWasm };

// wxpay-wasm's side of the server section: the Node entry of pkg/ (as published), API v3, its
// keys made KeyObjects once so that no call parses PEM. The one file to change when the
// entry's parsed-once objects (v3.merchant, v3.publicKeys) replace the one-shot calls.
'use strict';
const crypto = require('node:crypto');
const { PKG } = require('./codepkg');

function wxpayWasm(keys) {
  const { v3 } = require(PKG);
  const privateKey = crypto.createPrivateKey(keys.privateKey);
  const { mchId, serialNo } = keys;
  return {
    buildPayParams: (order) => v3.buildPayParams({ ...order, privateKey }),
    authorization: (request) => v3.authorization({ ...request, mchId, serialNo, privateKey }),
    verifier(publicKeys) {
      // A KeyObject of a certificate is its public key only: the certificate's validity
      // window is not checked on this path.
      const parsed = Object.fromEntries(Object.entries(publicKeys).map(([serial, pem]) => [serial, crypto.createPublicKey(pem)]));
      return (message) => v3.verify({ ...message, publicKeys: parsed });
    },
    decryptResource: (resource) => JSON.parse(v3.decryptResource(resource, keys.apiV3Key)),
  };
}

module.exports = { wxpayWasm };

// The jobs of the server section, every input and expected answer taken from
// tests/vectors/v3.json (TEST-ONLY keys): one case per operation, and for verify and decrypt a
// tampered twin that a contender must refuse.
'use strict';
const path = require('node:path');
const { REPO } = require('./codepkg');

const V = require(path.join(REPO, 'tests/vectors/v3.json'));
const K = V.keys;
const SERIAL_OF = { wechatpayPublicKey: K.wechatpayPublicKeyId, platformCertificate: K.platformSerialNo };

function vector(list, name) {
  const v = list.find((x) => x.name === name);
  if (!v) throw new Error(`tests/vectors/v3.json: no case "${name}"`);
  return v;
}

/** A verify case as a Node server receives it: header names in lower case (req.headers). */
function received(v) {
  const headers = Object.fromEntries(Object.entries(v.headers).map(([k, x]) => [k.toLowerCase(), x]));
  return { headers, body: v.body, now: v.now };
}

function verifyJob(name, tamperedName) {
  const v = vector(V.verify, name);
  return {
    publicKeys: Object.fromEntries(v.publicKeys.map((k) => [SERIAL_OF[k], K[k]])),
    message: received(v),
    tampered: received(vector(V.verify, tamperedName)),
  };
}

const pay = vector(V.payParams, 'bare prepay_id');
const auth = vector(V.authorization, 'POST JSON order with Chinese in the body');
const decrypt = vector(V.decrypt, 'notification resource');

module.exports = {
  keys: {
    mchId: auth.mchId,
    serialNo: K.merchantSerialNo,
    privateKey: K.merchantPrivateKey,
    merchantPublicKey: K.merchantPublicKey,
    apiV3Key: K.apiV3Key,
  },
  pay: {
    order: { appId: pay.appId, prepayId: pay.prepayId, timeStamp: pay.timeStamp, nonceStr: pay.nonceStr },
    expected: pay.expected,
  },
  authorization: {
    request: { method: auth.method, url: auth.url, body: auth.body, timeStamp: auth.timeStamp, nonceStr: auth.nonceStr },
    expected: auth.expected,
  },
  verifyPublicKey: verifyJob('answer, WeChat Pay public key', 'tampered notification body'),
  verifyCertificate: verifyJob('answer, platform certificate', 'nonce changed after signing'),
  decrypt: {
    resource: decrypt.resource,
    expected: JSON.parse(decrypt.expected),
    tampered: vector(V.decrypt, 'tampered tag').resource,
  },
};

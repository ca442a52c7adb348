// The packages a Node server would pick for WeChat Pay API v3, each made to do the server
// section's jobs through its own API, as its README shows, with its own key handling done once
// where the API has a place for it. Every contender → the same five-function shape:
// buildPayParams(order), authorization(request), verifier(publicKeys) → verify(message),
// decryptResource(resource) → the notification's transaction as an object.
'use strict';
const path = require('node:path');
const { PKG } = require('./codepkg');
const { MODULES } = require('./libs');
const { wxpayWasm } = require('./server-ours');

// The Wechatpay-Timestamp window of wechatpay-axios-plugin's response verifier, seconds.
const CLOCK_OFFSET = 300;

function inWindow(now, timestamp) {
  return Math.abs(now - Number(timestamp)) <= CLOCK_OFFSET;
}

/**
 * wechatpay-node-v3: one Pay instance holding the merchant's key as PEM, which Node parses on
 * every signature (its typings take a Buffer; there is no parsed form). Pay params are built as
 * its transactions_jsapi builds them after the order request; the Authorization header as its
 * buildAuthorization, with the given nonce and time. verifySign reads Pay.certificates (serial →
 * PEM public key, which its fetchCertificates fills from each certificate with @fidm/x509) and
 * checks no time: the ±5 min window is the caller's, added here.
 */
function wechatpayNodeV3(keys) {
  const Pay = require('wechatpay-node-v3');
  const { Certificate } = require(require.resolve('@fidm/x509', { paths: [require.resolve('wechatpay-node-v3')] }));
  const pay = new Pay({
    mchid: keys.mchId,
    serial_no: keys.serialNo,
    // Required by the constructor; read only to find serial_no when none is given.
    publicKey: Buffer.from(keys.merchantPublicKey),
    privateKey: Buffer.from(keys.privateKey),
    key: keys.apiV3Key,
  });
  const publicKeyPem = (pem) => (pem.includes('CERTIFICATE') ? Certificate.fromPEM(Buffer.from(pem)).publicKey.toPEM() : pem);
  return {
    buildPayParams(order) {
      const data = {
        appId: order.appId, timeStamp: order.timeStamp, nonceStr: order.nonceStr,
        package: `prepay_id=${order.prepayId}`, signType: 'RSA', paySign: '',
      };
      data.paySign = pay.sign([data.appId, data.timeStamp, data.nonceStr, data.package, ''].join('\n'));
      return data;
    },
    authorization: ({ method, url, body, timeStamp, nonceStr }) =>
      pay.getAuthorization(nonceStr, timeStamp, pay.getSignature(method, nonceStr, timeStamp, url, body)),
    verifier(publicKeys) {
      for (const [serial, pem] of Object.entries(publicKeys)) Pay.certificates[serial] = publicKeyPem(pem);
      return ({ headers: h, body, now }) => inWindow(now, h['wechatpay-timestamp']) && pay.verifySign({
        timestamp: h['wechatpay-timestamp'], nonce: h['wechatpay-nonce'], body, serial: h['wechatpay-serial'], signature: h['wechatpay-signature'],
      });
    },
    decryptResource: (r) => pay.decipher_gcm(r.ciphertext, r.associated_data, r.nonce, keys.apiV3Key),
  };
}

/**
 * wechatpay-axios-plugin: keys loaded once with Rsa.from and Hash.keyObjectFrom, as its README
 * advises. Its request signing and response verification run inside axios interceptors (with the
 * clock and a fresh nonce); the bench calls the functions they call (Formatter, Rsa) with the
 * verifier's checks, without the axios plumbing. Pay params as its README's JSAPI example.
 */
function wechatpayAxiosPlugin(keys) {
  const { Rsa, Formatter, Hash, Aes } = require('wechatpay-axios-plugin');
  const privateKey = Rsa.from(keys.privateKey, Rsa.KEY_TYPE_PRIVATE);
  const apiV3Key = Hash.keyObjectFrom(keys.apiV3Key);
  return {
    buildPayParams(order) {
      const params = { timeStamp: order.timeStamp, nonceStr: order.nonceStr, package: `prepay_id=${order.prepayId}`, signType: 'RSA' };
      params.paySign = Rsa.sign(Formatter.joinedByLineFeed(order.appId, params.timeStamp, params.nonceStr, params.package), privateKey);
      return params;
    },
    authorization: ({ method, url, body, timeStamp, nonceStr }) => Formatter.authorization(
      keys.mchId, nonceStr, Rsa.sign(Formatter.request(method, url, timeStamp, nonceStr, body), privateKey), timeStamp, keys.serialNo,
    ),
    verifier(publicKeys) {
      const certs = Object.fromEntries(Object.entries(publicKeys).map(([serial, pem]) => [serial, Rsa.from(pem, Rsa.KEY_TYPE_PUBLIC)]));
      return ({ headers: h, body, now }) => {
        const [timestamp, nonce, serial, signature] = ['timestamp', 'nonce', 'serial', 'signature'].map((k) => h[`wechatpay-${k}`]);
        if (!(timestamp && nonce && serial && signature) || !inWindow(now, timestamp)) return false;
        return Object.prototype.hasOwnProperty.call(certs, serial) && Rsa.verify(Formatter.response(timestamp, nonce, body), signature, certs[serial]);
      };
    },
    decryptResource: (r) => JSON.parse(Aes.AesGcm.decrypt(r.ciphertext, apiV3Key, r.nonce, r.associated_data)),
  };
}

/** Ratios are to the first contender. dir: what `require` loads (ours: pkg/, as published). */
const CONTENDERS = [
  { id: 'wechatpay-node-v3', make: wechatpayNodeV3, dir: path.join(MODULES, 'wechatpay-node-v3') },
  { id: 'wechatpay-axios-plugin', make: wechatpayAxiosPlugin, dir: path.join(MODULES, 'wechatpay-axios-plugin') },
  { id: 'wxpay-wasm', make: wxpayWasm, dir: PKG, ours: true },
];

module.exports = { CONTENDERS };

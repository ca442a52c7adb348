// The demo's API v3 keys, made when the demo starts and never written to a file: the
// merchant's API certificate key pair (with a serial), the WeChat Pay public key pair
// (PUB_KEY_ID_…) and the APIv3 key. DEMO ONLY: a real merchant downloads its keys
// from 商户平台 and keeps them out of code and out of the mini-program.
'use strict';

const crypto = require('crypto');

const pem = (pair) => ({
  privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }),
});

/**
 * → {backend, emulator}: what each side holds, as in real life. The backend: its own
 * private key and serial, WeChat Pay's public key, the APIv3 key. The emulator
 * (WeChat Pay): its private key, the merchant's public key and serial, the APIv3 key.
 */
function demoKeysV3() {
  const merchant = pem(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const wechatpay = pem(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const merchantSerialNo = crypto.randomBytes(20).toString('hex').toUpperCase();
  const wechatpayPublicKeyId = 'PUB_KEY_ID_' + crypto.randomBytes(18).toString('hex').toUpperCase();
  // 32 letters and digits, as 商户平台 makes them; base64 of random bytes, cut.
  const apiV3Key = crypto.randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 32).padEnd(32, '0');
  return {
    backend: { merchantPrivateKey: merchant.privateKey, merchantSerialNo, wechatpayPublicKeyId, wechatpayPublicKey: wechatpay.publicKey, apiV3Key },
    emulator: { merchantPublicKey: merchant.publicKey, merchantSerialNo, wechatpayPrivateKey: wechatpay.privateKey, wechatpayPublicKeyId, apiV3Key },
  };
}

module.exports = { demoKeysV3 };

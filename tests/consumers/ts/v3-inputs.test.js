'use strict';
// The Node entry's v3 takes every form its typings (node/index.d.ts) allow, from the
// npm-packed package: keys as PEM text, a Buffer, any Uint8Array or a KeyObject (and a
// platform certificate as an X509Certificate); headers as a fetch Headers, Node's
// IncomingHttpHeaders or a record; bodies as text, a Buffer or a Uint8Array. The TEST-ONLY
// keys of tests/vectors/v3.json sign as WeChat Pay would.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const { REPO, installPacked } = require('./packed');

const { keys } = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors/v3.json'), 'utf8'));
let v3;
before(() => {
  installPacked();
  ({ v3 } = require('wxpay-wasm'));
});

/** A PEM key in each form the typings name. */
const forms = (pem, toKey) => ({
  'PEM text': pem,
  Buffer: Buffer.from(pem),
  Uint8Array: new Uint8Array(Buffer.from(pem)),
  KeyObject: toKey(pem),
});

test('privateKey: PEM text, Buffer, Uint8Array and KeyObject sign alike', () => {
  const request = { appId: 'wxd678efh567hg6787', prepayId: 'wx201410272009395522657a690389285100', timeStamp: 1700000000, nonceStr: 'abcDEF123' };
  const authRequest = { mchId: '1900000001', serialNo: keys.merchantSerialNo, method: 'GET', url: '/v3/certificates', timeStamp: 1700000000, nonceStr: 'abcDEF123' };
  const signed = Object.entries(forms(keys.merchantPrivateKey, crypto.createPrivateKey)).map(([form, privateKey]) => [
    form,
    v3.buildPayParams({ ...request, privateKey }).paySign,
    v3.authorization({ ...authRequest, privateKey }),
  ]);
  for (const [form, paySign, header] of signed) assert.deepEqual([paySign, header], signed[0].slice(1), form);
});

test('publicKeys: PEM text, Buffer, Uint8Array, KeyObject and an X509Certificate verify; headers and bodies in every typed form', () => {
  const body = '{"id":"EV-2018022511223320873"}';
  const now = Date.parse('2026-01-01T00:00:00Z') / 1000; // within the TEST-ONLY certificate's validity
  const headersFor = (serial, signingKey) => {
    const timestamp = String(now);
    const nonce = 'c5ac7061fccab6bf3e254dcf98995b8c';
    const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), signingKey).toString('base64');
    return { 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Serial': serial, 'Wechatpay-Signature': signature };
  };
  const byPublicKey = headersFor(keys.wechatpayPublicKeyId, keys.wechatpayPrivateKey);
  for (const [form, key] of Object.entries(forms(keys.wechatpayPublicKey, crypto.createPublicKey))) {
    assert.equal(v3.verify({ headers: byPublicKey, body, publicKeys: { [keys.wechatpayPublicKeyId]: key }, now }), true, form);
  }
  const byCertificate = headersFor(keys.platformSerialNo, keys.platformPrivateKey);
  const certificate = new crypto.X509Certificate(keys.platformCertificate);
  assert.equal(v3.verify({ headers: byCertificate, body, publicKeys: { [keys.platformSerialNo]: certificate }, now }), true);

  const publicKeys = { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey };
  const lowerCase = Object.fromEntries(Object.entries(byPublicKey).map(([k, v]) => [k.toLowerCase(), v]));
  const headerForms = {
    'fetch Headers': new Headers(byPublicKey),
    'IncomingHttpHeaders (lower case, an array value)': { ...lowerCase, 'wechatpay-nonce': [lowerCase['wechatpay-nonce']] },
    record: byPublicKey,
  };
  for (const [form, headers] of Object.entries(headerForms)) {
    for (const [bodyForm, given] of Object.entries({ text: body, Buffer: Buffer.from(body), Uint8Array: new TextEncoder().encode(body) })) {
      assert.equal(v3.verify({ headers, body: given, publicKeys, now }), true, `${form}, ${bodyForm}`);
    }
  }
});

test('a WebCrypto CryptoKey is not a KeyObject: refused, as the typings refuse it', async () => {
  const spki = crypto.createPublicKey(keys.wechatpayPublicKey).export({ type: 'spki', format: 'der' });
  const cryptoKey = await crypto.webcrypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  assert.throws(
    () => v3.verify({ headers: {}, body: '', publicKeys: { [keys.wechatpayPublicKeyId]: cryptoKey } }),
    { name: 'WxPayError', code: 'InvalidPublicKey' },
  );
});

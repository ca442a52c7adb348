// Copied from src/js/node/v3.js by tools/assemble-pkg.js (./build.sh package): do not edit.
// WeChat Pay API v3 for Node.js servers: the merchant (paySign for the page, the
// Authorization header of requests), WeChat Pay's keys (verifying answers and
// notifications), and decrypting a notification's resource. Hand-written.
//
// Every v3 rule, code and message is the Rust core's (wxpay_wasm::v3), run in this
// entry's wasm module (wasm/web/src/v3.rs), the same code a Rust server runs. This file
// reads the caller's objects, turns keys into PEM text, and lends Node's OpenSSL for the
// RSA and AES-256-GCM arithmetic. None of it is in the mini-program build: the merchant
// private key and the APIv3 key belong on the server.
'use strict';

const crypto = require('crypto');
const { WxPayError } = require('./api.js');
const makeClient = require('./client.js');

/** AES-GCM's tag ends WeChat Pay's ciphertext (the core checks there is one). */
const GCM_TAG_BYTES = 16;

/**
 * `{name: obj[name]}` for each [name, code] of `fields`, read once, in that order; a
 * throwing getter becomes a WxPayError with that field's code.
 */
function readFields(obj, what, fields) {
  const values = {};
  for (const [name, code] of fields) {
    try {
      values[name] = obj[name];
    } catch (e) {
      throw new WxPayError(code, what + ': reading ' + name + ' threw');
    }
  }
  return values;
}

/**
 * A key as the PEM text the core reads: PEM text itself, a Buffer of it, a KeyObject
 * (exported) or an X509Certificate. Anything else goes in as it is, for the core to name.
 */
function pemOf(given) {
  if (given instanceof Uint8Array) return Buffer.from(given.buffer, given.byteOffset, given.byteLength).toString('utf8');
  if (given instanceof crypto.KeyObject) {
    if (given.type === 'private') return given.export({ type: 'pkcs8', format: 'pem' });
    if (given.type === 'public') return given.export({ type: 'spki', format: 'pem' });
    return 'a secret KeyObject'; // not PEM: the core says what belongs here
  }
  if (crypto.X509Certificate && given instanceof crypto.X509Certificate) return given.toString();
  return given;
}

/** The KeyObject of the DER the core answered for a key it accepted. */
function keyObjectOf([der, pkcs1], kind) {
  const make = kind === 'private' ? crypto.createPrivateKey : crypto.createPublicKey;
  const key = make({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der',
    type: pkcs1 ? 'pkcs1' : kind === 'private' ? 'pkcs8' : 'spki' });
  der.fill(0);
  return key;
}

/**
 * `[name, value, name, value, …]` of `headers`: a fetch Headers or a Map (forEach), Node's
 * req.headers or a plain object (an array value is a repeated header, undefined none),
 * or already such a flat list (Node's req.rawHeaders). Anything else goes in as it is,
 * for the core to refuse.
 */
function headerList(headers) {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return headers;
  const list = [];
  const add = (value, name) => {
    if (Array.isArray(value)) value.forEach((one) => add(one, name));
    else if (value !== undefined && value !== null) list.push(name, value);
  };
  if (typeof headers.forEach === 'function') headers.forEach(add);
  else for (const name of Object.keys(headers)) add(headers[name], name);
  return list;
}

/** The APIv3 key's bytes, for the AES-GCM that the core asks for once it has checked the key. */
function apiV3KeyBytes(key) {
  return typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
}

/** The v3 API over the wasm glue's v3 exports; `guarded` makes a call refuse after a trap. */
function makeV3(wasm, guarded) {
  // How a value's type is named in messages: the Rust boundary's one naming (wasm/web's
  // type_name), so that a message reads the same wherever it is made.
  const typeName = guarded(wasm.typeName);

  /** `value`, which must be an options object; `shape` says which, in the message. */
  function argumentObject(value, shape) {
    if (value === null || typeof value !== 'object') {
      throw new WxPayError('InvalidValue', shape + ' takes one object, not ' + typeName(value));
    }
    return value;
  }

  const privateKeyDer = guarded(wasm.v3PrivateKey);
  const checkMerchant = guarded(wasm.v3Merchant);
  const payParamsLines = guarded(wasm.v3PayParams);
  const authorizationHeader = guarded(wasm.v3Authorization);
  const decrypt = guarded(wasm.v3DecryptResource);
  const decryptFromText = guarded(wasm.v3DecryptResourceFromText);
  const requestTextBuffer = guarded(wasm.requestTextBuffer);
  const encoder = new TextEncoder();
  const insertKey = guarded((set, serial, pem) => set.insert(serial, pem));
  const verifyWith = guarded((set, headers, body, now, rsaVerify) => set.verify(headers, body, now, rsaVerify));
  const encryptWith = guarded((set, plaintext, serial, rsaEncrypt) => set.encryptSensitive(plaintext, serial, undefined, rsaEncrypt));
  const verifyAnswerWith = guarded((set, status, headers, body, now, rsaVerify) => set.verifyAnswer(status, headers, body, now, rsaVerify));

  /** The merchant's private key as a KeyObject, after the core's checks. */
  function signingKey(privateKey) {
    return keyObjectOf(privateKeyDer(pemOf(privateKey)), 'private');
  }

  /** The fields a payment's parameters are made of (wx.requestPayment's, an app's PayReq), read once. */
  function payFields(request, what) {
    return readFields(argumentObject(request, what), what, [
      ['appId', 'InvalidAppId'],
      ['prepayId', 'InvalidPrepayId'],
      ['timeStamp', 'InvalidTimeStamp'],
      ['nonceStr', 'InvalidNonce'],
    ]);
  }

  /** SHA256withRSA by `key`, the arithmetic the core asks for. */
  const signerOf = (key) => (message) => crypto.sign('sha256', message, key);

  function payParams(key, request, what) {
    const { appId, prepayId, timeStamp, nonceStr } = payFields(request, what);
    const v = payParamsLines(appId, prepayId, timeStamp, nonceStr, signerOf(key)).split('\n');
    return { timeStamp: v[0], nonceStr: v[1], package: v[2], signType: 'RSA', paySign: v[3] };
  }

  const appPayParamsLines = guarded(wasm.v3AppPayParams);

  function appPayParams(mchId, key, request, what) {
    const { appId, prepayId, timeStamp, nonceStr } = payFields(request, what);
    const v = appPayParamsLines(appId, mchId, prepayId, timeStamp, nonceStr, signerOf(key)).split('\n');
    return { appid: v[0], partnerid: v[1], prepayid: v[2], package: 'Sign=WXPay', noncestr: v[3], timestamp: v[4], sign: v[5] };
  }

  function authorization(mchId, serialNo, key, request, what) {
    const r = argumentObject(request, what);
    const { method, url, body, timeStamp, nonceStr } = readFields(r, what, [
      ['method', 'InvalidMethod'],
      ['url', 'InvalidUrl'],
      ['body', 'InvalidBody'],
      ['timeStamp', 'InvalidTimeStamp'],
      ['nonceStr', 'InvalidNonce'],
    ]);
    return authorizationHeader(mchId, serialNo, method, url, body, timeStamp, nonceStr, signerOf(key));
  }

  /**
   * The merchant, made once per server: `{mchId, serialNo, privateKey}` checked and the
   * key read now. → `{mchId, serialNo, buildPayParams({appId, prepayId, timeStamp?,
   * nonceStr?}), appPayParams({...}) for an app's PayReq (APP支付), authorization({method,
   * url, body?, timeStamp?, nonceStr?})}`.
   */
  function merchant(options) {
    const what = 'v3.merchant({mchId, serialNo, privateKey})';
    const { mchId, serialNo, privateKey } = readFields(argumentObject(options, what), what, [
      ['mchId', 'InvalidMchId'],
      ['serialNo', 'InvalidSerialNo'],
      ['privateKey', 'InvalidPrivateKey'],
    ]);
    const key = signingKey(privateKey);
    checkMerchant(mchId, serialNo);
    return Object.freeze({
      mchId,
      serialNo,
      buildPayParams: (request) => payParams(key, request, 'buildPayParams({appId, prepayId, timeStamp?, nonceStr?})'),
      appPayParams: (request) => appPayParams(mchId, key, request, 'appPayParams({appId, prepayId, timeStamp?, nonceStr?})'),
      authorization: (request) => authorization(mchId, serialNo, key, request, 'authorization({method, url, body?, timeStamp?, nonceStr?})'),
    });
  }

  /**
   * WeChat Pay's keys, made once per server: `{ [serial]: key }` (or a Map) with the
   * WeChat Pay public key under its PUB_KEY_ID_… and/or platform certificates under their
   * serial numbers, each checked now. → `{verify({headers, body, now?}) for notifications,
   * verifyAnswer({status, headers, body, now?}) for answers (a status other than 2xx throws
   * ApiError with WeChat Pay's code and message), add(serial, key), remove(serial),
   * serials(), encryptSensitive(plaintext, serial?) → {serial, ciphertext} for a field
   * WeChat Pay wants encrypted (send serial as Wechatpay-Serial)}`; add and remove
   * rotate keys while serving.
   */
  function publicKeys(entries) {
    const set = new wasm.V3PublicKeys();
    const held = new Map();
    const rsaVerify = (serial, message, signature) => crypto.verify('sha256', message, held.get(serial), signature);
    const rsaEncrypt = (serial, plaintext) =>
      crypto.publicEncrypt({ key: held.get(serial), padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, plaintext);
    const keys = Object.freeze({
      add(serial, key) {
        held.set(serial, keyObjectOf(insertKey(set, serial, pemOf(key)), 'public'));
        return keys;
      },
      remove(serial) {
        held.delete(serial);
        return set.remove(String(serial));
      },
      serials: () => set.serials(),
      encryptSensitive(plaintext, serial) {
        const [used, ciphertext] = encryptWith(set, plaintext, serial, rsaEncrypt);
        return { serial: used, ciphertext };
      },
      verify(args) {
        const what = 'verify({headers, body, now?})';
        const { headers, body, now } = readFields(argumentObject(args, what), what, [
          ['headers', 'InvalidHeaders'],
          ['body', 'InvalidBody'],
          ['now', 'InvalidTimeStamp'],
        ]);
        verifyWith(set, headerList(headers), body, now, rsaVerify);
        return true;
      },
      verifyAnswer(args) {
        const what = 'verifyAnswer({status, headers, body, now?})';
        const { status, headers, body, now } = readFields(argumentObject(args, what), what, [
          ['status', 'InvalidValue'],
          ['headers', 'InvalidHeaders'],
          ['body', 'InvalidBody'],
          ['now', 'InvalidTimeStamp'],
        ]);
        if (!Number.isInteger(status) || status < 100 || status > 599) {
          throw new WxPayError('InvalidValue', what + ': status must be the HTTP status of the answer (res.status), not ' + typeName(status));
        }
        verifyAnswerWith(set, status, headerList(headers), body, now, rsaVerify);
        return true;
      },
    });
    if (entries instanceof Map) entries.forEach((key, serial) => keys.add(serial, key));
    else if (entries !== undefined) {
      if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
        throw new WxPayError('InvalidPublicKey', 'publicKeys must be { [serial]: key } or a Map of them (the WeChat Pay public key under its PUB_KEY_ID_…, platform certificates under their serials), not ' + typeName(entries));
      }
      const read = readFields(entries, 'publicKeys', Object.keys(entries).map((serial) => [serial, 'InvalidPublicKey']));
      for (const serial of Object.keys(read)) keys.add(serial, read[serial]);
    }
    return keys;
  }

  /** One-shot: `{appId, prepayId, privateKey, timeStamp?, nonceStr?}` → wx.requestPayment's parameters. */
  function buildPayParams(request) {
    const what = 'v3.buildPayParams({appId, prepayId, privateKey, timeStamp?, nonceStr?})';
    const { privateKey } = readFields(argumentObject(request, what), what, [['privateKey', 'InvalidPrivateKey']]);
    return payParams(signingKey(privateKey), request, what);
  }

  /** One-shot: `{mchId, serialNo, privateKey, method, url, body?, timeStamp?, nonceStr?}` → the Authorization header. */
  function oneShotAuthorization(request) {
    const what = 'v3.authorization({mchId, serialNo, privateKey, method, url, body?, timeStamp?, nonceStr?})';
    const m = merchant(argumentObject(request, what));
    return m.authorization(request);
  }

  /** One-shot: `{headers, body, publicKeys, now?}`; publicKeys a key set or `{[serial]: key}`. → true. */
  function verify(args) {
    const what = 'v3.verify({headers, body, publicKeys, now?})';
    const { publicKeys: given } = readFields(argumentObject(args, what), what, [['publicKeys', 'InvalidPublicKey']]);
    const keys = given && typeof given.verify === 'function' ? given : publicKeys(given === undefined ? {} : given);
    return keys.verify(args);
  }

  /**
   * A notification's `resource` decrypted with the APIv3 key (string or bytes) → the
   * plaintext (JSON text). Verify the notification first.
   */
  function decryptResource(resource, apiV3Key) {
    const what = 'v3.decryptResource(resource, apiV3Key)';
    const r = resource !== null && typeof resource === 'object' ? resource : {};
    const f = readFields(r, what, [
      ['algorithm', 'UnsupportedAlgorithm'],
      ['ciphertext', 'DecryptFailed'],
      ['nonce', 'DecryptFailed'],
      ['associated_data', 'DecryptFailed'],
    ]);
    const open = (nonce, associatedData, sealed) => {
      const key = apiV3KeyBytes(apiV3Key);
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
        decipher.setAAD(associatedData);
        decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
        const plain = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES));
        decipher.final(); // checks the tag; GCM has no bytes left to give
        return plain;
      } catch (e) {
        return null; // the tag did not match: the core says what that means
      } finally {
        key.fill(0);
      }
    };
    // The usual call, all five strings: one text written into the module's memory (see
    // api.js's buildPayParams); anything else, or text it cannot take, as the values.
    const { algorithm, ciphertext, nonce, associated_data: associatedData } = f;
    if (typeof apiV3Key === 'string' && typeof algorithm === 'string' && typeof ciphertext === 'string'
      && typeof nonce === 'string' && typeof associatedData === 'string') {
      const joined = apiV3Key + algorithm + nonce + associatedData + ciphertext;
      // At most three bytes of UTF-8 per UTF-16 code unit.
      const { written } = encoder.encodeInto(joined, requestTextBuffer(joined.length * 3));
      const plain = decryptFromText(written, apiV3Key.length, algorithm.length, nonce.length, associatedData.length, open);
      if (plain !== undefined) return plain;
    }
    return decrypt(algorithm, ciphertext, nonce, associatedData, apiV3Key, open);
  }

  const virtualPaymentSign = guarded(wasm.virtualPaymentSign);

  /**
   * wx.requestVirtualPayment's signatures, on the server: `{signData, appKey, sessionKey}`
   * → `{signData, paySig, signature}`; signData is the JSON text the page will pass, unchanged.
   */
  function virtualPayment(request) {
    const what = 'v3.virtualPayment({signData, appKey, sessionKey})';
    const { signData, appKey, sessionKey } = readFields(argumentObject(request, what), what, [
      ['signData', 'InvalidSignData'],
      ['appKey', 'InvalidAppKey'],
      ['sessionKey', 'InvalidSessionKey'],
    ]);
    const [data, paySig, signature] = virtualPaymentSign(signData, appKey, sessionKey);
    return { signData: data, paySig, signature };
  }

  const client = makeClient(wasm, guarded, { merchant, publicKeys, decryptResource, readFields, argumentObject, typeName, WxPayError });
  return { merchant, publicKeys, client, buildPayParams, authorization: oneShotAuthorization, verify, decryptResource, virtualPayment };
}

module.exports = makeV3;

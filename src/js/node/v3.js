// WeChat Pay API v3 for Node.js servers: the page's RSA payment parameters, the
// Authorization header of API requests, verifying answers and notifications, and
// decrypting a notification's resource. Hand-written, on Node's own crypto (OpenSSL):
// the merchant private key and the APIv3 key belong on the server, so none of this is
// in the mini-program build.
//
// Error codes are the Rust `wxpay_wasm::v3` module's. The fields v3 shares with v2
// (appId, prepayId, timeStamp, nonceStr) are checked or made by the core itself
// (wxpay_wasm::shared_pay_fields through the Node entry's wasm module), so their rules,
// messages and order are the Rust ones. authorization's own rules (mchId, serialNo,
// method, url) are written here: the authorizationRefused cases of tests/vectors/v3.json,
// which Rust and this module both run, hold the two equal.
'use strict';

const crypto = require('crypto');
const { TextDecoder } = require('util');
// The Node entry's own WxPayError: `e instanceof WxPayError` holds for v3 errors too.
const { WxPayError } = require('./api.js');

const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
const RESOURCE_ALGORITHM = 'AEAD_AES_256_GCM';
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';
// wechatpay-go refuses answers five minutes or more from the server's clock.
const WINDOW_SECONDS = 5 * 60;
const GCM_TAG_BYTES = 16;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function fail(code, message) {
  return new WxPayError(code, message);
}

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : /^[aeiou]/.test(t) ? 'an ' + t : 'a ' + t;
}

/**
 * `{name: obj[name]}` for each [name, code] of `fields`, read in that order; a throwing
 * getter becomes a WxPayError with that field's code.
 */
function readFields(obj, what, fields) {
  const values = {};
  for (const [name, code] of fields) {
    try {
      values[name] = obj[name];
    } catch (e) {
      throw fail(code, what + ': reading ' + name + ' threw');
    }
  }
  return values;
}

function argumentObject(value, what) {
  if (value === null || typeof value !== 'object') {
    throw fail('InvalidValue', what + ' takes one object');
  }
  return value;
}

function optional(value) {
  return value === undefined || value === null ? undefined : value;
}

// ---------------------------------------------------------------- keys

/**
 * `given` (PEM text, its bytes: a Buffer or any Uint8Array, or a KeyObject) as a KeyObject
 * of `type` ('private' or 'public': a certificate gives its public key) that is RSA of 2048
 * bits or more. The key's text never reaches a message.
 */
function rsaKeyOf(given, type, code, hint) {
  let key;
  if (given instanceof crypto.KeyObject) {
    key = type === 'public' && given.type === 'private' ? crypto.createPublicKey(given) : given;
  } else if (typeof given === 'string' || given instanceof Uint8Array) {
    try {
      key = (type === 'private' ? crypto.createPrivateKey : crypto.createPublicKey)({ key: given, format: 'pem' });
    } catch (e) {
      throw fail(code, hint + ' (this one could not be read as PEM)');
    }
  } else {
    throw fail(code, hint + ', not ' + typeName(given));
  }
  if (key.type !== type) throw fail(code, hint + ' (this is a ' + key.type + ' key)');
  // WeChat Pay v3 signs with RSA of at least 2048 bits (SHA256-RSA2048).
  if (key.asymmetricKeyType !== 'rsa') {
    throw fail(code, hint + ' (this is ' + key.asymmetricKeyType + ', not RSA)');
  }
  const details = key.asymmetricKeyDetails;
  if (details && details.modulusLength < 2048) {
    throw fail(code, hint + ' (this is RSA of ' + details.modulusLength + ' bits: WeChat Pay API v3 uses 2048 bits or more)');
  }
  return key;
}

/** The merchant's RSA private key (apiclient_key.pem). */
function privateKeyOf(given) {
  return rsaKeyOf(given, 'private', 'InvalidPrivateKey',
    "privateKey must be the merchant API certificate's private key: the PEM text of apiclient_key.pem " +
      '(-----BEGIN PRIVATE KEY-----, unencrypted) or a KeyObject made from it');
}

/**
 * A verifying key under `serial`: a PEM public key, a platform certificate (PEM or an
 * X509Certificate) or a KeyObject. → {key, validFrom, validUntil}: a certificate's validity
 * in Unix seconds (both ends included); a certificate must be registered under its own
 * serial number.
 */
function verifyingKeyOf(given, serial) {
  if (!/^[A-Za-z0-9_]+$/.test(serial)) {
    throw fail('InvalidSerialNo', 'publicKeys[' + JSON.stringify(serial.slice(0, 64)) + ']: a serial is PUB_KEY_ID_… or a certificate\'s hex serial number');
  }
  const hint = 'publicKeys[' + JSON.stringify(serial) + '] must be the WeChat Pay public key (-----BEGIN PUBLIC KEY-----, for a ' +
    'PUB_KEY_ID_… serial) or the platform certificate (-----BEGIN CERTIFICATE-----), as PEM text, an X509Certificate or a KeyObject';
  const certificate = certificateOf(given, hint);
  if (!certificate) return { key: rsaKeyOf(given, 'public', 'InvalidPublicKey', hint), validFrom: -Infinity, validUntil: Infinity };
  if (!/^[0-9A-Fa-f]+$/.test(serial) || BigInt('0x' + serial) !== BigInt('0x' + certificate.serialNumber)) {
    throw fail('CertificateSerialMismatch', 'the certificate in publicKeys[' + JSON.stringify(serial) + '] has serial number ' +
      certificate.serialNumber + ': register each platform certificate under its own serial, the one Wechatpay-Serial names');
  }
  return {
    key: rsaKeyOf(certificate.publicKey, 'public', 'InvalidPublicKey', hint),
    validFrom: Date.parse(certificate.validFrom) / 1000,
    validUntil: Date.parse(certificate.validTo) / 1000,
    validity: certificate.validFrom + ' to ' + certificate.validTo,
  };
}

/** `given` as an X509Certificate when it is one or the PEM text of one; null for anything else. */
function certificateOf(given, hint) {
  if (given instanceof crypto.X509Certificate) return given;
  const text = typeof given === 'string' ? given : given instanceof Uint8Array ? Buffer.from(given).toString('latin1') : '';
  if (text.indexOf('-----BEGIN CERTIFICATE-----') < 0) return null;
  try {
    return new crypto.X509Certificate(given);
  } catch (e) {
    throw fail('InvalidPublicKey', hint + ' (this certificate could not be read)');
  }
}

function rsaSign(message, privateKey) {
  return crypto.sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

// ---------------------------------------------------------------- the API

/** The request body as bytes: the exact string or bytes that go on the wire. */
function bodyBytes(body, what) {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw fail(
    'InvalidValue',
    what + ' must be the raw body as a string or Buffer (the exact bytes sent or received; JSON.stringify once and send that string), not ' + typeName(body),
  );
}

/**
 * The five parameters of wx.requestPayment for an API v3 order (JSAPI / 小程序),
 * signed with the merchant's private key. The page passes them on unchanged.
 * The key is checked first (in Rust it is read before v3::build_pay_params is called),
 * then the shared fields, by the core, in its order.
 * @returns {{timeStamp: string, nonceStr: string, package: string, signType: 'RSA', paySign: string}}
 */
function buildPayParams(core, request) {
  const what = 'v3.buildPayParams';
  const r = argumentObject(request, what + '({appId, prepayId, privateKey, timeStamp?, nonceStr?})');
  const { appId, prepayId, privateKey, timeStamp, nonceStr } = readFields(r, what, [
    ['appId', 'InvalidAppId'],
    ['prepayId', 'InvalidPrepayId'],
    ['privateKey', 'InvalidPrivateKey'],
    ['timeStamp', 'InvalidTimeStamp'],
    ['nonceStr', 'InvalidNonce'],
  ]);
  const key = privateKeyOf(privateKey);
  // Checked: appId is a string now, and the other three are the core's.
  const shared = core.sharedPayFields(appId, prepayId, timeStamp, nonceStr);
  return {
    timeStamp: shared.timeStamp,
    nonceStr: shared.nonceStr,
    package: shared.package,
    signType: 'RSA',
    paySign: rsaSign(appId + '\n' + shared.timeStamp + '\n' + shared.nonceStr + '\n' + shared.package + '\n', key),
  };
}

/**
 * The Authorization header of an API v3 request:
 * `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`.
 * `url`: the path and query as sent (`/v3/pay/transactions/jsapi`); `body`: the exact body ('' for GET).
 * The order of the checks is v3::authorization's (the key first, as in buildPayParams).
 */
function authorization(core, request) {
  const what = 'v3.authorization';
  const r = argumentObject(request, what + '({mchId, serialNo, privateKey, method, url, body?, timeStamp?, nonceStr?})');
  const given = readFields(r, what, [
    ['mchId', 'InvalidMchId'],
    ['serialNo', 'InvalidSerialNo'],
    ['privateKey', 'InvalidPrivateKey'],
    ['method', 'InvalidMethod'],
    ['url', 'InvalidUrl'],
    ['body', 'InvalidValue'],
    ['timeStamp', 'InvalidTimeStamp'],
    ['nonceStr', 'InvalidNonce'],
  ]);
  const { mchId, serialNo, privateKey, method, url } = given;
  const body = bodyBytes(given.body, 'body');

  const key = privateKeyOf(privateKey);
  if (typeof mchId !== 'string' || !/^[0-9]{1,32}$/.test(mchId)) {
    throw fail('InvalidMchId', 'mchId must be the merchant ID (商户号) as a string of digits, e.g. "1230000109"');
  }
  if (typeof serialNo !== 'string' || !/^[0-9A-Fa-f]{1,64}$/.test(serialNo)) {
    throw fail(
      'InvalidSerialNo',
      "serialNo must be the serial number of the merchant's API certificate (商户API证书序列号), in hex " +
        '(openssl x509 -noout -serial -in apiclient_cert.pem)',
    );
  }
  if (typeof method !== 'string' || METHODS.indexOf(method) < 0) {
    throw fail('InvalidMethod', 'method must be the HTTP method in capitals: ' + METHODS.join(', '));
  }
  if (typeof url !== 'string' || !/^\/[\u0021-\u007E]*$/.test(url)) {
    throw fail(
      'InvalidUrl',
      'url must be the path and query as sent, starting with "/" (e.g. "/v3/pay/transactions/jsapi"), ' +
        'without the host, whitespace or unencoded non-ASCII characters',
    );
  }
  const { timeStamp, nonceStr } = core.timeStampAndNonce(given.timeStamp, given.nonceStr);

  const message = Buffer.concat([
    Buffer.from(method + '\n' + url + '\n' + timeStamp + '\n' + nonceStr + '\n', 'utf8'),
    body,
    Buffer.from('\n'),
  ]);
  const signature = crypto.sign('sha256', message, key).toString('base64');
  return (
    AUTH_SCHEMA + ' mchid="' + mchId + '",nonce_str="' + nonceStr + '",signature="' + signature +
    '",timestamp="' + timeStamp + '",serial_no="' + serialNo + '"'
  );
}

/** A header's value by its name in any case, from a plain object (Node's req.headers) or a Headers. */
function headerOf(headers, name, optionalHeader) {
  let value;
  if (typeof headers.get === 'function') {
    value = headers.get(name);
  } else {
    const wanted = name.toLowerCase();
    const names = Object.keys(headers).filter((k) => k.toLowerCase() === wanted);
    if (names.length > 1) {
      throw fail('MissingHeader', 'the header ' + name + ' appears ' + names.length + ' times in different cases: pass each once');
    }
    value = names.length ? headers[names[0]] : undefined;
  }
  if (Array.isArray(value)) value = value.length === 1 ? value[0] : undefined;
  if (value === undefined || value === null || value === '') {
    if (optionalHeader) return undefined;
    throw fail('MissingHeader', 'the ' + name + ' header is missing: pass all the headers of the answer or notification as received');
  }
  if (typeof value !== 'string') throw fail('MissingHeader', 'the ' + name + ' header must be a string, not ' + typeName(value));
  return value.trim();
}

/**
 * Verifies an API v3 answer or notification: the signature in Wechatpay-Signature over
 * `Wechatpay-Timestamp\nWechatpay-Nonce\nbody\n`, by the key whose serial is Wechatpay-Serial,
 * at most five minutes from now. → true, or throws a WxPayError.
 * `body`: the raw body as received, never parsed and re-serialised.
 * `publicKeys`: { [serial]: PEM public key | PEM certificate | KeyObject } — the WeChat Pay public
 * key under its PUB_KEY_ID_… and/or platform certificates under their own serial numbers; every
 * entry must be usable, and a certificate verifies only while it is valid at `now`.
 * `now`: Unix seconds (default: the clock).
 */
function verify(args) {
  const what = 'v3.verify';
  const a = argumentObject(args, what + '({headers, body, publicKeys, now?})');
  const given = readFields(a, what, [
    ['headers', 'MissingHeader'],
    ['body', 'InvalidValue'],
    ['publicKeys', 'InvalidPublicKey'],
    ['now', 'InvalidTimeStamp'],
  ]);
  const { headers, publicKeys } = given;
  const body = bodyBytes(given.body, 'body');
  const nowArg = given.now;
  if (headers === null || typeof headers !== 'object') {
    throw fail('MissingHeader', 'headers must be the headers of the answer or notification (e.g. req.headers), not ' + typeName(headers));
  }
  if (publicKeys === null || typeof publicKeys !== 'object' || Array.isArray(publicKeys)) {
    throw fail('InvalidPublicKey', 'publicKeys must be an object of serial → PEM public key or certificate, not ' + typeName(publicKeys));
  }
  const now = nowArg === undefined || nowArg === null ? Math.floor(Date.now() / 1000) : nowArg;
  if (!Number.isSafeInteger(now) || now < 0 || now >= 1e11) {
    throw fail('InvalidTimeStamp', 'now must be Unix time in seconds (an integer), e.g. Math.floor(Date.now() / 1000)');
  }
  // Every key is read first, used or not, as Rust's PublicKeys::insert does: a key or
  // certificate registered wrongly shows on the first call, not when WeChat Pay moves to it.
  const registered = readFields(publicKeys, what, Object.keys(publicKeys).map((serial) => [serial, 'InvalidPublicKey']));
  const keys = new Map(Object.keys(registered).map((serial) => [serial, verifyingKeyOf(registered[serial], serial)]));

  const timestamp = headerOf(headers, 'Wechatpay-Timestamp');
  const nonce = headerOf(headers, 'Wechatpay-Nonce');
  const signature = headerOf(headers, 'Wechatpay-Signature');
  const serial = headerOf(headers, 'Wechatpay-Serial');
  // Optional: WeChat Pay sends it, older answers do not.
  const signatureType = headerOf(headers, 'Wechatpay-Signature-Type', true);
  if (signatureType !== undefined && signatureType !== AUTH_SCHEMA) {
    throw fail('UnsupportedAlgorithm', 'Wechatpay-Signature-Type is ' + JSON.stringify(signatureType.slice(0, 40)) + ': only ' + AUTH_SCHEMA + ' is supported');
  }
  if (signature.indexOf(PROBE_PREFIX) === 0) {
    throw fail('SignatureProbe', 'a WeChat Pay signature probe (WECHATPAY/SIGNTEST/…): it must fail, answer it as a failed verification');
  }
  if (!/^[0-9]{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) >= WINDOW_SECONDS) {
    throw fail('TimestampOutOfWindow', 'Wechatpay-Timestamp is not within 5 minutes of now: refused as stale or replayed (check the server clock)');
  }
  if (!keys.has(serial)) {
    throw fail(
      'UnknownSerial',
      'Wechatpay-Serial ' + JSON.stringify(serial.slice(0, 64)) + ' is not in publicKeys: add the WeChat Pay public key ' +
        '(PUB_KEY_ID_…) or download the current platform certificate from 商户平台',
    );
  }
  const { key, validFrom, validUntil, validity } = keys.get(serial);
  if (now < validFrom || now > validUntil) {
    throw fail('CertificateExpired', 'the platform certificate ' + serial + ' is valid from ' + validity + ', not now: download the ' +
      "current platform certificates (GET /v3/certificates) or switch to the WeChat Pay public key, and check the server's clock");
  }
  const message = Buffer.concat([Buffer.from(timestamp + '\n' + nonce + '\n', 'utf8'), body, Buffer.from('\n')]);
  let ok = false;
  if (BASE64.test(signature)) {
    try {
      ok = crypto.verify('sha256', message, key, Buffer.from(signature, 'base64'));
    } catch (e) {
      ok = false;
    }
  }
  if (!ok) {
    throw fail('InvalidSignature', 'Wechatpay-Signature does not match the body: the body was altered, re-serialised, or signed by another key');
  }
  return true;
}

/** The APIv3 key as 32 bytes. */
function apiV3KeyOf(given) {
  const bytes = typeof given === 'string' ? Buffer.from(given, 'utf8') : given instanceof Uint8Array ? Buffer.from(given) : null;
  if (bytes === null || bytes.length !== 32) {
    throw fail(
      'InvalidApiV3Key',
      'apiV3Key must be the 32-character APIv3 key (商户平台 → 账户中心 → API安全 → APIv3密钥), not the API v2 key or the AppSecret' +
        (bytes === null ? '' : ' (this one is ' + bytes.length + ' bytes)'),
    );
  }
  return bytes;
}

/**
 * Decrypts a notification's `resource` (AEAD_AES_256_GCM with the APIv3 key; the
 * 16-byte tag ends the base64 ciphertext). Verify the notification first.
 * → the plaintext (JSON text of the transaction), or throws a WxPayError.
 */
function decryptResource(resource, apiV3Key) {
  const what = 'v3.decryptResource';
  if (resource === null || typeof resource !== 'object') {
    throw fail('DecryptFailed', what + '(resource, apiV3Key): resource must be the notification\'s resource object, not ' + typeName(resource));
  }
  const fields = readFields(resource, what, [
    ['algorithm', 'UnsupportedAlgorithm'],
    ['ciphertext', 'DecryptFailed'],
    ['nonce', 'DecryptFailed'],
    ['associated_data', 'DecryptFailed'],
  ]);
  const { algorithm, ciphertext, nonce } = fields;
  const associated = optional(fields.associated_data);
  if (algorithm !== RESOURCE_ALGORITHM) {
    throw fail('UnsupportedAlgorithm', 'resource.algorithm must be ' + RESOURCE_ALGORITHM + ', not ' + (typeof algorithm === 'string' ? JSON.stringify(algorithm.slice(0, 40)) : typeName(algorithm)));
  }
  const key = apiV3KeyOf(apiV3Key);
  if (typeof ciphertext !== 'string' || !BASE64.test(ciphertext)) {
    throw fail('DecryptFailed', 'resource.ciphertext must be base64 text');
  }
  if (typeof nonce !== 'string' || nonce === '') throw fail('DecryptFailed', 'resource.nonce must be the nonce string (12 characters)');
  if (associated !== undefined && typeof associated !== 'string') {
    throw fail('DecryptFailed', 'resource.associated_data must be a string, not ' + typeName(associated));
  }
  const sealed = Buffer.from(ciphertext, 'base64');
  if (sealed.length < GCM_TAG_BYTES) {
    throw fail('DecryptFailed', 'resource.ciphertext is shorter than the 16-byte authentication tag');
  }
  let plain;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    decipher.setAAD(Buffer.from(associated || '', 'utf8'));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]);
  } catch (e) {
    throw fail('DecryptFailed', 'resource did not decrypt: a wrong APIv3 key, or the ciphertext, nonce or associated_data was altered');
  } finally {
    key.fill(0);
  }
  try {
    return utf8Strict.decode(plain);
  } catch (e) {
    throw fail('DecryptFailed', 'resource decrypted to bytes that are not UTF-8 text');
  }
}

/**
 * The v3 API over `shared` (the Node entry's wasm exports sharedPayFields and
 * timeStampAndNonce, guarded as the rest of the entry): the core's field rules.
 */
function makeV3(shared) {
  return {
    buildPayParams: (request) => buildPayParams(shared, request),
    authorization: (request) => authorization(shared, request),
    verify,
    decryptResource,
  };
}

module.exports = makeV3;

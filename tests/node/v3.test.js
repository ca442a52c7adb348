'use strict';
// require('wxpay-wasm').v3 as a server uses it. Keys are generated here, for this run
// only; each outcome is checked with Node's crypto directly (or openssl), not with v3.
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, describe } = require('node:test');
const wxpay = require('wxpay-wasm');

const { v3, WxPayError } = wxpay;

// TEST-ONLY keys, made for this run.
const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const MERCHANT_KEY = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' });
const wechat = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const WECHAT_PUBLIC = wechat.publicKey.export({ type: 'spki', format: 'pem' });
const WECHAT_SERIAL = 'PUB_KEY_ID_0112345678902025010100000000000000';
const API_V3_KEY = 'demoApiV3KeyTestOnly0123456789ab';
const APP_ID = 'wxd678efh567hg6787';
const PREPAY_ID = 'wx201410272009395522657a690389285100';
const NOW = 1700000000;

/** Everything secret in this file: no error message may hold any of it. */
const SECRETS = [API_V3_KEY, ...MERCHANT_KEY.split('\n').filter((l) => l.length > 40)];

function throwsCode(fn, code) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${code}, nothing was thrown`);
  assert.ok(error instanceof WxPayError, `${error && error.name}: ${error && error.message}`);
  assert.equal(error.code, code, error.message);
  assert.ok(error.message.length > 20, 'the message says what to fix');
  for (const s of SECRETS) assert.ok(!error.message.includes(s), 'key material in an error message');
  return error;
}

function rsaVerifies(text, signature, publicKey = merchant.publicKey) {
  return crypto.verify('sha256', Buffer.from(text), publicKey, Buffer.from(signature, 'base64'));
}

/** An answer or notification as WeChat Pay sends it, signed with `key`. */
function signedAnswer({ body = '{"prepay_id":"wx1"}', timestamp = String(NOW), nonce = 'n0nce5tring', key = wechat.privateKey, serial = WECHAT_SERIAL } = {}) {
  const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), key).toString('base64');
  return {
    headers: {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': serial,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
    body,
    publicKeys: { [WECHAT_SERIAL]: WECHAT_PUBLIC },
    now: NOW,
  };
}

function sealed(plaintext, { key = API_V3_KEY, nonce = 'nonce1234567', associated = 'transaction' } = {}) {
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), nonce, associated_data: associated, original_type: 'transaction' };
}

describe('buildPayParams', () => {
  test('signs appId\\ntimeStamp\\nnonceStr\\npackage\\n with the merchant key (PEM and KeyObject)', () => {
    for (const privateKey of [MERCHANT_KEY, merchant.privateKey]) {
      const p = v3.buildPayParams({ appId: APP_ID, prepayId: PREPAY_ID, privateKey, timeStamp: '1700000000', nonceStr: 'abcDEF123' });
      assert.deepEqual(Object.keys(p), ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign']);
      assert.equal(p.timeStamp, '1700000000');
      assert.equal(p.nonceStr, 'abcDEF123');
      assert.equal(p.package, 'prepay_id=' + PREPAY_ID);
      assert.equal(p.signType, 'RSA');
      assert.equal(p.paySign.length, 344);
      assert.ok(rsaVerifies(`${APP_ID}\n1700000000\nabcDEF123\nprepay_id=${PREPAY_ID}\n`, p.paySign));
    }
  });

  test('makes timeStamp (now, seconds) and a 32-character nonce when not given; a number timeStamp is accepted', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = v3.buildPayParams({ appId: APP_ID, prepayId: PREPAY_ID, privateKey: MERCHANT_KEY });
    const b = v3.buildPayParams({ appId: APP_ID, prepayId: 'prepay_id=' + PREPAY_ID, privateKey: MERCHANT_KEY, timeStamp: 1700000001 });
    assert.ok(Number(a.timeStamp) >= before && Number(a.timeStamp) <= before + 2);
    assert.match(a.nonceStr, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a.nonceStr, b.nonceStr);
    assert.equal(b.timeStamp, '1700000001');
    assert.equal(b.package, 'prepay_id=' + PREPAY_ID, 'prepay_id= is not doubled');
    assert.ok(rsaVerifies(`${APP_ID}\n${a.timeStamp}\n${a.nonceStr}\n${a.package}\n`, a.paySign));
  });

  test('the made nonce uses every letter and digit evenly (no modulo bias)', () => {
    const counts = new Map();
    for (let i = 0; i < 200; i++) {
      for (const c of v3.buildPayParams({ appId: APP_ID, prepayId: PREPAY_ID, privateKey: merchant.privateKey, timeStamp: '1700000000' }).nonceStr) {
        counts.set(c, (counts.get(c) || 0) + 1);
      }
    }
    assert.equal(counts.size, 62);
    // 6400 draws over 62 letters: about 103 each; a bias towards the first 8 (256 % 62) would show.
    for (const [c, n] of counts) assert.ok(n > 50 && n < 170, `${c} drawn ${n} times`);
  });

  test('bad private keys: InvalidPrivateKey, without the key in the message', () => {
    const base = { appId: APP_ID, prepayId: PREPAY_ID };
    const small = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const encrypted = merchant.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' });
    for (const privateKey of [undefined, '', 'not a key', MERCHANT_KEY.slice(0, 200), WECHAT_PUBLIC, wechat.publicKey, small, ec, encrypted, 42, {}]) {
      throwsCode(() => v3.buildPayParams(Object.assign({ privateKey }, base)), 'InvalidPrivateKey');
    }
    throwsCode(() => v3.buildPayParams(Object.assign({ privateKey: MERCHANT_KEY.replace('A', '*') }, base)), 'InvalidPrivateKey');
    throwsCode(() => v3.buildPayParams(null), 'InvalidValue');
    // The key first, as Rust reads it (MerchantPrivateKey::from_pem) before build_pay_params.
    throwsCode(() => v3.buildPayParams({ appId: '', prepayId: '', timeStamp: 'now', privateKey: 'x' }), 'InvalidPrivateKey');
  });
});

// v3 checks appId, prepayId, timeStamp and nonceStr with the core's own rules
// (wxpay_wasm::shared_pay_fields, through the entry's wasm module), as v2's buildPayParams
// does: each input goes through both, which must agree on the outcome, the code and the
// message (how v3.js reads the fields, types, null and numbers included). The order of
// the rules against Rust's v3 is held by the vectors' payParamsRefused cases below.
describe('v3 and v2 share the core for the fields they have in common', () => {
  const good = { appId: APP_ID, prepayId: PREPAY_ID, timeStamp: '1700000000', nonceStr: 'abc123' };
  const variants = {
    appId: [undefined, null, '', ' ', 'wx 1', 'wx&1', 'wx=1', 'wx\u00a01', 'wx\u30001', 'wx\u00851', 'wx\ud800', '\udc00wx', 'wx\ud83d\ude00', '微信', 1, true, {}, []],
    prepayId: [undefined, null, '', 'prepay_id=', 'prepay_id=prepay_id=x', 'prepay_id=x', 'a b', 'a\tb', 'a&b', 'x=1', 'wx\u2028', 'wx\ufeff', '\ud83d', 5, {}],
    timeStamp: [undefined, null, '', '1700000000000', '170000000', '17000000000', '-1700000000', '17000000o0', ' 1700000000', '１７００００００００', 1700000000, 1.5, -1, Number.MAX_SAFE_INTEGER + 2, true, [], '\ud800'],
    nonceStr: [undefined, null, '', 'a', 'x'.repeat(32), 'x'.repeat(33), '123e4567-e89b-12d3-a456-426614174000', 'abc-def', 'abc def', '随机', '随'.repeat(11), 'é'.repeat(40), '\ud800', 12345, {}],
  };
  const outcome = (fn) => {
    try {
      const p = fn();
      return { ok: [p.timeStamp.length, p.nonceStr.length, p.package] };
    } catch (e) {
      assert.ok(e instanceof WxPayError, e.message);
      return { code: e.code, message: e.message };
    }
  };
  const v2 = (r) => outcome(() => wxpay.buildPayParams(Object.assign({ key: 'demoKeyNotARealMerchantKey000000', signType: 'MD5' }, r)));
  const v3Of = (r) => outcome(() => v3.buildPayParams(Object.assign({ privateKey: merchant.privateKey }, r)));

  test('every single-field variant', async () => {
    await wxpay.init();
    let refused = 0;
    for (const [field, values] of Object.entries(variants)) {
      for (const value of values) {
        const r = Object.assign({}, good, { [field]: value });
        const expected = v2(r);
        assert.deepEqual(v3Of(r), expected, `${field} = ${JSON.stringify(value)}`);
        if (expected.code) refused++;
      }
    }
    assert.ok(refused > 50, `${refused} refusals compared`);
  });

  test('random combinations of two or more bad fields', async () => {
    await wxpay.init();
    const pick = (a) => a[crypto.randomInt(a.length)];
    for (let i = 0; i < 400; i++) {
      const r = {};
      for (const [field, values] of Object.entries(variants)) r[field] = crypto.randomInt(3) ? pick(values) : good[field];
      assert.deepEqual(v3Of(r), v2(r), JSON.stringify(r));
    }
  });
});

describe('authorization', () => {
  const parse = (header) => {
    const m = /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="(\w+)",signature="([A-Za-z0-9+/=]+)",timestamp="(\d+)",serial_no="(\w+)"$/.exec(header);
    assert.ok(m, header);
    return { mchid: m[1], nonce: m[2], signature: m[3], timestamp: m[4], serial: m[5] };
  };
  const base = { mchId: '1230000109', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey: MERCHANT_KEY };

  test('signs METHOD\\nurl\\ntimestamp\\nnonce\\nbody\\n; string, Buffer and no body', () => {
    const body = '{"appid":"wxd678efh567hg6787","description":"测试"}';
    for (const [method, given, signed] of [['POST', body, body], ['POST', Buffer.from(body), body], ['GET', undefined, '']]) {
      const url = '/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109';
      const h = parse(v3.authorization(Object.assign({ method, url, body: given, timeStamp: '1554208460', nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242' }, base)));
      assert.deepEqual([h.mchid, h.nonce, h.timestamp, h.serial], ['1230000109', '593BEC0C930BF1AFEB40B4A08C8FB242', '1554208460', base.serialNo]);
      assert.ok(rsaVerifies(`${method}\n${url}\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n${signed}\n`, h.signature));
    }
    const made = parse(v3.authorization(Object.assign({ method: 'GET', url: '/v3/certificates' }, base)));
    assert.match(made.nonce, /^[A-Za-z0-9]{32}$/);
    assert.ok(Math.abs(Number(made.timestamp) - Date.now() / 1000) < 5);
  });

  test('every bad input gets its code', () => {
    const ok = Object.assign({ method: 'POST', url: '/v3/pay/transactions/jsapi', body: '{}' }, base);
    const cases = [
      ['InvalidMchId', { mchId: undefined }], ['InvalidMchId', { mchId: 1230000109 }], ['InvalidMchId', { mchId: 'mch1' }], ['InvalidMchId', { mchId: '' }],
      ['InvalidSerialNo', { serialNo: '' }], ['InvalidSerialNo', { serialNo: 'serial"no' }], ['InvalidSerialNo', { serialNo: 'A'.repeat(65) }],
      ['InvalidPrivateKey', { privateKey: 'x' }], ['InvalidPrivateKey', { privateKey: WECHAT_PUBLIC }],
      ['InvalidMethod', { method: 'post' }], ['InvalidMethod', { method: 'FETCH' }], ['InvalidMethod', { method: undefined }],
      ['InvalidUrl', { url: 'https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi' }], ['InvalidUrl', { url: '' }],
      ['InvalidUrl', { url: '/v3/a b' }], ['InvalidUrl', { url: '/v3/订单' }], ['InvalidUrl', { url: undefined }],
      ['InvalidBody', { body: { appid: 'wx' } }],
      ['InvalidTimeStamp', { timeStamp: '1554208460000' }], ['InvalidTimeStamp', { timeStamp: 'now' }],
      ['InvalidNonce', { nonceStr: 'a-b' }], ['NonceTooLong', { nonceStr: 'a'.repeat(33) }],
    ];
    for (const [code, change] of cases) throwsCode(() => v3.authorization(Object.assign({}, ok, change)), code);
    throwsCode(() => v3.authorization('POST /v3'), 'InvalidValue');
  });
});

describe('verify', () => {
  test('a signed answer verifies; headers in any case, body as string or Buffer, Headers objects', () => {
    const a = signedAnswer();
    assert.equal(v3.verify(a), true);
    const shouting = {};
    for (const [k, v] of Object.entries(a.headers)) shouting[k.replace(/(^|-)\w/g, (s) => s.toUpperCase())] = v;
    assert.equal(v3.verify(Object.assign({}, a, { headers: shouting, body: Buffer.from(a.body) })), true);
    if (typeof Headers === 'function') assert.equal(v3.verify(Object.assign({}, a, { headers: new Headers(a.headers) })), true);
    assert.equal(v3.verify(Object.assign({}, a, { now: NOW + 299 })), true);
    assert.equal(v3.verify(Object.assign({}, a, { now: NOW - 299 })), true);
    const noType = Object.assign({}, a.headers);
    delete noType['wechatpay-signature-type'];
    assert.equal(v3.verify(Object.assign({}, a, { headers: noType })), true);
  });

  test('a key given as KeyObject, and a platform certificate (made by openssl)', (t) => {
    const a = signedAnswer();
    assert.equal(v3.verify(Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: wechat.publicKey } })), true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-v3-'));
    try {
      const keyFile = path.join(dir, 'key.pem');
      fs.writeFileSync(keyFile, wechat.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      // Valid from now for a day: the answers are signed and checked at this clock.
      const cert = execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=TEST-ONLY platform', '-days', '1', '-set_serial', '0x5157F09E'], { encoding: 'utf8' });
      const now = Math.floor(Date.now() / 1000) + 60;
      const answer = (serial, at = now) => Object.assign(signedAnswer({ serial, timestamp: String(at) }), { now: at, publicKeys: { [serial]: cert, [WECHAT_SERIAL]: WECHAT_PUBLIC } });
      assert.equal(v3.verify(answer('5157F09E')), true);
      // Its own serial in any case, with leading zeros; another serial, or outside its day, refused.
      assert.equal(v3.verify(answer('5157f09e')), true);
      assert.equal(v3.verify(answer('005157F09E')), true);
      const codeOf = (args) => { try { v3.verify(args); return 'verified'; } catch (e) { return e.code; } };
      assert.equal(codeOf(answer('5157F09F')), 'CertificateSerialMismatch');
      assert.equal(codeOf(answer('PUB_KEY_ID_5157F09E')), 'CertificateSerialMismatch');
      assert.equal(codeOf(answer('5157F09E', now + 2 * 86400)), 'CertificateExpired');
      assert.equal(codeOf(answer('5157F09E', now - 86400)), 'CertificateExpired');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('tampered, wrong key, unknown serial, stale, probe, missing headers: refused with their codes', () => {
    const a = signedAnswer();
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const without = (name) => {
      const h = Object.assign({}, a.headers);
      delete h[name];
      return Object.assign({}, a, { headers: h });
    };
    const withHeader = (name, value) => Object.assign({}, a, { headers: Object.assign({}, a.headers, { [name]: value }) });
    const cases = [
      ['InvalidSignature', Object.assign({}, a, { body: a.body.replace('wx1', 'wx2') })],
      ['InvalidSignature', Object.assign({}, a, { body: a.body + ' ' })],
      ['InvalidSignature', Object.assign({}, a, { body: JSON.stringify(JSON.parse(a.body), null, 1) })],
      ['InvalidSignature', signedAnswer({ key: other.privateKey })],
      ['InvalidSignature', withHeader('wechatpay-nonce', 'other')],
      ['InvalidSignature', withHeader('wechatpay-signature', 'not base64!')],
      ['InvalidSignature', withHeader('wechatpay-signature', 'AAAA')],
      ['UnknownSerial', signedAnswer({ serial: 'PUB_KEY_ID_OTHER' })],
      ['UnknownSerial', signedAnswer({ serial: 'constructor' })],
      ['TimestampOutOfWindow', Object.assign({}, a, { now: NOW + 300 })],
      ['TimestampOutOfWindow', Object.assign({}, a, { now: NOW - 300 })],
      ['TimestampOutOfWindow', signedAnswer({ timestamp: 'soon' })],
      ['SignatureProbe', withHeader('wechatpay-signature', 'WECHATPAY/SIGNTEST/' + a.headers['wechatpay-signature'])],
      ['UnsupportedAlgorithm', withHeader('wechatpay-signature-type', 'WECHATPAY2-SM2-WITH-SM3')],
      ['InvalidPublicKey', Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: 'not a key' } })],
      ['InvalidPublicKey', Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey } })],
      ['InvalidPublicKey', Object.assign({}, a, { publicKeys: null })],
      // Every key is read, not only the one Wechatpay-Serial names (as Rust's PublicKeys::insert).
      ['InvalidPublicKey', Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: WECHAT_PUBLIC, PUB_KEY_ID_0000: 'not a key' } })],
      ['InvalidPublicKey', Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: WECHAT_PUBLIC, get PUB_KEY_ID_0000() { throw new Error('no'); } } })],
      ['InvalidSerialNo', Object.assign({}, a, { publicKeys: { [WECHAT_SERIAL]: WECHAT_PUBLIC, 'PUB KEY': WECHAT_PUBLIC } })],
      ['InvalidBody', Object.assign({}, a, { body: JSON.parse(a.body) })],
      ['InvalidBody', Object.assign({}, a, { body: undefined })],
      ['InvalidHeaders', Object.assign({}, a, { headers: { ...a.headers, 'wechatpay-nonce': 42 } })],
      ['InvalidTimeStamp', Object.assign({}, a, { now: NOW * 1000 })],
    ];
    for (const name of ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial']) cases.push(['MissingHeader', without(name)]);
    cases.push(['RepeatedHeader', Object.assign({}, a, { headers: Object.assign({ 'Wechatpay-Serial': 'x' }, a.headers) })]);
    cases.push(['RepeatedHeader', Object.assign({}, a, { headers: { ...a.headers, 'wechatpay-nonce': ['one', 'two'] } })]);
    cases.push(['InvalidHeaders', Object.assign({}, a, { headers: undefined })]);
    for (const [code, args] of cases) throwsCode(() => v3.verify(args), code);
  });
});

describe('a key set made once', () => {
  test('verifyAnswer reads the status first: a refusal is ApiError with WeChat Pay\'s code, message and Request-ID', () => {
    const a = signedAnswer();
    const keys = v3.publicKeys(a.publicKeys);
    assert.equal(keys.verifyAnswer({ status: 200, headers: a.headers, body: a.body, now: NOW }), true);
    // WeChat Pay's 401 is unsigned: read as an answer to verify, it would be "MissingHeader".
    const refusal = '{"code":"SIGN_ERROR","message":"签名错误,请检查后再试"}';
    const e = throwsCode(() => keys.verifyAnswer({ status: 401, headers: { 'request-id': 'RID-1' }, body: refusal, now: NOW }), 'ApiError');
    assert.deepEqual([e.status, e.wechatpayCode, e.wechatpayMessage, e.requestId], [401, 'SIGN_ERROR', '签名错误,请检查后再试', 'RID-1']);
    assert.match(e.message, /^WeChat Pay answered 401 SIGN_ERROR \(签名错误,请检查后再试\), Request-ID RID-1: .*serialNo/);
    const gateway = throwsCode(() => keys.verifyAnswer({ status: 502, headers: new Headers(), body: '<html>', now: NOW }), 'ApiError');
    assert.deepEqual([gateway.status, gateway.wechatpayCode, gateway.requestId], [502, '', undefined]);
    assert.match(gateway.message, /retry/);
    // A 2xx that is not signed, or was changed, is refused as any answer.
    throwsCode(() => keys.verifyAnswer({ status: 200, headers: {}, body: a.body, now: NOW }), 'MissingHeader');
    throwsCode(() => keys.verifyAnswer({ status: 200, headers: a.headers, body: a.body + ' ', now: NOW }), 'InvalidSignature');
    throwsCode(() => keys.verifyAnswer({ status: '200', headers: a.headers, body: a.body, now: NOW }), 'InvalidValue');
  });

  test('keys rotate while serving: the public key added beside a certificate, the certificate retired', () => {
    const a = signedAnswer();
    const keys = v3.publicKeys(new Map());
    assert.deepEqual(keys.serials(), []);
    throwsCode(() => keys.verify(a), 'UnknownSerial');
    keys.add(WECHAT_SERIAL, wechat.publicKey); // a KeyObject
    assert.equal(keys.verify(a), true);
    assert.deepEqual(keys.serials(), [WECHAT_SERIAL]);
    assert.equal(keys.remove(WECHAT_SERIAL), true);
    assert.equal(keys.remove(WECHAT_SERIAL), false);
    throwsCode(() => keys.verify(a), 'UnknownSerial');
    // What is refused is not added.
    throwsCode(() => keys.add(WECHAT_SERIAL, MERCHANT_KEY), 'InvalidPublicKey');
    throwsCode(() => keys.add(undefined, WECHAT_PUBLIC), 'InvalidSerialNo');
    assert.deepEqual(keys.serials(), []);
  });

  test('a merchant made once signs as the one-shot functions do', () => {
    const m = v3.merchant({ mchId: '1900000109', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey: merchant.privateKey });
    const request = { appId: APP_ID, prepayId: PREPAY_ID, timeStamp: '1700000000', nonceStr: 'abc' };
    assert.deepEqual(m.buildPayParams(request), v3.buildPayParams({ ...request, privateKey: MERCHANT_KEY }));
    const call = { method: 'GET', url: '/v3/certificates', timeStamp: '1700000000', nonceStr: 'abc' };
    assert.equal(m.authorization(call), v3.authorization({ ...call, mchId: m.mchId, serialNo: m.serialNo, privateKey: MERCHANT_KEY }));
    throwsCode(() => v3.merchant({ mchId: '1900000109', serialNo: 'PUB_KEY_ID_01', privateKey: MERCHANT_KEY }), 'InvalidSerialNo');
    throwsCode(() => v3.merchant({ mchId: '1900000109', serialNo: '5157', privateKey: './apiclient_key.pem' }), 'InvalidPrivateKey');
  });
});

describe('decryptResource', () => {
  const plaintext = JSON.stringify({ mchid: '1230000109', out_trade_no: 'DEMO1', trade_state: 'SUCCESS', payer: { openid: 'o1' }, attach: '中文' });

  test('AEAD_AES_256_GCM with the APIv3 key (string or Buffer), with and without associated_data', () => {
    assert.equal(v3.decryptResource(sealed(plaintext), API_V3_KEY), plaintext);
    assert.equal(v3.decryptResource(sealed(plaintext), Buffer.from(API_V3_KEY)), plaintext);
    assert.equal(v3.decryptResource(sealed(plaintext, { associated: '' }), API_V3_KEY), plaintext);
    const noAd = sealed(plaintext, { associated: '' });
    delete noAd.associated_data;
    assert.equal(v3.decryptResource(noAd, API_V3_KEY), plaintext);
  });

  test('every bad input gets its code', () => {
    const r = sealed(plaintext);
    const flip = (b64) => {
      const b = Buffer.from(b64, 'base64');
      b[3] ^= 1;
      return b.toString('base64');
    };
    const cases = [
      ['DecryptFailed', Object.assign({}, r, { ciphertext: flip(r.ciphertext) }), API_V3_KEY],
      ['DecryptFailed', Object.assign({}, r, { nonce: 'nonce1234568' }), API_V3_KEY],
      ['DecryptFailed', Object.assign({}, r, { associated_data: 'transactioN' }), API_V3_KEY],
      ['DecryptFailed', r, 'otherApiV3Key0123456789abcdefghi'],
      ['DecryptFailed', Object.assign({}, r, { ciphertext: 'AAAA' }), API_V3_KEY],
      ['DecryptFailed', Object.assign({}, r, { ciphertext: '***' }), API_V3_KEY],
      ['DecryptFailed', Object.assign({}, r, { nonce: undefined }), API_V3_KEY],
      ['DecryptFailed', 'resource', API_V3_KEY],
      ['DecryptFailed', sealed('\u00ff').ciphertext && (() => {
        const c = crypto.createCipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from('nonce1234567'));
        c.setAAD(Buffer.from('t'));
        const b = Buffer.concat([c.update(Buffer.from([0xff, 0xfe])), c.final(), c.getAuthTag()]);
        return { algorithm: 'AEAD_AES_256_GCM', ciphertext: b.toString('base64'), nonce: 'nonce1234567', associated_data: 't' };
      })(), API_V3_KEY],
      ['UnsupportedAlgorithm', Object.assign({}, r, { algorithm: 'AEAD_SM4_GCM' }), API_V3_KEY],
      ['InvalidApiV3Key', r, API_V3_KEY.slice(1)],
      ['InvalidApiV3Key', r, undefined],
      ['InvalidApiV3Key', r, Buffer.alloc(16)],
    ];
    for (const [code, resource, key] of cases) throwsCode(() => v3.decryptResource(resource, key), code);
  });
});

test('works without a global crypto (Node 16 has none)', () => {
  const script = `delete globalThis.crypto; const { v3 } = require('wxpay-wasm');
    const k = require('crypto').generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    process.stdout.write(v3.buildPayParams({ appId: 'wx1', prepayId: 'p1', privateKey: k }).signType);`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
  assert.equal(r.stdout, 'RSA', r.stderr);
});

test('the mini-program folder holds no v3 code', () => {
  const mp = path.join(path.dirname(require.resolve('wxpay-wasm/package.json')), 'miniprogram');
  for (const file of fs.readdirSync(mp)) {
    assert.notEqual(file, 'v3.js');
    if (file.endsWith('.js')) assert.ok(!/createPrivateKey|WECHATPAY2-SHA256/.test(fs.readFileSync(path.join(mp, file), 'utf8')), file);
  }
});

// The shared vectors (tests/vectors/v3.json, TEST-ONLY keys, re-derived by the Python
// reference), and the message of every refusal (v3_messages.json, the Rust core's).
describe('tests/vectors/v3.json', () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'v3.json'), 'utf8'));
  const { messages } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'v3_messages.json'), 'utf8'));
  const k = vectors.keys;
  const SERIAL_OF = { wechatpayPublicKey: k.wechatpayPublicKeyId, platformCertificate: k.platformSerialNo };
  const refused = new Set();
  /** The value, or {error: code} after checking the message is Rust's for `section/name`. */
  const outcome = (section, c, fn) => {
    try {
      return fn();
    } catch (e) {
      assert.ok(e instanceof WxPayError, e.message);
      assert.equal(e.message, messages[`${section}/${c.name}`], `${section}/${c.name}: the message is the core's`);
      refused.add(`${section}/${c.name}`);
      for (const secret of [k.apiV3Key, ...k.merchantPrivateKey.split('\n').filter((l) => l.length > 40)]) {
        assert.ok(!e.message.includes(secret), 'key material in an error message');
      }
      return { error: e.code };
    }
  };

  test('payParams and payParamsRefused', () => {
    assert.ok(vectors.payParams.length > 0 && vectors.payParamsRefused.length > 0);
    const merchant = v3.merchant({ mchId: '1900000109', serialNo: k.merchantSerialNo, privateKey: k.merchantPrivateKey });
    for (const [section, c] of [...vectors.payParams.map((c) => ['payParams', c]), ...vectors.payParamsRefused.map((c) => ['payParamsRefused', c])]) {
      const request = { appId: c.appId, prepayId: c.prepayId, timeStamp: c.timeStamp, nonceStr: c.nonceStr };
      assert.deepEqual(outcome(section, c, () => v3.buildPayParams({ ...request, privateKey: k.merchantPrivateKey })), c.expected, c.name);
      assert.deepEqual(outcome(section, c, () => merchant.buildPayParams(request)), c.expected, c.name);
    }
  });

  test('appPayParams (APP支付), from a merchant and from a client', () => {
    assert.ok(vectors.appPayParams.length >= 2);
    const merchant = v3.merchant({ mchId: '1900000109', serialNo: k.merchantSerialNo, privateKey: k.merchantPrivateKey });
    for (const c of vectors.appPayParams) {
      const m = v3.merchant({ mchId: c.mchId, serialNo: k.merchantSerialNo, privateKey: k.merchantPrivateKey });
      assert.deepEqual(m.appPayParams({ appId: c.appId, prepayId: c.prepayId, timeStamp: c.timeStamp, nonceStr: c.nonceStr }), c.expected, c.name);
    }
    const made = merchant.appPayParams({ appId: 'wx8888888888888888', prepayId: 'WX1' });
    assert.equal(made.noncestr.length, 32);
    assert.ok(crypto.verify('sha256', Buffer.from(`wx8888888888888888\n${made.timestamp}\n${made.noncestr}\nWX1\n`),
      crypto.createPublicKey(k.merchantPublicKey), Buffer.from(made.sign, 'base64')));
    assert.throws(() => merchant.appPayParams({ appId: '', prepayId: 'WX1' }), { code: 'MissingAppId' });
  });

  test('authorization and authorizationRefused', () => {
    assert.ok(vectors.authorization.length > 0 && vectors.authorizationRefused.length > 0);
    for (const [section, c] of [...vectors.authorization.map((c) => ['authorization', c]), ...vectors.authorizationRefused.map((c) => ['authorizationRefused', c])]) {
      const got = outcome(section, c, () => v3.authorization({
        mchId: c.mchId, serialNo: c.serialNo, privateKey: k.merchantPrivateKey, method: c.method, url: c.url, body: c.body, timeStamp: c.timeStamp, nonceStr: c.nonceStr,
      }));
      assert.deepEqual(got, c.expected, c.name);
    }
  });

  test('verify, one-shot and with a key set made once', () => {
    assert.ok(vectors.verify.some((c) => c.expected === true) && vectors.verify.some((c) => c.expected !== true));
    for (const c of vectors.verify) {
      // A key name under its own serial; [serial name, key name] under another; {serial, pem} as given.
      const publicKeys = {};
      for (const entry of c.publicKeys) {
        if (Array.isArray(entry)) publicKeys[k[entry[0]]] = k[entry[1]];
        else if (typeof entry === 'object') publicKeys[entry.serial] = entry.pem;
        else publicKeys[SERIAL_OF[entry]] = k[entry];
      }
      const args = { headers: c.headers, body: c.body, now: c.now };
      assert.deepEqual(outcome('verify', c, () => v3.verify({ ...args, publicKeys })), c.expected, c.name);
      assert.deepEqual(outcome('verify', c, () => v3.publicKeys(publicKeys).verify(args)), c.expected, c.name);
      // The same headers as a fetch Headers (which joins a repeated name's values with ', ').
      if (Object.keys(c.headers).length === new Set(Object.keys(c.headers).map((n) => n.toLowerCase())).size) {
        const headers = new Headers(c.headers);
        assert.deepEqual(outcome('verify', c, () => v3.publicKeys(publicKeys).verify({ ...args, headers })), c.expected, c.name);
      }
    }
  });

  test('decrypt', () => {
    assert.ok(vectors.decrypt.length > 0);
    for (const c of vectors.decrypt) {
      const key = c.apiV3Key === undefined ? k.apiV3Key : c.apiV3Key;
      assert.deepEqual(outcome('decrypt', c, () => v3.decryptResource(c.resource, key)), c.expected, c.name);
    }
  });

  test('privateKeys', () => {
    assert.ok(vectors.privateKeys.length > 0);
    for (const c of vectors.privateKeys) {
      const made = () => !!v3.merchant({ mchId: '1900000109', serialNo: k.merchantSerialNo, privateKey: c.pem });
      assert.deepEqual(outcome('privateKeys', c, made), c.expected, c.name);
    }
  });

  test('every message of v3_messages.json was met (none left over from a removed case)', () => {
    // v3_calls/…: the client's refusals, met by client.test.js.
    assert.deepEqual([...refused].sort(), Object.keys(messages).filter((name) => !name.startsWith('v3_calls/')).sort());
  });
});


// wx.requestVirtualPayment's server half (tests/vectors/virtual_payment.json, re-derived by the Python reference).
describe('v3.virtualPayment', () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'virtual_payment.json'), 'utf8'));

  test('paySig and signature of signData as the page sends it', () => {
    assert.ok(cases.length >= 3);
    for (const c of cases) {
      const signed = v3.virtualPayment({ signData: c.signData, appKey: c.appKey, sessionKey: c.sessionKey });
      assert.deepEqual(signed, { signData: c.signData, paySig: c.paySig, signature: c.signature }, c.name);
      // Checked against Node's own HMAC, not only the file.
      const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest('hex');
      assert.equal(signed.paySig, hmac(c.appKey, 'requestVirtualPayment&' + c.signData));
    }
  });

  test('signData as an object, not JSON text, or keys with whitespace: refused, no key in the message', () => {
    const c = cases[0];
    const ok = { signData: c.signData, appKey: c.appKey, sessionKey: c.sessionKey };
    throwsCode(() => v3.virtualPayment({ ...ok, signData: JSON.parse(c.signData) }), 'InvalidSignData');
    throwsCode(() => v3.virtualPayment({ ...ok, signData: '{"a":' }), 'InvalidSignData');
    throwsCode(() => v3.virtualPayment({ ...ok, appKey: c.appKey + '\n' }), 'InvalidAppKey');
    const e = throwsCode(() => v3.virtualPayment({ ...ok, sessionKey: '' }), 'InvalidSessionKey');
    assert.ok(!e.message.includes(c.appKey));
  });

  test('a signData the sheet would refuse is refused before signing, the field named (src/virtual_sheet.rs)', () => {
    const c = cases[0];
    const ok = { signData: c.signData, appKey: c.appKey, sessionKey: c.sessionKey };
    const data = JSON.parse(c.signData);
    for (const [change, field] of [
      [{ buyQuantity: '1' }, /^signData\.buyQuantity must be a JSON integer/],
      [{ offerId: 1450000000 }, /^signData\.offerId must be /],
      [{ attach: undefined }, /^signData\.attach is missing: /],
      [{ outTradeNo: '_VP20251201' }, /^signData\.outTradeNo must be 8 to 32/],
      [{ env: 2 }, /^signData\.env must be 0 or 1/],
    ]) {
      const e = throwsCode(() => v3.virtualPayment({ ...ok, signData: JSON.stringify({ ...data, ...change }) }), 'InvalidSignData');
      assert.match(e.message, field);
    }
  });
});

// The joined text that carries a request into the module holds the key: it is wiped as
// soon as the call has read it, whatever the call's outcome.
test('no key is left in the module\'s request buffer after buildPayParams or decryptResource', () => {
  const dir = path.dirname(require.resolve('wxpay-wasm/package.json'));
  const glue = require(path.join(dir, 'node', 'generated', 'wxpay_wasm_web.js'));
  const v2Key = 'demoKeyNotARealMerchantKey000000';
  const leftIn = () => Buffer.from(glue.requestTextBuffer(4096)).toString('latin1');
  wxpay.buildPayParams({ appId: APP_ID, prepayId: PREPAY_ID, key: v2Key });
  assert.ok(!leftIn().includes(v2Key));
  assert.equal(v3.decryptResource(sealed('{"a":1}'), API_V3_KEY), '{"a":1}');
  assert.ok(!leftIn().includes(API_V3_KEY));
  throwsCode(() => v3.decryptResource({ ...sealed('{"a":1}'), nonce: 'other1234567' }, API_V3_KEY), 'DecryptFailed');
  assert.ok(!leftIn().includes(API_V3_KEY));
  assert.ok(/^\0+$/.test(leftIn()));
});

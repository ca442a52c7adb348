'use strict';
// A Node server in TypeScript against the npm-packed package under every moduleResolution
// a Node team meets: none (tsc's defaults: node10), node10 (module commonjs: NestJS),
// node16, nodenext and bundler (tsx; Next.js and Nuxt: bundler with the DOM library);
// strict, skipLibCheck off. The server (node-resolutions/server.ts, the README's API v3
// server code) compiles under each, and its output runs against an emulated WeChat Pay
// signing with the TEST-ONLY keys of tests/vectors/v3.json; the must-fail snippets fail
// with exactly their expected errors under each.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { test, before } = require('node:test');
const ts = require('typescript');
const { HERE, REPO, installPacked } = require('./packed');

const TSC = require.resolve('typescript/bin/tsc');
const DIR = path.join(HERE, 'node-resolutions');
const BUILD = path.join(HERE, '.build');
const SOURCES = ['server.ts', 'imports.ts'].map((f) => path.join(DIR, f));
const { keys } = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors/v3.json'), 'utf8'));

/** Each way of compiling: its compiler options, tsc's arguments, and whether its output is an ES module. */
const MODES = ['none', 'node10', 'node16', 'nodenext', 'bundler', 'nextjs'].map((name) => {
  if (name === 'none') {
    // No tsconfig: what `npx tsc --strict server.ts` does (target ES5, module commonjs, node10).
    return { name, options: { strict: true }, args: ['--strict', '--outDir', path.join(BUILD, name), ...SOURCES], esm: false };
  }
  const config = path.join(DIR, name, 'tsconfig.json');
  const { options } = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(d.messageText) });
  return { name, options, args: ['-p', config], esm: options.module === ts.ModuleKind.ESNext };
});

function tsc(args) {
  try {
    execFileSync(process.execPath, [TSC, ...args, '--pretty', 'false'], { cwd: HERE, encoding: 'utf8' });
    return '';
  } catch (e) {
    return e.stdout + e.stderr || String(e);
  }
}

before(() => {
  installPacked();
  fs.rmSync(BUILD, { recursive: true, force: true });
  fs.mkdirSync(BUILD, { recursive: true });
});

test('the server compiles under each resolution (strict, skipLibCheck off), v3 from the root, from wxpay-wasm/node and by a default import', () => {
  for (const mode of MODES) {
    assert.equal(mode.options.strict, true, mode.name);
    assert.ok(!mode.options.skipLibCheck, mode.name);
    assert.equal(tsc(mode.args), '', mode.name);
  }
  assert.deepEqual(
    MODES.map((m) => ts.getEmitModuleResolutionKind(m.options)),
    ['Node10', 'Node10', 'Node16', 'NodeNext', 'Bundler', 'Bundler'].map((kind) => ts.ModuleResolutionKind[kind]),
  );
});

test('each must-fail snippet fails with exactly its expected errors under each resolution', () => {
  const dir = path.join(DIR, 'must-fail');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(dir, f));
  assert.ok(files.length >= 5);
  for (const mode of MODES) {
    const all = ts.getPreEmitDiagnostics(ts.createProgram(files, { ...mode.options, noEmit: true }));
    for (const file of files) {
      const expected = /^\/\/ expect: ((?:TS\d+ ?)+)/.exec(fs.readFileSync(file, 'utf8'));
      assert.ok(expected, `${file}: first line must be "// expect: TS…"`);
      const got = all.filter((d) => d.file && path.resolve(d.file.fileName) === file).map((d) => 'TS' + d.code).sort();
      assert.deepEqual(got, expected[1].trim().split(' ').sort(), `${path.basename(file)} (${mode.name})`);
    }
    const elsewhere = all.filter((d) => !d.file || !files.includes(path.resolve(d.file.fileName)));
    assert.deepEqual(elsewhere.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], mode.name);
  }
});

// ------------------------------------------------------------------ the output, run

const PREPAY_ID = 'wx201410272009395522657a690389285100';

/** Headers WeChat Pay signs an answer or notification with (its TEST-ONLY public-key pair). */
function wechatpayHeaders(body) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(16).toString('hex');
  const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), keys.wechatpayPrivateKey).toString('base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': keys.wechatpayPublicKeyId,
    'Wechatpay-Signature': signature,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/** The answer to JSAPI下单: 401 unless the Authorization header is the merchant's signature of this request. */
function emulatedWeChatPay(req, body) {
  const auth = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(req.headers.authorization || '');
  const fields = Object.fromEntries([...(auth ? auth[1] : '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const message = `${req.method}\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
  const signed = auth && fields.serial_no === keys.merchantSerialNo &&
    crypto.verify('sha256', Buffer.from(message), keys.merchantPublicKey, Buffer.from(fields.signature, 'base64'));
  const answer = signed ? JSON.stringify({ prepay_id: PREPAY_ID }) : JSON.stringify({ code: 'SIGN_ERROR', message: 'bad Authorization' });
  const headers = wechatpayHeaders(answer);
  // An order described 'tampered' gets an answer altered after WeChat Pay signed it.
  const sent = JSON.parse(body).description === 'tampered' ? answer.replace(PREPAY_ID, PREPAY_ID.replace('9', '8')) : answer;
  return { status: signed ? 200 : 401, headers: { ...headers, 'Content-Type': 'application/json' }, body: sent };
}

function listen(handler) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { status, headers, body } = handler(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, headers).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (server) => `http://127.0.0.1:${server.address().port}`;

/** POSTs `body` with `headers` to `url`; → {status, body}. */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A TRANSACTION.SUCCESS notification of `transaction`, its resource sealed with the APIv3 key. */
function notification(transaction) {
  const nonce = crypto.randomBytes(6).toString('hex');
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({
    id: 'EV-2018022511223320873',
    event_type: 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), nonce, associated_data: 'transaction', original_type: 'transaction' },
  });
}

test('the compiled server runs under each resolution: order, verified answer, pay parameters, notification', async (t) => {
  const keyDir = path.join(BUILD, 'test-only-keys');
  fs.mkdirSync(keyDir, { recursive: true });
  const file = (name, text) => (fs.writeFileSync(path.join(keyDir, name), text), path.join(keyDir, name));
  const wechatpay = await listen(emulatedWeChatPay);
  t.after(() => wechatpay.close());
  Object.assign(process.env, {
    WXPAY_API_BASE: urlOf(wechatpay),
    WXPAY_MCHID: '1900000001',
    WXPAY_SERIAL_NO: keys.merchantSerialNo,
    WXPAY_KEY_FILE: file('merchant-key.pem', keys.merchantPrivateKey),
    WXPAY_PUBLIC_KEY_ID: keys.wechatpayPublicKeyId,
    WXPAY_PUBLIC_KEY_FILE: file('wechatpay-public-key.pem', keys.wechatpayPublicKey),
    WXPAY_PLATFORM_SERIAL: keys.platformSerialNo,
    WXPAY_PLATFORM_CERT_FILE: file('platform-certificate.pem', keys.platformCertificate),
    WXPAY_API_V3_KEY: keys.apiV3Key,
  });
  const order = { appId: 'wxd678efh567hg6787', openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', outTradeNo: '1217752501201407033233368018', total: 100, description: 'Image形象店-深圳腾大-QQ公仔', notifyUrl: 'https://www.weixin.qq.com/wxpay/pay.php' };
  const transaction = { out_trade_no: order.outTradeNo, trade_state: 'SUCCESS', amount: { total: 100 } };

  for (const mode of MODES) {
    const out = path.join(BUILD, mode.name);
    assert.ok(fs.existsSync(path.join(out, 'server.js')), `${mode.name}: compiled by the first test`);
    if (mode.esm) fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
    const load = (name) => (mode.esm ? import(pathToFileURL(path.join(out, name)).href) : Promise.resolve(require(path.join(out, name))));
    const server = await load('server.js');
    const imports = await load('imports.js');
    assert.equal(imports.sameV3, true, `${mode.name}: wxpay-wasm/node and the default import are the root's module`);

    const params = await server.payParamsFor(order);
    assert.deepEqual(Object.keys(params), ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'], mode.name);
    assert.equal(params.package, 'prepay_id=' + PREPAY_ID);
    assert.equal(params.signType, 'RSA');
    const signed = `${order.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    assert.ok(crypto.verify('sha256', Buffer.from(signed), keys.merchantPublicKey, Buffer.from(params.paySign, 'base64')), mode.name);
    await assert.rejects(server.payParamsFor({ ...order, description: 'tampered' }), { name: 'WxPayError', code: 'InvalidSignature' }, mode.name);

    const paid = [];
    const notify = server.notifyServer((tx) => paid.push(tx));
    await new Promise((resolve) => notify.listen(0, '127.0.0.1', resolve));
    try {
      const body = notification(transaction);
      assert.deepEqual(await post(urlOf(notify), wechatpayHeaders(body), body), { status: 204, body: '' }, mode.name);
      assert.deepEqual(paid, [transaction], mode.name);
      const altered = body.replace('"EV-', '"EV-0');
      assert.deepEqual(await post(urlOf(notify), wechatpayHeaders(body), altered), { status: 401, body: '{"code":"FAIL","message":"InvalidSignature"}' }, mode.name);
      assert.equal(paid.length, 1);
    } finally {
      notify.close();
    }
  }
});

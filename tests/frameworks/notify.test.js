'use strict';
// The notification handlers of docs/server-client.md, taken from the doc's code blocks as
// written (```js framework=express, koa, fastify; ```ts framework=nestjs, compiled with
// TypeScript) and run in each framework, installed from npm (package.json pins them), on
// the loopback: a notification signed with WeChat Pay's TEST-ONLY key is booked (204); a
// tampered one, one whose JSON was re-serialised on the way, and one the merchant fails to
// book each get a 4xx/5xx with {code, message}, so WeChat Pay would send it again.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');
const { test, describe, before, after } = require('node:test');
const ts = require('typescript');
const { v3, WxPayError } = require('wxpay-wasm');

const ROOT = path.join(__dirname, '..', '..');
// TEST-ONLY keys of the shared vectors.
const keys = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'v3.json'), 'utf8')).keys;
const { messages } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'v3_messages.json'), 'utf8'));
const pay = v3.client({
  mchId: '1230000109',
  serialNo: keys.merchantSerialNo,
  privateKey: keys.merchantPrivateKey,
  publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKey },
  apiV3Key: keys.apiV3Key,
});

/** The doc's code block for `framework` → [lang, source]. */
function blockOfDocs(framework) {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'server-client.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```(js|ts) framework=(\w+)\n([\s\S]*?)^```$/gm)].filter((m) => m[2] === framework);
  assert.equal(blocks.length, 1, `one ${framework} block in docs/server-client.md`);
  return [blocks[0][1], blocks[0][3]];
}

/** The doc's handler for `framework`, compiled as a module of this folder (its packages resolve here). */
function handlerFromDocs(framework) {
  const [lang, source] = blockOfDocs(framework);
  const code = lang === 'js' ? source : ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true },
  }).outputText;
  const filename = path.join(__dirname, `docs-${framework}.${lang}`);
  const m = new Module(filename, module);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(__dirname);
  m._compile(code, filename);
  return m.exports;
}

/** Starts the doc's handler in its framework on the loopback → {url, close}. */
async function start(framework, book) {
  const made = handlerFromDocs(framework);
  const listen = async (server) => {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}/wxpay/notify`, close: () => new Promise((resolve) => server.close(resolve)) };
  };
  switch (framework) {
    case 'express': return listen(http.createServer(made(pay, book)));
    case 'koa': return listen(http.createServer(made(pay, book).callback()));
    case 'fastify': {
      const app = made(pay, book);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { url: `http://127.0.0.1:${app.server.address().port}/wxpay/notify`, close: () => app.close() };
    }
    case 'nestjs': {
      const app = await made.notifyApp(pay, book);
      await app.listen(0, '127.0.0.1');
      return { url: `http://127.0.0.1:${app.getHttpServer().address().port}/wxpay/notify`, close: () => app.close() };
    }
    default: throw new Error('no framework ' + framework);
  }
}

const alnum = (n) => crypto.randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(n, 'x').slice(0, n);

/**
 * A payment notification as WeChat Pay sends it, signed with its TEST-ONLY key: the body
 * written with a space after each colon and comma, which a JSON parser's re-serialisation
 * drops (its bytes are what the signature covers).
 */
function notification(outTradeNo) {
  const nonce = alnum(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const plain = JSON.stringify({ appid: 'wxd678efh567hg6787', mchid: '1230000109', out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' } });
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const body = JSON.stringify({
    id: crypto.randomUUID(), create_time: '2026-12-07T10:34:56+08:00', resource_type: 'encrypt-resource', event_type: 'TRANSACTION.SUCCESS', summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: 'transaction', nonce },
  }).replace(/":/g, '": ').replace(/,"/g, ', "');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signNonce = alnum(32);
  const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${signNonce}\n${body}\n`), keys.wechatpayPrivateKey).toString('base64');
  const headers = {
    'Content-Type': 'application/json', 'Wechatpay-Serial': keys.wechatpayPublicKeyId, 'Wechatpay-Signature': signature,
    'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': signNonce, 'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
  return { body, headers };
}

const post = async (url, { body, headers }) => {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
};

/** InvalidSignature's message, the core's (v3_messages.json), which names the raw body. */
const invalidSignature = messages['verify/nonce changed after signing'];

test('the NestJS handler type-checks (strict, module commonjs as Nest projects have it) against the package\'s typings', () => {
  const file = path.join(__dirname, 'docs-nestjs.ts');
  const options = {
    strict: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022,
    experimentalDecorators: true, emitDecoratorMetadata: true, noEmit: true, types: ['node'], skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => (path.resolve(name) === file ? blockOfDocs('nestjs')[1] : readFile(name));
  host.fileExists = ((exists) => (name) => path.resolve(name) === file || exists(name))(host.fileExists);
  const program = ts.createProgram([file], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  assert.deepEqual(problems, []);
});

test('parseNotification refuses a parsed body and a re-serialised one, each message saying to pass the raw body', async () => {
  const n = notification('20261207A0001');
  await assert.rejects(pay.parseNotification({ headers: n.headers, body: JSON.parse(n.body) }), (e) => {
    assert.ok(e instanceof WxPayError);
    assert.equal(e.code, 'InvalidBody');
    assert.match(e.message, /pass the raw body exactly as received/);
    return true;
  });
  await assert.rejects(pay.parseNotification({ headers: n.headers, body: JSON.stringify(JSON.parse(n.body)) }), { code: 'InvalidSignature', message: invalidSignature });
  assert.match(invalidSignature, /raw body bytes as received, never re-serialised JSON/);
  const genuine = await pay.parseNotification(n);
  assert.equal(genuine.resource.out_trade_no, '20261207A0001');
});

for (const framework of ['express', 'koa', 'fastify', 'nestjs']) {
  describe(framework, () => {
    const booked = [];
    let failBooking = false;
    let server;
    before(async () => {
      server = await start(framework, async (n) => {
        if (failBooking) throw new Error('the database is down');
        booked.push(n);
      });
    });
    after(() => server.close());

    test('a genuine notification is booked and answered 204', async () => {
      const n = notification(`${framework}A0001`);
      assert.deepEqual(await post(server.url, n), { status: 204, json: null });
      assert.deepEqual(booked.map((b) => [b.eventType, b.resource.out_trade_no, b.resource.amount.total]), [['TRANSACTION.SUCCESS', `${framework}A0001`, 100]]);
    });

    test('a tampered notification is refused with 401 {code, message}, nothing booked', async () => {
      const n = notification(`${framework}A0002`);
      const tampered = { headers: n.headers, body: n.body.replace('支付成功', '支付成功 ') };
      assert.deepEqual(await post(server.url, tampered), { status: 401, json: { code: 'FAIL', message: invalidSignature } });
      assert.equal(booked.length, 1);
    });

    test('a body re-serialised on the way is refused, the message naming the raw body', async () => {
      const n = notification(`${framework}A0003`);
      const reserialised = { headers: n.headers, body: JSON.stringify(JSON.parse(n.body)) };
      const answer = await post(server.url, reserialised);
      assert.equal(answer.status, 401);
      assert.match(answer.json.message, /raw body/);
      assert.equal(booked.length, 1);
    });

    test('a notification the merchant fails to book is answered 500, so WeChat Pay sends it again', async () => {
      failBooking = true;
      try {
        assert.deepEqual(await post(server.url, notification(`${framework}A0004`)), { status: 500, json: { code: 'FAIL', message: 'the database is down' } });
      } finally {
        failBooking = false;
      }
    });
  });
}

'use strict';
// The documentation's JavaScript and TypeScript examples work as written, against the `npm
// pack`ed package: server-side ones run in Node; page ones (they call Page, Component or
// wx) type-check in the mini-program project's settings (strict, ES2020, no DOM,
// miniprogram-api-typings; JavaScript with checkJs). The names an example leaves to the
// reader (appId, key, createOrderOnYourServer, …) are supplied here, typed, and nothing else.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const ts = require('typescript');
const { HERE, REPO, INSTALLED, installPacked } = require('./packed');

const OUT = path.join(HERE, '.snippets');
// Where users copy examples from; pkg/README.md is made of README.md and docs/server-node.md.
const DOCS = ['README.md', 'docs/miniprogram.md', 'docs/server-node.md', 'docs/h5.md'];

// WeChat's documentation demo values (pay.weixin.qq.com, API v2), as the reader's own.
const GIVEN_DECLARATIONS = `
declare const appId: string;
declare const prepayId: string;
declare const key: string;
declare function createOrderOnYourServer(): Promise<{ prepayId: string }>;
declare function payParamsFromYourServer(): Promise<import('wxpay-wasm').PayParams>;
declare function transferFromYourServer(): Promise<{ pageParams: import('wxpay-wasm').MerchantTransferParams }>;
declare function virtualPaymentFromYourServer(): Promise<import('wxpay-wasm').VirtualPaymentParams>;
`;
const GIVEN_VALUES = `
globalThis.appId = 'wxd678efh567hg6787';
globalThis.prepayId = 'wx2017033010242291fcfe0db70013231072';
process.env.WXPAY_API_KEY = 'qazwsxedcrfvtgbyhnujmikolp111111';
`;

/** Every ```js / ```ts block of `file`: { lang, code, where } */
function blocks(file) {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const found = [];
  const fence = /^```(js|ts)\n([\s\S]*?)^```$/gm;
  let m;
  while ((m = fence.exec(text))) {
    found.push({ lang: m[1], code: m[2], where: `${file}:${text.slice(0, m.index).split('\n').length}` });
  }
  return found;
}

const all = DOCS.flatMap(blocks);
// A 公众号 H5 page's example (docs/h5.md) is a browser page: it imports the package and fetches.
const isWebPage = (b) => /^import .* from 'wxpay-wasm'/m.test(b.code) && /\bfetch\(/.test(b.code);
const isPage = (b) => !isWebPage(b) && (b.lang === 'ts' || /\b(Page|Component)\(|\bwx\./.test(b.code));
const kindOf = (b) => b.lang + (isWebPage(b) ? ':web' : isPage(b) ? ':page' : ':server');

before(() => {
  installPacked();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
});

test('each document has the kinds of example its readers copy', () => {
  const kinds = (file) => [...new Set(blocks(file).map(kindOf))].sort();
  assert.deepEqual(kinds('README.md'), ['js:page', 'js:server']);
  assert.deepEqual(kinds('docs/miniprogram.md'), ['js:page', 'ts:page']);
  assert.deepEqual(kinds('docs/server-node.md'), ['js:server']);
  assert.deepEqual(kinds('docs/h5.md'), ['js:server', 'js:web']);
});

/**
 * What a server example reads from its environment. API v3 examples get the project's
 * TEST-ONLY keys (tests/vectors/v3.json, once issue 11 adds it) as files, as a merchant's
 * server would have apiclient_key.pem and pub_key.pem.
 */
function givenValues() {
  let text = GIVEN_VALUES;
  const vectors = path.join(REPO, 'tests/vectors/v3.json');
  if (fs.existsSync(vectors)) {
    const { keys } = JSON.parse(fs.readFileSync(vectors, 'utf8'));
    const file = (name, pem) => {
      const p = path.join(OUT, name);
      fs.writeFileSync(p, pem);
      return p;
    };
    const env = {
      WXPAY_MCHID: '1900000001',
      WXPAY_SERIAL_NO: keys.merchantSerialNo,
      WXPAY_KEY_FILE: file('test-only-merchant-key.pem', keys.merchantPrivateKey),
      WXPAY_PUBLIC_KEY_ID: keys.wechatpayPublicKeyId,
      WXPAY_PUBLIC_KEY_FILE: file('test-only-wechatpay-public-key.pem', keys.wechatpayPublicKey),
      WXPAY_API_V3_KEY: keys.apiV3Key,
    };
    text += `Object.assign(process.env, ${JSON.stringify(env)});\n`;
  }
  return text;
}

test('server-side examples run in Node against the packed package', () => {
  const servers = all.filter((b) => kindOf(b).endsWith(':server'));
  assert.ok(servers.length > 0);
  const given = path.join(OUT, 'given.js');
  fs.writeFileSync(given, givenValues());
  servers.forEach((b, i) => {
    // An example written as an ES module (import, top-level await) runs as one.
    const file = path.join(OUT, `server-${i}.${/^import\s/m.test(b.code) ? 'mjs' : 'js'}`);
    fs.writeFileSync(file, b.code);
    try {
      execFileSync(process.execPath, ['--require', given, file], { cwd: OUT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`${b.where} fails in Node:\n${e.stderr}`);
    }
  });
});

test('page examples type-check in the mini-program project (strict, no DOM, skipLibCheck off)', () => {
  const pages = all.filter(isPage);
  const files = [];
  const where = new Map();
  pages.forEach((b, i) => {
    // An example that says where it lives ("// in packageA/pages/pay/pay.js") is put
    // there, beside what 构建npm makes for that root; the rest are main-package pages.
    const home = /^\/\/ in (\S+?)\.js\b/.exec(b.code);
    const rel = home ? `${home[1]}.${b.lang}` : `pages/readme-${i}/index.${b.lang}`;
    const file = path.join(OUT, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, b.code);
    const npmRoot = path.join(OUT, home ? home[1].split('/')[0] : '', 'miniprogram_npm', 'wxpay-wasm');
    if (!fs.existsSync(npmRoot)) fs.cpSync(path.join(INSTALLED, 'miniprogram'), npmRoot, { recursive: true });
    files.push(file);
    where.set(path.resolve(file), b.where);
  });
  const given = path.join(OUT, 'given.d.ts');
  fs.writeFileSync(given, GIVEN_DECLARATIONS);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(HERE, 'miniprogram/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = { ...config.options, allowJs: true, checkJs: true, moduleDetection: ts.ModuleDetectionKind.Force };
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([given, ...files], options));
  const shown = diagnostics.map((d) => {
    const at = d.file ? `${where.get(path.resolve(d.file.fileName)) || d.file.fileName} (line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1} of the block)` : '';
    return `${at}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  assert.deepEqual(shown, []);
});

test('公众号 H5 page examples type-check in the browser project (moduleResolution bundler, DOM, checkJs)', () => {
  const pages = all.filter(isWebPage);
  assert.ok(pages.length > 0);
  const where = new Map();
  const files = pages.map((b, i) => {
    const file = path.join(HERE, 'web', `.readme-${i}.${b.lang}`);
    fs.writeFileSync(file, b.code);
    where.set(path.resolve(file), b.where);
    return file;
  });
  try {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(HERE, 'web/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    const options = { ...config.options, allowJs: true, checkJs: true, moduleDetection: ts.ModuleDetectionKind.Force };
    const shown = ts.getPreEmitDiagnostics(ts.createProgram(files, options)).map((d) =>
      `${d.file ? where.get(path.resolve(d.file.fileName)) || d.file.fileName : ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    assert.deepEqual(shown, []);
  } finally {
    files.forEach((f) => fs.rmSync(f, { force: true }));
  }
});

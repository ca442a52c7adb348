'use strict';
// A Node server bundled with esbuild (--bundle --platform=node) from the npm-packed package:
// the bundle inlines the entry and its glue but not the .wasm, which the glue reads beside
// itself, that is beside the bundle. Without it the first require throws WxPayError
// LoadFailed naming the path looked at and the file to copy there; with it copied, or with
// wxpay-wasm left out of the bundle, the server answers.
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { test, before } = require('node:test');
const esbuild = require('esbuild');
const { HERE, INSTALLED, installPacked } = require('./packed');

const OUT = path.join(HERE, '.build', 'bundle');
const WASM = 'wxpay_wasm_web_bg.wasm';

before(() => {
  installPacked();
  fs.rmSync(OUT, { recursive: true, force: true });
});

function bundle(name, options = {}) {
  const outfile = path.join(OUT, name, 'server.js');
  esbuild.buildSync({ entryPoints: [path.join(HERE, 'bundle', 'server.js')], bundle: true, platform: 'node', outfile, logLevel: 'error', ...options });
  return outfile;
}

/** Runs `file` until it listens or exits: → {port} or {status, stderr}. */
function start(file, t) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill());
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /^listening (\d+)$/m.exec(stdout);
      if (m) resolve({ port: Number(m[1]) });
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

function get(port) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

/** What the packed package answers unbundled. */
const expected = () =>
  require('wxpay-wasm').buildPayParams({
    appId: 'wxd678efh567hg6787',
    prepayId: 'wx2017033010242291fcfe0db70013231072',
    key: 'qazwsxedcrfvtgbyhnujmikolp111111',
    timeStamp: 1490840662,
    nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  });

test('bundled without its .wasm: the first require throws LoadFailed naming the path and the file to copy', async (t) => {
  const file = bundle('alone');
  const dir = path.dirname(file);
  assert.deepEqual(fs.readdirSync(dir), ['server.js']);
  const { status, stderr } = await start(file, t);
  assert.equal(status, 1);
  assert.match(stderr, /^WxPayError: /m);
  assert.match(stderr, /code: 'LoadFailed'/);
  const message = /^WxPayError: (.*)$/m.exec(stderr)[1];
  assert.equal(
    message,
    `wxpay-wasm could not read its WebAssembly module at ${path.join(dir, WASM)}, as happens when wxpay-wasm is bundled: ` +
      `copy node_modules/wxpay-wasm/node/generated/${WASM} to ${dir} (beside the bundle), ` +
      'or leave wxpay-wasm out of the bundle (esbuild --external:wxpay-wasm, webpack externals)',
  );
});

test('bundled with the .wasm copied beside it, as the message says: the server answers', async (t) => {
  const file = bundle('copied');
  fs.copyFileSync(path.join(INSTALLED, 'node', 'generated', WASM), path.join(path.dirname(file), WASM));
  const { port, stderr } = await start(file, t);
  assert.ok(port, stderr);
  assert.deepEqual(await get(port), expected());
});

test('bundled with wxpay-wasm external: the server answers from node_modules', async (t) => {
  const file = bundle('external', { external: ['wxpay-wasm'] });
  assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /WebAssembly/);
  const { port, stderr } = await start(file, t);
  assert.ok(port, stderr);
  assert.deepEqual(await get(port), expected());
});

'use strict';
// Proves the simulator and the jsc harness are as strict as promised, and can fail.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { test, after } = require('node:test');
const { createRuntime, stats } = require('./simulator');
const { runInJsc } = require('./jsc');
const { runSuite, runSuiteInNode, runSuiteInJsc } = require('./harness/node');
const { buildCodePackage, wat2wasm, ADD } = require('./fixtures/build');

const SUITE = path.join(__dirname, 'fixtures/suites/runtime-suite.js');
const FAILING = path.join(__dirname, 'fixtures/suites/failing-suite.js');
const POOL = path.join(__dirname, 'fixtures/suites/jsc-pool-suite.js');
let rootPromise = null;
const fixtureRoot = () => (rootPromise = rootPromise || buildCodePackage());
const options = async () => ({ root: await fixtureRoot() });
after(async () => fs.rmSync(await fixtureRoot(), { recursive: true, force: true }));

runSuiteInNode(SUITE, options);
runSuiteInNode(SUITE, options, { fresh: true, label: 'node, fresh runtime per case: runtime-suite.js' });
runSuiteInJsc(SUITE, options);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const inContext = (rt, code) => vm.runInContext(code, rt.context);
async function withRuntime(opts, fn) {
  const rt = createRuntime({ root: await fixtureRoot(), ...opts });
  try { return await fn(rt); } finally { rt.dispose(); }
}

test('the harness reports a failing case in node', async () => {
  const r = await runSuite(FAILING, options);
  assert.deepEqual([r.passed, r.failed], [1, 1]);
  assert.match(r.cases[1].error, /one is not two/);
});

test('the harness reports a failing case in jsc, which runs with JSC_useJIT=false', async () => {
  const r = await runInJsc({ root: await fixtureRoot(), suite: FAILING });
  assert.deepEqual([r.passed, r.failed], [1, 1]);
  assert.match(r.output, /\n1 passed, 1 failed\n?$/);
  assert.match(r.cases[1].error, /one is not two/);
  assert.equal(r.command.env.JSC_useJIT, 'false');
  assert.equal(r.jit, false, 'jscOptions().useJIT inside jsc');
  const withJit = await runInJsc({ root: await fixtureRoot(), suite: FAILING, jit: true });
  assert.equal(withJit.jit, true, 'the variable is what turns the JIT off');
});

test('jsc: entry files run first; the embedded random pool runs out', async () => {
  const r = await runInJsc({ root: await fixtureRoot(), suite: POOL, entryFiles: ['/app'], randomBytes: 24 });
  assert.deepEqual([r.passed, r.failed], [2, 0], r.output);
});

test('a WebAssembly.Module, a Response or bytes from the host are rejected with TypeError', async () => {
  await withRuntime({}, async (rt) => {
    const instantiate = inContext(rt, 'WXWebAssembly.instantiate');
    const bytes = await wat2wasm(ADD);
    for (const arg of [new WebAssembly.Module(bytes), new Response(bytes), bytes]) {
      const p = instantiate(arg, {});
      await assert.rejects(p, (e) => e.name === 'TypeError');
    }
  });
});

test('resultShape instance / object are honoured and loads are recorded', async () => {
  for (const shape of ['instance', 'object']) {
    await withRuntime({ resultShape: shape }, async (rt) => {
      const pkg = rt.require('addpkg');
      const shapes = [(await pkg.load()).shape, (await pkg.load('add.wasm.br')).shape];
      assert.deepEqual(shapes, [shape, shape]);
      assert.deepEqual(rt.wasmLoads.map((l) => [l.path, l.ok]), [
        ['/miniprogram_npm/addpkg/add.wasm', true], ['/miniprogram_npm/addpkg/add.wasm.br', true]]);
    });
  }
});

test('wasm verdicts are cached per path, size and mtime', async () => {
  const root = await fixtureRoot();
  const file = path.join(root, 'miniprogram_npm/addpkg/cached.wasm');
  fs.writeFileSync(file, await wat2wasm(ADD));
  await withRuntime({}, async (rt) => {
    const load = () => rt.require('addpkg').load('cached.wasm');
    const checks = stats.checks;
    await load();
    await load();
    assert.equal(stats.checks, checks + 1);
    fs.writeFileSync(file, await wat2wasm('(module (func (export "add") (param i32 i32) (result i32) local.get 0))'));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal((await load()).exports.add(7, 1), 7);
    assert.equal(stats.checks, checks + 2);
  });
});

test('the page context has only the allowed globals', async () => {
  await withRuntime({}, async (rt) => {
    const names = inContext(rt, 'Object.getOwnPropertyNames(this)');
    for (const n of ['WebAssembly', 'globalThis', 'SharedArrayBuffer', 'TextDecoder', 'process', 'require', 'queueMicrotask']) {
      assert.ok(!names.includes(n), n);
    }
    for (const n of ['wx', 'WXWebAssembly', 'getApp', 'console', 'setTimeout', 'clearInterval', 'Promise', 'Uint8Array']) {
      assert.ok(names.includes(n), n);
    }
    assert.throws(() => inContext(rt, 'eval("1")'), /Code generation from strings disallowed/);
    assert.throws(() => rt.require('fs'), { message: "module 'fs' is not defined" });
  });
});

test('getRandomValues: maximum length, delay, and no answer after dispose', async () => {
  await withRuntime({ randomDelayMs: 30 }, async (rt) => {
    const wx = inContext(rt, 'wx');
    const started = Date.now();
    const res = await new Promise((resolve, reject) => wx.getRandomValues({ length: 1048576, success: resolve, fail: reject }));
    assert.ok(Date.now() - started >= 25);
    assert.equal(res.randomValues.byteLength, 1048576);
    assert.deepEqual(rt.random, { calls: 1, bytes: 1048576 });
    let answered = false;
    wx.getRandomValues({ length: 8, complete: () => { answered = true; } });
    rt.dispose();
    await sleep(60);
    assert.equal(answered, false);
  });
});

test('requestPayment keeps a deep copy of what the page passed', async () => {
  await withRuntime({ pay: 'cancel' }, async (rt) => {
    const wx = inContext(rt, 'wx');
    const params = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's', extra: { deep: [1] } };
    const res = await new Promise((resolve) => wx.requestPayment({ ...params, fail: resolve }));
    params.extra.deep.push(2);
    assert.equal(res.errMsg, 'requestPayment:fail cancel');
    assert.deepEqual(rt.payments, [{ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's', extra: { deep: [1] } }]);
  });
});

test('installPackage copies a folder into miniprogram_npm', async () => {
  await withRuntime({}, async (rt) => {
    rt.installPackage(path.join(rt.root, 'miniprogram_npm/addpkg'), 'copied');
    assert.equal((await rt.require('copied').load('../copied/add.wasm.br')).exports.add(1, 2), 3);
    assert.throws(() => rt.installPackage(__dirname, '../escape'), /bad package name/);
  });
});

test('showModal: strings only, confirmText/cancelText at most 4 characters, answered as setModalMode says', async () => {
  await withRuntime({}, async (rt) => {
    const wx = inContext(rt, 'wx');
    // Answers are objects of the page's realm: compared as JSON.
    const call = (o) => new Promise((resolve) => wx.showModal({ ...o, success: (r) => resolve(['ok', JSON.parse(JSON.stringify(r))]), fail: (r) => resolve(['fail', JSON.parse(JSON.stringify(r))]) }));
    assert.deepEqual(await call({ title: 't', confirmText: '确认支付啊' }), ['fail', { errMsg: 'showModal:fail confirmText length should not larger than 4 Chinese characters' }]);
    assert.deepEqual(await call({ title: 1 }), ['fail', { errMsg: 'showModal:fail parameter.title should be String' }]);
    assert.deepEqual(rt.modals, [], 'refused dialogs are not shown');
    const [, yes] = await call({ title: '模拟支付', content: 'c', confirmText: '确认支付' });
    assert.deepEqual([yes.confirm, yes.cancel, yes.errMsg], [true, false, 'showModal:ok']);
    rt.setModalMode('cancel');
    const [, no] = await call({ title: '模拟支付' });
    assert.deepEqual([no.confirm, no.cancel], [false, true]);
    assert.deepEqual(rt.modals.map((m) => m.title), ['模拟支付', '模拟支付']);
    assert.throws(() => rt.setModalMode('maybe'), /unknown modal mode/);
  });
});

test('setClipboardData takes a string and records it; system info follows platform and sdkVersion', async () => {
  await withRuntime({ platform: 'android', sdkVersion: '2.20.1' }, async (rt) => {
    const wx = inContext(rt, 'wx');
    const copy = (data) => new Promise((resolve) => wx.setClipboardData({ data, success: resolve, fail: resolve }));
    assert.equal((await copy(42)).errMsg, 'setClipboardData:fail parameter.data should be String');
    assert.equal((await copy('report')).errMsg, 'setClipboardData:ok');
    assert.deepEqual(rt.clipboard, ['report']);
    assert.equal(wx.getSystemInfoSync().platform, 'android');
    assert.equal(wx.getDeviceInfo().platform, 'android');
    assert.equal(wx.getAppBaseInfo().SDKVersion, '2.20.1');
  });
  await withRuntime({ sdkVersion: '2.20.0' }, async (rt) => {
    assert.equal(inContext(rt, 'typeof wx.getDeviceInfo + typeof wx.getAppBaseInfo'), 'undefinedundefined');
  });
});

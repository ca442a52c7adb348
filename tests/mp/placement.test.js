'use strict';
// Where the package lands and what it is handed, beyond the default layout: npm built
// into a subpackage root (the module is not at the default path: the error says where it
// is likely to be and that init({ wasmPath }) is the fix), and 云开发's
// cloud.cloudPay.unifiedOrder `payment`, which requestPayment takes unchanged.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, after } = require('node:test');
const { createRuntime } = require('./simulator');

const REPO = path.resolve(__dirname, '../..');
const SUB = '/packageA';
const SUB_WASM = `${SUB}/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br`;
// WeChat's documented re-sign example, from the shared vectors.
const OFFICIAL = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors/pay.json'), 'utf8'))
  .cases.find((c) => c.name === 'official mini-program re-sign example, MD5');
const roots = [];
after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A code package where 构建npm ran in the subpackage root `packageA/` only. */
function subpackageCodePackage() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-sub-'));
  roots.push(root);
  fs.cpSync(path.join(REPO, 'pkg/miniprogram'), path.join(root, SUB.slice(1), 'miniprogram_npm/wxpay-wasm'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app.js'), 'App({});\n');
  return root;
}

async function withRuntime(options, fn) {
  const rt = createRuntime(options);
  try {
    return await fn(rt);
  } finally {
    rt.dispose();
  }
}

test('npm built into a subpackage: the default path fails with the likely places and the fix; wasmPath loads it', async () => {
  await withRuntime({ root: subpackageCodePackage() }, async (rt) => {
    // What `require('wxpay-wasm')` resolves to in a page of the subpackage.
    const wxpay = rt.require(`${SUB}/miniprogram_npm/wxpay-wasm/index.js`);
    const error = await wxpay.init().then(() => null, (e) => e);
    assert.ok(error, 'init() with the default path rejects');
    assert.equal(error.code, 'LoadFailed');
    assert.ok(error instanceof wxpay.WxPayError);
    for (const part of [
      'WXWebAssembly.instantiate(/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br) failed',
      'subpackage root',
      '/<subpackage root>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br',
      'miniprogramRoot',
      'init({ wasmPath })',
      '构建npm',
    ]) {
      assert.ok(error.message.includes(part), `message names ${JSON.stringify(part)}: ${error.message}`);
    }
    assert.deepEqual(rt.wasmLoads.map((l) => [l.path, l.ok]), [['/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br', false]]);

    // The fix the message names, in the same instance (a failed init may be retried).
    await wxpay.init({ wasmPath: SUB_WASM });
    const { appId, prepayId, key, signType, timeStamp, nonceStr } = OFFICIAL;
    const params = wxpay.buildPayParams({ appId, prepayId, key, signType, timeStamp, nonceStr });
    assert.deepEqual({ ...params }, OFFICIAL.expected);
    assert.deepEqual(rt.wasmLoads.map((l) => l.ok), [false, true]);
  });
});

test('a wasmPath given and wrong: the message asks about wasmPath, not about subpackages', async () => {
  await withRuntime({ root: subpackageCodePackage() }, async (rt) => {
    const wxpay = rt.require(`${SUB}/miniprogram_npm/wxpay-wasm/index.js`);
    const error = await wxpay.init({ wasmPath: '/packageB/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br' }).then(() => null, (e) => e);
    assert.equal(error && error.code, 'LoadFailed');
    assert.match(error.message, /^WXWebAssembly\.instantiate\(\/packageB\/.*\) failed: .*Is wasmPath where 构建npm put wxpay_wasm_bg\.wasm\.br\?/);
    assert.ok(!error.message.includes('subpackage root'), error.message);
  });
});

// cloud.cloudPay.unifiedOrder resolves an object whose `payment` "is what wx.requestPayment
// needs" (docs/runtime.md, 云开发). Its exact field list is not documented: an appId
// (reported by users) and any other field must not reach wx.requestPayment.
test('云开发: requestPayment takes cloudPay.unifiedOrder().payment unchanged; exactly the five fields reach wx', async () => {
  await withRuntime({ root: subpackageCodePackage() }, async (rt) => {
    const wxpay = rt.require(`${SUB}/miniprogram_npm/wxpay-wasm/index.js`);
    const payment = { appId: OFFICIAL.appId, ...OFFICIAL.expected, subMchId: '1900009231' };
    const unifiedOrderResult = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', payment };
    const before = JSON.stringify(payment);
    const res = await wxpay.requestPayment(unifiedOrderResult.payment);
    assert.equal(res.errMsg, 'requestPayment:ok');
    assert.deepEqual(rt.payments, [OFFICIAL.expected]);
    assert.deepEqual(Object.keys(rt.payments[0]).sort(), ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    assert.equal(JSON.stringify(payment), before, 'the payment object is not changed');
    assert.equal(rt.wasmLoads.length, 0, 'no module, no init() needed');
  });
});

'use strict';
// The DevTools stand-in and the 诊断 page's logic inside the mini-program runtime, in the Node
// simulator and in JavaScriptCore with the JIT off (suites/devtools-suite.js), and the 诊断
// page's vectors against tests/vectors. Needs miniprogram/miniprogram_npm (./build.sh makes it).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, after } = require('node:test');
const { runSuiteInNode, runSuiteInJsc } = require('../tests/mp/harness/node');
const { codePackage, diagnose } = require('./flow');
const { render, OUT } = require('./make-diag-vectors');

const SUITE = path.join(__dirname, 'suites', 'devtools-suite.js');
const NPM = path.join(__dirname, 'miniprogram', 'miniprogram_npm');
let root = null;
const options = () => {
  root = root || codePackage(NPM);
  return { root, platform: 'devtools' };
};
after(() => root && fs.rmSync(root, { recursive: true, force: true }));

runSuiteInNode(SUITE, options, { entryFiles: ['/app.js'] });
runSuiteInJsc(SUITE, () => ({ ...options(), entryFiles: ['/app.js'] }));

test('miniprogram/diag-vectors.js is what make-diag-vectors.js makes from tests/vectors', () => {
  assert.equal(fs.readFileSync(OUT, 'utf8'), render(), 'run: node miniprogram-demo/make-diag-vectors.js');
});

test('诊断 reads the split wx.getAppBaseInfo / wx.getDeviceInfo where the base library has them (2.20.1+)', async () => {
  const r = await diagnose({ miniprogramNpm: NPM, platform: 'android', sdkVersion: '3.4.0' });
  assert.ok(r.ok, r.text);
  assert.match(r.text, /设备 \(wx\.getAppBaseInfo \+ wx\.getDeviceInfo\):\n  基础库 SDKVersion: 3\.4\.0\n  平台 platform: android\n  系统 system: Android 12\n  微信版本 version: 8\.0\.50\n  品牌 brand: HUAWEI\n  型号 model: ELS-AN00\n/);
});

test('诊断 in a fresh runtime times the first load and init() (nothing loaded the module before)', async () => {
  const r = await diagnose({ miniprogramNpm: NPM });
  assert.ok(r.ok, r.text);
  assert.deepEqual(Array.from(r.timings, (t) => t[0]), ['加载 require', 'init()', '首次 buildPayParams', 'nonce() ×64']);
  for (const [label, ms] of r.timings) assert.ok(Number.isInteger(ms) && ms >= 0, label);
  assert.match(r.text, /平台 platform: ios/);
});

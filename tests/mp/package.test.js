'use strict';
// pkg/ as a mini-program gets it from 构建npm, run by wxpay-suite.js in the simulator
// (both result shapes of WXWebAssembly.instantiate) and in JavaScriptCore with the JIT off.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after } = require('node:test');
const { runSuiteInNode, runSuiteInJsc } = require('./harness/node');

const REPO = path.resolve(__dirname, '../..');
const SUITE = path.join(__dirname, 'suites/wxpay-suite.js');
const roots = [];

/** A code package holding pkg/miniprogram where 构建npm puts it, plus the shared vectors. */
function makeCodePackage() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-mp-'));
  roots.push(root);
  fs.cpSync(path.join(REPO, 'pkg/miniprogram'), path.join(root, 'miniprogram_npm/wxpay-wasm'), { recursive: true });
  const vectors = (file) => JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors', file), 'utf8')).cases;
  fs.writeFileSync(
    path.join(root, 'test-vectors.js'),
    `module.exports = ${JSON.stringify({ sign: vectors('sign.json'), pay: vectors('pay.json'), virtual: vectors('virtual_payment.json') })};\n`,
  );
  fs.writeFileSync(path.join(root, 'app.js'), 'App({});\n');
  return root;
}

after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

for (const resultShape of ['instance', 'object']) {
  runSuiteInNode(SUITE, () => ({ root: makeCodePackage(), resultShape }), {
    label: `simulator (instantiate resolves ${resultShape === 'object' ? '{instance, module}' : 'the Instance'})`,
    timeoutMs: 60000,
  });
}

runSuiteInJsc(SUITE, () => ({ root: makeCodePackage(), resultShape: 'object', randomBytes: 600000, caseTimeoutMs: 120000, timeoutMs: 600000 }));

// 虚拟支付's sheet on a base library that has it (wxpay-suite.js runs 2.15.0, which has not).
const VIRTUAL_SUITE = path.join(__dirname, 'suites/virtual-payment-suite.js');
runSuiteInNode(VIRTUAL_SUITE, () => ({ root: makeCodePackage(), sdkVersion: '3.4.2' }), { label: 'simulator, base library 3.4.2: virtual-payment-suite.js' });
runSuiteInJsc(VIRTUAL_SUITE, () => ({ root: makeCodePackage(), sdkVersion: '3.4.2', caseTimeoutMs: 120000, timeoutMs: 600000 }));

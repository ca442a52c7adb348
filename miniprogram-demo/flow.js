'use strict';
// The demo, headless: the WeChat Pay emulator and the backend on loopback, and the
// pay page running inside the mini-program runtime simulator (tests/mp), where
// wx.request reaches the backend and wx.requestPayment reaches the emulator, as the
// WeChat client would reach WeChat Pay.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRuntime } = require('../tests/mp/simulator');
const { mountComponent } = require('../tests/mp/harness/page');
const demoConfig = require('./miniprogram/demo-config');
const { startEmulator } = require('./server/emulator');
const { startBackend } = require('./server/backend');
const { demoKeysV3 } = require('./server/keys-v3');
const { request } = require('./server/http-util');

const MINIPROGRAM = path.join(__dirname, 'miniprogram');

/** A code package: the demo's miniprogram/ with miniprogram_npm/ as 构建npm makes it. */
function codePackage(miniprogramNpm) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-demo-'));
  fs.cpSync(MINIPROGRAM, root, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|miniprogram_npm)$/.test(src),
  });
  fs.cpSync(miniprogramNpm, path.join(root, 'miniprogram_npm'), { recursive: true });
  return root;
}

/** demo-config on ephemeral ports, with `overrides` for the tests (e.g. a wrong key). */
function configWith(overrides = {}) {
  const base = JSON.parse(JSON.stringify(demoConfig));
  return Object.assign(base, { httpTimeoutMs: 3000 }, overrides, {
    emulator: Object.assign({}, base.emulator, { port: 0, notifyRetryDelaysMs: [] }, overrides.emulator),
    backend: Object.assign({}, base.backend, { port: 0 }, overrides.backend),
  });
}

async function httpJson(method, url, body) {
  const r = await request(url, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    timeoutMs: 5000,
  });
  return { status: r.status, json: JSON.parse(r.body) };
}

/**
 * Starts everything. `miniprogramNpm`: the miniprogram_npm folder to use (packNpm's
 * output). `config`: overrides of demo-config for all; `backendConfig` (its `v3`: the
 * backend's API v3 keys, from `keysV3`) and
 * `pageConfig`: for the backend or the page alone (a wrong key on one side).
 * `platform`: what wx.getSystemInfoSync() reports ('devtools' turns the simulated sheet on);
 * `page`: the page to mount, 'pay', 'transfer' (商家转账) or 'drama' (虚拟支付);
 * `sdkVersion`: the base library's version (3.3.0 for the transfer page, else the simulator's
 * default, when not given). `onStep(text)` sees the page's steps and the servers' log lines.
 */
async function startDemo({ miniprogramNpm, config: overrides, backendConfig, pageConfig, platform, page: pageName = 'pay', sdkVersion, keysV3 = demoKeysV3(), onStep = () => {} } = {}) {
  // keysV3: API v3 keys, made now and held in memory only (a test may pass its own).
  const config = configWith(overrides);
  const log = (text) => onStep(text);
  const emulator = await startEmulator({ port: 0, config: Object.assign({}, config, { v3: keysV3.emulator }), log });
  let backend;
  try {
    const backendSees = Object.assign({}, config, { v3: keysV3.backend }, backendConfig);
    backend = await startBackend({ port: 0, emulatorUrl: emulator.url, config: backendSees, log });
  } catch (e) {
    await emulator.close();
    throw e;
  }
  const root = codePackage(miniprogramNpm);
  if (pageConfig) {
    const file = path.join(root, 'demo-config.js');
    fs.writeFileSync(file, `module.exports = ${JSON.stringify(Object.assign({}, demoConfig, pageConfig))};\n`);
  }
  const runtime = createRuntime({
    root,
    platform, // 'devtools': the demo's simulated payment sheet (demo-sheet.js) replaces WeChat's
    // wx.requestMerchantTransfer came with base library 3.3.0, wx.requestVirtualPayment with 2.19.2.
    sdkVersion: sdkVersion || (pageName === 'transfer' ? '3.3.0' : undefined),
    request: async ({ url, method, body }) => {
      const r = await request(url, { method, body, headers: { 'Content-Type': 'application/json' }, timeoutMs: 5000 });
      return { statusCode: r.status, text: r.body };
    },
    // What the WeChat client does with the five params: WeChat Pay checks paySign
    // against the order's appId and key (the emulator's /pay/confirm).
    // 虚拟支付's sheet: WeChat checks paySig and signature (the emulator's /xpay/confirm).
    pay: async (params, api) => {
      if (api === 'requestVirtualPayment') {
        const r = await httpJson('POST', `${emulator.url}/xpay/confirm`, params);
        return { ok: r.json.errMsg === 'requestVirtualPayment:ok', errMsg: r.json.errMsg, errCode: r.json.errCode };
      }
      const r = await httpJson('POST', `${emulator.url}/pay/confirm`, Object.assign({ appId: config.appId }, params));
      return { ok: r.json.errMsg === 'requestPayment:ok', errMsg: r.json.errMsg };
    },
  });
  // What the WeChat client does when the user confirms a transfer: WeChat Pay checks the
  // three fields against the bill (the emulator's /transfer/confirm).
  runtime.setTransferMode(async (params) => {
    const r = await httpJson('POST', `${emulator.url}/transfer/confirm`, params);
    return { ok: r.json.errMsg === 'requestMerchantTransfer:ok', errMsg: r.json.errMsg };
  });
  runtime.require('/app.js');
  Object.assign(runtime.context.getApp().globalData, { backendUrl: backend.url, emulatorUrl: emulator.url });
  runtime.require(`/pages/${pageName}/index.js`);
  let shown = 0;
  const page = mountComponent(runtime.components[0], (patch, data) => {
    while (shown < data.steps.length) onStep(`[page] ${data.steps[shown++]}`);
    if (patch.steps && patch.steps.length === 0) shown = 0;
  });
  return {
    page,
    runtime,
    backend,
    emulator,
    config,
    keysV3,
    /** The backend's view of a withdrawal (商家转账). */
    withdrawal: async (no) => (await httpJson('GET', `${backend.url}/api/transfers/${encodeURIComponent(no)}`)).json,
    /** The backend's view of an order. */
    order: async (id) => (await httpJson('GET', `${backend.url}/api/orders/${encodeURIComponent(id)}`)).json,
    /** The backend's view of a 虚拟支付 order. */
    virtualOrder: async (id) => (await httpJson('GET', `${backend.url}/api/virtual/orders/${encodeURIComponent(id)}`)).json,
    /** Re-sends the emulator's last notification of an order; → the backend's answer. */
    replayNotify: async (id, fresh) => (await httpJson('POST', `${emulator.url}/test/replay-notify`, { orderId: id, fresh })).json,
    /** Sends a forged or invalid notification (the emulator's variants); → the backend's answer. */
    forgeNotify: async (id, variant) => (await httpJson('POST', `${emulator.url}/test/forge-notify`, { orderId: id, variant })).json,
    async close() {
      runtime.dispose();
      await backend.close();
      await emulator.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls the backend until the order is paid (the notification lands after the ok). */
async function waitPaid(demo, orderId, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const o = await demo.order(orderId);
    if (o.status === 'SUCCESS') return o;
    await new Promise((r) => setTimeout(r, 20));
  }
  return demo.order(orderId);
}

/**
 * The 诊断 page's checks (miniprogram/diag.js) in the mini-program simulator, on a fresh code
 * package → diag.run's result ({ok, checks, timings, phone, text}). `runtimeOptions`: platform,
 * sdkVersion… of createRuntime.
 */
async function diagnose({ miniprogramNpm, ...runtimeOptions }) {
  const root = codePackage(miniprogramNpm);
  const runtime = createRuntime({ root, ...runtimeOptions });
  try {
    runtime.require('/app.js');
    return await runtime.require('/diag.js').run(runtime.context.wx, () => runtime.require('wxpay-wasm'));
  } finally {
    runtime.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { startDemo, waitPaid, codePackage, diagnose };

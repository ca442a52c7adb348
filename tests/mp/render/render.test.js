'use strict';
// The demo's pages as WeChat DevTools renders them: WeChat's miniprogram-simulate compiles the
// WXML with the official compiler (wcc) and runs the pages on j-component (exparser, setData,
// bindings) in a jsdom document. The page harness in tests/mp skips all of that, so a
// misspelt `bindtap` only shows here (the last test proves it does).
//
// The pay page runs as in DevTools: app.js installs the simulated sheet (platform
// 'devtools'), wx.request reaches the demo's backend and WeChat Pay emulator on loopback.
// As after 构建npm, require('wxpay-wasm') is the package's miniprogram/ folder and
// WXWebAssembly loads its .wasm.br by its path in the project (the mock below).
//   cd tests/mp/render && npm ci && node --test   (needs no miniprogram_npm)
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const { test, before, after } = require('node:test');
const { JSDOM } = require('jsdom');

// j-component builds DOM nodes and dispatches DOM events: jsdom's, not Node's own Event classes.
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
for (const name of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'EventTarget', 'TouchEvent', 'MouseEvent']) {
  Object.defineProperty(global, name, { value: dom.window[name], configurable: true, writable: true });
}
const simulate = require('miniprogram-simulate');

const REPO = path.resolve(__dirname, '../../..');
const DEMO = path.join(REPO, 'miniprogram-demo');
const demoConfig = require(path.join(DEMO, 'miniprogram', 'demo-config'));
const { startEmulator } = require(path.join(DEMO, 'server', 'emulator'));
const { startBackend } = require(path.join(DEMO, 'server', 'backend'));
const { demoKeysV3 } = require(path.join(DEMO, 'server', 'keys-v3'));
const { request } = require(path.join(DEMO, 'server', 'http-util'));

const wx = global.wx; // miniprogram-simulate's mock of the wx API
const seen = { modals: [], clipboard: [] };
const MISSPELL = process.env.WXPAY_RENDER_MISSPELL === '1';
const app = { globalData: {} };
const roots = [];
let servers = null;

/**
 * A copy of the demo's miniprogram/ with the package's miniprogram/ folder where 构建npm
 * puts it (miniprogram_npm/wxpay-wasm), which the page's require('wxpay-wasm') finds.
 */
function copyOfDemo() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-render-'));
  roots.push(root);
  fs.cpSync(path.join(DEMO, 'miniprogram'), root, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|miniprogram_npm)$/.test(src),
  });
  const built = path.join(REPO, 'pkg', 'miniprogram');
  for (const dir of ['miniprogram_npm', 'node_modules']) {
    fs.mkdirSync(path.join(root, dir));
    fs.symlinkSync(built, path.join(root, dir, 'wxpay-wasm'), 'dir');
  }
  // WXWebAssembly as in DevTools: a path in the project, brotli modules decompressed.
  global.WXWebAssembly = {
    instantiate: (wasmPath, imports) =>
      WebAssembly.instantiate(zlib.brotliDecompressSync(fs.readFileSync(path.join(root, wasmPath))), imports).then((r) => r.instance),
  };
  if (MISSPELL) {
    const file = path.join(root, 'pages', 'pay', 'index.wxml');
    const wxml = fs.readFileSync(file, 'utf8');
    if (!wxml.includes('bindtap="onPay"')) throw new Error('the pay page has no bindtap="onPay" to misspell');
    fs.writeFileSync(file, wxml.replace('bindtap="onPay"', 'bindtap="onPya"'));
  }
  require(path.join(root, 'app.js')); // installs the simulated sheet on the mock wx
  return root;
}

function mount(root, page) {
  const id = simulate.load(path.join(root, 'pages', page, 'index'), { rootPath: root, compiler: 'official' });
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ');

/** Waits until `pattern` is on screen (and `also()` holds) → the screen's text. */
async function waitForText(comp, pattern, ms = MISSPELL ? 2000 : 10000, also = () => true) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (pattern.test(text(comp)) && also()) return text(comp);
    await simulate.sleep(20);
  }
  throw new Error(`${pattern} never appeared on screen; the screen says: ${text(comp)}`);
}

before(async () => {
  // The mock's getRandomValues gives zero bytes (the 诊断 page's nonce check caught it); DevTools'
  // are random.
  wx.getRandomValues = (o) => setTimeout(() => o.success({ randomValues: crypto.randomBytes(o.length).buffer, errMsg: 'getRandomValues:ok' }), 0);
  const config = Object.assign(JSON.parse(JSON.stringify(demoConfig)), { httpTimeoutMs: 3000 });
  config.emulator = Object.assign({}, config.emulator, { notifyRetryDelaysMs: [] });
  const keysV3 = demoKeysV3(); // the API v3 mode's keys, as flow.js makes them
  const emulator = await startEmulator({ port: 0, config: Object.assign({}, config, { v3: keysV3.emulator }) });
  const backend = await startBackend({ port: 0, emulatorUrl: emulator.url, config: Object.assign({}, config, { v3: keysV3.backend }) });
  servers = { emulator, backend };
  Object.assign(app.globalData, { backendUrl: backend.url, emulatorUrl: emulator.url });
  global.getApp = () => app;
  global.App = () => {};
  // What DevTools reports about itself.
  const systemInfo = wx.getSystemInfoSync();
  const deviceInfo = wx.getDeviceInfo();
  wx.getSystemInfoSync = () => Object.assign({}, systemInfo, { platform: 'devtools' });
  wx.getDeviceInfo = () => Object.assign({}, deviceInfo, { platform: 'devtools' });
  // wx.request over loopback HTTP, JSON as wx.request hands it over.
  wx.request = (o) => {
    const body = o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
    request(o.url, { method: String(o.method || 'GET').toUpperCase(), body, headers: { 'Content-Type': 'application/json' }, timeoutMs: 5000 })
      .then((r) => {
        let data = r.body;
        try { data = JSON.parse(r.body); } catch { /* text stays text */ }
        if (o.success) o.success({ statusCode: r.status, data, header: {}, errMsg: 'request:ok' });
      }, (e) => { if (o.fail) o.fail({ errMsg: 'request:fail ' + e.message }); });
  };
  // DevTools on base library 3.3.0 has the transfer sheet (the mock has none); the demo's
  // simulated sheet replaces it, so WeChat's own is never reached.
  wx.requestMerchantTransfer = () => {
    throw new Error("WeChat's own transfer sheet was called: the demo's simulated sheet should have replaced it");
  };
  const showModal = wx.showModal;
  wx.showModal = (o) => { seen.modals.push(o.title); return showModal(o); };
  const setClipboardData = wx.setClipboardData;
  wx.setClipboardData = (o) => { seen.clipboard.push(o.data); return setClipboardData(o); };
});

after(async () => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  if (servers) {
    await servers.backend.close();
    await servers.emulator.close();
  }
});

test('pay page: a tap on 支付 in each mode ends with 支付成功 and the notification on screen; API v3\'s 退款 button refunds', async (t) => {
  const comp = mount(copyOfDemo(), 'pay');
  assert.match(text(comp), /支付 ¥0\.01/);
  const modes = comp.instance.data.modes;
  assert.ok(modes.length >= 2);
  for (const { value, label } of modes) {
    comp.querySelector('.modes').dispatchEvent('change', { detail: { value } });
    await simulate.sleep(0);
    assert.equal(comp.instance.data.mode, value, `bindchange selected ${label}`);
    const before = seen.modals.length;
    const previousOrder = comp.instance.data.orderId;
    comp.querySelector('.pay').dispatchEvent('tap');
    const screen = await waitForText(comp, /支付通知已到达/, undefined, () => comp.instance.data.orderId !== previousOrder);
    assert.match(screen, /支付成功/, label);
    assert.match(screen, /订单已支付 \(微信支付订单号 4200\d{24}\)/, label);
    // v2: uppercase hex; API v3: a base64 RSA signature (344 characters for RSA 2048).
    assert.match(screen, /paySign: ([0-9A-F]{32}|[A-Za-z0-9+/]{342}==)/, label);
    assert.deepEqual(seen.modals.slice(before), ['模拟支付 ¥0.01'], `${label}: one simulated sheet`);
    const order = servers.backend.orders.get(comp.instance.data.orderId);
    assert.equal(order.status, 'SUCCESS', label);
    assert.equal(!!comp.querySelector('.refund'), value === 'v3', `${label}: the 退款 button is API v3's`);
    t.diagnostic(`${label}: ${comp.instance.data.orderId} paid, screen: …${screen.slice(screen.indexOf('支付成功'), screen.indexOf('支付成功') + 90)}…`);
  }
  // The API v3 order: a tap on 退款, then the refund notification's result on screen.
  const orderId = comp.instance.data.orderId;
  assert.equal(servers.backend.orders.get(orderId).signType, 'RSA');
  comp.querySelector('.refund').dispatchEvent('tap');
  const screen = await waitForText(comp, /退款成功: 退款通知已到达 \(退款单号 R\w+\)/);
  assert.equal(servers.backend.orders.get(orderId).status, 'REFUND');
  assert.equal(!!comp.querySelector('.refund'), false, 'the 退款 button is gone once refunded');
  t.diagnostic(`API v3: ${orderId} refunded, screen: …${screen.slice(screen.indexOf('退款成功'), screen.indexOf('退款成功') + 40)}…`);
});

test('商家转账 page: a tap on 提现 ends with 提现成功 and the arrival on screen', async (t) => {
  const comp = mount(copyOfDemo(), 'transfer');
  assert.match(text(comp), /提现 ¥0\.30/);
  const before = seen.modals.length;
  comp.querySelector('.withdraw').dispatchEvent('tap');
  const screen = await waitForText(comp, /提现已到账/);
  assert.match(screen, /提现成功/);
  assert.match(screen, /提现已到账 \(转账单号 \d+\)/);
  assert.match(screen, /package: ABBQO\+oYAAABAAAAAAAk/);
  assert.deepEqual(seen.modals.slice(before), ['模拟收款 ¥0.30'], 'one simulated sheet');
  const no = comp.instance.data.outBillNo;
  assert.equal(servers.emulator.transfers.get(no).state, 'SUCCESS');
  t.diagnostic(`${no}: ${screen.slice(screen.indexOf('提现成功'), screen.indexOf('提现成功') + 60)}…`);
});

test('诊断 page: checks run on attach, the screen shows 全部通过, a tap on 复制报告 copies the report', async (t) => {
  const comp = mount(copyOfDemo(), 'diag');
  const screen = await waitForText(comp, /全部通过|有检查未通过/);
  assert.match(screen, /全部通过/, screen);
  assert.match(screen, /示例密钥/);
  assert.equal((screen.match(/通过 /g) || []).length >= 7, true);
  const before = seen.clipboard.length;
  comp.querySelector('.copy').dispatchEvent('tap');
  await waitForText(comp, /报告已复制/);
  const copied = seen.clipboard.slice(before);
  assert.equal(copied.length, 1);
  assert.match(copied[0], /^wxpay-wasm 诊断报告\n结果: 全部通过 \(7\/7\)\n/);
  assert.match(copied[0], /平台 platform: devtools/);
  t.diagnostic(copied[0].split('\n').slice(0, 3).join(' | '));
});

test('drama page (虚拟支付): a tap on 购买 ends with 支付成功 and 已发货 on screen', async (t) => {
  const comp = mount(copyOfDemo(), 'drama');
  assert.match(text(comp), /购买 ¥1\.00/);
  const before = seen.modals.length;
  comp.querySelector('.buy').dispatchEvent('tap');
  const screen = await waitForText(comp, /已发货/);
  assert.match(screen, /支付成功/);
  assert.match(screen, /已发货: 短剧《回家》第3集 已解锁 \(微信支付订单号 4200\d+\)/);
  assert.match(screen, /"outTradeNo":"DEMO\d{14}[A-Za-z0-9]{10}"/, 'the signed signData is on screen');
  assert.deepEqual(seen.modals.slice(before), ['模拟虚拟支付 ¥1.00'], 'one simulated sheet');
  t.diagnostic(`${comp.instance.data.orderId}: ${screen.slice(screen.indexOf('支付成功'), screen.indexOf('支付成功') + 60)}…`);
});

// WXPAY_RENDER_MISSPELL=1 renders a copy of the demo whose pay button says bindtap="onPya".
// The next test runs the pay-page test that way in a child process: wcc's compiled templates
// live in globals keyed by the page's relative path, so a second copy in this process would
// reuse the first one's template.

test('the pay-page test fails when the pay button\'s bindtap is misspelt (run against a mutated copy)', { skip: MISSPELL }, () => {
  const env = { ...process.env, WXPAY_RENDER_MISSPELL: '1' };
  delete env.NODE_TEST_CONTEXT; // a child of node --test would report to us instead of printing TAP
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', '--test-name-pattern=^pay page', __filename], {
    encoding: 'utf8',
    env,
    timeout: 60000,
  });
  assert.notEqual(r.status, 0, `the pay-page test passed with bindtap="onPya":\n${r.stdout}`);
  assert.match(r.stdout, /not ok 1 - pay page/);
  assert.match(r.stdout, /never appeared on screen/);
  assert.match(r.stdout, /# pass 0/);
});

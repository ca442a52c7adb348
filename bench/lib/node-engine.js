// Node: core.js inside the mini-program simulator's page realm (WXWebAssembly by path, no
// TextDecoder, so the glue decodes with utf8.js), the package loaded as on a device. A few
// host-realm references run in the same rounds: OpenSSL's MD5 through Node's crypto, and
// js-md5 and our Node entry (pkg/node: the wasm/web build, require('wxpay-wasm') in Node)
// outside the simulator (a vm realm's global lookups cost extra).
'use strict';
const crypto = require('node:crypto');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const vm = require('node:vm');
const { loadSimulator } = require('./simulator');
const { LIBS, wrap } = require('./libs');
const { PKG } = require('./codepkg');
const inputs = require('../page/inputs');
const helper = require('../page/pay-helper');

function mainRealmJsMd5() {
  const factory = vm.runInThisContext(`(function (module) {\n${wrap(LIBS.find((l) => l.id === 'js-md5'))}\n})`);
  const m = { exports: {} };
  factory(m);
  return m.exports({});
}

async function hostExtras() {
  const S = inputs.stringSignTemp;
  const md5 = mainRealmJsMd5();
  const nodeEntry = require(PKG); // package.json main: the Node entry
  await nodeEntry.init();
  const isPay = (r) => !!r && r.paySign === inputs.md5PaySign && r.package === `prepay_id=${inputs.request.prepayId}`;
  return [
    {
      group: 'hash', kind: 'native', id: 'hash.node-crypto', label: 'Node crypto.createHash (OpenSSL)',
      fn: () => crypto.createHash('md5').update(S).digest('hex'), expect: inputs.md5PaySign.toLowerCase(),
    },
    {
      group: 'pay', kind: 'ref', id: 'ref.js-md5.main', label: 'js-md5 pipeline, Node main realm (reference)',
      fn: () => helper.payParams(inputs.request, md5), ok: isPay,
    },
    {
      group: 'pay', kind: 'ref', id: 'ref.ours.node', label: 'wxpay-wasm buildPayParams via the Node entry (pkg/node, wasm/web build), main realm (reference)',
      fn: () => nodeEntry.buildPayParams(inputs.request), ok: isPay,
    },
  ];
}

async function runNode(root, config) {
  const { createRuntime } = loadSimulator();
  const runtime = createRuntime({ root });
  const host = { now: () => performance.now(), WebAssembly, TextEncoder, extras: await hostExtras() };
  try {
    const result = await runtime.require('/bench/core.js').run(host, config);
    return JSON.parse(JSON.stringify(result)); // out of the page realm
  } finally {
    runtime.dispose();
  }
}

module.exports = { runNode };

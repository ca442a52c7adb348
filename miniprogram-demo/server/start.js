#!/usr/bin/env node
// Starts the WeChat Pay v2 emulator and the demo backend on the ports of
// miniprogram/demo-config.js (loopback only) and prints every step. Ctrl-C stops both.
//   node start.js [--backend-port N] [--emulator-port N]
'use strict';

const config = require('../miniprogram/demo-config');
const { startEmulator } = require('./emulator');
const { startBackend } = require('./backend');
const { demoKeysV3 } = require('./keys-v3');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} takes a port number`);
  return n;
}

const log = (text, data) => console.log(new Date().toISOString(), text, data === undefined ? '' : JSON.stringify(data));

(async () => {
  const keysV3 = demoKeysV3(); // API v3 demo keys: made now, never written anywhere
  const emulator = await startEmulator({ port: arg('--emulator-port', config.emulator.port), config: Object.assign({}, config, { v3: keysV3.emulator }), log });
  const backend = await startBackend({ port: arg('--backend-port', config.backend.port), emulatorUrl: emulator.url, config: Object.assign({}, config, { v3: keysV3.backend }), log });
  console.log(`backend  ${backend.url}  (mini-program → here)`);
  console.log(`emulator ${emulator.url}  (WeChat Pay v2 and v3 stand-in; POST /pay/confirm for wx.requestPayment)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await backend.close();
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

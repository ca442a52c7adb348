// Helpers for the *.test.js files (not a test file itself).
'use strict';

const { request } = require('./http-util');
const demoConfig = require('../miniprogram/demo-config');
const { startEmulator } = require('./emulator');
const { startBackend } = require('./backend');

/** demo-config with ephemeral ports, short retries, and overrides. */
function testConfig(overrides = {}) {
  const base = JSON.parse(JSON.stringify(demoConfig));
  const emulator = Object.assign({}, base.emulator, { port: 0, notifyRetryDelaysMs: [] }, overrides.emulator || {});
  const backend = Object.assign({}, base.backend, { port: 0 }, overrides.backend || {});
  return Object.assign(base, { httpTimeoutMs: 3000 }, overrides, { emulator, backend });
}

/** Collects log lines; prints them only when WXPAY_DEMO_LOG is set. */
function logger() {
  const lines = [];
  const log = (text, data) => {
    lines.push({ text, data });
    if (process.env.WXPAY_DEMO_LOG) console.log(text, data === undefined ? '' : JSON.stringify(data));
  };
  return { log, lines };
}

async function startBoth(overrides = {}) {
  const config = testConfig(overrides);
  const { log, lines } = logger();
  const emulator = await startEmulator({ port: 0, config, log });
  let backend;
  try {
    backend = await startBackend({ port: 0, emulatorUrl: emulator.url, config: Object.assign({}, config, overrides.backendConfig || {}), log });
  } catch (e) {
    await emulator.close();
    throw e;
  }
  return {
    config, emulator, backend, lines,
    async close() {
      await backend.close();
      await emulator.close();
    },
  };
}

async function postJson(url, body) {
  const r = await request(url, {
    method: 'POST', body: JSON.stringify(body), timeoutMs: 5000,
    headers: { 'Content-Type': 'application/json' },
  });
  return { status: r.status, json: JSON.parse(r.body) };
}

async function getJson(url) {
  const r = await request(url, { method: 'GET', timeoutMs: 5000 });
  return { status: r.status, json: JSON.parse(r.body) };
}

async function postXml(url, text) {
  const r = await request(url, { method: 'POST', body: text, timeoutMs: 5000, headers: { 'Content-Type': 'text/xml' } });
  return r;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns a truthy value when done) at most `tries` times. */
async function waitFor(check, { tries = 100, delayMs = 20, what = 'condition' } = {}) {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v) return v;
    await sleep(delayMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

module.exports = { testConfig, logger, startBoth, postJson, getJson, postXml, sleep, waitFor };

'use strict';
// The lists of codes and signType names kept by hand outside Rust (test oracles, the
// simulator's stand-in for WeChat, the demo's servers) agree with what the Rust core
// generates into src/js/generated/wire.js, and the shim throws no code that nobody knows.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const REPO = path.resolve(__dirname, '../..');
const wire = require(path.join(REPO, 'src/js/generated/wire.js'));
const fuzz = require('./suites/fuzz-suite.js').fuzz;

const rustCodes = new Set(wire.ERRORS.slice(1).map((e) => e[0]));
const sorted = (list) => [...list].sort();

/** The array literal that follows `before` in a file's source, parsed. */
function listIn(file, before) {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const at = text.indexOf(before);
  assert.ok(at >= 0, `${file} has ${before}`);
  const m = /^\s*(\[[^\]]*\])/.exec(text.slice(at + before.length));
  assert.ok(m, `${file}: an array literal after ${before}`);
  return JSON.parse(m[1].replace(/'/g, '"'));
}

test("the fuzz oracle's shim-only codes are exactly the codes src/js/index.js (and pay-checks.js, inlined in it) throws that Rust does not have", () => {
  const thrown = new Set();
  const shim = ['src/js/index.js', 'src/js/pay-checks.js'].map((f) => fs.readFileSync(path.join(REPO, f), 'utf8')).join('\n');
  // Codes are quoted capitalised words (the style of src/js); WxPayError is the only other one.
  for (const m of shim.matchAll(/'([A-Z][A-Za-z]{3,})'/g)) if (m[1] !== 'WxPayError') thrown.add(m[1]);
  assert.deepEqual(sorted(fuzz.SHIM_CODES), sorted([...thrown].filter((c) => !rustCodes.has(c))));
  assert.deepEqual(sorted(fuzz.codesOf(wire)), sorted(new Set([...fuzz.SHIM_CODES, ...rustCodes])));
});

test("the fuzz oracle's API v3 paySign lengths are wire.js's", () => {
  assert.deepEqual(fuzz.RSA_SIGN_LENGTHS, wire.RSA_SIGN_LENGTHS);
});

test("the simulator's wx.requestPayment takes wire.js's signType names, API v3's too", () => {
  assert.deepEqual(listIn('tests/mp/harness/mp-env.js', 'var SIGN_TYPES ='), wire.SIGN_TYPES.concat([wire.V3_SIGN_TYPE]));
});

test("the demo's servers know the API v2 signType names wire.js has", () => {
  for (const file of ['miniprogram-demo/server/backend.js', 'miniprogram-demo/server/emulator.js']) {
    assert.deepEqual(listIn(file, 'const SIGN_TYPES = new Set('), wire.SIGN_TYPES, file);
  }
});

'use strict';
// Rust and Node side by side on 2,300 mutants of tests/vectors/v3.json that no one wrote
// down (tests/v3_differential.rs makes them, seeded, with the Rust core's outcome for
// each): Node must give the same value, or the same code and message, for every one —
// through the one-shot functions, a key set made once, and a fetch Headers.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, describe } = require('node:test');
const { v3, WxPayError } = require('wxpay-wasm');

const ROOT = path.join(__dirname, '..', '..');

/** The mutants, made by the Rust test (built already when cargo test ran before this). */
function mutants() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-differential-')), 'mutants.json');
  const run = spawnSync('cargo', ['test', '--quiet', '--features', 'v3', '--test', 'v3_differential'], {
    cwd: ROOT,
    env: { ...process.env, WXPAY_DIFFERENTIAL_OUT: out },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `cargo test --test v3_differential failed:\n${run.stdout}\n${run.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true });
  return doc;
}

/** The value, or `{error, message}` as the Rust test writes a refusal. */
function outcome(fn) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof WxPayError, `not a WxPayError: ${e && e.stack}`);
    return { error: e.code, message: e.message };
  }
}

describe('Rust and Node give the same answer to mutants of the v3 vectors', () => {
  const doc = mutants();
  const k = doc.keys;

  /** Every disagreement of a section, shown together (the first few in full). */
  function agree(section, run) {
    const cases = doc[section];
    assert.ok(cases.length >= 200, `${section}: ${cases.length} mutants`);
    const differ = [];
    for (const c of cases) {
      for (const [how, got] of run(c)) {
        try {
          assert.deepEqual(got, c.expected);
        } catch (e) {
          differ.push(`${c.name} (${how}): Rust ${JSON.stringify(c.expected)}, Node ${JSON.stringify(got)}`);
        }
      }
    }
    assert.equal(differ.length, 0, `${differ.length} disagreements, e.g.:\n${differ.slice(0, 5).join('\n')}`);
  }

  test('verify: headers, bodies, timestamps, serials, signatures and keys changed', () => {
    agree('verify', (c) => {
      const publicKeys = {};
      for (const { serial, pem } of c.publicKeys) publicKeys[serial] = pem;
      const args = { headers: c.headers, body: c.body, now: c.now };
      const runs = [['v3.verify', outcome(() => v3.verify({ ...args, publicKeys }))]];
      const set = outcome(() => v3.publicKeys(publicKeys));
      if (set.error) return runs; // the one-shot run gave the key's refusal
      runs.push(['publicKeys(...).verify', outcome(() => set.verify(args))]);
      // A fetch Headers joins a repeated name's values and takes printable ASCII only: the
      // mutants it can hold go through it too.
      const names = Object.keys(c.headers).map((n) => n.toLowerCase());
      if (names.length === new Set(names).size && Object.values(c.headers).every((v) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(v))) {
        runs.push(['Headers', outcome(() => set.verify({ ...args, headers: new Headers(c.headers) }))]);
      }
      return runs;
    });
  });

  test('decryptResource: algorithm, nonce, ciphertext, associated data and key changed', () => {
    agree('decrypt', (c) => [['v3.decryptResource', outcome(() => v3.decryptResource(c.resource, c.apiV3Key))]]);
  });

  test('the merchant private key: PEM from .env files, chains, certificates, paths', () => {
    agree('privateKeys', (c) => [
      ['v3.merchant', outcome(() => !!v3.merchant({ mchId: '1900000109', serialNo: k.merchantSerialNo, privateKey: c.pem }))],
    ]);
  });
});

'use strict';
// No committed file holds a key that could be real: key-like assignments are WeChat's
// documentation keys or say they are demo, test-only or deliberately wrong keys, and every
// PEM private key is a TEST-ONLY key of tests/vectors/v3.json (in any rendering: PKCS#8 or
// the PKCS#1 inside it, escaped, indented, CRLF) or labelled a dummy where it stands.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { REPO, trackedTextFiles } = require('./repo');

const DOCUMENTATION_KEYS = ['192006250b4c09247ec02edce69f6a2d', 'qazwsxedcrfvtgbyhnujmikolp111111'];
const files = trackedTextFiles();

/** Quoted tokens of 16 or more letters and digits that follow `key` and `:` or `=`. */
function keyAssignments(line) {
  const lower = line.replace(/[A-Z]/g, (c) => c.toLowerCase()); // ASCII only: offsets stay the same
  const found = [];
  for (let at = lower.indexOf('key'); at >= 0; at = lower.indexOf('key', at + 1)) {
    let rest = line.slice(at + 3).replace(/^["'\s]*/, '');
    if (rest[0] !== ':' && rest[0] !== '=') continue;
    rest = rest.slice(1).trimStart();
    const quote = rest[0];
    if (quote !== '"' && quote !== "'") continue;
    const end = rest.indexOf(quote, 1);
    if (end < 0) continue;
    const token = rest.slice(1, end);
    if (token.length >= 16 && /^[A-Za-z0-9]+$/.test(token)) found.push(token);
  }
  return found;
}

// Spelt in two pieces so that this file does not hold the marker it looks for.
const BEGIN = 'PRIVATE ' + 'KEY-----';

/**
 * Each PEM private key in `text`: its body without line breaks (real or JSON-escaped,
 * once or twice), quotes and commas (what stays the same wherever a key is pasted), and
 * whether the 160 characters before it call it a dummy, demo or test-only key. Mentions
 * of the header without a base64 body are skipped.
 */
function privateKeys(text) {
  const keys = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
    const rest = text.slice(at + BEGIN.length);
    const end = rest.indexOf('-----END');
    if (end < 0) continue;
    const body = rest.slice(0, end).replace(/\\+[rn]/g, '').replace(/[\s"',]/g, '');
    if (body.length < 100 || !/^[A-Za-z0-9+/=]+$/.test(body)) continue;
    const before = text.slice(Math.max(0, at - 160), at).toLowerCase();
    const labelled = ['dummy', 'demo', 'test-only', 'testonly', 'not-a-key'].some((w) => before.includes(w));
    keys.push([body, labelled]);
  }
  return keys;
}

/** Whether the key `body` is one of `keys` (bodies too): a PKCS#8 key holds its PKCS#1 form as is. */
function isOneOf(body, keys) {
  const der = Buffer.from(body, 'base64');
  return der.length >= 100 && keys.some((key) => Buffer.from(key, 'base64').includes(der));
}

test('the scan reads the repository', () => {
  assert.ok(files.length > 50, `only ${files.length} files read`);
});

test('no key that does not say it is a demo key', () => {
  const found = [];
  for (const [file, text] of files) {
    for (const line of text.split('\n')) {
      for (const token of keyAssignments(line)) {
        const lower = token.toLowerCase();
        const saysDemo = ['demo', 'wrong', 'forged', 'notreal', 'testonly'].some((w) => lower.includes(w));
        if (!DOCUMENTATION_KEYS.includes(token) && !saysDemo) found.push(`${file}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('every private key is a TEST-ONLY key of tests/vectors/v3.json or labelled a dummy', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/vectors/v3.json'), 'utf8'));
  assert.match(doc.comment, /^TEST-ONLY/, 'v3.json must say its keys are test-only');
  const testKeys = Object.values(doc.keys).flatMap((pem) => privateKeys(pem)).map(([body]) => body);
  assert.equal(testKeys.length, 3, 'v3.json holds three test-only private keys');
  let seen = 0;
  const unlabelled = [];
  for (const [file, text] of files) {
    for (const [body, labelled] of privateKeys(text)) {
      seen++;
      if (!labelled && !isOneOf(body, testKeys)) unlabelled.push(file);
    }
  }
  assert.deepEqual(unlabelled, []);
  assert.ok(seen >= 3, 'the scan did not even find v3.json\'s keys');
});

test('the key scanner finds assignments', () => {
  assert.deepEqual(keyAssignments('key: "abcdefDemoklmnop1234"'), ['abcdefDemoklmnop1234']);
  assert.deepEqual(keyAssignments('{"key": "abcdefDemoklmnop1234", "x": 1}'), ['abcdefDemoklmnop1234']);
  assert.deepEqual(keyAssignments("const apiKey = 'ABCDEFGHIJKLMNOPQRSTUVWXYZDEMO45';"), ['ABCDEFGHIJKLMNOPQRSTUVWXYZDEMO45']);
  assert.deepEqual(keyAssignments('key: "short"'), []);
  assert.deepEqual(keyAssignments('monkey business'), []);
});

test('a key is known in its PKCS#8 and PKCS#1 forms, and another key is not', () => {
  const pem = (key, type) => key.export({ type, format: 'pem' });
  const [a, b] = [0, 1].map(() => crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
  const [[known]] = privateKeys(pem(a, 'pkcs8'));
  assert.ok(isOneOf(privateKeys(pem(a, 'pkcs8'))[0][0], [known]));
  assert.ok(isOneOf(privateKeys(pem(a, 'pkcs1'))[0][0], [known]));
  assert.ok(!isOneOf(privateKeys(pem(b, 'pkcs8'))[0][0], [known]));
  assert.ok(!isOneOf(privateKeys(pem(b, 'pkcs1'))[0][0], [known]));
});

test('the private key scanner finds a pasted key', () => {
  // A made-up body, as a real key would look once pasted into a config file or a test.
  const body = Array.from({ length: 40 }, (_, i) => ['MIIEvAIBADANBgkqhkiG9w0B', 'AQEFAASC'][i % 2]).join('');
  const pem = `-----BEGIN ${BEGIN}\n${body.slice(0, 64)}\n${body.slice(64)}\n-----END PRIVATE KEY-----\n`;
  assert.deepEqual(privateKeys(pem), [[body, false]]);
  assert.deepEqual(privateKeys(`merchant_key = ${JSON.stringify(pem)}`), [[body, false]]); // as in a JSON file
  assert.deepEqual(privateKeys(JSON.stringify(JSON.stringify(pem.replaceAll('\n', '\r\n')))), [[body, false]]); // escaped twice, CRLF
  const labelled = `const DUMMY_KEY = [\n  '-----BEGIN RSA ${BEGIN}',\n  '${body}',\n  '-----END RSA'`;
  assert.deepEqual(privateKeys(labelled), [[body, true]]);
  assert.deepEqual(privateKeys('pass the PEM text (-----BEGIN PRIVATE KEY-----…-----END PRIVATE KEY-----)'), []);
});

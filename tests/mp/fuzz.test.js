'use strict';
// The JS boundary under random values, in the mini-program simulator: every argument of every
// export (suites/fuzz-suite.js makes the values inside the page realm and holds the oracle),
// checked against Node's crypto; init(options) in fresh runtimes; a 10,000-entry params object
// and 1 MB values, with the module's memory watched; and the same fuzzer, fewer cases, in
// JavaScriptCore with the JIT off.
//
//   WXPAY_FUZZ_SEED=<n>   replay a run (the seed is printed)     WXPAY_FUZZ_CASES=<n>  (default 20000)
//   WXPAY_FUZZ_PKG=<dir>  fuzz another build of the miniprogram folder (default pkg/miniprogram)
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { test, after } = require('node:test');
const { createRuntime } = require('./simulator');
const { runSuiteInJsc } = require('./harness/node');

const REPO = path.resolve(__dirname, '../..');
const SUITE = path.join(__dirname, 'suites/fuzz-suite.js');
const PKG = path.resolve(process.env.WXPAY_FUZZ_PKG || path.join(REPO, 'pkg/miniprogram'));
const CASES = Number(process.env.WXPAY_FUZZ_CASES || 20000);
const SEED = process.env.WXPAY_FUZZ_SEED !== undefined
  ? Number(process.env.WXPAY_FUZZ_SEED) >>> 0
  : crypto.randomBytes(4).readUInt32LE(0);
const INIT_CASES = 300;
const MEMORY_BOUND = 64 * 1024 * 1024;
const KEY = 'demoKeyNotARealMerchantKey000000'; // a demo key, not a merchant's
const MB = 1 << 20;

const roots = [];
after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A code package holding pkg/miniprogram where 构建npm puts it (as package.test.js makes it). */
function makeCodePackage() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-fuzz-'));
  roots.push(root);
  fs.cpSync(PKG, path.join(root, 'miniprogram_npm/wxpay-wasm'), { recursive: true });
  // The oracle's error codes: the generated tables the shipped script has inlined.
  fs.copyFileSync(path.join(REPO, 'src/js/generated/wire.js'), path.join(root, 'wire.js'));
  fs.writeFileSync(path.join(root, 'app.js'), 'App({});\n');
  return root;
}

const nodeHash = {
  md5: (s) => crypto.createHash('md5').update(s, 'utf8').digest('hex').toUpperCase(),
  hmac: (k, s) => crypto.createHmac('sha256', Buffer.from(k, 'utf8')).update(s, 'utf8').digest('hex').toUpperCase(),
};

// The glue keeps the instance to itself; WXWebAssembly.instantiate is wrapped (inside the
// page realm) to see the module's memory.
const WATCH_MEMORY = `(function (WX) {
  var seen = { memory: null };
  var instantiate = WX.instantiate;
  WX.instantiate = function (p, imports) {
    return instantiate(p, imports).then(function (r) {
      seen.memory = (r && r.instance ? r.instance : r).exports.memory;
      return r;
    });
  };
  return seen;
})(WXWebAssembly)`;

let sharedRoot = null;
function boot() {
  sharedRoot = sharedRoot || makeCodePackage();
  const runtime = createRuntime({ root: sharedRoot, resultShape: 'alternate' });
  const seen = vm.runInContext(WATCH_MEMORY, runtime.context);
  const suite = runtime.loadHarnessModule(SUITE);
  return { runtime, seen, fuzz: suite.fuzz, wxpay: runtime.require('wxpay-wasm') };
}

/** In the page realm: fn's source run there with the JSON args. */
function inRealm(runtime, fn, ...args) {
  return vm.runInContext(`(${fn.toString()}).apply(null, ${JSON.stringify(args)})`, runtime.context);
}

function naiveSign(entries, key, signType) {
  const kept = entries.filter(([k, v]) => k !== 'sign' && v !== '' && v !== null && v !== undefined)
    .map(([k, v]) => [k, String(v)])
    .sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  const temp = `${kept.map(([k, v]) => `${k}=${v}`).join('&')}&key=${key}`;
  return signType === 'MD5' ? nodeHash.md5(temp) : nodeHash.hmac(key, temp);
}

function isWxPayError(e) {
  return Object.prototype.toString.call(e) === '[object Error]' && e.name === 'WxPayError' && typeof e.code === 'string';
}

test(`JS-boundary fuzz: ${CASES} random calls of every export, checked against Node's crypto`, { timeout: 180000 }, async (t) => {
  t.diagnostic(`seed ${SEED} (replay: WXPAY_FUZZ_SEED=${SEED} node --test fuzz.test.js)`);
  const b = boot();
  try {
    await b.wxpay.init();
    const started = Date.now();
    const stats = await b.fuzz.run({ wxpay: b.wxpay, wire: b.runtime.require('/wire.js'), hash: nodeHash, seed: SEED, cases: CASES });
    const ms = Date.now() - started;
    t.diagnostic(`${stats.cases} cases in ${ms} ms, ${stats.checkpoints} checkpoints (official vectors re-signed)`);
    t.diagnostic(`by function: ${JSON.stringify(stats.byFunction)}`);
    t.diagnostic(`outcomes: ${JSON.stringify(stats.outcomes)}`);
    t.diagnostic(`wasm memory after the run: ${b.seen.memory.buffer.byteLength} bytes`);
    assert.equal(stats.cases, CASES);
    if (!process.env.WXPAY_FUZZ_CASES) assert.ok(stats.cases >= 20000);
    // A dry pool is allowed now and then (the fuzzer makes nonces in bursts), not as a habit.
    assert.ok(stats.randomUnavailable <= stats.cases / 100, `RandomUnavailable ${stats.randomUnavailable} times`);
    assert.ok(b.seen.memory.buffer.byteLength < MEMORY_BOUND);
    if (stats.failures.length) {
      assert.fail(`seed ${SEED}: ${stats.failures.length} failing calls, by kind (first two of each):\n${b.fuzz.summary(stats)}`);
    }
  } finally {
    b.runtime.dispose();
  }
});

test(`init(options) fuzz: ${INIT_CASES} random options, each on a module not yet loaded`, { timeout: 120000 }, async (t) => {
  const problems = [];
  const outcomes = {};
  let b = null;
  for (let i = 0; i < INIT_CASES; i++) {
    b = b || boot();
    const c = b.fuzz.initCase((SEED + i * 7919) >>> 0);
    let outcome;
    let timer;
    try {
      await Promise.race([
        b.wxpay.init(c.options),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('init() did not settle within 2 s')), 2000); }),
      ]);
      outcome = { ok: true };
    } catch (e) {
      outcome = { e };
    } finally {
      clearTimeout(timer);
    }
    const expected = c.expected;
    const thenable = c.options !== null && typeof c.options === 'object' && /thenable|Promise/.test(c.shown);
    if (outcome.ok) {
      if (expected.codes && !thenable) problems.push(`#${i} init(${c.shown}) resolved, expected ${expected.codes.join('/')}`);
    } else {
      const e = outcome.e;
      if (!isWxPayError(e)) problems.push(`#${i} init(${c.shown}) rejected with ${b.fuzz.describe(e)} ${e && e.message !== undefined ? String(e.message).slice(0, 100) : ''} (no WxPayError)`);
      else if (!(expected.codes || []).concat(thenable ? ['InvalidOptions'] : []).includes(e.code)) {
        problems.push(`#${i} init(${c.shown}) rejected with ${e.code}: ${e.message}; expected ${expected.codes ? expected.codes.join('/') : 'success'}`);
      }
    }
    const name = outcome.ok ? 'resolved' : (outcome.e && outcome.e.code) || 'raw';
    outcomes[name] = (outcomes[name] || 0) + 1;
    // Loaded or not, a plain init() now works and the module signs (every case on a failure:
    // a failed init must leave nothing half-done behind).
    if (!outcome.ok || i % 10 === 0) {
      try {
        await b.wxpay.init();
        const p = b.wxpay.buildPayParams(b.fuzz.OFFICIAL).paySign;
        if (p !== b.fuzz.OFFICIAL_PAY_SIGN) problems.push(`#${i} after init(${c.shown}): paySign ${p}`);
      } catch (e) {
        problems.push(`#${i} after init(${c.shown}) failed, init() then gives ${e && e.code}: ${e && e.message}`);
      }
    }
    b.runtime.dispose();
    b = null; // the module is loaded now: the next case needs a fresh page
  }
  t.diagnostic(`${INIT_CASES} init cases: ${JSON.stringify(outcomes)}`);
  if (problems.length) assert.fail(`${problems.length} problems:\n${problems.slice(0, 30).join('\n')}`);
});

test('10,000 entries and 1 MB values sign like Node crypto, and the module memory stays bounded', { timeout: 120000 }, async (t) => {
  const b = boot();
  try {
    await b.wxpay.init();
    const memory = () => b.seen.memory.buffer.byteLength;
    t.diagnostic(`wasm memory after init: ${memory()} bytes`);

    // Made inside the page realm: 10,000 names out of order, values of every allowed kind.
    const entries = inRealm(b.runtime, function (n) {
      var out = [];
      for (var i = 0; i < n; i++) {
        var j = (i * 7919) % n;
        var v = [j, '', 'v' + j, '腾讯' + j + '😀', null, ' a&b=c ' + j, undefined, 0][j % 8];
        out.push(['p' + ('0000' + j).slice(-5) + (j % 3 ? 'a' : 'A'), v]);
      }
      return out;
    }, 10000);
    const params = inRealm(b.runtime, function () { return {}; });
    entries.forEach(([k, v]) => { params[k] = v; });
    for (const type of ['MD5', 'HMAC-SHA256']) {
      const expected = naiveSign(entries, KEY, type);
      assert.equal(b.wxpay.sign(params, KEY, type), expected, `10,000 entries, ${type}`);
      params.sign = expected;
      assert.equal(b.wxpay.verify(params, KEY, type), true);
      delete params.sign;
    }
    t.diagnostic(`wasm memory after 10,000 entries: ${memory()} bytes`);

    // 1 MB values, ASCII and multi-byte, signed again and again: memory must settle.
    const values = inRealm(b.runtime, function (mb) {
      return ['x'.repeat(mb), '腾讯😀'.repeat(mb / 4), ('a&b=c\n' + '支付').repeat(mb / 8)];
    }, MB);
    const sizes = [];
    for (let round = 0; round < 24; round++) {
      const value = values[round % values.length];
      const type = round % 2 ? 'HMAC-SHA256' : 'MD5';
      const p = inRealm(b.runtime, function () { return { appid: 'wxd930ea5d5a258f4f', total_fee: 1 }; });
      p.detail = value;
      assert.equal(b.wxpay.sign(p, KEY, type), naiveSign([['appid', 'wxd930ea5d5a258f4f'], ['total_fee', 1], ['detail', value]], KEY, type), `1 MB round ${round}`);
      const big = b.wxpay.buildPayParams({ appId: 'wx' + 'a'.repeat(MB), prepayId: 'wx1', key: KEY, signType: type, timeStamp: '1490840662', nonceStr: 'abc' });
      assert.equal(big.paySign, naiveSign([['appId', 'wx' + 'a'.repeat(MB)], ['nonceStr', 'abc'], ['package', 'prepay_id=wx1'], ['signType', type], ['timeStamp', '1490840662']], KEY, type));
      sizes.push(memory());
      if (round % 4 === 3) await new Promise((r) => setTimeout(r, 0));
    }
    t.diagnostic(`wasm memory over 24 rounds of 1 MB signs: ${[...new Set(sizes)].join(' → ')} bytes`);
    assert.ok(Math.max(...sizes) < MEMORY_BOUND, `memory grew to ${Math.max(...sizes)}`);
    assert.equal(sizes[sizes.length - 1], sizes[5], 'memory keeps growing after the first rounds');
    assert.equal(b.wxpay.buildPayParams(b.fuzz.OFFICIAL).paySign, b.fuzz.OFFICIAL_PAY_SIGN);
  } finally {
    b.runtime.dispose();
  }
});

test("the plain-JS MD5 and HMAC-SHA256 (the oracle in jsc) agree with Node's crypto", () => {
  const b = boot();
  const h = b.fuzz.plainHash;
  const inputs = ['', 'a', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(1000), '腾讯😀&=\n', 'z'.repeat(MB)];
  const keys = ['k', KEY, 'K'.repeat(64), 'K'.repeat(65), '密钥'.repeat(40)];
  for (const s of inputs) {
    assert.equal(h.md5(s), nodeHash.md5(s), `md5 of ${s.length} units`);
    for (const k of keys) assert.equal(h.hmac(k, s), nodeHash.hmac(k, s), `hmac of ${s.length} units, key of ${k.length}`);
  }
  b.runtime.dispose();
});

test('init(options) with an options object that is a never-settling thenable settles, and does not block init()', { timeout: 10000 }, async () => {
  const b = boot();
  try {
    const hang = inRealm(b.runtime, function () { return { then: function () {} }; });
    const settle = (p, ms) => Promise.race([p.then(() => 'resolved', (e) => `rejected ${e && e.code}`), new Promise((r) => setTimeout(() => r('pending'), ms))]);
    const first = await settle(b.wxpay.init(hang), 500);
    const later = await settle(b.wxpay.init(), 2000);
    assert.equal(later, 'resolved', `init({then() {}}) was ${first}; a later init() is ${later}: one odd argument blocks loading for good`);
  } finally {
    b.runtime.dispose();
  }
});

// What the fuzzer found, each reduced to its smallest input. Values are made in the page realm.
test('regressions found by the JS-boundary fuzz', async (t) => {
  const b = boot();
  await b.wxpay.init();
  const w = b.wxpay;
  const make = (fn) => inRealm(b.runtime, fn);
  /** fn() must throw (or, for a promise, reject with) a WxPayError with one of `codes`. */
  async function expectCode(fn, codes) {
    let error = null;
    try {
      await fn();
    } catch (e) {
      error = e;
    }
    assert.ok(error !== null, `expected ${codes.join('/')}, nothing was thrown`);
    assert.ok(isWxPayError(error), `expected a WxPayError ${codes.join('/')}, got ${b.fuzz.describe(error)}: ${error && error.message !== undefined ? String(error.message) : ''}`);
    assert.ok(codes.includes(error.code), `code ${error.code}: ${error.message}`);
    assert.equal(w.buildPayParams(b.fuzz.OFFICIAL).paySign, b.fuzz.OFFICIAL_PAY_SIGN, 'the module keeps working');
  }
  const sub = (name, fn) => t.test(name, fn);

  await sub('a getter of params that throws a null-prototype object: sign says InvalidValue', () =>
    expectCode(() => w.sign(make(function () { return { get a() { throw Object.create(null); } }; }), KEY), ['InvalidValue']));
  await sub('a getter of params that throws an object whose message getter throws: sign says InvalidValue', () =>
    expectCode(() => w.sign(make(function () {
      return { get a() { throw { get message() { throw new Error('message getter'); } }; } };
    }), KEY), ['InvalidValue']));
  await sub('a Proxy whose ownKeys throws a null-prototype object: verify says InvalidValue', () =>
    expectCode(() => w.verify(make(function () { return new Proxy({}, { ownKeys: function () { throw Object.create(null); } }); }), KEY), ['InvalidValue']));
  await sub('a revoked Proxy as params: sign says InvalidValue', () =>
    expectCode(() => w.sign(make(function () { var p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }), KEY), ['InvalidValue']));
  await sub('a revoked Proxy as key: sign says InvalidKey', () =>
    expectCode(() => w.sign({ a: '1' }, make(function () { var p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })), ['InvalidKey']));
  await sub('a revoked Proxy as appId: buildPayParams says InvalidAppId', () =>
    expectCode(() => w.buildPayParams(make(function () {
      var p = Proxy.revocable({}, {});
      p.revoke();
      return { appId: p.proxy, prepayId: 'wx1', key: 'demoKeyNotARealMerchantKey000000' };
    })), ['InvalidAppId']));
  await sub('a request whose appId getter throws: buildPayParams says InvalidAppId or InvalidValue', () =>
    expectCode(() => w.buildPayParams(make(function () { return { get appId() { throw new Error('boom'); } }; })), ['InvalidAppId', 'InvalidValue']));
  const PAY_REQUEST_CODES = ['InvalidValue', 'InvalidAppId', 'InvalidPrepayId', 'InvalidKey', 'UnsupportedSignType', 'InvalidTimeStamp', 'InvalidNonce'];
  const PAY_PARAMS_CODES = ['InvalidValue', 'InvalidTimeStamp', 'InvalidNonce', 'InvalidPrepayId', 'UnsupportedSignType', 'InvalidSign'];
  await sub('a request Proxy whose get throws: buildPayParams says InvalidValue (or a field code)', () =>
    expectCode(() => w.buildPayParams(make(function () { return new Proxy({}, { get: function () { throw new Error('boom'); } }); })), PAY_REQUEST_CODES));
  await sub('pay params whose nonceStr getter throws: requestPayment rejects with InvalidNonce or InvalidValue', () =>
    expectCode(() => w.requestPayment(make(function () {
      return { timeStamp: '1490840662', get nonceStr() { throw new Error('boom'); }, package: 'prepay_id=wx1', signType: 'MD5', paySign: '22D9B4E54AB1950F51E0649E8810ACD6' };
    })), ['InvalidNonce', 'InvalidValue']));
  await sub('a revoked Proxy as pay params: requestPayment rejects with InvalidValue (or a field code)', () =>
    expectCode(() => w.requestPayment(make(function () { var p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })), PAY_PARAMS_CODES));
  await sub('requestPayment takes what buildPayParams makes: a prepayId with U+FEFF', async () => {
    const made = w.buildPayParams({ appId: 'wx1', prepayId: 'wx\uFEFF1', key: KEY, timeStamp: '1490840662', nonceStr: 'abc' });
    const res = await w.requestPayment(made).then((r) => r.errMsg, (e) => `rejected: ${e.code}: ${e.message}`);
    assert.equal(res, 'requestPayment:ok');
  });
  for (const bad of ['\u0000', '\u0085', '\uD800', '\u001F']) {
    const shown = `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    await sub(`requestPayment refuses a package that buildPayParams would refuse: prepay_id=wx1 + ${shown}`, async () => {
      await expectCode(() => w.buildPayParams({ appId: 'wx1', prepayId: `wx1${bad}`, key: KEY }), ['InvalidPrepayId']);
      await expectCode(() => w.requestPayment({ timeStamp: '1490840662', nonceStr: 'abc', package: `prepay_id=wx1${bad}`, signType: 'MD5', paySign: '22D9B4E54AB1950F51E0649E8810ACD6' }), ['InvalidPrepayId']);
    });
  }
  b.runtime.dispose();

  // init() on modules not loaded yet.
  const fresh = async (name, options, codes) => {
    await sub(name, async () => {
      const f = boot();
      try {
        const opts = inRealm(f.runtime, options);
        let error = null;
        await Promise.race([f.wxpay.init(opts), new Promise((_, reject) => setTimeout(() => reject(new Error('did not settle')), 1000))])
          .catch((e) => { error = e; });
        assert.ok(error && error.message !== 'did not settle', 'init settles');
        assert.ok(isWxPayError(error), `expected a WxPayError ${codes.join('/')}, got ${f.fuzz.describe(error)}: ${error && error.message}`);
        assert.ok(codes.includes(error.code), `code ${error.code}: ${error.message}`);
        await f.wxpay.init();
        assert.equal(f.wxpay.buildPayParams(f.fuzz.OFFICIAL).paySign, f.fuzz.OFFICIAL_PAY_SIGN, 'a plain init() works afterwards');
      } finally {
        f.runtime.dispose();
      }
    });
  };
  await fresh('init with a randomSource that throws: RandomUnavailable', function () {
    return { randomSource: function () { throw new Error('no randomness'); } };
  }, ['RandomUnavailable']);
  await fresh('init with a randomSource that rejects with a null-prototype object: RandomUnavailable', function () {
    return { randomSource: function () { return Promise.reject(Object.create(null)); } };
  }, ['RandomUnavailable']);
  await fresh('init with options whose getter throws: InvalidOptions', function () {
    return { get randomPoolBytes() { throw new Error('boom'); } };
  }, ['InvalidOptions']);
  await fresh('init with a revoked Proxy as options: InvalidOptions', function () {
    var p = Proxy.revocable({}, {});
    p.revoke();
    return p.proxy;
  }, ['InvalidOptions']);
});

runSuiteInJsc(SUITE, () => ({ root: makeCodePackage(), resultShape: 'object', randomBytes: 400000, caseTimeoutMs: 240000, timeoutMs: 300000 }), {
  label: 'jsc (JIT off): the JS-boundary fuzz with the plain-JS hash oracle',
});

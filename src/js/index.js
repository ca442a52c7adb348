// wxpay-wasm for WeChat mini-programs: WeChat Pay API v2 `sign`, `verify`, `nonce`
// and the parameters of wx.requestPayment, computed by Rust compiled to WebAssembly.
//
// Hand-written. Written for the mini-program runtime as it is on devices: CommonJS,
// no `WebAssembly` (WXWebAssembly loads a module by its path in the code package),
// no TextEncoder/TextDecoder, no `crypto` (random bytes come from the asynchronous
// wx.getRandomValues), no globalThis, no eval. Facts and sources: docs/runtime.md.
//
// This file owns the JavaScript side of the contract: types, defaults, the shape of
// results and errors. Every value is checked here before it enters WebAssembly, so a
// bad argument becomes an Error with a `code` and never a trap.
'use strict';

const glue = require('./wxpay_wasm_bg.js');
const utf8 = require('./utf8.js');

// The hot path's globals, looked up once: in Node's vm realms (our simulator) every
// global lookup costs an interceptor call, a third of a buildPayParams there.
const fromCharCode = String.fromCharCode;
const floor = Math.floor;
const dateNow = Date.now;
const toObject = Object;

const utf8Encoder = new utf8.TextEncoder();

// Where WeChat DevTools' 构建npm puts this folder (package.json "miniprogram").
const DEFAULT_WASM_PATH = '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br';
// 构建npm writes miniprogram_npm/ beside the package.json it builds from, so the module
// is elsewhere when that is not at the root of miniprogramRoot (README "Subpackages").
const MODULE_NOT_AT_DEFAULT_PATH =
  'Built into a subpackage root, the module is at /<subpackage root>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br; ' +
  'built from a package.json in another folder of miniprogramRoot, at /<that folder>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br: ' +
  'pass that path as init({ wasmPath }). Not built yet: run 工具 → 构建npm in WeChat DevTools.';
const DEFAULT_POOL_BYTES = 4096;
// wx.getRandomValues and crypto.getRandomValues give at most this much per call.
const MAX_RANDOM_REQUEST = 65536;
// How long a refill may stay unanswered before another is asked for, and how long
// init() waits for the first one.
const REFILL_PATIENCE_MS = 1000;
const INIT_RANDOM_TIMEOUT_MS = 10000;

// Written without `class`, `async` or `for…of`: WeChat's ES6→ES5 compile (on by
// default) would otherwise add Babel's runtime helpers (regenerator, inherits, …)
// to every user's package, about 13 KB (measured with miniprogram-ci).

/** Every failure of this package: an Error with a stable `code`. */
function WxPayError(code, message, extra) {
  const error = new Error(message);
  Object.setPrototypeOf(error, WxPayError.prototype);
  error.name = 'WxPayError';
  error.code = code;
  if (extra) Object.assign(error, extra);
  return error;
}
WxPayError.prototype = Object.create(Error.prototype, {
  constructor: { value: WxPayError, writable: true, configurable: true },
});

let loading = null; // the one shared init() promise
let ready = false;
let broken = false;
let pool = null; // {target, refill: Promise|null, refillSince, source}
let memory = null; // the module's WebAssembly.Memory: buildPayParams works in it directly
let heap = null; // a Uint8Array over memory.buffer, renewed when the memory grows
let rawBuildPayParams = null; // the export itself: the glue's wrapper only adds a call
const scratch = { address: 0, capacity: 0 };

// ---------------------------------------------------------------- init

function init(options) {
  if (!loading) {
    // Not Promise.resolve(options): an options object with a `then` would be called.
    loading = new Promise((resolve) => {
      resolve(load(options === undefined ? {} : options));
    })
      .catch((e) => {
        loading = null; // a failed load may be retried
        throw e;
      });
  }
  return loading;
}

function load(options) {
  if (!isObject(options)) {
    throw new WxPayError('InvalidOptions', 'init(options): options must be an object or left out');
  }
  const read = (name) => readField(options, name, 'InvalidOptions', 'init(options)');
  const poolBytes = read('randomPoolBytes') === undefined ? DEFAULT_POOL_BYTES : read('randomPoolBytes');
  if (!Number.isInteger(poolBytes) || poolBytes < 64 || poolBytes > 1048576) {
    throw new WxPayError('InvalidOptions', 'init(options): randomPoolBytes must be an integer from 64 to 1048576');
  }
  const source = randomSource(read('randomSource'));
  return instantiate(read('wasmPath'), read('wasmBytes'))
    .then((exports) => {
      glue.__wbg_set_wasm(exports);
      memory = exports.memory;
      rawBuildPayParams = exports.buildPayParamsInScratch;
      pool = { target: poolBytes, refill: null, refillSince: 0, source };
      return firstFill();
    })
    .then(() => {
      if (glue.entropyAvailable() < 32) {
        throw new WxPayError('RandomUnavailable', 'init(): the random source gave too few bytes');
      }
      ready = true;
    });
}

/** The first refill, which init() waits for, but not forever. */
function firstFill() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WxPayError('RandomUnavailable', 'init(): wx.getRandomValues did not answer within 10 s')),
      INIT_RANDOM_TIMEOUT_MS,
    );
    topUpPool().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** → a Promise of the instance's exports. */
function instantiate(optionPath, wasmBytes) {
  const imports = { './wxpay_wasm_bg.js': glue };
  let loaded;
  if (typeof WXWebAssembly !== 'undefined') {
    const wasmPath = optionPath === undefined ? DEFAULT_WASM_PATH : optionPath;
    if (typeof wasmPath !== 'string' || wasmPath.charAt(0) !== '/') {
      throw new WxPayError(
        'InvalidOptions',
        'init(options): wasmPath must be the absolute path of the .wasm.br inside the code package, e.g. ' +
          DEFAULT_WASM_PATH,
      );
    }
    loaded = attempt(() => WXWebAssembly.instantiate(wasmPath, imports)).catch((e) => {
      throw new WxPayError('LoadFailed', 'WXWebAssembly.instantiate(' + wasmPath + ') failed: ' + describe(e) + '. ' +
        (optionPath === undefined ? MODULE_NOT_AT_DEFAULT_PATH : 'Is wasmPath where 构建npm put wxpay_wasm_bg.wasm.br?') +
        ' Base library ≥ 2.15.0 is needed.');
    });
  } else if (typeof WebAssembly !== 'undefined') {
    // Node and browsers: no paths, so the bytes come in (the Node entry reads them).
    if (!wasmBytes) {
      throw new WxPayError('InvalidOptions', 'init(options): outside mini-programs pass wasmBytes (the .wasm file)');
    }
    loaded = attempt(() => WebAssembly.instantiate(wasmBytes, imports)).catch((e) => {
      throw new WxPayError('LoadFailed', 'WebAssembly.instantiate failed: ' + describe(e));
    });
  } else {
    throw new WxPayError('LoadFailed', 'neither WXWebAssembly nor WebAssembly exists here (base library ≥ 2.15.0 is needed)');
  }
  return loaded.then((result) => {
    // The typings say the Instance, community code reads {instance, module}: accept both.
    const instance = result && result.instance ? result.instance : result;
    if (!instance || !instance.exports || !instance.exports.memory) {
      throw new WxPayError('LoadFailed', 'instantiate() gave neither an Instance nor {instance, module}');
    }
    return instance.exports;
  });
}

/** fn() as a Promise, a synchronous throw included. */
function attempt(fn) {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** A parameter name as error messages show it: at most 40 characters. */
function shown(name) {
  return name.length > 40 ? name.slice(0, 40) + '…' : name;
}

/** Text for any thrown value; never throws itself (a getter of `message`, no toString). */
function describe(e) {
  try {
    return e && e.message ? String(e.message) : String(e);
  } catch (_) {
    return 'a value that cannot be shown';
  }
}

/** obj[name], with a throwing getter or Proxy trap turned into a WxPayError. */
function readField(obj, name, code, what) {
  try {
    return obj[name];
  } catch (e) {
    throw readFailed(code, what, name, e);
  }
}

function readFailed(code, what, name, e) {
  return new WxPayError(code, what + ': reading ' + name + ' threw: ' + describe(e));
}

// ---------------------------------------------------------------- random pool
// Rust's getrandom draws from a pool inside the module; here it is filled. Bytes are
// used once and wiped. When it runs dry calls fail with RandomUnavailable until the
// (asynchronous) refill lands: never a wait, never a weaker source.

function randomSource(given) {
  if (given !== undefined) {
    if (typeof given !== 'function') {
      throw new WxPayError('InvalidOptions', 'init(options): randomSource must be a function (length) => Promise<Uint8Array>');
    }
    return given;
  }
  if (typeof wx !== 'undefined' && wx && typeof wx.getRandomValues === 'function') {
    return (length) =>
      new Promise((resolve, reject) => {
        wx.getRandomValues({
          length,
          success: (res) => resolve(new Uint8Array(res.randomValues)),
          fail: (res) => reject(new WxPayError('RandomUnavailable', 'wx.getRandomValues failed: ' + (res && res.errMsg))),
        });
      });
  }
  if (typeof crypto !== 'undefined' && crypto && typeof crypto.getRandomValues === 'function') {
    return (length) => Promise.resolve(crypto.getRandomValues(new Uint8Array(length)));
  }
  throw new WxPayError(
    'RandomUnavailable',
    'no secure random source: wx.getRandomValues needs base library ≥ 2.15.0 (and is missing in plugins)',
  );
}

function topUpPool() {
  const now = Date.now();
  // A request that never answered is given up on (its bytes still count if they come).
  if (pool.refill && now - pool.refillSince < REFILL_PATIENCE_MS) return pool.refill;
  const want = Math.min(pool.target - glue.entropyAvailable(), MAX_RANDOM_REQUEST);
  if (want <= 0) return Promise.resolve();
  // Asked now, not in a later microtask: a burst that follows should find it landed.
  const refill = attempt(() => pool.source(want))
    .then((bytes) => {
      if (!(bytes instanceof Uint8Array) || bytes.length !== want) {
        throw new WxPayError('RandomUnavailable', 'the random source gave the wrong number of bytes');
      }
      glue.addEntropy(bytes);
      bytes.fill(0);
    })
    .then(
      () => {
        if (pool.refill === refill) pool.refill = null;
      },
      (e) => {
        if (pool.refill === refill) pool.refill = null;
        throw e instanceof WxPayError ? e : new WxPayError('RandomUnavailable', 'the random source failed: ' + describe(e));
      },
    );
  pool.refill = refill;
  pool.refillSince = now;
  return refill;
}

function keepPoolFull() {
  if (glue.entropyAvailable() < pool.target / 2) {
    topUpPool().catch(() => {}); // the next call that needs bytes reports it
  }
}

// ---------------------------------------------------------------- calls into Rust

/** fn(...args) into Rust; `drawsRandom`: the call may use the pool, which is then topped up. */
function callWasm(fn, args, drawsRandom) {
  if (broken) {
    throw new WxPayError('Internal', 'the WebAssembly module stopped after an internal fault; reload the page');
  }
  if (!ready) {
    throw new WxPayError('NotInitialized', 'call and await wxpay.init() before using wxpay-wasm');
  }
  try {
    return fn.apply(null, args);
  } catch (e) {
    if (typeof e === 'string') throw fromRust(e);
    if (e instanceof WxPayError) throw e;
    // A trap: the instance can no longer be trusted.
    broken = true;
    throw new WxPayError('Internal', 'the WebAssembly module faulted (' + describe(e) + '); please report this');
  } finally {
    if (drawsRandom && !broken) keepPoolFull();
  }
}

/** Rust reports "Code:message". */
function fromRust(text) {
  const colon = text.indexOf(':');
  return new WxPayError(text.slice(0, colon), text.slice(colon + 1));
}

// A lone surrogate cannot be written as UTF-8: TextEncoder would sign U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `value` if it is a string, else a WxPayError with `code`. */
function stringOf(value, code, what) {
  if (typeof value !== 'string') {
    throw new WxPayError(code, what + ' must be a string, not ' + typeName(value));
  }
  return value;
}

/** `value` if it is a string of valid Unicode text. */
function text(value, code, what) {
  if (LONE_SURROGATE.test(stringOf(value, code, what))) {
    throw new WxPayError(code, what + ' contains a lone UTF-16 surrogate, which is not valid Unicode text');
  }
  return value;
}

function typeName(value) {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'undefined') return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return 'a bigint';
  return 'a symbol';
}

/** Array.isArray, which throws for a revoked Proxy (called one here). */
function isArray(value) {
  try {
    return Array.isArray(value);
  } catch (e) {
    return true;
  }
}

/**
 * {} or Object.create(null), from any realm: not a Map, Date, typed array or class
 * instance, whose own keys are not the parameters someone meant to sign.
 */
function isPlainObject(value) {
  if (!isObject(value) || isArray(value)) return false;
  try {
    const proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
  } catch (e) {
    return false; // a Proxy whose getPrototypeOf trap throws
  }
}

// Objects without `typeof x === 'object'`, which WeChat's ES5 build routes through a
// Babel helper (so does a bare `typeof x`): every typeof here compares to a literal.
function isObject(value) {
  return value !== null && toObject(value) === value && typeof value !== 'function';
}

function signTypeArg(signType) {
  if (signType === undefined || signType === null) return 'MD5';
  // The two right answers skip the surrogate check (a regular expression).
  return signType === 'MD5' || signType === 'HMAC-SHA256' ? signType : text(signType, 'UnsupportedSignType', 'signType');
}

/**
 * Packs params for Rust (src/fields.rs): names and values, strings as they are and
 * integers in decimal, concatenated, with each one's length.
 */
function fields(params) {
  if (!isPlainObject(params)) {
    throw new WxPayError(
      'InvalidValue',
      'params must be a plain object of name → value ({} or Object.create(null)), not ' + typeName(params),
    );
  }
  let names;
  try {
    names = Object.keys(params);
  } catch (e) {
    throw new WxPayError('InvalidValue', 'the names of params could not be read: ' + describe(e));
  }
  const parts = [];
  const lengths = new Uint32Array(names.length * 2);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let value;
    try {
      value = params[name];
    } catch (e) {
      throw new WxPayError('InvalidValue', 'reading params.' + shown(name) + ' threw: ' + describe(e));
    }
    if (value === undefined || value === null || value === '') continue; // not sent, not signed
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new WxPayError('InvalidValue', 'params.' + shown(name) + ' is not an integer: amounts are integers in fen (分), other numbers go in as strings');
      }
      value = String(value);
    } else if (typeof value === 'bigint') {
      value = String(value);
    } else if (typeof value !== 'string') {
      throw new WxPayError('InvalidValue', 'params.' + shown(name) + ' must be a string or an integer, not ' + typeName(value));
    }
    lengths[parts.length] = text(name, 'InvalidName', 'a parameter name').length;
    parts.push(name);
    lengths[parts.length] = text(value, 'InvalidValue', 'params.' + shown(name)).length;
    parts.push(value);
  }
  return [parts.join(''), lengths.subarray(0, parts.length)];
}

// ---------------------------------------------------------------- the API

const PACKAGE_PREFIX = 'prepay_id=';
const PAY_INPUTS = ['appId', 'prepayId', 'key', 'signType', 'timeStamp', 'nonceStr'];
const PAY_INPUT_CODES = ['InvalidAppId', 'InvalidPrepayId', 'InvalidKey', 'UnsupportedSignType', 'InvalidTimeStamp', 'InvalidNonce'];
const payLengths = new Int32Array(6);
// Inputs a page passes the same every time (appId, key, signType): the last value of
// each and its UTF-8 bytes, which go into the scratch in one native call. Writing
// their 53 characters one at a time costs 1.5 µs in jitless JavaScriptCore (28 ns
// each). (The key's bytes are kept as long as the key string itself is.)
const REPEATED_INPUT = [true, false, true, true, false, false];
const lastValue = [null, null, null, null, null, null];
const lastBytes = [null, null, null, null, null, null];

/**
 * The five parameters of wx.requestPayment, signed on the device.
 * @returns {{timeStamp: string, nonceStr: string, package: string, signType: string, paySign: string}}
 */
function buildPayParams(request) {
  if (!isObject(request)) {
    throw new WxPayError('InvalidValue', 'buildPayParams({appId, prepayId, key, signType, timeStamp?, nonceStr?}) takes one object');
  }
  const values = [];
  let i = 0;
  try {
    for (; i < 6; i++) values.push(request[PAY_INPUTS[i]]);
  } catch (e) {
    throw readFailed(PAY_INPUT_CODES[i], 'buildPayParams', PAY_INPUTS[i], e);
  }
  for (i = 0; i < 3; i++) if (values[i] === undefined || values[i] === null) values[i] = ''; // → Missing…
  values[3] = signTypeArg(values[3]);
  const timeStamp = values[4];
  // Unix seconds may come as a number; they leave as a string, as wx wants them.
  if (typeof timeStamp === 'number' && Number.isSafeInteger(timeStamp) && timeStamp >= 0) values[4] = String(timeStamp);
  const nonceGiven = values[5] !== undefined && values[5] !== null;
  const signLength = values[3] === 'MD5' ? 32 : 64;
  // A time stamp and nonce that were given come back as they went in (src/pay.rs
  // signs them as they are): then only paySign is read.
  const bothGiven = nonceGiven && timeStamp !== undefined && timeStamp !== null;
  const answer = callWasm(payInScratch, [values, bothGiven ? signLength : 0], !nonceGiven);
  const prepayId = values[1];
  return {
    timeStamp: bothGiven ? values[4] : answer.slice(0, 10),
    nonceStr: bothGiven ? values[5] : answer.slice(10, answer.length - signLength),
    // Valid by now; an id given as `prepay_id=…` is not prefixed twice (src/pay.rs).
    package: prepayId.indexOf(PACKAGE_PREFIX) === 0 ? prepayId : PACKAGE_PREFIX + prepayId,
    signType: values[3],
    paySign: bothGiven ? answer : answer.slice(answer.length - signLength),
  };
}

/**
 * buildPayParams's crossing (src/wasm.rs): the fields go straight into the module's
 * scratch memory as UTF-8 and the answer is read from there, with no allocation and
 * no TextDecoder — the glue's string passing was a third of the call in jitless
 * JavaScriptCore, as iPhones run it. `values`: appId, prepayId, key, signType,
 * timeStamp, nonceStr; undefined or null is absent. → timeStamp + nonceStr + paySign,
 * or only its last `tail` characters when `tail` is not 0.
 */
function payInScratch(values, tail) {
  let need = 160;
  for (let i = 0; i < 6; i++) {
    const value = values[i];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') stringOf(value, PAY_INPUT_CODES[i], PAY_INPUTS[i]); // throws
    need += 3 * value.length;
  }
  need *= 2; // the answer goes after the input, and is never longer than it + 160
  if (need > scratch.capacity) {
    scratch.address = glue.payScratch(need);
    scratch.capacity = need;
  }
  const bytes = heapBytes();
  let at = scratch.address;
  for (let i = 0; i < 6; i++) {
    const value = values[i];
    let written = -1;
    if (value !== undefined && value !== null) {
      written = REPEATED_INPUT[i] ? writeRepeated(value, bytes, at, i) : writeUtf8(value, bytes, at, i);
      at += written;
    }
    payLengths[i] = written;
  }
  const l = payLengths;
  const now = values[4] === undefined || values[4] === null ? floor(dateNow() / 1000) : 0;
  const result = rawBuildPayParams(l[0], l[1], l[2], l[3], l[4], l[5], now);
  if (result < 0) throw fromRust(glue.errorText(-result));
  // ASCII digits and letters; the memory may have grown meanwhile.
  return readAscii(heapBytes(), tail ? at + result - tail : at, at + result);
}

/**
 * bytes[from..to) as a string of char codes. Thirty-two at a time by a call with
 * thirty-two arguments: fromCharCode.apply over a subarray took 125 ns for a paySign
 * in Node and 0.41 µs in jitless JavaScriptCore, this 35 ns and 0.27 µs.
 */
function readAscii(b, from, to) {
  let text = '';
  for (let p = from; p + 32 <= to; p += 32, from = p) {
    text += fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7],
      b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15],
      b[p + 16], b[p + 17], b[p + 18], b[p + 19], b[p + 20], b[p + 21], b[p + 22], b[p + 23],
      b[p + 24], b[p + 25], b[p + 26], b[p + 27], b[p + 28], b[p + 29], b[p + 30], b[p + 31]);
  }
  return from < to ? text + fromCharCode.apply(null, b.subarray(from, to)) : text;
}

/** The module's memory as bytes (a new view after the memory grew). */
function heapBytes() {
  // Growing the memory detaches the old buffer, and a view of it reads as empty.
  if (heap === null || heap.byteLength === 0) heap = new Uint8Array(memory.buffer);
  return heap;
}

/** Writes input `field`'s `value` as UTF-8 at `at`; → the number of bytes. Lone surrogates are refused. */
function writeUtf8(value, bytes, at, field) {
  const n = value.length; // a local: re-reading it each time cost a third of this loop in jitless JSC
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) {
      // Rare (no real id or key has them): checked and encoded by the codec.
      text(value, PAY_INPUT_CODES[field], PAY_INPUTS[field]);
      return i + utf8Encoder.encodeInto(value.slice(i), bytes.subarray(at + i)).written;
    }
    bytes[at + i] = c;
  }
  return n;
}

/** writeUtf8 for a REPEATED_INPUT: the last value's bytes again, or the new ones, kept. */
function writeRepeated(value, bytes, at, field) {
  if (value === lastValue[field]) {
    bytes.set(lastBytes[field], at);
    return lastBytes[field].length;
  }
  const written = writeUtf8(value, bytes, at, field);
  lastBytes[field] = bytes.slice(at, at + written);
  lastValue[field] = value;
  return written;
}

/** Uppercase hex WeChat Pay v2 signature of `params` (integers in decimal; null, undefined and '' left out). */
function sign(params, key, signType) {
  return callWasm(glue.sign, fields(params).concat([text(key, 'InvalidKey', 'key'), signTypeArg(signType)]));
}

/** Whether `paramsWithSign.sign` is right for the other parameters. */
function verify(paramsWithSign, key, signType) {
  return callWasm(glue.verify, fields(paramsWithSign).concat([text(key, 'InvalidKey', 'key'), signTypeArg(signType)]));
}

/** A random nonceStr of `length` (1 to 32) letters and digits. */
function nonce(length) {
  const n = length === undefined ? 32 : length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new WxPayError('InvalidNonce', 'nonce(length): length must be an integer from 1 to 32');
  }
  if (n > 32) throw new WxPayError('NonceTooLong', 'nonce(length): WeChat allows at most 32 characters');
  return callWasm(glue.nonce, [n], true);
}

const PAY_FIELDS = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];
const PAY_RULES = {
  timeStamp: [/^\d{10}$/, 'InvalidTimeStamp', 'a string of 10 digits (Unix seconds)'],
  nonceStr: [/^[A-Za-z0-9]{1,32}$/, 'InvalidNonce', '1 to 32 letters and digits'],
  // The rule buildPayParams applies to prepayId (is_plain_token in src/canonical.rs): no
  // Unicode White_Space, no control character (Cc), no '&' or '='; not JS's \s, which differs.
  package: [/^prepay_id=[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000&=]+$/, 'InvalidPrepayId', "'prepay_id=' followed by the prepay_id"],
  signType: [/^(MD5|HMAC-SHA256|RSA)$/, 'UnsupportedSignType', '"MD5", "HMAC-SHA256" or "RSA"'],
  paySign: [/^([0-9A-F]{32}|[0-9A-F]{64}|[A-Za-z0-9+/]{2,}={0,2})$/, 'InvalidSign', 'uppercase hex (32 characters for MD5, 64 for HMAC-SHA256) or base64 (RSA)'],
};

/**
 * Calls wx.requestPayment with exactly the five parameters, from buildPayParams or
 * from your server. Needs no key and no init(). Resolves with wx's result; rejects
 * with code 'CANCELLED' (the user closed the sheet) or 'FAILED' (with errMsg).
 */
function requestPayment(payParams) {
  return new Promise((resolve, reject) => {
    if (!isObject(payParams)) {
      throw new WxPayError('InvalidValue', 'requestPayment takes {timeStamp, nonceStr, package, signType, paySign}');
    }
    const args = {};
    for (let i = 0; i < PAY_FIELDS.length; i++) {
      const name = PAY_FIELDS[i];
      const rule = PAY_RULES[name];
      const value = readField(payParams, name, rule[1], 'requestPayment');
      if (typeof value !== 'string' || !rule[0].test(value) || LONE_SURROGATE.test(value)) {
        throw new WxPayError(rule[1], 'requestPayment: ' + name + ' must be ' + rule[2] + ', not ' + (typeof value === 'string' ? 'this string' : typeName(value)));
      }
      args[name] = value;
    }
    if (args.signType === 'RSA' ? args.paySign.length % 4 !== 0 : !/^[0-9A-F]+$/.test(args.paySign) || args.paySign.length !== (args.signType === 'MD5' ? 32 : 64)) {
      throw new WxPayError('InvalidSign', 'requestPayment: paySign does not fit signType (uppercase hex: 32 characters for MD5, 64 for HMAC-SHA256; base64 for RSA)');
    }
    if (typeof wx === 'undefined' || !wx || typeof wx.requestPayment !== 'function') {
      throw new WxPayError('FAILED', 'wx.requestPayment is not available here (not a mini-program?)');
    }
    args.success = resolve;
    args.fail = (res) => {
      const errMsg = String((res && res.errMsg) || 'requestPayment:fail');
      const cancelled = /^requestPayment:fail cancel\b/.test(errMsg);
      reject(new WxPayError(cancelled ? 'CANCELLED' : 'FAILED', cancelled ? 'the user cancelled the payment' : errMsg, { errMsg }));
    };
    wx.requestPayment(args);
  });
}

module.exports = { init, buildPayParams, sign, verify, nonce, requestPayment, WxPayError };

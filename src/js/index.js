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
// Generated from the Rust core: error codes and messages, signType names, the id rule.
const wire = require('./wire.js');
// requestPayment's checks and the value helpers they share with this file.
const { checkedPayParams, readField, readFailed, describe, typeName, isArray, isObject } = require('./pay-checks.js')(WxPayError);

// Read once: where global lookups are intercepted (the simulator's vm realm), each costs more
// than the call it is for.
const fromCharCode = String.fromCharCode;
const AMPERSAND = 0x26;
const ONE = 0x31;

// Where WeChat DevTools' 构建npm puts this folder (package.json "miniprogram").
const DEFAULT_WASM_PATH = '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br';
// 构建npm writes miniprogram_npm/ beside the package.json it builds from, so the module
// is elsewhere when that is not at the root of miniprogramRoot (docs/miniprogram.md, "Subpackages").
const MODULE_NOT_AT_DEFAULT_PATH =
  'Built into a subpackage root, the module is at /<subpackage root>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br; ' +
  'built from a package.json in another folder of miniprogramRoot, at /<that folder>/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br: ' +
  'pass that path as init({ wasmPath }). Not built yet: run 工具 → 构建npm in WeChat DevTools.';
// WXWebAssembly and wx.getRandomValues came with it.
const BASE_LIBRARY = 'base library ≥ 2.15.0';
const DEFAULT_POOL_BYTES = 4096;
// wx.getRandomValues and crypto.getRandomValues give at most this much per call.
const MAX_RANDOM_REQUEST = 65536;
// How long a refill may stay unanswered before another is asked for, and how long
// init() waits for the first one.
const REFILL_PATIENCE_MS = 1000;
const INIT_RANDOM_TIMEOUT_MS = 10000;

// Written without `class`, `async` or `for…of`: WeChat's ES6→ES5 compile (on by
// default) would otherwise add Babel's runtime helpers (regenerator, inherits, …)
// to every user's package (docs/runtime.md).

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

function optionsError(message) {
  return new WxPayError('InvalidOptions', 'init(options): ' + message);
}

let loading = null; // the one shared init() promise
let ready = false;
let broken = false;
let pool = null; // {target, refill: Promise|null, refillSince, source}
let memory = null; // the module's WebAssembly.Memory: every call's text crosses in it
let heap = null; // a Uint8Array over memory.buffer, renewed when the memory grows
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
    throw optionsError('options must be an object or left out');
  }
  const read = (name) => readField(options, name, 'InvalidOptions', 'init(options)');
  const poolBytes = read('randomPoolBytes') === undefined ? DEFAULT_POOL_BYTES : read('randomPoolBytes');
  if (!Number.isInteger(poolBytes) || poolBytes < 64 || poolBytes > 1048576) {
    throw optionsError('randomPoolBytes must be an integer from 64 to 1048576');
  }
  const source = randomSource(read('randomSource'));
  const wasmPath = read('wasmPath');
  const wasmBytes = read('wasmBytes');
  pool = { target: poolBytes, refill: null, refillSince: 0, source };
  // The random bytes are asked for while the module loads, not after.
  const firstBytes = firstFill(Math.min(poolBytes, MAX_RANDOM_REQUEST));
  firstBytes.catch(() => {}); // reported below, once the module is there
  return instantiate(wasmPath, wasmBytes)
    .then((exports) => {
      glue.__wbg_set_wasm(exports);
      memory = exports.memory;
      heap = null;
      scratch.capacity = 0;
      return firstBytes;
    })
    .then((bytes) => {
      addToPool(bytes);
      if (glue.entropyAvailable() < 32) {
        throw new WxPayError('RandomUnavailable', 'init(): the random source gave too few bytes');
      }
      ready = true;
    });
}

/** The first random bytes, which init() waits for, but not forever. */
function firstFill(want) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WxPayError('RandomUnavailable', 'init(): wx.getRandomValues did not answer within 10 s')),
      INIT_RANDOM_TIMEOUT_MS,
    );
    randomBytes(want).then(
      (bytes) => {
        clearTimeout(timer);
        resolve(bytes);
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
      throw optionsError('wasmPath must be the absolute path of the .wasm.br inside the code package, e.g. ' + DEFAULT_WASM_PATH);
    }
    loaded = attempt(() => WXWebAssembly.instantiate(wasmPath, imports)).catch((e) => {
      throw new WxPayError('LoadFailed', 'WXWebAssembly.instantiate(' + wasmPath + ') failed: ' + describe(e) + '. ' +
        (optionPath === undefined ? MODULE_NOT_AT_DEFAULT_PATH : 'Is wasmPath where 构建npm put wxpay_wasm_bg.wasm.br?') +
        ' It needs ' + BASE_LIBRARY + '.');
    });
  } else if (typeof WebAssembly !== 'undefined') {
    // Where the page's files are not a code package (tests, the bench in a browser): no
    // paths, so the bytes come in. Node and browser apps use the package's own entries.
    if (!wasmBytes) {
      throw optionsError('outside mini-programs pass wasmBytes (the .wasm file)');
    }
    loaded = attempt(() => WebAssembly.instantiate(wasmBytes, imports)).catch((e) => {
      throw new WxPayError('LoadFailed', 'WebAssembly.instantiate failed: ' + describe(e));
    });
  } else {
    throw new WxPayError('LoadFailed', 'neither WXWebAssembly nor WebAssembly exists here (' + BASE_LIBRARY + ' is needed)');
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

// ---------------------------------------------------------------- random pool
// Rust's getrandom draws from a pool inside the module; here it is filled. Bytes are
// used once and wiped. When it runs dry calls fail with RandomUnavailable until the
// (asynchronous) refill lands: never a wait, never a weaker source.

function randomSource(given) {
  if (given !== undefined) {
    if (typeof given !== 'function') {
      throw optionsError('randomSource must be a function (length) => Promise<Uint8Array>');
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
    'no secure random source: wx.getRandomValues needs ' + BASE_LIBRARY + ' (and is missing in plugins)',
  );
}

/** `want` bytes from the random source, checked; a WxPayError if it fails. */
function randomBytes(want) {
  return attempt(() => pool.source(want)).then(
    (bytes) => {
      if (!(bytes instanceof Uint8Array) || bytes.length !== want) {
        throw new WxPayError('RandomUnavailable', 'the random source gave the wrong number of bytes');
      }
      return bytes;
    },
    (e) => {
      throw e instanceof WxPayError ? e : new WxPayError('RandomUnavailable', 'the random source failed: ' + describe(e));
    },
  );
}

/** Hands random bytes to the module's pool through the scratch, wiping them here. */
function addToPool(bytes) {
  const at = room(bytes.length);
  heapBytes().set(bytes, at);
  bytes.fill(0);
  glue.addEntropy(bytes.length);
}

function topUpPool() {
  const now = Date.now();
  // A request that never answered is given up on (its bytes still count if they come).
  if (pool.refill && now - pool.refillSince < REFILL_PATIENCE_MS) return pool.refill;
  const want = Math.min(pool.target - glue.entropyAvailable(), MAX_RANDOM_REQUEST);
  if (want <= 0) return Promise.resolve();
  // Asked now, not in a later microtask: a burst that follows should find it landed.
  const refill = randomBytes(want)
    .then((bytes) => {
      if (!broken) addToPool(bytes);
    })
    .then(
      () => {
        if (pool.refill === refill) pool.refill = null;
      },
      (e) => {
        if (pool.refill === refill) pool.refill = null;
        throw e;
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
// Every call crosses the same way (wasm/miniprogram/src/lib.rs): its text is written into the
// module's scratch as UTF-8, the byte lengths go as numbers, and the result is the
// length of the ASCII answer written after the input, or minus an error's number
// in wire.js. The module zeroes the input, key included, before it returns.

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
    if (e instanceof WxPayError) throw e;
    // A trap: the instance can no longer be trusted.
    broken = true;
    throw new WxPayError('Internal', 'the WebAssembly module faulted (' + describe(e) + '); please report this');
  } finally {
    if (drawsRandom && !broken) keepPoolFull();
  }
}

/** The error numbered `n` by Rust (wire.js); a number it does not know is still an error. */
function rustError(n) {
  const known = wire.ERRORS[n];
  return known
    ? new WxPayError(known[0], known[1])
    : new WxPayError('Internal', 'the WebAssembly module reported error ' + n + ', which this package does not know; please report this');
}

/** The ASCII answer of a call that returned `result`, written at `at`; throws for any negative result. */
function answer(result, at) {
  return ascii(at, at + answerLength(result));
}

/** `result` when it is the length of an answer; throws the error a negative result numbers. */
function answerLength(result) {
  if (!(result >= 0)) throw rustError(-result);
  return result;
}

/**
 * The module's memory from..to as text: letters, digits and '&' only. Eight bytes a call:
 * fromCharCode.apply over a subarray costs several times more.
 */
function ascii(from, to) {
  const b = heapBytes(); // the memory may have grown meanwhile
  let text = '';
  let i = from;
  for (; to - i >= 8; i += 8) text += fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
  for (; i < to; i++) text += fromCharCode(b[i]);
  return text;
}

/** The scratch's address, with at least `need` bytes there. */
function room(need) {
  if (need > scratch.capacity) {
    const address = glue.scratch(need);
    if (!address) throw new WxPayError('InvalidValue', 'the input is too large for the WebAssembly memory');
    scratch.address = address;
    scratch.capacity = need;
  }
  return scratch.address;
}

/** The module's memory as bytes (a new view after the memory grew). */
function heapBytes() {
  // Growing the memory detaches the old buffer, and a view of it reads as empty.
  if (heap === null || heap.byteLength === 0) heap = new Uint8Array(memory.buffer);
  return heap;
}

/**
 * Writes `value` as UTF-8 at `at`; → the number of bytes, or -1 for a lone surrogate
 * (which has no UTF-8). Room for three bytes per UTF-16 unit must be there.
 */
function writeUtf8(value, bytes, at) {
  const n = value.length;
  let p = at;
  for (let i = 0; i < n; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      bytes[p++] = c;
      continue;
    }
    if (c < 0x800) {
      bytes[p++] = 0xc0 | (c >> 6);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const low = c <= 0xdbff ? value.charCodeAt(i + 1) : 0;
        if (!(low >= 0xdc00 && low <= 0xdfff)) return -1;
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
        bytes[p++] = 0xf0 | (c >> 18);
        bytes[p++] = 0x80 | ((c >> 12) & 0x3f);
      } else {
        bytes[p++] = 0xe0 | (c >> 12);
      }
      bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
    }
    bytes[p++] = 0x80 | (c & 0x3f);
  }
  return p - at;
}

/** Room for the call's answer after its input: a paySign call's is the longest. */
const ANSWER_ROOM = 256;

/** `value` if it is a string, else a WxPayError with `code`. */
function stringOf(value, code, what) {
  if (typeof value !== 'string') {
    throw new WxPayError(code, what + ' must be a string, not ' + typeName(value));
  }
  return value;
}

/**
 * Writes the strings among `texts` one after another as UTF-8 from `start` (anything else
 * is absent: length -1); → their byte lengths, then where the writing ended. A lone
 * surrogate has no UTF-8 (TextEncoder would sign U+FFFD instead): what was written, the
 * key among it, is wiped, and the error names text i as `nameOf(i)` → [code, name] says.
 */
function writeTexts(texts, start, nameOf) {
  const bytes = heapBytes();
  const out = [];
  let at = start;
  for (let i = 0; i < texts.length; i++) {
    if (typeof texts[i] !== 'string') {
      out.push(-1);
      continue;
    }
    const n = writeUtf8(texts[i], bytes, at);
    if (n < 0) {
      bytes.fill(0, start, at);
      const name = nameOf(i);
      throw new WxPayError(name[0], name[1] + ' contains a lone UTF-16 surrogate, which is not valid Unicode text');
    }
    out.push(n);
    at += n;
  }
  out.push(at);
  return out;
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

/** The signType to send: MD5 when left out; the module checks the name. */
function signTypeArg(signType) {
  return signType === undefined || signType === null ? wire.SIGN_TYPES[0] : stringOf(signType, 'UnsupportedSignType', 'signType');
}

/** params as names and values, one after another: strings as they are, integers in decimal. */
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
    parts.push(name, value); // lone surrogates: found while writing them (signCall)
  }
  return parts;
}

// ---------------------------------------------------------------- the API

const PAY_INPUTS = ['appId', 'prepayId', 'key', 'signType', 'timeStamp', 'nonceStr'];
const PAY_INPUT_CODES = ['InvalidAppId', 'InvalidPrepayId', 'InvalidKey', 'UnsupportedSignType', 'InvalidTimeStamp', 'InvalidNonce'];

/**
 * The five parameters of wx.requestPayment, signed on the device.
 * @returns {{timeStamp: string, nonceStr: string, package: string, signType: string, paySign: string}}
 */
function buildPayParams(request) {
  if (!isObject(request)) {
    throw new WxPayError('InvalidValue', 'buildPayParams({appId, prepayId, key, signType, timeStamp?, nonceStr?}) takes one object');
  }
  // By name, not by PAY_INPUTS[i] in a loop, where each read would look the name up.
  const values = [undefined, undefined, undefined, undefined, undefined, undefined];
  let i = 0;
  try {
    values[0] = request.appId;
    i = 1;
    values[1] = request.prepayId;
    i = 2;
    values[2] = request.key;
    i = 3;
    values[3] = request.signType;
    i = 4;
    values[4] = request.timeStamp;
    i = 5;
    values[5] = request.nonceStr;
  } catch (e) {
    throw readFailed(PAY_INPUT_CODES[i], 'buildPayParams', PAY_INPUTS[i], e);
  }
  for (i = 0; i < 3; i++) if (values[i] === undefined || values[i] === null) values[i] = ''; // → Missing…
  values[3] = signTypeArg(values[3]);
  // Unix seconds may come as a number; they leave as a string, as wx wants them.
  const timeStamp = values[4];
  if (typeof timeStamp === 'number' && Number.isSafeInteger(timeStamp) && timeStamp >= 0) values[4] = String(timeStamp);
  const nonceGiven = values[5] !== undefined && values[5] !== null;
  return callWasm(pay, [values], !nonceGiven);
}

/** [code, name] of buildPayParams' field i, for writeTexts' error. */
function payInputName(i) {
  return [PAY_INPUT_CODES[i], PAY_INPUTS[i]];
}

/** Where the answer's field from `at` ends (its '&'). */
function fieldEnd(bytes, at) {
  while (bytes[at] !== AMPERSAND) at++;
  return at;
}

/** buildPayParams' crossing: `values` are appId, prepayId, key, signType, timeStamp, nonceStr (undefined or null: absent). */
function pay(values) {
  let need = ANSWER_ROOM;
  for (let i = 0; i < 6; i++) {
    const value = values[i];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') stringOf(value, PAY_INPUT_CODES[i], PAY_INPUTS[i]); // throws
    need += 3 * value.length;
  }
  const lengths = writeTexts(values, room(need), payInputName);
  const now = values[4] === undefined || values[4] === null ? Math.floor(Date.now() / 1000) : 0;
  const at = lengths[6];
  const end = at + answerLength(glue.buildPayParams(lengths[0], lengths[1], lengths[2], lengths[3], lengths[4], lengths[5], now));
  // timeStamp&nonceStr&paySign&1, or &0 when prepayId is the package already. A given
  // timeStamp or nonceStr comes back as it went in: only what the module made is read.
  const bytes = heapBytes();
  const stampEnd = lengths[4] < 0 ? fieldEnd(bytes, at) : at + lengths[4];
  const nonceEnd = lengths[5] < 0 ? fieldEnd(bytes, stampEnd + 1) : stampEnd + 1 + lengths[5];
  return {
    timeStamp: lengths[4] < 0 ? ascii(at, stampEnd) : values[4],
    nonceStr: lengths[5] < 0 ? ascii(stampEnd + 1, nonceEnd) : values[5],
    package: bytes[end - 1] === ONE ? wire.PACKAGE_PREFIX + values[1] : values[1],
    signType: values[3],
    paySign: ascii(nonceEnd + 1, end - 2),
  };
}

/** sign's and verify's crossing: the parts' byte lengths as u32, then key, signType and the parts. */
function signCall(exported, params, key, signType) {
  const parts = fields(params);
  // key, signType, then name, value, name, value, …
  const texts = [stringOf(key, 'InvalidKey', 'key'), signTypeArg(signType)].concat(parts);
  let need = ANSWER_ROOM + 4 * parts.length;
  for (let i = 0; i < texts.length; i++) need += 3 * texts[i].length;
  const start = room(need);
  const lengths = writeTexts(texts, start + 4 * parts.length, (i) =>
    i < 2 ? [i ? 'UnsupportedSignType' : 'InvalidKey', i ? 'signType' : 'key']
      : i % 2 ? ['InvalidValue', 'params.' + shown(texts[i - 1])] : ['InvalidName', 'a parameter name']);
  const bytes = heapBytes();
  for (let i = 0; i < parts.length; i++) {
    for (let b = 0; b < 4; b++) bytes[start + 4 * i + b] = (lengths[i + 2] >>> (8 * b)) & 0xff;
  }
  const end = lengths[texts.length];
  return answer(exported(parts.length / 2, lengths[0], lengths[1], end - start), end);
}

/** Uppercase hex WeChat Pay v2 signature of `params` (integers in decimal; null, undefined and '' left out). */
function sign(params, key, signType) {
  return callWasm(signCall, [glue.sign, params, key, signType]);
}

/** Whether `paramsWithSign.sign` is right for the other parameters. */
function verify(paramsWithSign, key, signType) {
  return callWasm(signCall, [glue.verify, paramsWithSign, key, signType]) === '1';
}

/** A random nonceStr of `length` (1 to 32) letters and digits. */
function nonce(length) {
  const n = length === undefined ? wire.MAX_NONCE_LEN : length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new WxPayError('InvalidNonce', 'nonce(length): length must be an integer from 1 to ' + wire.MAX_NONCE_LEN);
  }
  if (n > wire.MAX_NONCE_LEN) throw new WxPayError('NonceTooLong', 'nonce(length): WeChat allows at most ' + wire.MAX_NONCE_LEN + ' characters');
  return callWasm(() => answer(glue.nonce(n), room(ANSWER_ROOM)), [], true);
}

// ---------------------------------------------------------------- requestPayment
// Needs no module: the five fields are checked by pay-checks.js, as the browser entry's
// requestPayment checks them for a 公众号 H5 page.

/**
 * Calls wx.requestPayment with exactly the five parameters, from buildPayParams or
 * from your server (API v2 with MD5 or HMAC-SHA256, or API v3 with RSA). Needs no key
 * and no init(). Resolves with wx's result; rejects with code 'CANCELLED' (the user
 * closed the sheet) or 'FAILED' (with errMsg).
 */
function requestPayment(payParams) {
  return new Promise((resolve, reject) => {
    if (!isObject(payParams)) {
      throw new WxPayError('InvalidValue', 'requestPayment takes {timeStamp, nonceStr, package, signType, paySign}');
    }
    const args = checkedPayParams(payParams);
    if (typeof wx === 'undefined' || !wx || typeof wx.requestPayment !== 'function') {
      throw new WxPayError('FAILED', 'wx.requestPayment is not available here (not a mini-program?)');
    }
    openSheet('requestPayment', args, resolve, reject, 'payment');
  });
}

/**
 * wx[api](args), the sheet's callbacks settling a promise: its success resolves; its fail
 * rejects with 'CANCELLED' (errMsg '<api>:fail cancel…', or errCode `cancelCode` where
 * WeChat documents one) or 'FAILED', WeChat's errMsg and errCode kept. Every sheet's.
 */
function openSheet(api, args, resolve, reject, what, cancelCode) {
  args.success = resolve;
  args.fail = (res) => {
    const errMsg = String((res && res.errMsg) || api + ':fail');
    const extra = { errMsg };
    if (res && res.errCode !== undefined) extra.errCode = res.errCode;
    const cancelled = errMsg.indexOf(api + ':fail cancel') === 0 || (cancelCode !== undefined && extra.errCode === cancelCode);
    reject(new WxPayError(cancelled ? 'CANCELLED' : 'FAILED', cancelled ? 'the user cancelled the ' + what
      : errMsg + (extra.errCode !== undefined ? ' (errCode ' + extra.errCode + ')' : ''), extra));
  };
  wx[api](args);
}

// The other sheets (商家转账, 虚拟支付) are files of their own, required on first use with this
// file's helpers lent: a page that only pays never loads them (tools/assemble-pkg.js). WeChat's
// code analyzer drops files no require it finds names, and it misses some shapes of code
// (tests/mp/wechat checks that it keeps both files): change this one with that test run.
const lent = { wire, WxPayError, readField, typeName, isObject, openSheet };
const sheets = {};
function sheet(file) {
  return sheets[file] || (sheets[file] = file === 'transfer' ? require('./merchant-transfer.js')(lent) : require('./virtual-payment.js')(lent));
}

/** wx.requestMerchantTransfer (商家转账), checked: see src/js/merchant-transfer.js. */
function requestMerchantTransfer(params) {
  return sheet('transfer')(params);
}

/** wx.requestVirtualPayment (虚拟支付), checked: see src/js/virtual-payment.js. */
function requestVirtualPayment(params) {
  return sheet('virtual')(params);
}

module.exports = { init, buildPayParams, sign, verify, nonce, requestPayment, requestMerchantTransfer, requestVirtualPayment, WxPayError };

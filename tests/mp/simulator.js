'use strict';
// A mini-program runtime simulator that is stricter than any device. Every runtime fact cites
// docs/runtime.md (section named in the comment). The page-facing objects live in
// harness/mp-env.js, shared with the JavaScriptCore harness; this file is the Node host.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const HARNESS = path.join(__dirname, 'harness');
const ENV_SOURCE = fs.readFileSync(path.join(HARNESS, 'mp-env.js'), 'utf8');
const MODULE_HEAD = '(function (module, exports, require) {';

// docs/runtime.md (The mini-program JavaScript runtime): no WebAssembly, TextEncoder/TextDecoder or crypto on
// devices; the rest is what a browser or Node would add and devices do not promise.
const ABSENT = ['WebAssembly', 'TextEncoder', 'TextDecoder', 'crypto', 'window', 'document', 'fetch',
  'self', 'global', 'process', 'Buffer', 'require', 'module', 'SharedArrayBuffer', 'queueMicrotask',
  'structuredClone', 'performance', 'console', 'globalThis'];

// --- wasm checks -------------------------------------------------------------------------------
// MVP + mutable-globals only. docs/runtime.md (The mini-program JavaScript runtime): iOS "CompileError:
// invalid wasm file" from multivalue/reference-types; bulk-memory support unconfirmed → reject.
const MVP_FEATURES = {
  mutable_globals: true, exceptions: false, sat_float_to_int: false, sign_extension: false,
  simd: false, threads: false, function_references: false, multi_value: false, tail_call: false,
  bulk_memory: false, reference_types: false, annotations: false, code_metadata: false, gc: false,
  memory64: false, extended_const: false, relaxed_simd: false,
};
let wabtPromise = null;
const verdicts = new Map(); // "abs|size|mtime" → {bytes, error}
const stats = { checks: 0, cacheHits: 0 };

// wabt 1.0.39 lets multiple results and multiple tables through with those features off; scan
// the type/import/table/export sections ourselves (the module is known to be well-formed here).
function scanSections(b) {
  let p = 8;
  const u32 = () => {
    let r = 0, shift = 0, x;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80);
    return r;
  };
  const name = () => { const n = u32(); const s = Buffer.from(b.subarray(p, p + n)).toString('utf8'); p += n; return s; };
  const limits = () => { const flags = u32(); u32(); if (flags & 1) u32(); };
  const found = { multiResult: false, tables: 0, globalExports: [] };
  while (p < b.length) {
    const id = b[p++];
    const size = u32();
    const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++; // 0x60
        const params = u32();
        p += params; // MVP value types are one byte each
        const results = u32();
        p += results;
        if (results > 1) found.multiResult = true;
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        name(); name();
        const kind = b[p++];
        if (kind === 0) u32();
        else if (kind === 1) { p++; limits(); found.tables++; } else if (kind === 2) limits();
        else p += 2;
      }
    } else if (id === 4) {
      found.tables += u32();
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const exportName = name();
        if (b[p++] === 3) found.globalExports.push(exportName);
        u32();
      }
    }
    p = end;
  }
  return found;
}

/** Why iOS would refuse these bytes (a string), or null. */
async function wasmProblem(bytes) {
  wabtPromise = wabtPromise || require('wabt')();
  const wabt = await wabtPromise;
  let mod;
  try {
    mod = wabt.readWasm(bytes.slice(), { readDebugNames: false, ...MVP_FEATURES }); // wabt.js ignores byteOffset
    mod.validate();
  } catch (e) {
    return 'not MVP + mutable-globals: ' + e.message.replace(/^(readWasm|validate) failed:\s*/, '').split('\n')[0].trim();
  } finally {
    if (mod) mod.destroy();
  }
  const s = scanSections(bytes);
  // docs/runtime.md (The mini-program JavaScript runtime): iOS "暂不支持 Global" exports.
  if (s.globalExports.length) return `exports a Global (${s.globalExports.join(', ')}); iOS WXWebAssembly does not support Global`;
  if (s.multiResult) return 'not MVP + mutable-globals: multi-value function type';
  if (s.tables > 1) return 'not MVP + mutable-globals: more than one table (reference-types)';
  return null;
}

/** The module's bytes as a device gets them from the code package: a .wasm.br decompressed.
 * → Uint8Array, or null when a .wasm.br is not brotli. */
function readWasmBytes(abs) {
  let bytes = fs.readFileSync(abs);
  if (abs.endsWith('.br')) {
    // docs/runtime.md (The mini-program JavaScript runtime): .wasm.br is brotli, base library 2.14.0.
    try { bytes = zlib.brotliDecompressSync(bytes); } catch (e) { return null; }
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads a .wasm/.wasm.br under root and checks it as iOS would; cached by path+size+mtime,
 * because the check (wabt) is slow and no device makes it. Compiling is left to
 * instantiate, which a device does on every WXWebAssembly.instantiate.
 * → {bytes, error: null | {name, message}} */
async function loadWasmFile(abs) {
  let st;
  try { st = fs.statSync(abs); } catch { st = null; }
  if (!st || !st.isFile()) return { error: { name: 'Error', message: 'WXWebAssembly.instantiate: no such file in the code package' } };
  const key = `${abs}|${st.size}|${st.mtimeMs}`;
  if (verdicts.has(key)) { stats.cacheHits++; return verdicts.get(key); }
  stats.checks++;
  let verdict;
  const bytes = readWasmBytes(abs);
  if (!bytes) {
    verdict = { error: { name: 'Error', message: 'WXWebAssembly.instantiate: .wasm.br file is not brotli-compressed' } };
  } else {
    const problem = await wasmProblem(bytes);
    verdict = { bytes, error: problem ? { name: 'CompileError', message: `invalid wasm file (${problem})` } : null };
  }
  verdicts.set(key, verdict);
  return verdict;
}

/** WXWebAssembly.instantiate(path) as a device runs it: read, decompress, compile, instantiate
 * (after the cached check). → {instance, module}; throws {name, message}. */
async function instantiateWasmFile(abs, p, imports) {
  const v = await loadWasmFile(abs);
  if (v.error) throw { name: v.error.name, message: `${v.error.message} (${p})` };
  let module;
  try {
    module = await WebAssembly.compile(readWasmBytes(abs));
  } catch (e) {
    throw { name: 'CompileError', message: `invalid wasm file (${e.message}) (${p})` };
  }
  try {
    return { instance: await WebAssembly.instantiate(module, imports), module };
  } catch (e) {
    throw { name: e.name, message: e.message };
  }
}

// --- modules ---------------------------------------------------------------------------------
/** Module source as the page would get it → {source} | {error: {name, message}}. Devices run
 * CommonJS only; docs/runtime.md (The mini-program JavaScript runtime): import.meta breaks 构建npm. */
function readModuleSource(abs, id) {
  let source;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(abs));
  } catch (e) {
    return { error: { name: 'SyntaxError', message: `${id}: module file is not valid UTF-8` } };
  }
  try {
    new vm.Script(MODULE_HEAD + source + '\n})', { filename: id }); // parse only: ESM syntax fails here
  } catch (e) {
    return { error: { name: 'SyntaxError', message: `${id}: ${e.message} (mini-program modules are CommonJS scripts)` } };
  }
  return { source };
}

function isFileUnder(root, pkgPath) {
  try { return fs.statSync(path.join(root, pkgPath)).isFile(); } catch { return false; }
}

function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (v && typeof v === 'object') {
    if (ArrayBuffer.isView(v) || Object.prototype.toString.call(v) === '[object ArrayBuffer]') return new Uint8Array(v.buffer ? v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) : v.slice(0));
    const o = {};
    for (const k of Object.keys(v)) o[k] = clone(v[k]);
    return o;
  }
  return typeof v === 'function' ? `[Function ${v.name || 'anonymous'}]` : v;
}

// --- runtime ---------------------------------------------------------------------------------
function createRuntime(options = {}) {
  if (!options.root) throw new Error('createRuntime: options.root is required');
  const root = path.resolve(options.root);
  const opts = {
    platform: options.platform || 'ios',
    resultShape: options.resultShape || 'alternate',
    random: options.random || 'async',
    randomDelayMs: options.randomDelayMs || 0,
    pay: options.pay || 'ok',
    modal: options.modal || 'confirm',
    sdkVersion: options.sdkVersion || '2.15.0',
  };
  const state = { random: { calls: 0, bytes: 0 }, payments: [], transfers: [], logs: [], wasmLoads: [], modals: [], clipboard: [], components: [] };
  const timers = new Map();
  let nextTimer = 1;
  let disposed = false;

  // eval/new Function throw: stricter than devices, which allow new Function('return this')
  // (docs/runtime.md, The mini-program JavaScript runtime).
  const context = vm.createContext({}, { name: 'mini-program', codeGeneration: { strings: false, wasm: false } });
  const g = vm.runInContext('this', context);
  vm.runInContext(`${JSON.stringify(ABSENT)}.forEach(function (n) { delete this[n]; }, this);`, context);

  // Host timers; ids are numbers as on devices, and dispose() can cancel them all.
  function addTimer(fn, ms, repeat, args) {
    if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval: callback must be a function');
    const id = nextTimer++;
    if (disposed) return id;
    const run = () => {
      if (!repeat) timers.delete(id);
      try { fn(...args); } catch (e) { host.log('error', `uncaught exception in timer callback: ${e && e.stack || e}`); }
    };
    timers.set(id, (repeat ? setInterval : setTimeout)(run, ms));
    return id;
  }
  const clear = (id) => {
    const h = timers.get(id);
    if (h) { clearTimeout(h); clearInterval(h); timers.delete(id); }
  };
  g.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, false, args);
  g.setInterval = (fn, ms, ...args) => addTimer(fn, ms, true, args);
  g.clearTimeout = clear;
  g.clearInterval = clear;

  // The host compiles module code; code inside the context cannot.
  const compile = (source, filename) => new vm.Script(`${MODULE_HEAD}${source}\n})`, { filename }).runInContext(context);
  const host = {
    options: opts,
    state,
    isFile: (p) => isFileUnder(root, p),
    loadModule(p) {
      const r = readModuleSource(path.join(root, p), p);
      if (r.error) return r;
      return { factory: compile(r.source, p) };
    },
    instantiate: (p, imports) => instantiateWasmFile(path.join(root, p), p, imports),
    randomBytes: (n) => crypto.randomBytes(n),
    later: (fn, ms) => { if (!disposed) addTimer(fn, ms, false, []); },
    log(level, text) {
      state.logs.push(`[${level}] ${text}`);
      if (options.echo) process.stderr.write(`[mp ${level}] ${text}\n`);
    },
    record: (kind, value) => state[kind].push(clone(value)),
    defineComponent: (definition) => state.components.push(definition),
    request: options.request
      ? (o) => Promise.resolve(options.request({ url: o.url, method: o.method, header: { ...o.header }, body: o.body }))
      : undefined,
  };
  const createMpEnv = new vm.Script(`(function () {\n${ENV_SOURCE}\nreturn createMpEnv;\n})()`, { filename: 'harness/mp-env.js', lineOffset: -1 }).runInContext(context);
  const env = createMpEnv(host);
  Object.assign(g, env.globals);

  let assertModule = null;
  const runtime = {
    root,
    platform: opts.platform,
    context,
    logs: state.logs,
    payments: state.payments,
    modals: state.modals,
    clipboard: state.clipboard,
    wasmLoads: state.wasmLoads,
    random: state.random,
    /** Component() definitions, in the order the pages registered them. */
    components: state.components,
    /** require() as a page at the package root would, or as `fromFile` (a package path). */
    require: (spec, fromFile) => env.require(spec, fromFile),
    setRandomMode: (m) => env.setRandomMode(m),
    setPayMode: (m) => env.setPayMode(m),
    setModalMode: (m) => env.setModalMode(m),
    transfers: state.transfers,
    setTransferMode: (m) => env.setTransferMode(m),
    setSdkVersion: (v) => env.setSdkVersion(v),
    /** Runs a CommonJS file from disk (outside the package) in the page's realm. */
    loadHarnessModule(file) {
      const abs = path.resolve(file);
      const r = readModuleSource(abs, abs);
      if (r.error) throw Object.assign(new SyntaxError(r.error.message), { name: r.error.name });
      return env.runHarnessModule(abs, compile(r.source, abs));
    },
    /** The `t` object handed to suite cases. */
    makeT() {
      assertModule = assertModule || runtime.loadHarnessModule(path.join(HARNESS, 'assert.js'));
      return env.makeT(assertModule, { name: 'node', jit: true, platform: opts.platform });
    },
    installPackage(dir, name) {
      if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(name) || name.includes('..')) throw new Error(`bad package name ${name}`);
      fs.cpSync(dir, path.join(root, 'miniprogram_npm', name), { recursive: true });
    },
    dispose() {
      disposed = true;
      for (const id of [...timers.keys()]) clear(id);
    },
  };
  return runtime;
}

module.exports = { createRuntime, loadWasmFile, wasmProblem, readModuleSource, stats, MODULE_HEAD };

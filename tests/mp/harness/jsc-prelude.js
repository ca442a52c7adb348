// Prelude for `JSC_useJIT=false jsc`: turns the jsc shell into a strict mini-program runtime
// and runs one suite. jsc.js puts `this.__mp = {files, harness, config, payFn}` before it and
// inlines harness/mp-env.js at the marker below. Module factories are defined outside this
// function, so page code cannot see the captured WebAssembly.
(function (global) {
  'use strict';
  var mp = global.__mp;
  var print = global.print;
  var quit = global.quit;
  var hostSetTimeout = global.setTimeout;
  var atob = global.atob;
  var HostWasm = global.WebAssembly;
  var jit = typeof global.jscOptions === 'function' ? !!global.jscOptions().useJIT : null;
  var config = mp.config;

  // docs/runtime.md (The mini-program JavaScript runtime): no WebAssembly, TextEncoder/TextDecoder, crypto on
  // devices; the rest are browser/Node extras and the jsc shell's own helpers.
  var absent = ['__mp', 'WebAssembly', 'TextEncoder', 'TextDecoder', 'crypto', 'window', 'document',
    'fetch', 'self', 'global', 'process', 'Buffer', 'require', 'module', 'SharedArrayBuffer',
    'queueMicrotask', 'structuredClone', 'performance', 'console', 'atob', 'btoa', '$', '$262', '$vm',
    'debug', 'describe', 'describeArray', 'print', 'printErr', 'quit', 'gc', 'fullGC', 'edenGC',
    'gcHeapSize', 'addressOf', 'version', 'run', 'runString', 'load', 'loadString', 'readFile', 'read',
    'checkSyntax', 'sleepSeconds', 'jscStack', 'openFile', 'readline', 'preciseTime',
    'neverInlineFunction', 'noInline', 'noDFG', 'noFTL', 'numberOfDFGCompiles', 'jscOptions',
    'optimizeNextInvocation', 'reoptimizationRetryCount', 'transferArrayBuffer', 'OSRExit',
    'isFinalTier', 'predictInt32', 'isInt32', 'isPureNaN', 'fiatInt52', 'makeMasquerader',
    'createGlobalObject', 'drainMicrotasks', 'setTimeout', 'releaseWeakRefs', 'getRandomSeed',
    'setRandomSeed', 'isRope', 'callerSourceOrigin', 'setUnhandledRejectionCallback',
    'asyncTestStart', 'asyncTestPassed', 'globalThis'];
  absent.forEach(function (n) {
    try { delete global[n]; } catch (e) { /* non-configurable: reported by the suite's typeof checks */ }
  });

  // eval and every Function constructor throw (stricter than devices, which allow
  // new Function('return this'); docs/runtime.md, The mini-program JavaScript runtime).
  function blocker() {
    var b = function () { throw new EvalError('Code generation from strings disallowed (mini-program simulator)'); };
    return b;
  }
  global.eval = blocker();
  [function () {}, function* () {}, async function () {}, async function* () {}].forEach(function (fn) {
    var proto = Object.getPrototypeOf(fn);
    var b = blocker();
    b.prototype = proto;
    Object.defineProperty(proto, 'constructor', { value: b, writable: true, configurable: true });
    if (proto === Function.prototype) global.Function = b;
  });

  // Timers with numeric ids; cancelled ones still wake the loop, so the run ends with quit().
  var live = {};
  var nextTimer = 1;
  function safeCall(fn, args) {
    try { fn.apply(undefined, args); } catch (e) { log('error', 'uncaught exception in timer callback: ' + describeError(e)); }
  }
  function addTimer(fn, ms, repeat, args) {
    if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval: callback must be a function');
    var id = nextTimer++;
    live[id] = true;
    var tick = function () {
      if (!live[id]) return;
      if (repeat) hostSetTimeout(tick, ms || 0); else delete live[id];
      safeCall(fn, args);
    };
    hostSetTimeout(tick, ms || 0);
    return id;
  }
  global.setTimeout = function (fn, ms) { return addTimer(fn, ms, false, [].slice.call(arguments, 2)); };
  global.setInterval = function (fn, ms) { return addTimer(fn, ms, true, [].slice.call(arguments, 2)); };
  global.clearTimeout = global.clearInterval = function (id) { delete live[id]; };

  function decode(b64) {
    var s = atob(b64);
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function describeError(e) {
    if (e && typeof e === 'object' && 'message' in e) return e.name + ': ' + e.message + (e.stack ? '\n' + e.stack : '');
    return String(e);
  }
  function clone(v) {
    if (Array.isArray(v)) return v.map(clone);
    if (v && typeof v === 'object') {
      var o = {};
      Object.keys(v).forEach(function (k) { o[k] = clone(v[k]); });
      return o;
    }
    return typeof v === 'function' ? '[Function ' + (v.name || 'anonymous') + ']' : v;
  }
  function log(level, text) {
    if (state) state.logs.push('[' + level + '] ' + text);
    print('# [' + level + '] ' + String(text).split('\n').join('\n#   '));
  }

  var pool = decode(config.random);
  var poolPos = 0;
  var options = config.options;
  if (mp.payFn) options.pay = mp.payFn;
  var state = null;

  function makeHost() {
    state = { random: { calls: 0, bytes: 0 }, payments: [], transfers: [], logs: [], wasmLoads: [], modals: [], clipboard: [] };
    return {
      options: options,
      state: state,
      isFile: function (p) { return Object.prototype.hasOwnProperty.call(mp.files, p); },
      loadModule: function (p) {
        var f = mp.files[p];
        return f.error ? { error: f.error } : { factory: f.factory };
      },
      instantiate: function (p, imports) {
        var f = mp.files[p];
        if (!f || f.kind !== 'wasm') {
          return Promise.reject({ name: 'Error', message: 'WXWebAssembly.instantiate: no such file in the code package (' + p + ')' });
        }
        if (f.error) return Promise.reject({ name: f.error.name, message: f.error.message + ' (' + p + ')' });
        return HostWasm.compile(decode(f.b64)).then(function (module) {
          return HostWasm.instantiate(module, imports).then(function (instance) {
            return { instance: instance, module: module };
          });
        }).catch(function (e) {
          throw { name: e.name, message: e.message };
        });
      },
      randomBytes: function (n) {
        if (poolPos + n > pool.length) return null;
        poolPos += n;
        return pool.subarray(poolPos - n, poolPos);
      },
      later: function (fn, ms) { addTimer(fn, ms, false, []); },
      log: log,
      record: function (kind, v) { state[kind].push(clone(v)); }
    };
  }

/*MP_ENV*/

  var engine = { name: 'jsc', jit: jit, platform: options.platform };
  function boot() {
    var env = createMpEnv(makeHost());
    Object.keys(env.globals).forEach(function (k) { global[k] = env.globals[k]; });
    var assert = env.runHarnessModule(config.assertId, mp.harness[config.assertId]);
    config.entryFiles.forEach(function (f) { env.require(f); });
    return { env: env, cases: env.runHarnessModule(config.suiteId, mp.harness[config.suiteId]), assert: assert };
  }

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var done = false;
      hostSetTimeout(function () {
        if (!done) reject(new Error('timed out after ' + ms + ' ms'));
      }, ms);
      promise.then(function (v) { done = true; resolve(v); }, function (e) { done = true; reject(e); });
    });
  }

  async function main() {
    var passed = 0;
    var failed = 0;
    print('@@engine ' + JSON.stringify(engine));
    function report(name, err) {
      var ok = err === undefined;
      if (ok) passed++; else failed++;
      print((ok ? 'ok ' : 'not ok ') + (passed + failed) + ' - ' + name);
      print('@@case ' + JSON.stringify({ name: name, ok: ok, error: ok ? null : describeError(err) }));
    }
    var first;
    try {
      first = boot();
    } catch (e) {
      report('load suite', e);
    }
    if (first) {
      for (var i = 0; i < first.cases.length; i++) {
        var name = first.cases[i].name;
        try {
          var b = config.fresh && i > 0 ? boot() : first;
          var t = b.env.makeT(b.assert, engine);
          await withTimeout(Promise.resolve().then(b.cases[i].run.bind(b.cases[i], t)), config.caseTimeoutMs);
          report(name);
        } catch (e) {
          report(name, e === undefined ? new Error('rejected with undefined') : e);
        }
      }
    }
    print(passed + ' passed, ' + failed + ' failed');
    quit();
  }
  main();
})(this);

// A second instance of the module driven through its raw exports, with every argument already
// UTF-8 encoded: malloc (or, for buildPayParams, the scratch) + copy in, the call, the result
// left as bytes (and freed). What it costs,
// set against glue.* and the public API, splits our time into wasm work and JS string work.
// Mirrors wasm-bindgen 0.2.100's calling convention for these exports (retptr first,
// (ptr, len) per string or slice, result {ptr, len, error, isError} at retptr).
'use strict';

var WASM_PATH = '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br';

function ascii(s) {
  var b = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

async function instantiate(host, config) {
  // The module's one import makes error strings; the calls timed here never fail.
  var imports = { './wxpay_wasm_bg.js': { __wbindgen_string_new: function () { throw new Error('unexpected error path'); } } };
  var r = typeof WXWebAssembly !== 'undefined'
    ? await WXWebAssembly.instantiate(WASM_PATH, imports)
    : await host.WebAssembly.instantiate(config.initOptions.wasmBytes, imports);
  return (r.instance || r).exports;
}

function driver(w) {
  var u8 = null;
  var dv = null;
  function mem() {
    if (u8 === null || u8.byteLength === 0) { u8 = new Uint8Array(w.memory.buffer); dv = new DataView(w.memory.buffer); }
    return u8;
  }
  function put(bytes) {
    var p = w.__wbindgen_malloc(bytes.length, 1) >>> 0;
    mem().set(bytes, p);
    return p;
  }
  function put32(words) {
    var p = w.__wbindgen_malloc(words.length * 4, 4) >>> 0;
    new Uint32Array(w.memory.buffer, p, words.length).set(words);
    return p;
  }
  // → the result's bytes when `keep`, else its length; frees it either way.
  function take(ret, keep) {
    mem();
    var ptr = dv.getInt32(ret, true);
    var len = dv.getInt32(ret + 4, true);
    if (dv.getInt32(ret + 12, true)) throw new Error('raw call returned an error');
    var out = keep ? mem().slice(ptr, ptr + len) : len;
    w.__wbindgen_free(ptr, len, 1);
    return out;
  }
  function call(fn, args, tail, keep) {
    var ret = w.__wbindgen_add_to_stack_pointer(-16);
    try {
      var flat = [ret];
      for (var i = 0; i < args.length; i++) {
        var a = args[i];
        flat.push(a instanceof Uint32Array ? put32(a) : put(a), a.length);
      }
      fn.apply(null, flat.concat(tail));
      return take(ret, keep);
    } finally {
      w.__wbindgen_add_to_stack_pointer(16);
    }
  }
  return { call: call, mem: mem };
}

/** → {signer(packed) → fn(keep), buildPayParams(keep)} over pre-encoded inputs. */
async function rawCalls(host, config, inputs, now) {
  var w = await instantiate(host, config);
  var d = driver(w);
  var call = d.call;
  var mem = d.mem;
  var req = inputs.request;
  // buildPayParams crosses through the module's scratch (wasm/miniprogram/src/lib.rs): the six fields'
  // bytes in, the answer read back from after them.
  var payFields = [req.appId, req.prepayId, req.key, 'MD5', req.timeStamp, req.nonceStr];
  var payInput = ascii(payFields.join(''));
  var payLengths = payFields.map(function (f) { return f.length; });
  return {
    signer: function (packed) {
      var signArgs = [ascii(packed.joined), packed.lengths, ascii(req.key), ascii('MD5')];
      return function (keep) { return call(w.sign, signArgs, [], keep); };
    },
    buildPayParams: function (keep) {
      var at = w.payScratch(2 * payInput.length + 320) >>> 0;
      mem().set(payInput, at);
      var l = payLengths;
      var n = w.buildPayParamsInScratch(l[0], l[1], l[2], l[3], l[4], l[5], now);
      if (n < 0) throw new Error('raw call returned error ' + -n);
      var out = at + payInput.length;
      return keep ? mem().slice(out, out + n) : n;
    },
  };
}

module.exports = { rawCalls: rawCalls };

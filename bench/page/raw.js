// A second instance of the module driven through its raw exports, with every argument already
// UTF-8 encoded: bytes copied into the scratch, the call, the result left as bytes. What it
// costs, set against the public API, splits our time into wasm work and the shim's JS work.
// Follows the boundary of wasm/miniprogram/src/lib.rs: text in the scratch, byte lengths as numbers, the ASCII
// answer after the input, its length the result (negative: an error's number).
'use strict';

var WASM_PATH = '/miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br';

function ascii(s) {
  var b = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

async function instantiate(host, config) {
  var imports = { './wxpay_wasm_bg.js': {} };
  var r = typeof WXWebAssembly !== 'undefined'
    ? await WXWebAssembly.instantiate(WASM_PATH, imports)
    : await host.WebAssembly.instantiate(config.initOptions.wasmBytes, imports);
  return (r.instance || r).exports;
}

/** → {signer(fields) → fn(keep), buildPayParams(keep)} over pre-encoded inputs. */
async function rawCalls(host, config, inputs, now) {
  var w = await instantiate(host, config);
  var u8 = null;
  function mem() {
    if (u8 === null || u8.byteLength === 0) u8 = new Uint8Array(w.memory.buffer);
    return u8;
  }
  var req = inputs.request;
  var payFields = [req.appId, req.prepayId, req.key, 'MD5', req.timeStamp, req.nonceStr];
  var payInput = ascii(payFields.join(''));
  var payLengths = payFields.map(function (f) { return f.length; });
  var at = w.scratch(65536) >>> 0;
  function result(n, end, keep) {
    if (n < 0) throw new Error('raw call returned error ' + -n);
    return keep ? mem().slice(end, end + n) : n;
  }
  return {
    // sign: the pairs' byte lengths as u32, then key, signType and the pairs' text.
    signer: function (fields) {
      var names = Object.keys(fields);
      var words = new Uint32Array(names.length * 2);
      var text = req.key + 'MD5';
      names.forEach(function (name, i) {
        var v = String(fields[name]);
        words[2 * i] = name.length;
        words[2 * i + 1] = v.length;
        text += name + v;
      });
      var input = new Uint8Array(words.length * 4 + text.length);
      input.set(new Uint8Array(words.buffer), 0);
      input.set(ascii(text), words.length * 4);
      return function (keep) {
        mem().set(input, at);
        return result(w.sign(names.length, req.key.length, 3, input.length), at + input.length, keep);
      };
    },
    // One crossing that does nothing: what any call into the module costs at least.
    entropyAvailable: function () {
      return w.entropyAvailable();
    },
    buildPayParams: function (keep) {
      mem().set(payInput, at);
      var l = payLengths;
      return result(w.buildPayParams(l[0], l[1], l[2], l[3], l[4], l[5], now), at + payInput.length, keep);
    },
  };
}

module.exports = { rawCalls: rawCalls };

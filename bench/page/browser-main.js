// The Chromium page: a tiny CommonJS loader over the module table of /modules.js (the same code
// package the simulator runs), then core.js; results are POSTed back to the host.
'use strict';

(function () {
  var defs = window.__modules;
  var cache = {};

  function normalize(p) {
    var out = [];
    p.split('/').forEach(function (s) {
      if (s === '..') out.pop(); else if (s && s !== '.') out.push(s);
    });
    return '/' + out.join('/');
  }
  function resolve(spec, from) {
    var base = spec.charAt(0) === '/' ? spec
      : /^\.\.?\//.test(spec) ? from.slice(0, from.lastIndexOf('/')) + '/' + spec
        : '/miniprogram_npm/' + spec;
    var p = normalize(base);
    var found = [p, p + '.js', p + '/index.js'].filter(function (c) { return defs[c]; })[0];
    if (!found) throw new Error("module '" + spec + "' is not defined");
    return found;
  }
  function load(id) {
    if (!cache[id]) {
      var module = { exports: {} };
      cache[id] = module;
      defs[id].call(module.exports, module, module.exports, function (spec) { return load(resolve(spec, id)); });
    }
    return cache[id].exports;
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', body: body });
  }

  async function main() {
    var config = await (await fetch('/config.json')).json();
    var wasmBytes = async function (url) { return new Uint8Array(await (await fetch(url)).arrayBuffer()); };
    config.initOptions = { wasmBytes: await wasmBytes('/wxpay_wasm_bg.wasm') };
    for (var i = 0; i < config.previous.length; i++) {
      config.previous[i].initOptions = { wasmBytes: await wasmBytes('/previous/' + config.previous[i].commit + '.wasm') };
    }
    var host = {
      now: function () { return performance.now(); },
      WebAssembly: WebAssembly,
      TextEncoder: TextEncoder,
      progress: function (text) { post('/log', text); },
    };
    var result = await load('/bench/core.js').run(host, config);
    result.info.crossOriginIsolated = self.crossOriginIsolated;
    result.info.userAgent = navigator.userAgent;
    await post('/result', JSON.stringify(result));
  }
  main().catch(function (e) { post('/error', String(e && e.stack || e)); });
})();

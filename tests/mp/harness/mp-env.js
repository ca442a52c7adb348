// The mini-program side of the simulator, shared by both engines: Node evaluates it inside the
// vm context (so every object the page sees belongs to the page's realm), jsc inlines it into
// the prelude. Plain ES2017, no host APIs: all I/O goes through `host`:
//   host.isFile(pkgPath) → bool           host.loadModule(pkgPath) → {factory} | {error}
//   host.instantiate(pkgPath, imports) → Promise<{instance, module}>, rejects {name, message}
//   host.randomBytes(n) → bytes | null     host.later(fn, ms)      host.log(level, text)
//   host.record(kind, value)  (kind: 'payments' | 'transfers' | 'wasmLoads' | 'modals' | 'clipboard'; a deep copy)
//   host.state = {random: {calls, bytes}, payments, transfers, logs, wasmLoads, modals, clipboard}
//   host.options = {platform, sdkVersion, resultShape, random, randomDelayMs, pay, modal}
//   host.request(o) → Promise<{statusCode, text}>  (optional: wx.request exists only with it)
//   host.defineComponent(definition)               (Component(), for the page driver)
function createMpEnv(host) {
  'use strict';
  var opts = host.options;
  var state = host.state;
  var randomMode = opts.random || 'async';
  var payMode = opts.pay || 'ok';
  var transferMode = 'ok';
  var modalMode = opts.modal || 'confirm';
  var shapeCalls = 0;
  var loginCount = 0;
  var cache = {};

  function notDefined(spec) {
    return new Error("module '" + spec + "' is not defined");
  }

  // Errors from the host arrive as {name, message}; rebuild them in this realm.
  function localError(e) {
    var ctors = { Error: Error, TypeError: TypeError, SyntaxError: SyntaxError, RangeError: RangeError };
    var name = (e && e.name) || 'Error';
    var err = new (ctors[name] || Error)(String(e && e.message !== undefined ? e.message : e));
    if (!ctors[name]) err.name = name;
    return err;
  }

  // '/a/./b/../c' → '/a/c'; null when '..' would leave the code package.
  function normalize(p) {
    var out = [];
    var parts = p.split('/');
    for (var i = 0; i < parts.length; i++) {
      var s = parts[i];
      if (s === '' || s === '.') continue;
      if (s === '..') {
        if (!out.length) return null;
        out.pop();
      } else out.push(s);
    }
    return '/' + out.join('/');
  }

  function dirname(p) {
    return p.slice(0, p.lastIndexOf('/')) || '/';
  }

  // Mini-program require: relative, package-absolute, bare → /miniprogram_npm/<name> (where 构建npm
  // copies packages, docs/runtime.md "构建npm"); '.js' optional; a folder means its index.js. No Node
  // builtins. The "module 'X' is not defined" wording is unconfirmed (no source in docs/runtime.md).
  function resolve(spec, fromFile) {
    if (typeof spec !== 'string' || spec === '') throw notDefined(spec);
    var base;
    if (spec.charAt(0) === '/') base = spec;
    else if (/^\.\.?(\/|$)/.test(spec)) base = dirname(fromFile) + '/' + spec;
    else base = '/miniprogram_npm/' + spec;
    var p = normalize(base);
    if (p === null) throw notDefined(spec);
    var candidates = [p, p + '.js', p + '/index.js'];
    for (var i = 0; i < candidates.length; i++) {
      var c = candidates[i];
      if (/\.js$/.test(c) && host.isFile(c)) return c;
    }
    throw notDefined(spec);
  }

  function makeRequire(fromFile) {
    return function require(spec) {
      return load(resolve(spec, fromFile));
    };
  }

  function run(id, factory, fromFile) {
    var module = { id: id, exports: {} };
    cache[id] = module;
    try {
      factory.call(module.exports, module, module.exports, makeRequire(fromFile || id));
    } catch (e) {
      delete cache[id];
      throw e;
    }
    return module.exports;
  }

  function load(id) {
    if (cache[id]) return cache[id].exports;
    var r = host.loadModule(id);
    if (r.error) throw localError(r.error);
    return run(id, r.factory);
  }

  // --- WXWebAssembly -------------------------------------------------------------------------
  // docs/runtime.md (miniprogram/dev/framework/performance/wasm): only instantiate(path, imports),
  // path absolute inside the code package, .wasm or .wasm.br (2.14.0); no bytes, no compile;
  // Instance/Memory/Table/Global print undefined on iOS devices.
  function instantiate(path, imports) {
    var shape = opts.resultShape || 'alternate';
    if (shape === 'alternate') shape = shapeCalls++ % 2 ? 'object' : 'instance';
    function done(err) {
      var shown = typeof path === 'string' ? path : Object.prototype.toString.call(path);
      host.record('wasmLoads', { path: shown, ok: !err, shape: shape, error: err ? err.name + ': ' + err.message : null });
      return err;
    }
    if (typeof path !== 'string') {
      return Promise.reject(done(new TypeError('WXWebAssembly.instantiate: path must be a string inside the code package, got ' + Object.prototype.toString.call(path))));
    }
    var p = path.charAt(0) === '/' ? normalize(path) : null;
    if (p === null) return Promise.reject(done(new Error('WXWebAssembly.instantiate: path must be absolute inside the code package: ' + path)));
    if (!/\.wasm(\.br)?$/.test(p)) return Promise.reject(done(new Error('WXWebAssembly.instantiate: path must end in .wasm or .wasm.br: ' + path)));
    return new Promise(function (resolve, reject) {
      host.instantiate(p, imports).then(function (r) {
        done(null);
        resolve(shape === 'instance' ? r.instance : { instance: r.instance, module: r.module });
      }, function (e) {
        reject(done(localError(e)));
      });
    });
  }

  var WXWebAssembly = { instantiate: instantiate };

  // --- wx --------------------------------------------------------------------------------------
  function answer(o, ok, res, delay) {
    host.later(function () {
      try {
        var cb = ok ? o.success : o.fail;
        if (typeof cb === 'function') cb(res);
      } catch (e) {
        log('error', ['uncaught error in wx callback:', e]);
      }
      try {
        if (typeof o.complete === 'function') o.complete(res);
      } catch (e) {
        log('error', ['uncaught error in wx complete callback:', e]);
      }
    }, delay || 0);
  }

  // docs/runtime.md (wx.getRandomValues): asynchronous, ArrayBuffer in res.randomValues,
  // length ≤ 1,048,576. Callback style only: the facts list no Promise form. errMsg wording for
  // failures is unconfirmed.
  function getRandomValues(o) {
    o = o || {};
    var n = o.length;
    state.random.calls++;
    if (typeof n !== 'number' || n % 1 !== 0 || n < 1 || n > 1048576) {
      return answer(o, false, { errMsg: 'getRandomValues:fail invalid length' });
    }
    if (randomMode === 'hang') return;
    if (randomMode === 'fail') return answer(o, false, { errMsg: 'getRandomValues:fail' });
    var bytes = host.randomBytes(n);
    if (!bytes) {
      log('error', ['simulator: random byte pool exhausted']);
      return answer(o, false, { errMsg: 'getRandomValues:fail random pool exhausted (harness)' });
    }
    var buf = new ArrayBuffer(n);
    new Uint8Array(buf).set(bytes);
    state.random.bytes += n;
    answer(o, true, { randomValues: buf, errMsg: 'getRandomValues:ok' }, opts.randomDelayMs);
  }

  // docs/runtime.md (wx.requestPayment): string fields, signType MD5 (default) | HMAC-SHA256 | RSA;
  // a number timeStamp fails with "parameter.timeStamp should be String"; results ok, "fail cancel",
  // "fail <detail>". The signType message and the 签名错误 detail are our wording (unconfirmed).
  var SIGN_TYPES = ['MD5', 'HMAC-SHA256', 'RSA'];
  /** A sheet's options without its callbacks, recorded as `kind`. */
  function sheetParams(o, kind) {
    var params = {};
    Object.keys(o).forEach(function (k) {
      if (k !== 'success' && k !== 'fail' && k !== 'complete') params[k] = o[k];
    });
    host.record(kind, params);
    return params;
  }
  function requestPayment(o) {
    o = o || {};
    var params = sheetParams(o, 'payments');
    var bad = ['timeStamp', 'nonceStr', 'package', 'paySign'].filter(function (k) {
      return typeof o[k] !== 'string';
    })[0];
    if (bad) return answer(o, false, { errMsg: 'requestPayment:fail parameter.' + bad + ' should be String' });
    if (o.signType !== undefined && SIGN_TYPES.indexOf(o.signType) < 0) {
      return answer(o, false, { errMsg: 'requestPayment:fail parameter.signType should be one of ' + SIGN_TYPES.join(', ') });
    }
    // A pay function may answer later (the demo forwards the payment to its WeChat Pay emulator).
    var decided = typeof payMode === 'function'
      ? Promise.resolve().then(function () { return payMode(params); }).then(function (r) {
        r = r || {};
        return r.ok ? { errMsg: 'requestPayment:ok' } : { errMsg: String(r.errMsg || 'requestPayment:fail') };
      })
      : Promise.resolve({ errMsg: { ok: 'requestPayment:ok', cancel: 'requestPayment:fail cancel', fail: 'requestPayment:fail 签名错误' }[payMode] });
    decided.then(function (res) {
      answer(o, res.errMsg === 'requestPayment:ok', res);
    }, function (e) {
      answer(o, false, { errMsg: 'requestPayment:fail ' + String(e && e.message || e) });
    });
  }

  // docs/runtime.md (商家转账): wx.requestMerchantTransfer from base library 3.3.0, callbacks only
  // (no Promise form); {mchId, appId, package, openId?}; results ok, "fail cancel", "fail <detail>".
  // The parameter and 签名错误-style wording of failures is ours (unconfirmed).
  var TRANSFER_FROM = '3.3.0';
  function requestMerchantTransfer(o) {
    o = o || {};
    var params = sheetParams(o, 'transfers');
    var bad = ['mchId', 'appId', 'package'].filter(function (k) {
      return typeof o[k] !== 'string';
    })[0];
    if (bad) return answer(o, false, { errMsg: 'requestMerchantTransfer:fail parameter.' + bad + ' should be String' });
    var decided = typeof transferMode === 'function'
      ? Promise.resolve().then(function () { return transferMode(params); }).then(function (r) {
        r = r || {};
        return r.ok ? { errMsg: 'requestMerchantTransfer:ok' } : { errMsg: String(r.errMsg || 'requestMerchantTransfer:fail'), errCode: r.errCode };
      })
      : Promise.resolve({ ok: { errMsg: 'requestMerchantTransfer:ok' }, cancel: { errMsg: 'requestMerchantTransfer:fail cancel' },
        fail: { errMsg: 'requestMerchantTransfer:fail 商户单据状态异常', errCode: -1 } }[transferMode]);
    decided.then(function (res) {
      answer(o, res.errMsg === 'requestMerchantTransfer:ok', res);
    }, function (e) {
      answer(o, false, { errMsg: 'requestMerchantTransfer:fail ' + String(e && e.message || e) });
    });
  }

  // docs/runtime.md (虚拟支付): wx.requestVirtualPayment from base library 2.19.2, callbacks only;
  // ok → requestVirtualPayment:ok; fail → {errMsg, errCode}: -2 支付取消, 1001 参数错误, -15005
  // SIGNATURE_INVALID (the errMsg wordings of cancel and of 1001 are ours, unconfirmed). A pay
  // function gets (params, 'requestVirtualPayment') and answers {ok} or {errMsg, errCode}.
  var VIRTUAL_FROM = '2.19.2';
  var VIRTUAL_MODES = ['short_series_goods', 'short_series_coin'];
  var VIRTUAL_OUTCOMES = {
    ok: { errMsg: 'requestVirtualPayment:ok' },
    cancel: { errMsg: 'requestVirtualPayment:fail cancel', errCode: -2 },
    fail: { errMsg: 'requestVirtualPayment:fail SIGNATURE_INVALID', errCode: -15005 }
  };
  function requestVirtualPayment(o) {
    o = o || {};
    var params = {};
    Object.keys(o).forEach(function (k) {
      if (typeof o[k] !== 'function') params[k] = o[k];
    });
    host.record('payments', params);
    var bad = ['signData', 'mode', 'paySig', 'signature'].filter(function (k) { return typeof o[k] !== 'string'; })[0];
    if (bad || VIRTUAL_MODES.indexOf(o.mode) < 0) {
      return answer(o, false, { errMsg: 'requestVirtualPayment:fail parameter error: ' + (bad ? bad + ' should be String' : 'mode'), errCode: 1001 });
    }
    var mode = payMode;
    Promise.resolve(typeof mode === 'function' ? mode(params, 'requestVirtualPayment') : null).then(function (r) {
      r = r || {};
      var res = typeof mode !== 'function' ? VIRTUAL_OUTCOMES[mode]
        : r.ok ? VIRTUAL_OUTCOMES.ok : { errMsg: String(r.errMsg || 'requestVirtualPayment:fail'), errCode: r.errCode };
      answer(o, res === VIRTUAL_OUTCOMES.ok, res);
    }, function (e) {
      answer(o, false, { errMsg: 'requestVirtualPayment:fail ' + String(e && e.message || e), errCode: -1 });
    });
  }

  // wx.request (only where the host connects it to a server): JSON bodies, parsed in this realm.
  function request(o) {
    o = o || {};
    if (typeof o.url !== 'string' || !/^https?:\/\//.test(o.url)) {
      return answer(o, false, { errMsg: 'request:fail invalid url' });
    }
    var body = o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
    host.request({ url: o.url, method: String(o.method || 'GET').toUpperCase(), header: o.header || {}, body: body })
      .then(function (r) {
        var data = r.text;
        try {
          data = JSON.parse(r.text);
        } catch (e) {
          // not JSON: handed over as text, as wx.request does
        }
        answer(o, true, { statusCode: r.statusCode, data: data, header: {}, errMsg: 'request:ok' });
      }, function (e) {
        answer(o, false, { errMsg: 'request:fail ' + String(e && e.message || e) });
      });
  }

  function login(o) {
    answer(o || {}, true, { code: 'mock-code-' + ++loginCount, errMsg: 'login:ok' });
  }

  // wx.showModal: confirmText and cancelText hold at most 4 characters (the documented limit; the
  // fail wording is ours). Answers as the user of setModalMode would tap: 'confirm' | 'cancel'.
  function showModal(o) {
    o = o || {};
    var bad = ['title', 'content', 'confirmText', 'cancelText'].filter(function (k) {
      return o[k] !== undefined && typeof o[k] !== 'string';
    })[0];
    if (bad) return answer(o, false, { errMsg: 'showModal:fail parameter.' + bad + ' should be String' });
    var long = ['confirmText', 'cancelText'].filter(function (k) { return o[k] !== undefined && o[k].length > 4; })[0];
    if (long) return answer(o, false, { errMsg: 'showModal:fail ' + long + ' length should not larger than 4 Chinese characters' });
    host.record('modals', { title: o.title || '', content: o.content || '', confirmText: o.confirmText || '确定', cancelText: o.cancelText || '取消', showCancel: o.showCancel !== false });
    var confirm = modalMode === 'confirm' || o.showCancel === false;
    answer(o, true, { confirm: confirm, cancel: !confirm, errMsg: 'showModal:ok' });
  }

  function setClipboardData(o) {
    o = o || {};
    if (typeof o.data !== 'string') return answer(o, false, { errMsg: 'setClipboardData:fail parameter.data should be String' });
    host.record('clipboard', o.data);
    answer(o, true, { errMsg: 'setClipboardData:ok' });
  }

  // What a phone of the simulated platform reports (values are the simulator's own). The split
  // getDeviceInfo / getAppBaseInfo exist from base library 2.20.1, which also stops maintaining
  // getSystemInfoSync (developers.weixin.qq.com, wx.getSystemInfoSync).
  var sdkVersion = opts.sdkVersion || '2.15.0';
  var DEVICES = {
    ios: { brand: 'iPhone', model: 'iPhone 13<iPhone14,5>', system: 'iOS 16.6' },
    android: { brand: 'HUAWEI', model: 'ELS-AN00', system: 'Android 12' },
    devtools: { brand: 'devtools', model: 'iPhone 6/7/8', system: 'iOS 10.0.1' }
  };
  function deviceInfo() {
    var d = DEVICES[opts.platform] || DEVICES.ios;
    return { brand: d.brand, model: d.model, system: d.system, platform: opts.platform || 'ios' };
  }
  function appBaseInfo() {
    return { SDKVersion: sdkVersion, version: '8.0.50', language: 'zh_CN', theme: 'light' };
  }
  function getSystemInfoSync() {
    var info = deviceInfo();
    var base = appBaseInfo();
    Object.keys(base).forEach(function (k) { info[k] = base[k]; });
    return info;
  }
  function versionAtLeast(v, min) {
    var a = v.split('.').map(Number);
    var b = min.split('.').map(Number);
    for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return true;
  }

  var wx = {
    getRandomValues: getRandomValues, requestPayment: requestPayment, login: login,
    showModal: showModal, setClipboardData: setClipboardData, getSystemInfoSync: getSystemInfoSync
  };
  if (versionAtLeast(sdkVersion, '2.20.1')) {
    wx.getDeviceInfo = deviceInfo;
    wx.getAppBaseInfo = appBaseInfo;
  }
  if (host.request) wx.request = request;
  // wx.canIUse(name) for the APIs a base library may lack (base library 1.1.1 has canIUse itself).
  wx.canIUse = function (name) {
    return name === 'requestMerchantTransfer' ? versionAtLeast(sdkVersion, TRANSFER_FROM) : typeof wx[String(name).split('.')[0]] === 'function';
  };
  // The sheets a base library has, by its version.
  function setSdkVersion(v) {
    sdkVersion = v;
    if (versionAtLeast(v, TRANSFER_FROM)) wx.requestMerchantTransfer = requestMerchantTransfer;
    else delete wx.requestMerchantTransfer;
    if (versionAtLeast(v, VIRTUAL_FROM)) wx.requestVirtualPayment = requestVirtualPayment;
    else delete wx.requestVirtualPayment;
  }
  setSdkVersion(sdkVersion);

  // --- console / app ---------------------------------------------------------------------------
  function show(v) {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && typeof v.message === 'string' && typeof v.name === 'string') return v.name + ': ' + v.message;
    try {
      var s = JSON.stringify(v);
      return s === undefined ? String(v) : s;
    } catch (e) {
      return String(v);
    }
  }
  function log(level, args) {
    host.log(level, Array.prototype.map.call(args, show).join(' '));
  }
  var console = {};
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    console[level] = function () {
      log(level, arguments);
    };
  });
  var app = { globalData: {} };

  function setRandomMode(m) {
    if (['async', 'fail', 'hang'].indexOf(m) < 0) throw new Error('unknown random mode ' + m);
    randomMode = m;
  }
  function setModalMode(m) {
    if (['confirm', 'cancel'].indexOf(m) < 0) throw new Error('unknown modal mode ' + m);
    modalMode = m;
  }
  function setTransferMode(m) {
    if (typeof m !== 'function' && ['ok', 'cancel', 'fail'].indexOf(m) < 0) throw new Error('unknown transfer mode ' + m);
    transferMode = m;
  }
  function setPayMode(m) {
    if (typeof m !== 'function' && ['ok', 'cancel', 'fail'].indexOf(m) < 0) throw new Error('unknown pay mode ' + m);
    payMode = m;
  }

  return {
    globals: {
      wx: wx,
      WXWebAssembly: WXWebAssembly,
      console: console,
      getApp: function () { return app; },
      App: function (definition) {
        Object.keys(definition || {}).forEach(function (k) { app[k] = definition[k]; });
      },
      Component: function (definition) {
        if (!host.defineComponent) throw new Error('Component() is not available in this harness');
        host.defineComponent(definition);
      }
    },
    require: function (spec, fromFile) {
      return makeRequire(fromFile || '/app.js')(spec);
    },
    // Runs a harness module (suite, assert) that lives outside the code package; its require
    // resolves like a file at the package root.
    runHarnessModule: function (id, factory) {
      return cache['harness:' + id] ? cache['harness:' + id].exports : run('harness:' + id, factory, '/app.js');
    },
    makeT: function (assert, engine) {
      return {
        require: makeRequire('/app.js'),
        wx: wx,
        WXWebAssembly: WXWebAssembly,
        getApp: function () { return app; },
        setRandomMode: setRandomMode,
        setPayMode: setPayMode,
        setModalMode: setModalMode,
        setTransferMode: setTransferMode,
        setSdkVersion: setSdkVersion,
        payments: state.payments,
        transfers: state.transfers,
        modals: state.modals,
        clipboard: state.clipboard,
        logs: state.logs,
        wasmLoads: state.wasmLoads,
        random: state.random,
        assert: assert,
        engine: engine
      };
    },
    setRandomMode: setRandomMode,
    setPayMode: setPayMode,
    setModalMode: setModalMode,
    setTransferMode: setTransferMode,
    setSdkVersion: setSdkVersion
  };
}

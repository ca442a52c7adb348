// Every contender of the benchmark, each a zero-argument function with a check of its answer.
// Same file in every engine; plain ES2017, no host API (see core.js for `host`).
'use strict';

var inputs = require('./inputs.js');
var helper = require('./pay-helper.js');
var raw = require('./raw.js');

function checkPay(expect, signType) {
  var F = inputs.fields(signType);
  return function (r) {
    return !!r && r.paySign === expect && r.timeStamp === F.timeStamp && r.nonceStr === F.nonceStr &&
      r.package === F.package && r.signType === signType;
  };
}
function equals(expect) {
  return function (r) { return r === expect; };
}

// js-md5 switches to Node's crypto when it sees `process`; prove the wrapper kept it pure JS.
function jsMd5Mode(md5) {
  var src = String(md5);
  if (/createHash|require/.test(src) || !/\.update\(/.test(src)) {
    throw new Error('js-md5 is not its pure-JS build here: ' + src.slice(0, 200));
  }
  return 'pure JS (md5 = ' + src.replace(/\s+/g, ' ').slice(0, 80) + ')';
}

/** The libraries from their wrapped shipped builds → {md5, hex: {name: text → lowercase hex}}. */
async function libraries(host, utf8) {
  var none = {};
  var md5 = require('./libs/js-md5.js')(none);
  var Spark = require('./libs/spark-md5.js')(none);
  var blueimp = require('./libs/blueimp-md5.js')(none);
  var CryptoJS = require('./libs/crypto-js.js')(none);
  var hashwasm = require('./libs/hash-wasm.js')({
    WebAssembly: host.WebAssembly,
    TextEncoder: host.TextEncoder || utf8.TextEncoder,
  });
  var hasher = await hashwasm.createMD5();
  return {
    md5: md5,
    CryptoJS: CryptoJS,
    hex: {
      'js-md5': function (s) { return md5(s); },
      'spark-md5': function (s) { return Spark.hash(s); },
      'blueimp-md5': function (s) { return blueimp(s); },
      'crypto-js': function (s) { return CryptoJS.MD5(s).toString(); },
      'hash-wasm': function (s) { hasher.init(); hasher.update(s); return hasher.digest('hex'); },
    },
  };
}

/** Earlier packages (bench/run.js --previous), each loaded and initialised beside ours. */
async function previousPackages(config) {
  var list = config.previous || [];
  var out = [];
  for (var i = 0; i < list.length; i++) {
    var api = require(list[i].name);
    await api.init(list[i].initOptions || { wasmPath: '/miniprogram_npm/' + list[i].name + '/wxpay_wasm_bg.wasm.br' });
    out.push({ commit: list[i].commit, label: list[i].label, api: api });
  }
  return out;
}

/** The public API of both sides (and ours as earlier packages had it): what the published ratios are about. */
function publicRows(add, wxpay, previous, libs) {
  var req = inputs.request;
  var key = req.key;
  var pay = checkPay(inputs.md5PaySign, 'MD5');
  var payH = checkPay(inputs.hmacPaySign, 'HMAC-SHA256');
  var reqH = Object.assign({}, req, { signType: 'HMAC-SHA256' });
  var F = inputs.fields('MD5');
  var FH = inputs.fields('HMAC-SHA256');
  var hex = libs.hex;
  var kind = function (name) { return name === 'hash-wasm' ? 'wasm' : 'js'; };

  add('pay', 'ours', 'ours.buildPayParams', 'wxpay-wasm buildPayParams', function () { return wxpay.buildPayParams(req); }, pay);
  previous.forEach(function (p) {
    var which = p.label ? p.label + ' (' + p.commit + ')' : 'package ' + p.commit;
    add('pay', 'previous', 'previous.' + p.commit, 'wxpay-wasm buildPayParams, ' + which, function () {
      return p.api.buildPayParams(req);
    }, pay);
  });
  add('pay', 'ours', 'ours.sign', 'wxpay-wasm sign (5 fields)', function () { return wxpay.sign(F, key); }, equals(inputs.md5PaySign));
  Object.keys(hex).forEach(function (name) {
    add('pay', kind(name), name, name + ' pipeline', function () { return helper.payParams(req, hex[name]); }, pay);
  });
  add('hmac', 'ours', 'ours.buildPayParams.hmac', 'wxpay-wasm buildPayParams', function () { return wxpay.buildPayParams(reqH); }, payH);
  add('hmac', 'ours', 'ours.sign.hmac', 'wxpay-wasm sign (5 fields)', function () { return wxpay.sign(FH, key, 'HMAC-SHA256'); }, equals(inputs.hmacPaySign));
  add('hmac', 'js', 'crypto-js.hmac', 'crypto-js HmacSHA256 pipeline', function () {
    return helper.payParams(req, function (s, k) { return libs.CryptoJS.HmacSHA256(s, k).toString(); }, 'HMAC-SHA256');
  }, payH);
  Object.keys(hex).forEach(function (name) {
    add('hash', kind(name), 'hash.' + name, name, function () { return hex[name](inputs.stringSignTemp); }, equals(inputs.md5PaySign.toLowerCase()));
  });
}

/**
 * Our path piece by piece, for whoever optimises the boundary. These rows lean on the generated
 * glue's and the module's current calling convention: when a change breaks one, it is skipped
 * (listed in info.skipped), never the whole run.
 */
async function partRows(add, skip, host, config, libs) {
  var req = inputs.request;
  var key = req.key;
  var F = inputs.fields('MD5');
  var now = Math.floor(Date.now() / 1000);
  // The module's answer to buildPayParams: timeStamp&nonceStr&paySign&1 (1: package is prepay_id= and the id).
  var joined = [F.timeStamp, F.nonceStr, inputs.md5PaySign, '1'].join('&');
  var longText = helper.stringSignTemp(inputs.longFields(), key);

  try {
    var rawCall = await raw.rawCalls(host, config, inputs, now);
    var rawSign = rawCall.signer(F);
    var rawSignLong = rawCall.signer(inputs.longFields());
    var text = function (b) { return String.fromCharCode.apply(null, b); };
    if (text(rawSign(true)) !== inputs.md5PaySign || text(rawCall.buildPayParams(true)) !== joined ||
        text(rawSignLong(true)) !== inputs.longMd5Sign) {
      throw new Error('wrong result');
    }
    add('boundary', 'part', 'raw.buildPayParams', 'raw export buildPayParams (args pre-encoded, result left as bytes)', function () {
      return rawCall.buildPayParams(false);
    }, equals(joined.length));
    add('boundary', 'part', 'raw.sign', 'raw export sign (args pre-encoded, result left as bytes)', function () {
      return rawSign(false);
    }, equals(32));
    add('blocks', 'part', 'blocks.raw.sign', 'raw export sign, 6th field of 256 chars (+4 MD5 blocks)', function () {
      return rawSignLong(false);
    }, equals(32));
    add('boundary', 'part', 'raw.entropyAvailable', 'raw export entropyAvailable (one crossing, no strings)', function () {
      return rawCall.entropyAvailable();
    }, function (r) { return typeof r === 'number'; });
  } catch (e) {
    skip('raw exports', e);
  }
  add('boundary', 'part', 'js.nohash', 'JS pipeline with the hash left out', function () {
    return helper.payParams(req, function () { return ''; });
  }, function (r) { return !!r && r.paySign === '' && r.package === F.package; });
  // Four more MD5 blocks: (long − short) / 4 is the cost of one block, the rest is per call.
  add('blocks', 'part', 'blocks.hash-wasm', 'hash-wasm, ' + longText.length + '-byte stringSignTemp (+4 blocks)', function () {
    return libs.hex['hash-wasm'](longText);
  }, equals(inputs.longMd5Sign.toLowerCase()));
  add('blocks', 'part', 'blocks.js-md5', 'js-md5, ' + longText.length + '-byte stringSignTemp (+4 blocks)', function () {
    return libs.md5(longText);
  }, equals(inputs.longMd5Sign.toLowerCase()));
}

/** → {list: [{group, kind, id, label, fn, ok}], info} */
async function contenders(host, config) {
  var wxpay = require('wxpay-wasm');
  await wxpay.init(config.initOptions);
  var utf8 = require('./utf8.js'); // hash-wasm's TextEncoder where the engine has none
  var libs = await libraries(host, utf8);
  var list = [];
  var skipped = [];
  function add(group, kind, id, label, fn, ok) {
    list.push({ group: group, kind: kind, id: id, label: label, fn: fn, ok: ok });
  }
  function skip(what, e) {
    skipped.push(what + ': ' + String(e && e.message || e));
  }
  publicRows(add, wxpay, await previousPackages(config), libs);
  await partRows(add, skip, host, config, libs);
  (host.extras || []).forEach(function (e) { add(e.group, e.kind, e.id, e.label, e.fn, e.ok || equals(e.expect)); });

  // Every contender gives the expected answer once before any timing; a broken piece of the
  // breakdown is dropped, a broken contender stops the run.
  list = list.filter(function (c) {
    var r;
    try {
      r = c.fn();
      if (c.ok(r)) return true;
    } catch (e) {
      r = e;
    }
    if (c.kind !== 'part') throw new Error(c.label + ': wrong result ' + String(r && r.message || JSON.stringify(r)));
    skip(c.label, 'wrong result ' + String(r && r.message || JSON.stringify(r)));
    return false;
  });

  return {
    list: list,
    info: {
      TextDecoder: typeof TextDecoder,
      WebAssembly: typeof WebAssembly,
      WXWebAssembly: typeof WXWebAssembly,
      glueDecoder: 'none (the glue passes numbers only)',
      hashWasmEncoder: host.TextEncoder ? 'host TextEncoder' : (utf8.TextEncoder === utf8.Utf8Encoder ? 'utf8.js polyfill' : 'native'),
      jsMd5: jsMd5Mode(libs.md5),
      skipped: skipped,
    },
  };
}

module.exports = { contenders: contenders };

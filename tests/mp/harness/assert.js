// Tiny assert for suites that run in both engines (no Node `assert` there). Plain ES2017.
// Prototypes are never compared: Node hands suites objects from two realms.
'use strict';

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return '[Function ' + (v.name || 'anonymous') + ']';
  if (v && typeof v === 'object' && typeof v.byteLength === 'number' && !Array.isArray(v)) {
    return Object.prototype.toString.call(v) + '[' + Array.prototype.slice.call(bytes(v), 0, 16).join(',') + ']';
  }
  try {
    var s = JSON.stringify(v);
    return s === undefined ? String(v) : s;
  } catch (e) {
    return String(v);
  }
}

function fail(message, fallback) {
  var e = new Error(message || fallback);
  e.name = 'AssertionError';
  throw e;
}

function bytes(v) {
  var tag = Object.prototype.toString.call(v);
  if (tag === '[object ArrayBuffer]') return new Uint8Array(v);
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function isDeepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  var ta = Object.prototype.toString.call(a);
  if (ta !== Object.prototype.toString.call(b)) return false;
  if (ta === '[object Date]') return a.getTime() === b.getTime();
  if (ta === '[object ArrayBuffer]' || ArrayBuffer.isView(a)) {
    var x = bytes(a);
    var y = bytes(b);
    if (x.length !== y.length) return false;
    for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  var ka = Object.keys(a);
  var kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(function (k) {
    return Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual(a[k], b[k]);
  });
}

// expected: RegExp (against message) or {name, code, message: RegExp|string}.
function checkError(err, expected, what) {
  if (!expected) return;
  var msg = err && err.message !== undefined ? String(err.message) : String(err);
  if (expected instanceof RegExp || Object.prototype.toString.call(expected) === '[object RegExp]') {
    if (!expected.test(msg)) fail(what + ': error message ' + show(msg) + ' does not match ' + expected);
    return;
  }
  if (expected.name !== undefined && (!err || err.name !== expected.name)) {
    fail(what + ': expected error name ' + show(expected.name) + ', got ' + show(err && err.name) + ' (' + msg + ')');
  }
  if (expected.code !== undefined && (!err || err.code !== expected.code)) {
    fail(what + ': expected error code ' + show(expected.code) + ', got ' + show(err && err.code));
  }
  var m = expected.message;
  if (m !== undefined) {
    var ok = typeof m === 'string' ? msg === m : m.test(msg);
    if (!ok) fail(what + ': error message ' + show(msg) + ' does not match ' + (typeof m === 'string' ? show(m) : m));
  }
}

module.exports = {
  ok: function (v, message) {
    if (!v) fail(message, 'expected a truthy value, got ' + show(v));
  },
  equal: function (actual, expected, message) {
    if (!Object.is(actual, expected)) fail(message, 'expected ' + show(expected) + ', got ' + show(actual));
  },
  notEqual: function (actual, expected, message) {
    if (Object.is(actual, expected)) fail(message, 'expected a value other than ' + show(expected));
  },
  deepEqual: function (actual, expected, message) {
    if (!isDeepEqual(actual, expected)) fail(message, 'expected ' + show(expected) + ', got ' + show(actual));
  },
  match: function (string, re, message) {
    if (typeof string !== 'string' || !re.test(string)) fail(message, show(string) + ' does not match ' + re);
  },
  throws: function (fn, expected, message) {
    try {
      fn();
    } catch (e) {
      checkError(e, expected, message || 'throws');
      return e;
    }
    fail(message, 'expected the function to throw');
  },
  rejects: function (promiseOrFn, expected, message) {
    var p;
    try {
      p = typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn;
    } catch (e) {
      return Promise.reject(e);
    }
    if (!p || typeof p.then !== 'function') return Promise.reject(new Error('rejects: not a promise'));
    return Promise.resolve(p).then(function () {
      fail(message, 'expected the promise to reject');
    }, function (e) {
      checkError(e, expected, message || 'rejects');
      return e;
    });
  },
  fail: function (message) {
    fail(message, 'failed');
  }
};

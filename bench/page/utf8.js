// Bench only (not shipped): a TextEncoder for hash-wasm in engines without one (jsc).
'use strict';
// Minimal WHATWG-compatible UTF-8 TextEncoder/TextDecoder for mini-program
// runtimes (iOS JavaScriptCore / Android V8) that lack them. Covers exactly
// what wasm-bindgen's glue uses. CommonJS, ES2017 syntax, assigns no globals.

const CHUNK = 4096; // code units per String.fromCharCode.apply call (stays far below arg limits)
const REPLACEMENT = 0xFFFD;

// Writes UTF-8 of `str` into `dest`, stopping before a character that does not
// fit entirely. Lone surrogates become U+FFFD, as in the WHATWG encoder.
function writeUtf8(str, dest) {
  const len = str.length;
  const cap = dest.length;
  let i = 0;
  let w = 0;
  while (i < len) {
    let c = str.charCodeAt(i);
    if (c < 0x80) { // ASCII fast path
      if (w >= cap) break;
      dest[w++] = c;
      i++;
      continue;
    }
    let units = 1;
    if (c >= 0xD800 && c <= 0xDFFF) {
      const d = i + 1 < len ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        units = 2;
      } else {
        c = REPLACEMENT; // lone or reversed surrogate
      }
    }
    const size = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (w + size > cap) break;
    if (size === 2) {
      dest[w++] = 0xC0 | (c >> 6);
    } else {
      if (size === 3) {
        dest[w++] = 0xE0 | (c >> 12);
      } else {
        dest[w++] = 0xF0 | (c >> 18);
        dest[w++] = 0x80 | ((c >> 12) & 0x3F);
      }
      dest[w++] = 0x80 | ((c >> 6) & 0x3F);
    }
    dest[w++] = 0x80 | (c & 0x3F);
    i += units;
  }
  return { read: i, written: w };
}

// Exact encoded size, so encode() allocates once without over-allocation.
function utf8Length(str) {
  const len = str.length;
  let n = len;
  for (let i = 0; i < len; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) { n += 1; continue; }
    n += 2; // 3 bytes, also for a lone surrogate (U+FFFD)
    if (c <= 0xDBFF && c >= 0xD800 && i + 1 < len) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xDC00 && d <= 0xDFFF) i++; // pair: 4 bytes for 2 units, already counted
    }
  }
  return n;
}

// WHATWG UTF-8 decode. On error, emits one U+FFFD per "maximal subpart": the
// lead byte plus the continuation bytes that were still valid, then resumes at
// the offending byte. Second-byte ranges exclude overlongs (E0, F0), UTF-16
// surrogates (ED) and code points above U+10FFFF (F4); C0, C1, F5..FF are never valid.
function decodeUtf8(b, start, fatal) {
  const n = b.length;
  let out = '';
  let u = [];
  let i = start;
  while (i < n) {
    let c = b[i++];
    if (c >= 0x80) {
      let need = 0;
      let lo = 0x80;
      let hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) { need = 1; c &= 0x1F; }
      else if (c >= 0xE0 && c <= 0xEF) { need = 2; c &= 0x0F; if (c === 0) lo = 0xA0; else if (c === 0x0D) hi = 0x9F; }
      else if (c >= 0xF0 && c <= 0xF4) { need = 3; c &= 0x07; if (c === 0) lo = 0x90; else if (c === 4) hi = 0x8F; }
      let k = 0;
      while (k < need && i < n) {
        const x = b[i];
        if (x < lo || x > hi) break; // not consumed: it starts the next sequence
        c = (c << 6) | (x & 0x3F);
        lo = 0x80; hi = 0xBF;
        i++; k++;
      }
      if (k < need || need === 0) {
        if (fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
        c = REPLACEMENT;
      } else if (c > 0xFFFF) {
        c -= 0x10000;
        u.push(0xD800 | (c >> 10));
        c = 0xDC00 | (c & 0x3FF);
      }
    }
    u.push(c);
    if (u.length >= CHUNK) { out += String.fromCharCode.apply(null, u); u = []; }
  }
  return u.length ? out + String.fromCharCode.apply(null, u) : out;
}

// Plain Uint8Array view over any BufferSource; tag check works across realms.
function toBytes(input) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const tag = Object.prototype.toString.call(input);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(input);
  throw new TypeError('The "input" argument must be an ArrayBuffer or ArrayBufferView');
}

const LABELS = ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'];

// Constructor functions, not `class`: WeChat's ES5 compile would add Babel helpers.
function Utf8Encoder() {}
Utf8Encoder.prototype.encoding = 'utf-8';
Utf8Encoder.prototype.encode = function (input) {
  const s = input === undefined ? '' : String(input);
  const out = new Uint8Array(utf8Length(s));
  writeUtf8(s, out);
  return out;
};
Utf8Encoder.prototype.encodeInto = function (input, dest) {
  return writeUtf8(String(input), dest);
};

function Utf8Decoder(label, options) {
  const l = label === undefined ? 'utf-8' : String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  if (LABELS.indexOf(l) < 0) throw new RangeError('The "' + label + '" encoding is not supported');
  const o = options || {};
  this.fatal = !!o.fatal;
  this.ignoreBOM = !!o.ignoreBOM;
}
Utf8Decoder.prototype.encoding = 'utf-8';
Utf8Decoder.prototype.decode = function (input, options) {
  if (options && options.stream) throw new TypeError('Utf8Decoder: streaming is not supported');
  if (input === undefined) return '';
  const b = toBytes(input);
  // Default behaviour strips one leading BOM; ignoreBOM keeps it as U+FEFF.
  const bom = !this.ignoreBOM && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  return decodeUtf8(b, bom ? 3 : 0, this.fatal);
};

module.exports = {
  // Prefer the host's native implementation whenever it exists.
  TextEncoder: typeof TextEncoder === 'function' ? TextEncoder : Utf8Encoder,
  TextDecoder: typeof TextDecoder === 'function' ? TextDecoder : Utf8Decoder,
  Utf8Encoder,
  Utf8Decoder,
};

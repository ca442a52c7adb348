'use strict';
// Compares src/js/utf8.js (the mini-program UTF-8 polyfill) against Node's
// native WHATWG TextEncoder/TextDecoder. Run: node --test tests/mp/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SRC = path.join(__dirname, '..', '..', 'src', 'js', 'utf8.js');
const utf8 = require(SRC);
const { Utf8Encoder, Utf8Decoder } = utf8;

const nEnc = new TextEncoder();
const pEnc = new Utf8Encoder();
// The decoder configurations wasm-bindgen glue (and defaults) use.
const DEC_OPTS = [undefined, { ignoreBOM: true }, { ignoreBOM: true, fatal: true }, { fatal: true }];
const decoders = DEC_OPTS.map((o) => ({
  opts: JSON.stringify(o),
  native: new TextDecoder('utf-8', o),
  poly: new Utf8Decoder('utf-8', o),
}));

// Seeded PRNG (mulberry32): test inputs only, reproducible across runs.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (u8) => Array.from(u8, (x) => x.toString(16).padStart(2, '0')).join(' ');
const codes = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(' ');

// Non-fatal: same string; fatal: throws (TypeError) exactly when native throws.
function checkDecode(bytes) {
  for (const d of decoders) {
    let nOut; let nErr = null;
    try { nOut = d.native.decode(bytes); } catch (e) { nErr = e; }
    let pOut; let pErr = null;
    try { pOut = d.poly.decode(bytes); } catch (e) { pErr = e; }
    const where = `opts=${d.opts} bytes=[${hex(bytes)}]`;
    assert.equal(pErr !== null, nErr !== null, `throw mismatch ${where}`);
    if (pErr) assert.ok(pErr instanceof TypeError, `expected TypeError ${where}`);
    else assert.equal(codes(pOut), codes(nOut), `decode mismatch ${where}`);
  }
}

function checkEncode(s) {
  const n = nEnc.encode(s);
  const p = pEnc.encode(s);
  assert.ok(p instanceof Uint8Array);
  assert.equal(hex(p), hex(n), `encode mismatch for [${codes(s)}]`);
  return n;
}

const FIXED = [
  '', 'hello, world', 'A\u007F', '\u0080\u07FF\u0800', '腾讯充值中心', '😀👨‍👩‍👧',
  '\uD800', '\uDFFF', '\uD83Dabc', 'abc\uD83D', 'a\uD83Db', '\uDE00abc', 'abc\uDE00', 'a\uDE00b',
  '\uDE00\uD83D', 'x\uDE00\uD83Dy', '\uD83D\uD83D\uDE00', '\uD83D\uDE00\uDE00', '\uDBFF\uDFFF\uDBFF',
  '\uFFFF', '\uFFFE', '\uFEFFbom', '\u{10000}', '\u{10FFFF}', '\0', 'a\0b\0', '\uD7FF\uE000',
  'x'.repeat(5000) + '腾' + '😀'.repeat(3000), // crosses the 4096-unit decode chunk boundary
];

test('fixed strings: encode and round-trip decode equal native', (t) => {
  for (const s of FIXED) {
    const bytes = checkEncode(s);
    checkDecode(bytes);
  }
  t.diagnostic(`fixed strings compared: ${FIXED.length}`);
});

test('encodeInto with small and exact buffers equals native', (t) => {
  let cases = 0;
  const strs = ['腾', '😀', 'a腾', 'a😀', '腾😀', '\uD800', '\uDC00x', 'ab\uD83D', 'é', '😀😀', 'abc', ''];
  for (const s of strs) {
    for (let size = 0; size <= 10; size++) {
      for (const pad of [0, 3]) { // pad: view with a non-zero byteOffset inside a larger buffer
        const nBuf = new Uint8Array(size + pad * 2).fill(0xAA);
        const pBuf = new Uint8Array(size + pad * 2).fill(0xAA);
        const nr = nEnc.encodeInto(s, nBuf.subarray(pad, pad + size));
        const pr = pEnc.encodeInto(s, pBuf.subarray(pad, pad + size));
        assert.deepEqual({ read: pr.read, written: pr.written }, { read: nr.read, written: nr.written },
          `encodeInto result [${codes(s)}] size=${size}`);
        assert.equal(hex(pBuf), hex(nBuf), `encodeInto bytes [${codes(s)}] size=${size}`);
        cases++;
      }
    }
  }
  t.diagnostic(`encodeInto cases compared: ${cases}`);
});

test('tricky malformed byte sequences decode like native', (t) => {
  const tricky = [
    [], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x41], [0xEF, 0xBB], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF],
    [0x41, 0xEF, 0xBB, 0xBF], [0x80], [0xBF], [0x80, 0x80], [0xC0], [0xC1, 0xBF], [0xC0, 0x80], [0xC2],
    [0xC2, 0x41], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
    [0xE0, 0xA0], [0xE0], [0xE1, 0x80], [0xE1, 0x80, 0x41], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
    [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
    [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x90, 0x80],
    [0xF0, 0x90], [0xF0], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
    [0xF7, 0xBF, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],
    [0xFE], [0xFF], [0xFE, 0xFF], [0xF0, 0x9F, 0x98], [0xF0, 0x9F, 0x98, 0x41], [0xF0, 0x9F, 0x41, 0x80],
    [0xE8, 0x85, 0xBE, 0xE8, 0xAE], [0x00], [0x61, 0x00, 0x62], [0xC2, 0xC2, 0x80], [0xE0, 0xE0, 0xA0, 0x80],
  ];
  for (const arr of tricky) checkDecode(Uint8Array.from(arr));
  t.diagnostic(`tricky byte sequences compared: ${tricky.length} x ${decoders.length} decoder configs`);
});

test('random byte arrays decode like native (non-fatal and fatal)', (t) => {
  const rnd = prng(0xC0FFEE);
  // Bias toward boundary bytes so multi-byte paths (valid and invalid) are hit often.
  const special = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBB, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
    0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF];
  const N = 20000;
  let valid = 0;
  for (let n = 0; n < N; n++) {
    const len = Math.floor(rnd() * 65);
    const mode = n % 3; // 0: uniform bytes, 1: boundary-biased, 2: mostly continuation bytes
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const r = rnd();
      if (mode === 0) bytes[i] = Math.floor(r * 256);
      else if (mode === 1) bytes[i] = r < 0.6 ? special[Math.floor(rnd() * special.length)] : Math.floor(rnd() * 256);
      else bytes[i] = r < 0.7 ? 0x80 + Math.floor(rnd() * 64) : 0xC0 + Math.floor(rnd() * 64);
    }
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); valid++; } catch (e) { /* invalid input */ }
    checkDecode(bytes);
  }
  t.diagnostic(`random byte arrays compared: ${N} (${valid} valid UTF-8, ${N - valid} malformed)`);
});

test('random UTF-16 strings: encode and decode(encode(s)) equal native', (t) => {
  const rnd = prng(20250101);
  const N = 20000;
  for (let n = 0; n < N; n++) {
    const len = Math.floor(rnd() * 33);
    const units = [];
    for (let i = 0; i < len; i++) {
      const r = rnd();
      if (r < 0.3) units.push(Math.floor(rnd() * 0x80));
      else if (r < 0.45) units.push(0x80 + Math.floor(rnd() * 0x780));
      else if (r < 0.65) units.push(0xD800 + Math.floor(rnd() * 0x400)); // high surrogate
      else if (r < 0.85) units.push(0xDC00 + Math.floor(rnd() * 0x400)); // low surrogate
      else units.push(Math.floor(rnd() * 0x10000));
    }
    const s = String.fromCharCode.apply(null, units);
    const bytes = checkEncode(s);
    checkDecode(bytes);
    // Also truncate the buffer with encodeInto at a random size.
    const size = Math.floor(rnd() * (bytes.length + 2));
    const nb = new Uint8Array(size);
    const pb = new Uint8Array(size);
    const nr = nEnc.encodeInto(s, nb);
    const pr = pEnc.encodeInto(s, pb);
    assert.equal(`${pr.read}/${pr.written}/${hex(pb)}`, `${nr.read}/${nr.written}/${hex(nb)}`, `encodeInto [${codes(s)}] size=${size}`);
  }
  t.diagnostic(`random strings compared: ${N} (encode, decode x${decoders.length}, encodeInto)`);
});

test('decoder API surface matches native', () => {
  const bytes = nEnc.encode('\uFEFF腾讯😀');
  const buf = new ArrayBuffer(bytes.length + 4);
  new Uint8Array(buf).set(bytes, 2);
  const inputs = [
    new Uint8Array(buf, 2, bytes.length), new DataView(buf, 2, bytes.length), bytes.buffer,
    new Int8Array(bytes.buffer), new Uint8ClampedArray(bytes.buffer), new Uint16Array(buf, 2, 2),
  ];
  for (const d of decoders) {
    for (const input of inputs) {
      let n; let p;
      try { n = d.native.decode(input); } catch (e) { n = e.name; } // Uint16Array slice is truncated UTF-8
      try { p = d.poly.decode(input); } catch (e) { p = e.name; }
      assert.equal(p, n, `${d.opts} ${Object.prototype.toString.call(input)}`);
    }
    assert.equal(d.poly.decode(), d.native.decode());
    assert.equal(d.poly.decode(undefined), '');
    assert.equal(d.poly.encoding, 'utf-8');
    assert.equal(d.poly.fatal, d.native.fatal);
    assert.equal(d.poly.ignoreBOM, d.native.ignoreBOM);
  }
  for (const label of ['utf-8', 'UTF-8', 'utf8', 'Utf8', ' utf-8\n', 'unicode-1-1-utf-8']) {
    assert.equal(new Utf8Decoder(label).encoding, new TextDecoder(label).encoding);
  }
  // Node (full ICU) supports other encodings; the polyfill is UTF-8 only and rejects them.
  for (const label of ['utf-16le', 'latin1', 'gbk', 'utf-9', '', 'utf-8x']) {
    assert.throws(() => new Utf8Decoder(label), RangeError, label);
  }
  for (const label of ['utf-9', '']) assert.throws(() => new TextDecoder(label), RangeError);
  assert.throws(() => new Utf8Decoder().decode('abc'), TypeError);
  assert.throws(() => new Utf8Decoder().decode(null), TypeError);
  assert.equal(pEnc.encoding, 'utf-8');
  assert.equal(hex(pEnc.encode()), hex(nEnc.encode()));
});

test('exports host natives when present', () => {
  assert.equal(utf8.TextEncoder, TextEncoder);
  assert.equal(utf8.TextDecoder, TextDecoder);
  assert.notEqual(utf8.Utf8Encoder, TextEncoder);
  assert.notEqual(utf8.Utf8Decoder, TextDecoder);
});

test('source avoids syntax/APIs unavailable in mini-program runtimes', () => {
  const code = fs.readFileSync(SRC, 'utf8').replace(/\/\/[^\n]*/g, '');
  for (const bad of [/\?\./, /\?\?/, /\brequire\(/, /\bBuffer\b/, /\beval\(/, /\bFunction\(/, /\bimport\b/,
    /\bexport\b/, /\bBigInt\b/, /Math\.random/, /\bglobalThis\b/, /\bwindow\b/, /\bglobal\b/, /\bself\b/]) {
    assert.ok(!bad.test(code), `utf8.js must not contain ${bad}`);
  }
});

test('in a vm context without TextEncoder/TextDecoder it exports working polyfills', (t) => {
  const ctx = vm.createContext({});
  vm.runInContext('delete globalThis.TextEncoder; delete globalThis.TextDecoder;', ctx);
  assert.equal(vm.runInContext('typeof TextEncoder + typeof TextDecoder', ctx), 'undefinedundefined');
  const before = vm.runInContext('Object.getOwnPropertyNames(globalThis).sort().join()', ctx);
  const wrapper = vm.runInContext(`(function (module, exports) {\n${fs.readFileSync(SRC, 'utf8')}\n})`, ctx, { filename: SRC });
  const mod = vm.runInContext('({ exports: {} })', ctx);
  wrapper(mod, mod.exports);
  const m = mod.exports;
  assert.equal(vm.runInContext('Object.getOwnPropertyNames(globalThis).sort().join()', ctx), before, 'no globals assigned');
  assert.equal(m.TextEncoder, m.Utf8Encoder);
  assert.equal(m.TextDecoder, m.Utf8Decoder);

  const enc = new m.TextEncoder();
  const dec = new m.TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  const lossy = new m.TextDecoder();
  let cases = 0;
  for (const s of FIXED) {
    const bytes = enc.encode(s); // Uint8Array of the context's realm
    assert.equal(hex(bytes), hex(nEnc.encode(s)));
    const wellFormed = s.isWellFormed();
    if (wellFormed) assert.equal(dec.decode(bytes), s);
    // Host-realm Uint8Array passed in: must work across realms.
    assert.equal(lossy.decode(nEnc.encode(s)), new TextDecoder().decode(nEnc.encode(s)));
    cases++;
  }
  const into = new Uint8Array(5);
  const r = enc.encodeInto('a😀b', into);
  assert.deepEqual([r.read, r.written, hex(into)], [3, 5, '61 f0 9f 98 80']);
  assert.throws(() => dec.decode(Uint8Array.from([0xC0, 0x80])), (e) => e instanceof vm.runInContext('TypeError', ctx));
  t.diagnostic(`vm-context polyfill cases compared: ${cases}`);
});

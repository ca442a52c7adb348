// One cold start, in a fresh process: node cold-child.js <code package root> <contender>.
// Timed inside the simulator's page realm from just before the first require to the first
// correct paySign: module evaluation, wasm load/compile/instantiate, init, first call.
// Process start and the simulator's own set-up are outside the timing, and the process idles
// 100 ms before it so that the simulator's wabt (its own big wasm) is done compiling.
//
// The simulator checks our module with wabt (the iOS feature rules) before compiling it; no
// device does that, and it costs more than everything else. So 'wxpay-wasm' is timed with the
// simulator's verdict cache filled beforehand: inside init() the module is then read,
// decompressed, compiled and instantiated, as WXWebAssembly.instantiate does on a device, while
// the first wx.getRandomValues is in flight. 'wxpay-wasm-sim' is the simulator as it is, check
// included.
'use strict';
const { performance } = require('node:perf_hooks');
const path = require('node:path');
const zlib = require('node:zlib');
const { loadSimulator } = require('./simulator');

const WASM = 'miniprogram_npm/wxpay-wasm/wxpay_wasm_bg.wasm.br';
const EMPTY_WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
const host = { WebAssembly, TextEncoder };

const phases = {}; // ours: where the time goes

async function ours(rt) {
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); phases[name] = now - t; t = now; };
  const wxpay = rt.require('wxpay-wasm');
  lap('requireMs');
  await wxpay.init();
  lap('initMs');
  const paySign = wxpay.buildPayParams(rt.require('/bench/inputs.js').request).paySign;
  lap('firstCallMs');
  return paySign;
}

const JOBS = {
  'wxpay-wasm': ours,
  'wxpay-wasm-sim': ours,
  'hash-wasm': async (rt) => {
    const hashwasm = rt.require('/bench/libs/hash-wasm.js')(host);
    const hasher = await hashwasm.createMD5();
    const hex = (s) => { hasher.init(); hasher.update(s); return hasher.digest('hex'); };
    return rt.require('/bench/pay-helper.js').payParams(rt.require('/bench/inputs.js').request, hex).paySign;
  },
  'js-md5': async (rt) => {
    const md5 = rt.require('/bench/libs/js-md5.js')({});
    return rt.require('/bench/pay-helper.js').payParams(rt.require('/bench/inputs.js').request, md5).paySign;
  },
};

async function main() {
  const [root, which] = process.argv.slice(2);
  // Node sets its brotli decoder up on first use; a device's base library, whose native code
  // decompresses every .wasm.br, has done that long before. So the set-up happens here, on
  // other bytes, and only the decompression of ours is timed.
  zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.from('warm-up')));
  const { createRuntime, loadWasmFile, wasmProblem } = loadSimulator();
  if (which === 'wxpay-wasm') await loadWasmFile(path.join(root, WASM)); // the check only: no compile
  else await wasmProblem(EMPTY_WASM); // loads wabt, as every contender's process does
  await new Promise((resolve) => setTimeout(resolve, 100));
  const runtime = createRuntime({ root });
  const t0 = performance.now();
  const paySign = await JOBS[which](runtime);
  const ms = performance.now() - t0;
  runtime.dispose();
  if (paySign !== require('../page/inputs').md5PaySign) throw new Error(`${which}: cold start gave ${paySign}`);
  process.stdout.write(JSON.stringify({ which, ms, ...phases }) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });

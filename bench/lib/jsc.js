// JavaScriptCore with the JIT off, as iOS runs mini-programs: tests/mp/jsc.js's script builder
// (the code package embedded, its strict prelude), with the shell's clock and WebAssembly
// captured first, because the prelude deletes every shell global before page code runs.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { MP, loadSimulator } = require('./simulator');
const { PAGE } = require('./codepkg');

const JSC = process.env.JSC || '/usr/bin/jsc';
const HOST = 'this.__benchHost = (function (preciseTime, WebAssembly) {\n' +
  '  return { now: function () { return preciseTime() * 1000; }, WebAssembly: WebAssembly };\n' +
  '})(preciseTime, WebAssembly);\n';

function jscPackageVersion() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Package} ${Version}', 'libjavascriptcoregtk-4.0-bin'], { encoding: 'utf8' }).trim();
  } catch (e) {
    return null;
  }
}

/** Runs core.js (config already in the package's /bench/config.js) → its result object. */
async function runJsc(root, { jit = false, timeoutMs = 900000 } = {}) {
  loadSimulator(); // tests/mp's dependencies, which its jsc.js needs too
  const { buildScript } = require(path.join(MP, 'jsc.js'));
  const script = HOST + await buildScript({
    root, suite: path.join(PAGE, 'jsc-suite.js'), resultShape: 'object', caseTimeoutMs: timeoutMs,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-bench-jsc-'));
  const file = path.join(dir, 'bench.js');
  fs.writeFileSync(file, script);
  let output = '';
  try {
    await new Promise((resolve, reject) => {
      const child = spawn(JSC, [file], { env: { ...process.env, JSC_useJIT: jit ? 'true' : 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 30000);
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
      child.on('error', reject);
      child.on('close', () => { clearTimeout(timer); resolve(); });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const lines = output.split('\n');
  const engine = lines.find((l) => l.startsWith('@@engine '));
  const bench = lines.find((l) => l.startsWith('# [log] @@bench '));
  if (!bench || !engine) throw new Error(`jsc gave no results:\n${output.slice(-4000)}`);
  const result = JSON.parse(bench.slice('# [log] @@bench '.length));
  // The point of this run is the interpreter: prove the engine ran as asked.
  result.info.jit = JSON.parse(engine.slice('@@engine '.length)).jit;
  if (result.info.jit !== jit) throw new Error(`jsc ran with useJIT=${result.info.jit}, asked for ${jit}`);
  return result;
}

module.exports = { runJsc, jscPackageVersion };

'use strict';
// Runs a shared suite inside JavaScriptCore with its JIT off (`JSC_useJIT=false jsc`), the
// engine family of iOS devices. The code package travels in one generated script: JS modules as
// function literals (the host "compiles", nothing inside can), wasm as base64 after the same
// checks the simulator makes (jsc has no brotli, so .wasm.br is embedded decompressed).
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadWasmFile, readModuleSource, MODULE_HEAD } = require('./simulator');

const HARNESS = path.join(__dirname, 'harness');

function listFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) { if (e.name !== 'node_modules') out.push(...listFiles(dir, r)); } else if (e.isFile()) out.push(r);
  }
  return out;
}

function factoryText(abs, id) {
  const r = readModuleSource(abs, id);
  return r.error ? { error: r.error } : { code: `${MODULE_HEAD}\n${r.source}\n})` };
}

async function buildScript(o) {
  const root = path.resolve(o.root);
  const parts = [];
  for (const rel of listFiles(root)) {
    const abs = path.join(root, rel);
    let entry;
    if (rel.endsWith('.js')) {
      const f = factoryText(abs, rel);
      entry = f.error ? `{kind: 'js', error: ${JSON.stringify(f.error)}}` : `{kind: 'js', factory: ${f.code}}`;
    } else if (/\.wasm(\.br)?$/.test(rel)) {
      const v = await loadWasmFile(abs);
      entry = v.error ? `{kind: 'wasm', error: ${JSON.stringify(v.error)}}` : `{kind: 'wasm', b64: '${Buffer.from(v.bytes).toString('base64')}'}`;
    } else {
      entry = `{kind: 'other'}`;
    }
    parts.push(`${JSON.stringify(rel)}: ${entry}`);
  }
  const harness = [];
  for (const file of [path.join(HARNESS, 'assert.js'), path.resolve(o.suite)]) {
    const f = factoryText(file, file);
    if (f.error) throw new Error(f.error.message);
    harness.push(`${JSON.stringify(file)}: ${f.code}`);
  }
  const pay = typeof o.pay === 'function' ? o.pay : null;
  const config = {
    assertId: path.join(HARNESS, 'assert.js'),
    suiteId: path.resolve(o.suite),
    entryFiles: o.entryFiles || [],
    fresh: !!o.fresh,
    caseTimeoutMs: o.caseTimeoutMs || 10000,
    random: crypto.randomBytes(o.randomBytes ?? 65536).toString('base64'),
    options: {
      platform: o.platform || 'ios',
      resultShape: o.resultShape || 'alternate',
      random: o.random || 'async',
      randomDelayMs: o.randomDelayMs || 0,
      pay: pay ? 'ok' : o.pay || 'ok',
      modal: o.modal || 'confirm',
      sdkVersion: o.sdkVersion || '2.15.0',
    },
  };
  const prelude = fs.readFileSync(path.join(HARNESS, 'jsc-prelude.js'), 'utf8')
    .replace('/*MP_ENV*/', () => fs.readFileSync(path.join(HARNESS, 'mp-env.js'), 'utf8'));
  return [
    'this.__mp = {',
    `files: {\n${parts.join(',\n')}\n},`,
    `harness: {\n${harness.join(',\n')}\n},`,
    `payFn: ${pay ? `(${pay.toString()})` : 'null'},`,
    `config: ${JSON.stringify(config)}`,
    '};',
    prelude,
  ].join('\n');
}

/**
 * runInJsc({root, suite, entryFiles?, randomBytes?, jit?, fresh?, caseTimeoutMs?, timeoutMs?,
 *           jscPath?, keepScript?, platform?, sdkVersion?, resultShape?, random?, randomDelayMs?, pay?, modal?})
 * → Promise<{passed, failed, cases: [{name, ok, error}], output, jit, exitCode, command}>
 * Rejects when jsc does not reach its closing "N passed, N failed" line.
 */
async function runInJsc(o) {
  const script = await buildScript(o);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mp-jsc-')), 'suite.js');
  fs.writeFileSync(file, script);
  const command = { file: o.jscPath || 'jsc', args: [file], env: { JSC_useJIT: o.jit ? 'true' : 'false' } };
  let output = '';
  const exitCode = await new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { env: { ...process.env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs || 120000);
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve(code); });
  });
  if (!o.keepScript) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const lines = output.trimEnd().split('\n');
  const summary = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1]);
  if (!summary) throw new Error(`jsc did not finish the suite (exit ${exitCode}):\n${output}`);
  const engineLine = lines.find((l) => l.startsWith('@@engine '));
  return {
    passed: Number(summary[1]),
    failed: Number(summary[2]),
    cases: lines.filter((l) => l.startsWith('@@case ')).map((l) => JSON.parse(l.slice(7))),
    output,
    jit: engineLine ? JSON.parse(engineLine.slice(9)).jit : null,
    exitCode,
    command,
  };
}

module.exports = { runInJsc, buildScript };

'use strict';
// Runs shared suites (CommonJS modules exporting [{name, run: async (t) => {}}]) from node:test,
// in the simulator and in jsc. Runtime options may be an object or an async function returning
// one (for code packages built in a before-step).
const path = require('node:path');
const { describe, it, after, test } = require('node:test');
const { createRuntime } = require('../simulator');
const { runInJsc } = require('../jsc');

const resolveOptions = async (o) => (typeof o === 'function' ? o() : o);

function bootRuntime(suitePath, opts, entryFiles) {
  const runtime = createRuntime(opts);
  for (const f of entryFiles || []) runtime.require(f);
  return { runtime, cases: runtime.loadHarnessModule(suitePath) };
}

/** Runs a suite in the simulator without node:test → {passed, failed, cases: [{name, ok, error}]}. */
async function runSuite(suitePath, runtimeOptions, { fresh = false, entryFiles = [], timeoutMs = 10000 } = {}) {
  const opts = await resolveOptions(runtimeOptions);
  const first = bootRuntime(suitePath, opts, entryFiles);
  const booted = [first];
  const cases = [];
  for (let i = 0; i < first.cases.length; i++) {
    const b = fresh && i > 0 ? bootRuntime(suitePath, opts, entryFiles) : first;
    if (b !== first) booted.push(b);
    let timer;
    try {
      await Promise.race([
        b.cases[i].run(b.runtime.makeT()),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs); }),
      ]);
      cases.push({ name: first.cases[i].name, ok: true, error: null });
    } catch (e) {
      cases.push({ name: first.cases[i].name, ok: false, error: String(e && e.stack || e) });
    } finally {
      clearTimeout(timer);
    }
  }
  booted.forEach((b) => b.runtime.dispose());
  const passed = cases.filter((c) => c.ok).length;
  return { passed, failed: cases.length - passed, cases };
}

/** Registers each case as a node:test test. Default: one runtime shared by the suite's cases,
 * as a page keeps one module instance; {fresh: true} gives each case its own runtime. */
function runSuiteInNode(suitePath, runtimeOptions, { fresh = false, entryFiles = [], timeoutMs = 10000, label } = {}) {
  describe(label || `node: ${path.basename(suitePath)}`, async () => {
    const opts = await resolveOptions(runtimeOptions);
    const first = bootRuntime(suitePath, opts, entryFiles);
    const booted = [first];
    after(() => booted.forEach((b) => b.runtime.dispose()));
    first.cases.forEach((c, i) => {
      it(c.name, { timeout: timeoutMs }, async () => {
        const b = fresh && i > 0 ? bootRuntime(suitePath, opts, entryFiles) : first;
        if (b !== first) booted.push(b);
        await b.cases[i].run(b.runtime.makeT());
      });
    });
  });
}

/** One node:test test that runs the whole suite in `JSC_useJIT=false jsc`, each case a subtest. */
function runSuiteInJsc(suitePath, jscOptions, { label } = {}) {
  test(label || `jsc: ${path.basename(suitePath)}`, async (t) => {
    const opts = { jit: false, ...(await resolveOptions(jscOptions)), suite: suitePath };
    const r = await runInJsc(opts);
    // iPhones run mini-program wasm without a JIT: prove the engine ran as asked.
    if (r.jit !== opts.jit) throw new Error(`jsc ran with useJIT=${r.jit}, asked for ${opts.jit}`);
    t.diagnostic(`jsc useJIT=${r.jit}: ${r.passed} passed, ${r.failed} failed`);
    for (const c of r.cases) {
      await t.test(c.name, () => { if (!c.ok) throw new Error(c.error); });
    }
    if (!r.cases.length) throw new Error(`jsc ran no case:\n${r.output}`);
  });
}

module.exports = { runSuite, runSuiteInNode, runSuiteInJsc };

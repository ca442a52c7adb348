'use strict';
// wxpay-wasm through WeChat's own build tool, miniprogram-ci (pinned in ./package.json), offline.
//
//   cd tests/mp/wechat && npm ci && node --test wechat-tools.test.js
//   (also picked up by `cd tests/mp && node --test`; it needs this folder's node_modules)
//
// A minimal mini-program (fixture/project: one Component() page that requires 'wxpay-wasm' and
// calls init() on tap, DevTools' default settings, base library 2.15.0) is copied to a temp dir
// three times, with wxpay-wasm installed three ways:
//   link    - `npm install` of "file:<pkg>", which makes node_modules/wxpay-wasm a symlink
//   tarball - `npm pack <pkg>` then `npm install` of the .tgz: a real folder, as from the registry
//   no-br   - a copy of pkg without miniprogram/wxpay_wasm_bg.wasm.br (must make the checks fail)
// fixture/ci-runner.js then runs ci.packNpm (构建npm), ci.getCompiledResult (the code package an
// upload would send), ci.analyseCode and ci.checkCodeQuality in a child process with
// fixture/offline-guard.js preloaded, which refuses and logs every connection attempt.
//
// WXPAY_WASM_PKG=<dir> tests another build of pkg/ (default: the repo's pkg/).
// WXPAY_KEEP_TMP=1 keeps the temp dir and prints where it is.
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');
const { listFiles } = require('./fixture/list-files');

const HERE = __dirname;
const REPO = path.resolve(HERE, '../../..');
const PKG = path.resolve(process.env.WXPAY_WASM_PKG || path.join(REPO, 'pkg'));
const FIXTURE = path.join(HERE, 'fixture', 'project');
const DEMO = path.join(REPO, 'miniprogram-demo');
const RUNNER = path.join(HERE, 'fixture', 'ci-runner.js');
const GUARD = path.join(HERE, 'fixture', 'offline-guard.js');
const VECTORS = path.join(REPO, 'tests', 'vectors', 'sign.json');
const RUNNER_TIMEOUT_MS = 120_000;

const NPM_DIR = 'miniprogram_npm/wxpay-wasm';
const BR = 'wxpay_wasm_bg.wasm.br';
// What the mini-program loads: one script (the shim with the glue and the tables generated
// from Rust inlined) and the module.
const SHIPPED = ['index.js', BR];
// Upload whitelist (developers.weixin.qq.com/miniprogram/dev/framework/structure.html, 允许上传的文件:
// wxs png jpg jpeg gif svg json cer mp3 aac m4a mp4 wav ogg silk wasm br cert, plus the compiled
// .js/.wxml/.wxss): .map and .d.ts files are not uploaded, and getCompiledResult leaves them out.
const UPLOADED_EXT = /\.(js|json|wasm|br)$/;

let ctx = null;
let tmpDir = null;
let setupPromise = null;
const setup = () => (setupPromise = setupPromise || doSetup());

function npm(args, cwd) {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

function makeProject(dir, dependency) {
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'wxpay-wasm-ci-fixture',
    private: true,
    dependencies: { 'wxpay-wasm': dependency },
  }, null, 2) + '\n');
  return dir;
}

function runRunner(tmp, projects) {
  const jobFile = path.join(tmp, 'job.json');
  const resultFile = path.join(tmp, 'result.json');
  const netLog = path.join(tmp, 'network-attempts.jsonl');
  const cwd = path.join(tmp, 'cwd'); // miniprogram-ci leaves a folder per compile in the cwd
  fs.mkdirSync(cwd);
  fs.writeFileSync(jobFile, JSON.stringify({ resultFile, projects }));
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(GUARD)}`].filter(Boolean).join(' ');
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    // detached: its own process group, so a hung run can be ended with the compilers it forked.
    const child = spawn(process.execPath, [RUNNER, jobFile], {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: nodeOptions, WXPAY_NET_LOG: netLog },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      reject(new Error(`miniprogram-ci runner still running after ${RUNNER_TIMEOUT_MS} ms (waiting on the network?)\n${stdout}\n${stderr}`));
    }, RUNNER_TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = stdout + stderr;
      if (code !== 0) return reject(new Error(`miniprogram-ci runner exited with ${code ?? signal}\n${output}`));
      const attempts = fs.existsSync(netLog)
        ? fs.readFileSync(netLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
        : [];
      resolve({ result: JSON.parse(fs.readFileSync(resultFile, 'utf8')), attempts, output, wallMs: Date.now() - t0 });
    });
  });
}

async function doSetup() {
  const t0 = Date.now();
  try {
    require.resolve('miniprogram-ci/package.json', { paths: [HERE] });
  } catch {
    throw new Error('miniprogram-ci is not installed: run `npm ci` in tests/mp/wechat first');
  }
  assert.ok(fs.existsSync(path.join(PKG, 'package.json')), `no package at ${PKG}`);
  const tmp = (tmpDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-wasm-wechat-'))));
  const expected = new Map(listFiles(path.join(PKG, 'miniprogram')).map((f) => [f, fs.readFileSync(path.join(PKG, 'miniprogram', f))]));

  // link: npm's file: dependency is a symlink to pkg/.
  const link = makeProject(path.join(tmp, 'link'), `file:${PKG}`);
  npm(['install', '--offline', '--ignore-scripts'], link);

  // tarball: what `npm publish` would ship (package.json "files"), installed as a real folder.
  const packDir = path.join(tmp, 'pack');
  fs.mkdirSync(packDir);
  const [packed] = JSON.parse(npm(['pack', PKG, '--pack-destination', packDir, '--json', '--offline', '--ignore-scripts'], tmp));
  const tarball = makeProject(path.join(tmp, 'tarball'), `file:${path.join(packDir, packed.filename)}`);
  npm(['install', '--offline', '--ignore-scripts'], tarball);

  // no-br: a temp copy of pkg without the module, copied straight into node_modules.
  const pkgNoBr = path.join(tmp, 'pkg-no-br');
  fs.cpSync(PKG, pkgNoBr, { recursive: true, dereference: true });
  fs.rmSync(path.join(pkgNoBr, 'miniprogram', BR), { force: true });
  const noBr = makeProject(path.join(tmp, 'no-br'), `file:${pkgNoBr}`);
  fs.cpSync(pkgNoBr, path.join(noBr, 'node_modules', 'wxpay-wasm'), { recursive: true });
  // demo: the repo's demo project (miniprogramRoot "miniprogram/"), without its server.
  const demo = path.join(tmp, 'demo');
  fs.cpSync(DEMO, demo, {
    recursive: true,
    filter: (src) => !/[\\/](server|node_modules|miniprogram_npm)$/.test(src),
  });
  const demoMp = path.join(demo, 'miniprogram');
  const demoPkg = JSON.parse(fs.readFileSync(path.join(demoMp, 'package.json'), 'utf8'));
  demoPkg.dependencies['wxpay-wasm'] = `file:${PKG}`;
  fs.writeFileSync(path.join(demoMp, 'package.json'), JSON.stringify(demoPkg, null, 2));
  npm(['install', '--offline', '--ignore-scripts'], demoMp);
  const setupMs = Date.now() - t0;

  const all = ['packNpm', 'compile', 'analyse', 'quality'];
  const run = await runRunner(tmp, [
    { name: 'link', projectPath: link, outDir: path.join(tmp, 'out', 'link'), steps: ['packNpm'] },
    { name: 'tarball', projectPath: tarball, outDir: path.join(tmp, 'out', 'tarball'), steps: all },
    { name: 'no-br', projectPath: noBr, outDir: path.join(tmp, 'out', 'no-br'), steps: ['packNpm', 'compile'] },
    { name: 'demo', projectPath: demo, outDir: path.join(tmp, 'out', 'demo'), steps: ['packNpm', 'compile'] },
  ]);
  const byName = Object.fromEntries(run.result.projects.map((p) => [p.name, p]));
  for (const p of run.result.projects) {
    if (p.packNpm && p.packNpm.error) throw new Error(`${p.name}: packNpm failed\n${p.packNpm.error}`);
  }
  ctx = { tmp, expected, packed, run, byName, setupMs, totalMs: Date.now() - t0, out: path.join(tmp, 'out') };
  return ctx;
}

before(setup);

after(() => {
  if (!tmpDir) return;
  if (process.env.WXPAY_KEEP_TMP) console.log(`# kept ${tmpDir}`);
  else fs.rmSync(tmpDir, { recursive: true, force: true });
});

// What 构建npm produced for wxpay-wasm, against pkg/miniprogram: [] when right.
function packNpmProblems(projectPath, expected) {
  const dir = path.join(projectPath, NPM_DIR);
  const problems = [];
  for (const f of SHIPPED) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) problems.push(`${NPM_DIR}/${f} is missing`);
    else if (!expected.has(f)) problems.push(`${NPM_DIR}/${f} is not in pkg/miniprogram`);
    else if (!fs.readFileSync(file).equals(expected.get(f))) problems.push(`${NPM_DIR}/${f} differs from pkg/miniprogram/${f}`);
  }
  const got = listFiles(dir).join(', ');
  const want = [...expected.keys()].sort().join(', ');
  if (got !== want) problems.push(`${NPM_DIR} holds [${got}], pkg/miniprogram holds [${want}]`);
  for (const [f, bytes] of expected) {
    const file = path.join(dir, f);
    if (fs.existsSync(file) && !SHIPPED.includes(f) && !fs.readFileSync(file).equals(bytes)) problems.push(`${NPM_DIR}/${f} differs`);
  }
  return problems;
}

// What getCompiledResult put in the code package for wxpay-wasm: [] when right.
function compiledProblems(project, expected, outDir) {
  const c = project.compile;
  if (!c || c.error) return [`getCompiledResult failed: ${c && c.error}`];
  const entries = new Map(c.entries.map((e) => [e.path, e]));
  const problems = [];
  for (const f of SHIPPED) {
    const name = `${NPM_DIR}/${f}`;
    if (!entries.has(name)) problems.push(`the code package has no ${name}`);
    else if (entries.get(name).bytes === 0) problems.push(`${name} is empty in the code package`);
  }
  const br = entries.get(`${NPM_DIR}/${BR}`);
  if (br) {
    const bytes = fs.readFileSync(path.join(outDir, 'compiled', NPM_DIR, BR));
    if (br.type !== 'Buffer') problems.push(`${BR} came back as a ${br.type}, not a Buffer`);
    if (!expected.has(BR) || !bytes.equals(expected.get(BR))) problems.push(`${BR} in the code package differs from pkg/miniprogram/${BR}`);
    if (!c.zip || !fs.readFileSync(c.zip.path).includes(Buffer.from(`${NPM_DIR}/${BR}`))) problems.push(`${BR} is not in the saved zip`);
  }
  for (const f of expected.keys()) {
    const name = `${NPM_DIR}/${f}`;
    if (UPLOADED_EXT.test(f) && !SHIPPED.includes(f) && !entries.has(name)) problems.push(`the code package has no ${name}`);
    if (!UPLOADED_EXT.test(f) && entries.has(name)) problems.push(`${name} is not on the upload whitelist but is in the code package`);
  }
  for (const name of entries.keys()) {
    if (name.startsWith('node_modules/')) problems.push(`${name}: node_modules went into the code package`);
  }
  return problems;
}

const kb = (n) => `${n} B (${(n / 1024).toFixed(1)} KiB)`;

test('packNpm follows the symlink npm makes for "file:<pkg>" and copies pkg/miniprogram as-is', async (t) => {
  const { byName, expected, tmp } = await setup();
  const link = byName.link;
  assert.ok(fs.lstatSync(path.join(tmp, 'link', 'node_modules', 'wxpay-wasm')).isSymbolicLink(), 'npm made a symlink');
  assert.deepEqual(link.packNpm.warnings, []);
  assert.equal(link.packNpm.report.miniprogram_pack_num, 1, 'wxpay-wasm is packed as a mini-program package (folder copy)');
  assert.equal(link.packNpm.report.other_pack_num, 0);
  assert.deepEqual(packNpmProblems(link.projectPath, expected), []);
  t.diagnostic(`packNpm (symlink) ${link.packNpm.ms} ms -> ${link.packNpm.files.join(', ')}`);
});

test('packNpm from the npm-packed tarball (a registry install) copies pkg/miniprogram as-is', async (t) => {
  const { byName, expected, packed, tmp } = await setup();
  const inTarball = new Set(packed.files.map((f) => f.path));
  for (const f of expected.keys()) assert.ok(inTarball.has(`miniprogram/${f}`), `npm pack ships miniprogram/${f}`);
  assert.ok(fs.lstatSync(path.join(tmp, 'tarball', 'node_modules', 'wxpay-wasm')).isDirectory());
  const tb = byName.tarball;
  assert.deepEqual(tb.packNpm.warnings, []);
  assert.equal(tb.packNpm.report.miniprogram_pack_num, 1);
  assert.deepEqual(packNpmProblems(tb.projectPath, expected), []);
  t.diagnostic(`npm pack: ${packed.filename}, ${kb(packed.size)} packed, ${packed.files.length} files; packNpm ${tb.packNpm.ms} ms`);
});

test('getCompiledResult compiles the app without errors; the code package carries the .wasm.br byte for byte, the glue and the generated tables', async (t) => {
  const { byName, expected, out } = await setup();
  const c = byName.tarball.compile;
  assert.equal(c.error, undefined, `compile error: ${c.error}`);
  const failures = c.progress.filter((e) => e.status === 'fail');
  assert.deepEqual(failures, [], 'no compile step failed');
  const warnings = c.progress.filter((e) => e.status === 'warn');
  for (const w of warnings) assert.doesNotMatch(String(w.message), /wxpay|miniprogram_npm/, 'nothing of wxpay-wasm is reported as ignored');
  assert.deepEqual(compiledProblems(byName.tarball, expected, path.join(out, 'tarball')), []);
  const page = fs.readFileSync(path.join(out, 'tarball', 'compiled', 'pages/pay/index.js'), 'utf8');
  assert.match(page, /require\(["']wxpay-wasm["']\)/, 'the page still requires wxpay-wasm by name (resolved to miniprogram_npm at run time)');
  t.diagnostic(`getCompiledResult ${c.ms} ms, ${c.progressCount} progress events, warnings: ${JSON.stringify(warnings.map((w) => w.message))}`);
  t.diagnostic(`code package (${c.entries.length} files, zip ${kb(c.zip.bytes)}): ${c.entries.map((e) => `${e.path} ${e.bytes}${e.type === 'Buffer' ? ' (Buffer)' : ''}`).join(', ')}`);
});

test('the JS WeChat\'s compiler emits (es6 -> es5, enhance, minify) still loads the .wasm.br and signs the doc 4_3 vectors', async (t) => {
  const { out, expected } = await setup();
  const dir = path.join(out, 'tarball', 'compiled', NPM_DIR);
  const emitted = fs.readFileSync(path.join(dir, 'index.js'));
  assert.ok(!emitted.equals(expected.get('index.js')), 'the compiler transformed index.js (the fixture turns es6/enhance/minified on)');
  // src/js avoids class, async, for…of and non-literal typeof, so the ES5 build needs no
  // Babel runtime helpers (they were 13 KB in every user's package).
  assert.doesNotMatch(emitted.toString('utf8'), /@babel\/runtime/, 'index.js needs no Babel runtime helper');
  assert.deepEqual(listFiles(path.join(out, 'tarball', 'compiled')).filter((f) => f.startsWith('@babel/')), []);
  const wxpay = require(path.join(dir, 'index.js'));
  await wxpay.init({
    wasmBytes: zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, BR))),
    randomSource: async (n) => new Uint8Array(crypto.randomBytes(n)),
  });
  const { cases } = JSON.parse(fs.readFileSync(VECTORS, 'utf8'));
  for (const c of cases) {
    const params = Object.fromEntries(c.params);
    assert.equal(wxpay.sign(params, c.key), c.md5, `MD5: ${c.name}`);
    assert.equal(wxpay.sign(params, c.key, 'HMAC-SHA256'), c.hmac_sha256, `HMAC-SHA256: ${c.name}`);
    assert.equal(wxpay.verify({ ...params, sign: c.md5 }, c.key), true, `verify: ${c.name}`);
  }
  assert.match(wxpay.nonce(), /^[A-Za-z0-9]{32}$/);
  assert.throws(() => wxpay.nonce(33), (e) => e instanceof wxpay.WxPayError && e.code === 'NonceTooLong');
  t.diagnostic(`${cases.length} vectors x 2 sign types through the compiled JS (${emitted.length} B index.js)`);
});

test('analyseCode resolves require("wxpay-wasm") into miniprogram_npm and sizes the code package', async (t) => {
  const { byName, expected } = await setup();
  const a = byName.tarball.analyse;
  assert.equal(a.error, undefined, a.error);
  for (const m of a.modules) assert.deepEqual(m.errors || [], [], `analyseCode errors in ${m.id}`);
  const page = a.modules.find((m) => m.id === 'Js:pages/pay/index.js');
  assert.ok(page, 'the page script is in the dependency graph');
  const dep = page.deps.find((d) => d.request === 'wxpay-wasm');
  assert.ok(dep, 'the page depends on wxpay-wasm');
  assert.ok(!dep.error, `resolving wxpay-wasm: ${dep.error}`);
  assert.equal(dep.moduleId, `Js:${NPM_DIR}/index.js`);
  const brFile = a.files.find((f) => f.path === `${NPM_DIR}/${BR}`);
  assert.ok(brFile, `analyseCode lists ${NPM_DIR}/${BR}`);
  assert.equal(brFile.size, expected.get(BR).length);
  assert.equal(brFile.subPackage, null, 'in the main package');

  const pkgFiles = a.files.filter((f) => !f.path.startsWith('node_modules/'));
  const total = pkgFiles.reduce((s, f) => s + f.size, 0);
  const ours = pkgFiles.filter((f) => f.path.startsWith(`${NPM_DIR}/`));
  const oursTotal = ours.reduce((s, f) => s + f.size, 0);
  assert.ok(total < 2 * 1024 * 1024, 'main package under the 2 MB limit');
  t.diagnostic(`analyseCode ${a.ms} ms: code package (node_modules excluded) ${kb(total)} in ${pkgFiles.length} files; wxpay-wasm ${kb(oursTotal)}: ${ours.map((f) => `${f.path.slice(NPM_DIR.length + 1)} ${f.size}`).join(', ')}; files it does not tie into the graph: ${a.files.filter((f) => !f.moduleId).map((f) => f.path).join(', ')}`);
  const q = byName.tarball.quality;
  assert.equal(q.error, undefined, q.error);
  const size = q.items.find((i) => i.name === 'PACKAGE_SIZE_LIMIT');
  t.diagnostic(`checkCodeQuality ${q.ms} ms: PACKAGE_SIZE_LIMIT ${JSON.stringify(size && size.detail)} (${size && size.success ? 'ok' : 'over'}; counts node_modules too)`);
});

test('offline: the only connection miniprogram-ci attempts is the upload-whitelist fetch, refused; its built-in list allows .wasm and .br', async (t) => {
  const { run, setupMs, totalMs } = await setup();
  for (const a of run.attempts) {
    assert.equal(a.host, 'servicewechat.com', `unexpected network attempt ${JSON.stringify(a)}`);
  }
  const errors = run.output.split('\n').filter((l) => /\[error\]/i.test(l));
  for (const l of errors) assert.match(l, /getwhiteextlist|white ext list/, `unexpected error line: ${l}`);
  const list = run.result.builtInWhiteList;
  assert.ok(list.includes('.br') && list.includes('.wasm'), `built-in whitelist: ${list}`);
  t.diagnostic(`miniprogram-ci ${run.result.version} on ${run.result.node}: refused connection attempts: ${run.attempts.map((a) => `${a.kind} ${a.host}:${a.port}`).join(', ') || 'none'}`);
  t.diagnostic(`timings: npm setup ${setupMs} ms; runner ${run.wallMs} ms wall (require ${run.result.requireMs} ms, in-process ${run.result.totalMs} ms); setup total ${totalMs} ms`);
});

test('the checks fail when pkg has no .wasm.br (a temp copy of pkg without it)', async (t) => {
  const { byName, expected, out } = await setup();
  const noBr = byName['no-br'];
  const withoutBr = new Map([...expected].filter(([f]) => f !== BR));
  const packProblems = packNpmProblems(noBr.projectPath, withoutBr);
  assert.ok(packProblems.includes(`${NPM_DIR}/${BR} is missing`), JSON.stringify(packProblems));
  assert.equal(noBr.compile.error, undefined, 'WeChat compiles the app without the module and says nothing');
  const compileProblems = compiledProblems(noBr, withoutBr, path.join(out, 'no-br'));
  assert.ok(compileProblems.includes(`the code package has no ${NPM_DIR}/${BR}`), JSON.stringify(compileProblems));
  t.diagnostic(`without the .br: packNpm -> ${JSON.stringify(packProblems)}; getCompiledResult (${noBr.compile.ms} ms) -> ${JSON.stringify(compileProblems)}`);
});

test('the demo project (miniprogram-demo/, miniprogramRoot "miniprogram/": the pay, 诊断 and 虚拟支付 pages) packs and compiles without errors, with the .wasm.br', async (t) => {
  const { byName, expected, out } = await setup();
  const demo = byName.demo;
  assert.deepEqual(demo.packNpm.warnings, []);
  assert.deepEqual(packNpmProblems(path.join(demo.projectPath, 'miniprogram'), expected), []);
  const c = demo.compile;
  assert.equal(c.error, undefined, `compile error: ${c.error}`);
  assert.deepEqual(c.progress.filter((e) => e.status === 'fail'), [], 'no compile step failed');
  assert.deepEqual(compiledProblems(demo, expected, path.join(out, 'demo')), []);
  const names = c.entries.map((e) => e.path);
  const pages = ['pages/pay/index', 'pages/diag/index', 'pages/drama/index'].flatMap((p) => ['.js', '.wxml', '.wxss', '.json'].map((ext) => p + ext));
  for (const page of [...pages, 'app.json', 'app.js', 'demo-config.js', 'demo-sheet.js', 'diag.js', 'diag-vectors.js', 'yuan.js']) {
    assert.ok(names.some((n) => n === page || n.endsWith('/' + page)), `the compiled demo has ${page}`);
  }
  t.diagnostic(`demo compiled: ${names.length} files`);
});

// Headless Chromium: serves the code package as a page on 127.0.0.1 (cross-origin isolated, so
// performance.now() is fine-grained), runs core.js there, takes the results from a POST.
// BENCH_DEBUG=1 echoes requests, the page's progress and Chromium's log.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { jsFiles, PKG, PAGE } = require('./codepkg');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions',
  '--disable-default-apps', '--mute-audio',
  ...(process.env.BENCH_DEBUG ? ['--enable-logging=stderr', '--log-level=0'] : [])];

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
      .replace(/ built on .*$/, ''); // Debian's suffix
  } catch (e) {
    return null;
  }
}

function modulesScript(root) {
  const files = jsFiles(root);
  const defs = Object.keys(files).map((id) => `${JSON.stringify(id)}: function (module, exports, require) {\n${files[id]}\n}`);
  return `window.__modules = {\n${defs.join(',\n')}\n};\n`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function runChromium(root, config, { timeoutMs = 600000 } = {}) {
  const routes = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>wxpay-wasm bench</title>' +
      '<script src="/modules.js"></script><script src="/main.js"></script>'],
    '/modules.js': ['text/javascript', modulesScript(root)],
    '/main.js': ['text/javascript', fs.readFileSync(path.join(PAGE, 'browser-main.js'), 'utf8')],
    '/config.json': ['application/json', JSON.stringify(config)],
    '/wxpay_wasm_bg.wasm': ['application/wasm', fs.readFileSync(path.join(PKG, 'wxpay_wasm_bg.wasm'))],
  };
  // An earlier package's module, as its .wasm.br holds it (the page gets bytes, not paths).
  for (const { commit, name } of config.previous || []) {
    const br = fs.readFileSync(path.join(root, 'miniprogram_npm', name, 'wxpay_wasm_bg.wasm.br'));
    routes[`/previous/${commit}.wasm`] = ['application/wasm', zlib.brotliDecompressSync(br)];
  }
  let settle;
  const outcome = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  const server = http.createServer(async (req, res) => {
    if (process.env.BENCH_DEBUG) process.stderr.write(`chromium: ${req.method} ${req.url}\n`);
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    if (req.method === 'POST') {
      const body = await readBody(req);
      res.writeHead(204, headers).end();
      if (req.url === '/log') { if (process.env.BENCH_DEBUG) process.stderr.write(`chromium page: ${body}\n`); return; }
      if (req.url === '/result') settle.resolve(JSON.parse(body));
      else settle.reject(new Error(`Chromium page failed: ${body}`));
      return;
    }
    const route = routes[req.url];
    if (!route) return res.writeHead(404, headers).end();
    res.writeHead(200, { ...headers, 'Content-Type': route[0] }).end(route[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-bench-chromium-'));
  const url = `http://127.0.0.1:${server.address().port}/`;
  // Own process group, so the renderer and helpers go with the browser, even when this
  // process is interrupted.
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, url], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const killBrowser = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { /* already gone */ } };
  const onSignal = (sig) => { killBrowser(); process.exit(sig === 'SIGINT' ? 130 : 143); };
  process.on('exit', killBrowser).on('SIGINT', onSignal).on('SIGTERM', onSignal);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); if (process.env.BENCH_DEBUG) process.stderr.write(d); });
  child.on('exit', (code) => settle.reject(new Error(`Chromium exited (${code}) before the page reported:\n${stderr}`)));
  const timer = setTimeout(() => settle.reject(new Error(`Chromium bench timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await outcome;
  } finally {
    clearTimeout(timer);
    child.removeAllListeners('exit');
    killBrowser();
    process.off('exit', killBrowser).off('SIGINT', onSignal).off('SIGTERM', onSignal);
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

module.exports = { runChromium, chromiumVersion };

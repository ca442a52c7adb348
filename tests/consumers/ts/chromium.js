'use strict';
// Pages in headless Chromium, for the tests that run the browser entry as users' pages do
// (browser.test.js, h5.test.js, and the demo's H5 page in miniprogram-demo/h5.test.js).
// A page reports what it saw by a POST to its own server; `reported` waits for it.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// What WeChat's browser on Android says of itself: the browser entry reads MicroMessenger.
const WECHAT_USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/1234 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/**
 * Serves `pages` (path → [Content-Type, body]) and the installed package under /wxpay-wasm/
 * on the loopback; the page POSTs its report to /result.
 * → {url, requests, result (the report), close}.
 */
async function serve(installed, pages) {
  const requests = [];
  let settle;
  const result = new Promise((resolve) => { settle = resolve; });
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'POST' && req.url === '/result') {
      jsonBody(req).then((r) => { res.writeHead(204).end(); settle(r); }, (e) => { res.writeHead(400).end(); settle({ failed: String(e) }); });
      return;
    }
    if (pages[req.url]) return res.writeHead(200, { 'Content-Type': pages[req.url][0] }).end(pages[req.url][1]);
    const file = req.url.startsWith('/wxpay-wasm/') && path.join(installed, path.normalize(req.url.slice('/wxpay-wasm/'.length)));
    if (!file || !file.startsWith(installed + path.sep) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, result, close: () => server.close() };
}

/** Opens `url` in headless Chromium (`userAgent`: what the page's navigator says); → {close()}. */
function openPage(url, { userAgent } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-browser-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
    '--disable-background-networking', `--user-data-dir=${profile}`];
  if (userAgent) args.push(`--user-agent=${userAgent}`);
  // Its own process group, so that the renderer and helpers go with it.
  const browser = spawn(CHROMIUM, [...args, url], { detached: true, stdio: 'ignore' });
  return {
    close() {
      try { process.kill(-browser.pid, 'SIGKILL'); } catch (e) { /* already gone */ }
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `result` (a page's report), or a rejection after `ms` that names `what`. */
function reported(result, ms, what) {
  let timer;
  return Promise.race([
    result,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not report within ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** The JSON body of a POST `req`, read whole. */
function jsonBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d) => { body += d; }).on('end', () => {
      try { resolve(JSON.parse(body)); } catch (e) { reject(e); }
    }).on('error', reject);
  });
}

module.exports = { serve, openPage, reported, jsonBody, WECHAT_USER_AGENT };

// The demo's 公众号 H5 shop on the loopback: its page (index.html, pay.js), the wxpay-wasm
// package's browser entry (the repository's pkg/web, as a bundler or a CDN would serve it),
// and the merchant backend's /api/ on the same origin, as a shop serves its H5 pages and API.
// /sheet/confirm is the demo's stand-in for WeChat's payment sheet (weixin-bridge-standin.js):
// it hands the six parameters to the WeChat Pay emulator, which checks paySign as WeChat Pay
// does. /h5/steps prints the page's steps (the headless run shows them).
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { HttpError, readBody, sendError, request, listen, harden, closeServer } = require('../server/http-util');

const PKG = path.join(__dirname, '..', '..', 'pkg');
const PAGE_FILES = { '/': 'index.html', '/pay.js': 'pay.js', '/weixin-bridge-standin.js': 'weixin-bridge-standin.js' };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

/**
 * @param {{backendUrl: string, emulatorUrl: string, onStep?: (step: {text: string, status?: string, shown?: string}) => void}} args
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
async function startH5Host({ backendUrl, emulatorUrl, onStep = () => {} }) {
  /** The answer of `url` to this request's method and body, passed on as it came. */
  async function forward(req, res, url) {
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const r = await request(url, { method: req.method, body, headers: { 'Content-Type': 'application/json' }, timeoutMs: 5000 });
    res.writeHead(r.status, { 'Content-Type': r.headers['content-type'] || 'application/json', 'Cache-Control': 'no-store' }).end(r.body);
  }

  function sendFile(res, file) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new HttpError(404, 'NOT_FOUND', 'no such file');
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' }).end(fs.readFileSync(file));
  }

  async function handle(req, res) {
    const p = new URL(req.url, 'http://h5.invalid').pathname;
    if (p.startsWith('/api/')) return forward(req, res, backendUrl + req.url);
    if (p === '/sheet/confirm' && req.method === 'POST') return forward(req, res, emulatorUrl + '/pay/confirm');
    if (p === '/h5/steps' && req.method === 'POST') {
      onStep(JSON.parse(await readBody(req)));
      return res.writeHead(204).end();
    }
    if (PAGE_FILES[p]) return sendFile(res, path.join(__dirname, PAGE_FILES[p]));
    // The package's browser entry; nothing else of the repository.
    const file = p.startsWith('/wxpay-wasm/web/') && path.join(PKG, path.normalize(p.slice('/wxpay-wasm/'.length)));
    if (!file || !file.startsWith(path.join(PKG, 'web') + path.sep)) throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${p}`);
    return sendFile(res, file);
  }

  const server = harden(http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (e instanceof HttpError) return sendError(res, e.status, e.code, e.message);
      sendError(res, 502, 'H5_HOST', e && e.message);
    });
  }));
  const url = await listen(server, '127.0.0.1', 0);
  return { url, close: () => closeServer(server) };
}

module.exports = { startH5Host };

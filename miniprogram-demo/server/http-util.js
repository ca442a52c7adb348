// Small HTTP helpers shared by the demo backend and the WeChat Pay emulator.
// Node standard library only (fetch for requests); loopback HTTP, bounded sizes, timeouts everywhere.
'use strict';

const MAX_BODY = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

class HttpError extends Error {
  constructor(status, code, message, extra) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    if (extra) Object.assign(this, extra);
  }
}

/**
 * Reads a request body (at most `limit` bytes) and decodes it as strict UTF-8.
 * @returns {Promise<string>}
 */
function readBody(req, limit = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'BODY_TOO_LARGE', `request body over ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new HttpError(413, 'BODY_TOO_LARGE', `request body over ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch (_) {
        reject(new HttpError(400, 'NOT_UTF8', 'request body is not valid UTF-8'));
      }
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      reject(new HttpError(400, 'BAD_REQUEST', 'request body could not be read: ' + e.message));
    });
  });
}

/** Reads and parses a JSON object body. */
async function readJson(req, limit) {
  const text = await readBody(req, limit);
  if (text.trim() === '') return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (_) {
    throw new HttpError(400, 'BAD_JSON', 'request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'BAD_JSON', 'request body must be a JSON object');
  }
  return value;
}

function send(res, status, contentType, body) {
  if (res.headersSent) return;
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(buf);
}

function sendJson(res, status, value) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendXml(res, status, xml) {
  send(res, status, 'text/xml; charset=utf-8', xml);
}

/** `{error: {code, message, …extra}}` */
function sendError(res, status, code, message, extra) {
  sendJson(res, status, { error: Object.assign({ code, message }, extra || {}) });
}

/**
 * One HTTP request with Node's fetch, a hard timeout and a response size limit.
 * @param {string} url http:// URL
 * @param {{method?: string, body?: string, headers?: object, timeoutMs?: number, maxBytes?: number, signal?: AbortSignal}} [opts]
 * @returns {Promise<{status: number, headers: object, body: string}>}
 */
async function request(url, opts = {}) {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`only http:// URLs are supported here, not ${u.protocol}`);
  const timeoutMs = opts.timeoutMs || 5000;
  const maxBytes = opts.maxBytes || MAX_BODY;
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, timeoutMs);
  const onAbort = () => stop.abort();
  if (opts.signal) {
    if (opts.signal.aborted) stop.abort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });
  }
  const signal = stop.signal;
  try {
    const res = await fetch(u, {
      method: opts.method || (opts.body === undefined ? 'GET' : 'POST'),
      headers: opts.headers,
      body: opts.body,
      signal,
    });
    const chunks = [];
    let size = 0;
    for await (const chunk of res.body || []) {
      size += chunk.length;
      if (size > maxBytes) throw new Error(`response from ${u.host} over ${maxBytes} bytes`);
      chunks.push(chunk);
    }
    let text;
    try {
      text = utf8.decode(Buffer.concat(chunks));
    } catch (_) {
      throw new Error(`response from ${u.host} is not valid UTF-8`);
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: text };
  } catch (e) {
    if (timedOut) {
      throw Object.assign(new Error(`request to ${u.host}${u.pathname} timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
    }
    if (opts.signal && opts.signal.aborted) throw Object.assign(new Error('request aborted'), { code: 'ABORTED' });
    throw e;
  } finally {
    clearTimeout(timer);
    if (opts.signal) opts.signal.removeEventListener('abort', onAbort);
  }
}

/** Starts `server` on host:port and resolves to its base URL. */
function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      const a = server.address();
      const h = a.family === 'IPv6' || a.family === 6 ? `[${a.address}]` : a.address;
      resolve(`http://${h}:${a.port}`);
    });
  });
}

/** Server timeouts so that slow or idle clients cannot hold it open. */
function harden(server) {
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 1_000;
  server.timeout = 20_000;
  return server;
}

/** Closes a server and every connection it still has. */
function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
  });
}

/** True for 127.0.0.0/8, ::1 and localhost. */
function isLoopbackHost(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

module.exports = {
  HttpError,
  readBody,
  readJson,
  sendJson,
  sendXml,
  sendError,
  request,
  listen,
  harden,
  closeServer,
  isLoopbackHost,
  MAX_BODY,
};

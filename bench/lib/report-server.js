// docs/benchmarks.md's server section and its "where we stand" line, from r.server: every
// ratio and verdict computed here.
'use strict';
const f = require('./format');
const { summarize } = require('./stats');

const TARGET = 0.5; // every operation at most half wechatpay-node-v3's time
const OPS = {
  buildPayParams: 'buildPayParams: the RSA paySign of wx.requestPayment (signType RSA)',
  authorization: 'authorization: the Authorization header of POST /v3/pay/transactions/jsapi (the vector\'s JSON order)',
  verifyPublicKey: 'verify an answer by the WeChat Pay public key (PUB_KEY_ID_…)',
  verifyCertificate: 'verify an answer by a platform certificate',
  decryptResource: 'decryptResource: a notification\'s AEAD_AES_256_GCM resource, to the transaction object',
};
const SHORT = {
  buildPayParams: 'buildPayParams', authorization: 'authorization', verifyPublicKey: 'verify (public key)',
  verifyCertificate: 'verify (certificate)', decryptResource: 'decryptResource',
};

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** → {op: {contender: {median, p25, p75, ratio}}}, ratios to the first contender. */
function perCall(s) {
  const base = s.contenders[0];
  const out = {};
  for (const c of s.calls) (out[c.op] = out[c.op] || {})[c.contender] = summarize(c.samples);
  for (const op of Object.keys(out)) for (const id of s.contenders) out[op][id].ratio = out[op][id].median / out[op][base].median;
  return out;
}

const OURS = 'wxpay-wasm';
const name = (id) => (id === OURS ? `**${id}**` : id);

function callTable(s, calls) {
  const base = s.contenders[0];
  const rows = [];
  for (const op of s.ops) {
    rows.push([`**${OPS[op]}**`, '', '', '', '']);
    for (const id of s.contenders) {
      const c = calls[op][id];
      const key = `${op}.${id}`;
      const refused = key in s.refused ? (s.refused[key] ? 'yes' : '**no**') : '–';
      rows.push([name(id), f.time(c.median), f.range(c.p25, c.p75), f.ratio(c.ratio), refused]);
    }
  }
  return table(['contender', 'median / call', 'p25–p75', `× ${base}`, 'refuses the tampered case'], rows);
}

function footprintTable(s) {
  const base = s.contenders[0];
  const q = (x) => f.ms(x).replace(' ms', '');
  return table(['package', `require, median of ${s.requireRuns}`, 'p25–p75', `× ${base}`, 'packages installed', 'files', 'bytes', 'on disk', `bytes × ${base}`],
    s.contenders.map((id) => {
      const t = s.requireMs[id];
      const z = s.sizes[id];
      return [name(id), f.ms(t.median), `${q(t.p25)}–${f.ms(t.p75)}`, f.ratio(t.median / s.requireMs[base].median),
        String(z.packages), f.bytes(z.files), f.bytes(z.bytes), f.bytes(z.disk), f.ratio(z.bytes / s.sizes[base].bytes)];
    }));
}

/** 'op.contender' keys of the tampered cases a contender let through, as "contender (op)". */
function acceptedTampered(s) {
  return Object.keys(s.refused).filter((k) => !s.refused[k]).map((k) => {
    const dot = k.indexOf('.');
    return `${k.slice(dot + 1)} (${SHORT[k.slice(0, dot)]})`;
  });
}

/** The line under "Where we stand". */
function serverStanding(s) {
  const calls = perCall(s);
  const base = s.contenders[0];
  const missed = s.ops.filter((op) => calls[op][OURS].ratio > TARGET);
  const against = (id) => s.ops.map((op) => `${SHORT[op]} ${f.ratio(calls[op][OURS].median / calls[op][id].median)}`).join(', ');
  const accepted = acceptedTampered(s);
  return `- **API v3, Node (server)**: wxpay-wasm per call × ${base}: ${against(base)}` +
    `; target every operation ≤ ${TARGET}× ${missed.length ? `**not met** (${missed.map((op) => SHORT[op]).join(', ')})` : '**met**'}. ` +
    `× ${s.contenders[1]} (keys parsed once, as ours): ${against(s.contenders[1])}. ` +
    (accepted.length ? `Accepted a tampered case: ${accepted.join(', ')}. ` : '') +
    `require ${f.ms(s.requireMs[OURS].median)} (${f.ratio(s.requireMs[OURS].median / s.requireMs[base].median)}), installed ${f.bytes(s.sizes[OURS].bytes)} B ` +
    `(${f.ratio(s.sizes[OURS].bytes / s.sizes[base].bytes)}).`;
}

function method(s) {
  const t = s.timing;
  const accepted = acceptedTampered(s);
  return [
    `- **Inputs**: tests/vectors/v3.json and its TEST-ONLY keys: the pay params case "bare prepay_id", the authorization case "POST JSON order with Chinese in the body", ` +
      'the verify cases "answer, WeChat Pay public key" and "answer, platform certificate" (each contender given the vector\'s `now`, header names in lower case as Node\'s `req.headers` has them), ' +
      'the decrypt case "notification resource". Nonce and time stamp are the vectors\', so every answer is checked against the vector: before timing (promises awaited) and after every timed batch. ' +
      'A tampered twin of each verify and decrypt case ("tampered notification body", "nonce changed after signing", "tampered tag") is given once, untimed: a contender must refuse it.',
    '- **wxpay-wasm**: the Node entry of pkg/ (`require(\'wxpay-wasm\').v3`) as published, on its default path: `v3.merchant({mchId, serialNo, privateKey})` and `v3.publicKeys({...})` made once from the PEM text ' +
      '(every rule checked then, the certificate\'s validity on every verify), then `merchant.buildPayParams`, `merchant.authorization`, `keys.verify` and `v3.decryptResource`. Plain text → `JSON.parse` for the transaction (bench/lib/server-ours.js).',
    `- **wechatpay-node-v3 ${s.versions['wechatpay-node-v3']}**: one \`Pay\`, the merchant key as the PEM Buffer its typings ask for, which Node's crypto parses on every signature — the package has no parsed form. ` +
      'Pay params built as its `transactions_jsapi` builds them after the order request, the header by `getSignature` + `getAuthorization` (its `buildAuthorization` with the given nonce and time), ' +
      '`verifySign` with `Pay.certificates` filled as its `fetchCertificates` fills it (serial → PEM public key; a certificate\'s through @fidm/x509), again parsed on every call, plus the ±5 min window it leaves to the caller; ' +
      '`verifySign` is async but does its work before returning a settled promise, so the timed call is the work and a caller\'s `await` is left out. `decipher_gcm` parses the JSON itself.',
    `- **wechatpay-axios-plugin ${s.versions['wechatpay-axios-plugin']}**: keys loaded once as its README advises (\`Rsa.from\`, \`Hash.keyObjectFrom\`). Its signing and verifying run inside axios interceptors, ` +
      'with the clock and a fresh nonce; the bench calls the functions they call (`Formatter.request`/`response`/`authorization`, `Rsa.sign`/`verify`) with its verifier\'s checks (headers present, ±300 s, known serial), without the axios plumbing. ' +
      'Pay params as its README\'s JSAPI example; `Aes.AesGcm.decrypt` then `JSON.parse`.',
    `- **Timing**: Node's main realm, one process, all ${s.calls.length} (job, contender) pairs alternating in rounds, the first rotating (bench/page/core.js's \`measure\`): batches of ≈ ${t.batchMs} ms, warmed ${t.warmMs} ms, ` +
      `${t.rounds} rounds in ${Math.round(t.seconds)} s; \`performance.now()\` (step ${f.time(t.clockResolutionMs * 1e6)}). Median of the per-batch time per call, p25–p75 across batches, ratios of medians.`,
    `- **require**: \`require(dir)\` timed inside a fresh \`node\` process, ${s.requireRuns} processes per package, packages alternating; ours loads and compiles its wasm at require time. ` +
      '**Installed size**: the package\'s directory under node_modules and those of every package it brings (dependencies and the peers npm installs; each directory\'s own nested node_modules counted as packages of their own), ' +
      'bytes as `du --apparent-size -b`, on disk as `du`. Theirs as bench/\'s `npm ci` installs them (versions pinned by bench/package-lock.json; the closure read off that lock, wechatpay-axios-plugin\'s peer yargs included); ' +
      'ours the tarball `npm pack pkg/` makes, installed into a temp dir.',
    ...(accepted.length ? [`- **Accepted a tampered case**: ${accepted.join(', ')}: such a contender does less than the job asks.` +
      (s.refused['decryptResource.wechatpay-node-v3'] === false ? ' wechatpay-node-v3\'s `decipher_gcm` never calls `decipher.final()`, which is where Node checks the GCM tag.' : '')] : []),
  ].join('\n');
}

function serverSection(s) {
  const calls = perCall(s);
  return [
    '## API v3 on the server: against wechatpay-node-v3 and wechatpay-axios-plugin',
    '',
    `Measured ${s.measuredAt} (load average ${s.loadBefore} before, ${s.loadAfter} after), Node ${s.node}. Ratios are to wechatpay-node-v3; target for ours: every operation ≤ ${TARGET}×.`,
    '',
    callTable(s, calls),
    '',
    footprintTable(s),
    '',
    method(s),
    '',
  ].join('\n');
}

module.exports = { serverSection, serverStanding };

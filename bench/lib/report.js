// docs/benchmarks.md from one run's results: every number and every verdict is computed here.
'use strict';
const f = require('./format');
const { summarize } = require('./stats');
const { serverSection, serverStanding } = require('./report-server');

const ENGINES = ['node', 'chromium', 'jsc'];
const GROUPS = {
  pay: 'paySign, MD5: build the five fields and sign them',
  hmac: 'paySign, HMAC-SHA256',
  hash: 'MD5 of the 192-byte stringSignTemp alone',
  boundary: 'our path piece by piece, and the JS pipeline without its hash',
  blocks: 'four more MD5 blocks: a 6th field of 256 characters',
};

function engineTitle(id, r) {
  if (id === 'node') return `Node ${r.machine.node}, mini-program simulator`;
  if (id === 'chromium') return `${r.versions.chromium || 'Chromium'}, headless`;
  const v = /\s(\d+\.\d+\.\d+)/.exec(r.versions.jsc || '');
  return `JavaScriptCore${v ? ` ${v[1]}` : ''} (jsc shell), JIT off`;
}

/** Per-engine medians and ratios: pay/boundary rows against the fastest pure-JS pipeline, hmac
 * and hash rows against the fastest pure-JS entry of their own group. */
function engineStats(result) {
  const rows = result.contenders.map((c) => ({ ...c, ...summarize(c.samples) }));
  const byId = {};
  rows.forEach((r) => { byId[r.id] = r; });
  const fastest = (group) => rows.filter((r) => r.group === group && r.kind === 'js')
    .reduce((a, b) => (a.median <= b.median ? a : b));
  const base = { pay: fastest('pay'), hmac: fastest('hmac'), hash: fastest('hash') };
  base.boundary = base.pay;
  base.blocks = base.pay;
  rows.forEach((r) => { r.ratio = r.median / base[r.group].median; });
  return { rows, byId, base, result };
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function engineTable(s) {
  const rows = [];
  for (const g of Object.keys(GROUPS)) {
    const base = s.base[g];
    rows.push([`**${GROUPS[g]}** (× ${base.label.replace(/ pipeline$/, '')})`, '', '', '']);
    s.rows.filter((r) => r.group === g).forEach((r) => {
      const name = r.kind === 'ours' ? `**${r.label}**` : r.label;
      rows.push([name, f.time(r.median), f.range(r.p25, r.p75), f.ratio(r.ratio)]);
    });
  }
  return table(['contender', 'median / call', 'p25–p75', '× fastest pure-JS'], rows);
}

const diff = (a, b) => (a && b ? a.median - b.median : undefined);
const perBlock = (long, short) => (b) => (b[long] && b[short] ? (b[long].median - b[short].median) / 4 : undefined);

function breakdownTable(stats) {
  const ids = ENGINES.filter((e) => stats[e]);
  const cell = (e, fn) => { const v = fn(stats[e].byId); return v === undefined ? '–' : f.time(v); };
  const m = (id) => (b) => (b[id] ? b[id].median : undefined);
  const lines = [
    ['buildPayParams (public API)', m('ours.buildPayParams')],
    ['raw export buildPayParams, input bytes copied in, result left as bytes', m('raw.buildPayParams')],
    ['→ shim: checks, writing the fields into the scratch, reading the answer (public − raw)', (b) => diff(b['ours.buildPayParams'], b['raw.buildPayParams'])],
    ['sign (public API, 5 fields)', m('ours.sign')],
    ['raw export sign, input bytes copied in, result left as bytes', m('raw.sign')],
    ['→ shim: fields(), checks, writing and reading (public − raw)', (b) => diff(b['ours.sign'], b['raw.sign'])],
    ['one bare crossing: entropyAvailable()', m('raw.entropyAvailable')],
    ['JS pipeline with the hash left out', m('js.nohash')],
    ['hash-wasm: MD5 of the 192 bytes (its wasm, same engine)', m('hash.hash-wasm')],
    ['js-md5: MD5 of the 192 bytes', m('hash.js-md5')],
    ['one 64-byte MD5 block, ours (raw sign, +4 blocks: Δ / 4)', perBlock('blocks.raw.sign', 'raw.sign')],
    ['one 64-byte MD5 block, hash-wasm (Δ / 4)', perBlock('blocks.hash-wasm', 'hash.hash-wasm')],
    ['one 64-byte MD5 block, js-md5 (Δ / 4)', perBlock('blocks.js-md5', 'hash.js-md5')],
    ['ours per call, blocks aside (raw sign − 4 blocks)', (b) => (b['blocks.raw.sign'] ? b['raw.sign'].median - 4 * perBlock('blocks.raw.sign', 'raw.sign')(b) : undefined)],
  ];
  return table(['', ...ids.map((e) => stats[e].short)], lines.map(([label, fn]) => [label, ...ids.map((e) => cell(e, fn))]));
}

function coldTable(cold) {
  const label = {
    'wxpay-wasm': 'wxpay-wasm (device-equivalent: no simulator check)',
    'wxpay-wasm-sim': 'wxpay-wasm through the simulator as it is (wabt check included)',
    'hash-wasm': 'hash-wasm md5 build + sign helper',
    'js-md5': 'js-md5 + sign helper',
  };
  return table(['contender', 'median', 'p25–p75', 'phases (medians)'], cold.contenders.map((c) => [
    c.id.startsWith('wxpay') ? `**${label[c.id]}**` : label[c.id], f.ms(c.median), `${f.ms(c.p25).replace(' ms', '')}–${f.ms(c.p75)}`,
    Object.keys(c.phases).filter((k) => c.phases[k] > 0).map((k) => `${k.replace(/Ms$/, '')} ${f.ms(c.phases[k])}`).join(', ') || '–',
  ]));
}

function sizeTable(sizes) {
  const ours = sizes.find((s) => s.id === 'wxpay-wasm');
  return table(['shipped files', 'raw', 'gzip', 'brotli', 'brotli × ours'], sizes.map((s) => [
    s.id === 'wxpay-wasm' ? `**${s.label}**` : s.label, f.bytes(s.raw), f.bytes(s.gzip), f.bytes(s.brotli), f.ratio(s.brotli / ours.brotli),
  ]));
}

function nativeTable(node, openssl) {
  const ref = openssl ? openssl.ns : node.byId['hash.node-crypto'].median;
  const refName = openssl ? '`openssl speed`' : 'Node crypto';
  const rows = [];
  if (openssl) rows.push([`OpenSSL's own loop: \`openssl speed -evp md5 -bytes ${openssl.bytes}\``, f.time(openssl.ns), f.ratio(1)]);
  const add = (id, label) => { const c = node.byId[id]; if (c) rows.push([label || c.label, f.time(c.median), f.ratio(c.median / ref)]); };
  add('hash.node-crypto', 'Node `crypto.createHash(\'md5\')` (OpenSSL, plus the JS→C++ call and hex)');
  for (const id of ['js-md5', 'spark-md5', 'blueimp-md5', 'crypto-js', 'hash-wasm']) add(`hash.${id}`, `${id}, hash only`);
  add('raw.buildPayParams', '**wxpay-wasm raw export buildPayParams** (the same 192 bytes hashed, plus the field checks and hex)');
  add('raw.sign', '**wxpay-wasm raw export sign** (not hash-only: also canonicalises, appends the key, hex)');
  add('ours.sign', '**wxpay-wasm sign** (public API; not hash-only)');
  return table(['MD5 of the 192-byte stringSignTemp, Node', 'median / call', `× ${refName}`], rows);
}

function verdict(ok) {
  return ok ? '**met**' : '**not met**';
}

/** Earlier packages' buildPayParams (bench/run.js --previous) against ours, as a sentence or ''. */
function previousText(s, bp) {
  const rows = s.rows.filter((r) => r.kind === 'previous');
  return rows.length ? `Earlier packages' buildPayParams: ${rows.map((r) => `${r.label.replace(/^wxpay-wasm buildPayParams, /, '')} ` +
    `${f.ratio(r.ratio)} (ours takes ${f.ratio(bp.median / r.median)} its time)`).join('; ')}. ` : '';
}

/** The computed "where we stand" bullets. */
function standing(r, stats) {
  const out = [];
  for (const e of ENGINES) {
    const s = stats[e];
    if (!s) { out.push(`- ${engineTitle(e, r)}: not measured (${r.errors[e] || 'skipped'}).`); continue; }
    const bp = s.byId['ours.buildPayParams'];
    const sg = s.byId['ours.sign'];
    const hw = s.byId['hash-wasm'];
    const bh = s.byId['ours.buildPayParams.hmac'];
    out.push(`- **${s.short}**: buildPayParams takes ${f.time(bp.median)}, **${f.ratio(bp.ratio)}** the fastest pure-JS pipeline ` +
      `(${s.base.pay.label.replace(/ pipeline$/, '')}, ${f.time(s.base.pay.median)}); target ≤ 1× ${verdict(bp.ratio <= 1)}, ` +
      `aim ≤ 0.5× ${verdict(bp.ratio <= 0.5)}. ${previousText(s, bp)}sign is ${f.ratio(sg.ratio)}; hash-wasm's pipeline ${f.ratio(hw.ratio)}. ` +
      `With HMAC-SHA256 buildPayParams is ${f.ratio(bh.ratio)} crypto-js's pipeline.`);
  }
  for (const e of ['node', 'jsc']) {
    const s = stats[e];
    if (!s) continue;
    const b = s.byId;
    if (!b['raw.buildPayParams']) {
      out.push(`- Where our time goes in ${s.short}: not measured (skipped: ${s.result.info.skipped.join('; ')}).`);
      continue;
    }
    const bp = b['ours.buildPayParams'].median;
    const raw = b['raw.buildPayParams'].median;
    const pct = (x) => `${Math.round((100 * x) / bp)} %`;
    out.push(`- Where our time goes in ${s.short}: the wasm call itself (input already in its scratch memory) is ${f.time(raw)} = ${pct(raw)} of buildPayParams; ` +
      `the shim (checks, writing the fields, reading the answer) ${f.time(bp - raw)} = ${pct(bp - raw)}. One bare crossing costs ${f.time(b['raw.entropyAvailable'].median)}; ` +
      
      `For scale, hash-wasm's wasm hashes the same 192 bytes in ${f.time(b['hash.hash-wasm'].median)} in this engine, and the whole JS pipeline minus its hash takes ${f.time(b['js.nohash'].median)}.` +
      (b['blocks.raw.sign'] ? ` Inside our wasm one 64-byte MD5 block costs ${f.time(perBlock('blocks.raw.sign', 'raw.sign')(b))} (hash-wasm: ${f.time(perBlock('blocks.hash-wasm', 'hash.hash-wasm')(b))}, js-md5: ${f.time(perBlock('blocks.js-md5', 'hash.js-md5')(b))}), ` +
        `so of the raw sign's ${f.time(b['raw.sign'].median)} about ${f.time(b['raw.sign'].median - 4 * perBlock('blocks.raw.sign', 'raw.sign')(b))} is per-call work besides hashing the 4 blocks.` : ''));
  }
  const node = stats.node;
  if (node) {
    const ref = r.openssl ? r.openssl.ns : node.byId['hash.node-crypto'].median;
    const refName = r.openssl ? 'OpenSSL (`openssl speed`)' : 'Node crypto';
    const bestHash = node.base.hash;
    const rawSign = node.byId['raw.sign'] || node.byId['ours.sign'];
    const rawPay = node.byId['raw.buildPayParams'];
    out.push(`- Hash vs native (Node): ${refName} needs ${f.time(ref)} per MD5 of the 192 bytes; the fastest JS hash (${bestHash.label}) ${f.ratio(bestHash.median / ref)}. ` +
      'We export no hash-only call, so our hash is bounded from above: ' +
      (rawPay ? `the raw buildPayParams export, which hashes the same 192 bytes and also checks the fields and writes hex, is ${f.ratio(rawPay.median / ref)}; target ≤ 2× ${verdict(rawPay.median / ref <= 2)}. ` : '') +
      `Our ${rawSign.id === 'raw.sign' ? 'raw ' : ''}sign (canonicalisation too) is ${f.ratio(rawSign.median / ref)}.`);
  }
  for (const why of r.previous ? r.previous.skipped : []) out.push(`- Earlier package not measured: ${why}.`);
  if (r.cold) {
    const c = Object.fromEntries(r.cold.contenders.map((x) => [x.id, x]));
    out.push(`- Cold start (load + init + first paySign, median of ${r.cold.runs} fresh Node processes): ours ${f.ms(c['wxpay-wasm'].median)} device-equivalent ` +
      `(${f.ms(c['wxpay-wasm-sim'].median)} with the simulator's wabt check), hash-wasm ${f.ms(c['hash-wasm'].median)}, js-md5 ${f.ms(c['js-md5'].median)}: ` +
      `${f.ratio(c['wxpay-wasm'].median / c['hash-wasm'].median)} hash-wasm's; target ≤ 1.5× ${verdict(c['wxpay-wasm'].median <= 1.5 * c['hash-wasm'].median)}.`);
  }
  if (r.sizes) {
    const z = Object.fromEntries(r.sizes.map((x) => [x.id, x]));
    out.push(`- Shipped size, brotli: ours ${f.bytes(z['wxpay-wasm'].brotli)} B, hash-wasm md5 + sign helper ${f.bytes(z['hash-wasm+helper'].brotli)} B, ` +
      `js-md5 ${f.bytes(z['js-md5'].brotli)} B, blueimp-md5 ${f.bytes(z['blueimp-md5'].brotli)} B; target (smaller than hash-wasm + helper) ${verdict(z['wxpay-wasm'].brotli < z['hash-wasm+helper'].brotli)} ` +
      `(raw: ${f.bytes(z['wxpay-wasm'].raw)} B vs ${f.bytes(z['hash-wasm+helper'].raw)} B).`);
  }
  out.push(r.server ? serverStanding(r.server) : `- API v3, Node (server): not measured (${r.errors.server || 'skipped'}).`);
  return out.join('\n');
}

function environment(r) {
  const m = r.machine;
  const libs = Object.entries(r.versions.libs).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `- Date: ${m.date}; run took ${Math.round(r.seconds)} s${r.quick ? ' (**--quick**: smoke-run settings, numbers not meaningful)' : ''}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os} (kernel ${m.kernel}); load average before ${m.loadBefore}, after ${m.loadAfter}`,
    `- Node ${m.node}; ${r.versions.chromium || 'Chromium: not found'}; JavaScriptCore: ${r.versions.jsc || 'not found'} (\`/usr/bin/jsc\`); ${r.openssl ? r.openssl.version : 'openssl: not found'}`,
    `- Libraries: ${libs}; wxpay-wasm from pkg/ as built (\`pkg/wxpay_wasm_bg.wasm\` sha256 ${r.versions.wasmSha256}…)`,
    '- One run on a shared, noisy VM: compare ratios within a table (measured in alternation), not absolute times across runs.',
  ].join('\n');
}

function method(r, stats) {
  const c = r.config;
  const res = (e) => (stats[e] ? f.time(stats[e].result.info.clockResolutionMs * 1e6) : '–');
  const node = stats.node && stats.node.result.info;
  return [
    'Every contender does the same job: the paySign of `wx.requestPayment` for WeChat\'s documented example (appId `wxd678efh567hg6787`, ' +
      'timeStamp `1490840662`, nonceStr `5K8264ILTKCH16CQ2502SI8ZNMTM67VS`, prepay_id `wx2017033010242291fcfe0db70013231072`, ' +
      'their demo key) → `22D9B4E54AB1950F51E0649E8810ACD6`; every contender\'s answer is checked once before timing and after every timed batch.',
    '',
    '- **Ours**: `buildPayParams({appId, prepayId, key, timeStamp, nonceStr})` (given nonce and timestamp, so deterministic) and `sign(fields, key)` on the same five fields. ' +
      'In Node the package runs inside the mini-program simulator (`tests/mp/simulator.js`): loaded with `WXWebAssembly.instantiate(path)` from `pkg/miniprogram` copied where 构建npm puts it, ' +
      `no \`TextDecoder\` in the page realm, (the glue passes numbers only, so it needs no codec; seen there: glue decoder = ${node ? node.glueDecoder : '–'}). ` +
      'In Chromium the same files load through a tiny CommonJS loader with `init({wasmBytes})` (native `TextDecoder` there). In jsc the code package is embedded by `tests/mp/jsc.js`\'s builder, behind its strict prelude.',
    '- **Earlier packages**: `buildPayParams` of pkg/miniprogram as earlier commits committed it (`bench/run.js --previous`; by default `8498299`, the first published package), ' +
      'taken from git into `miniprogram_npm/` beside ours and loaded the same way in every engine, in the same rounds: a package that gives per-call speed back shows against them.',
    '- **Their pipeline**: the code mini-programs use today (`bench/page/pay-helper.js`): fields in an object, `Object.keys().sort()`, `k=v` joined by `&`, `&key=` appended, the library\'s MD5 (or crypto-js `HmacSHA256`), `toUpperCase()`. ' +
      'Each library is its shipped build file, evaluated inside a function whose parameters hide `require`, `module.require`, `process`, `Buffer`, `global`, `globalThis`, `self`, `window` and `define` ' +
      `(js-md5 would otherwise use Node's crypto; checked: ${node ? node.jsMd5 : '–'}). hash-wasm is given \`WebAssembly\` and a \`TextEncoder\` (the host's, or utf8.js's in jsc) — a device has neither, so it cannot run in a mini-program at all; it is here as the reference for "MD5 in wasm".`,
    `- **Timing**: one process per engine, all contenders in it. Each is calibrated to batches of ≈ ${c.node.batchMs} ms (jsc: ${c.jsc.batchMs} ms) and warmed ${c.node.warmMs} ms (jsc: ${c.jsc.warmMs} ms); ` +
      `then rounds: each round runs one batch of every contender, the first one rotating from round to round, so that the machine's drift falls on all alike (rounds: Node ${stats.node ? stats.node.result.rounds : '–'}, ` +
      `Chromium ${stats.chromium ? stats.chromium.result.rounds : '–'}, jsc ${stats.jsc ? stats.jsc.result.rounds : '–'}). Reported: the median of the per-batch time per call, p25–p75 across batches, and ratios of medians. ` +
      `Clocks: Node \`performance.now()\` (step ${res('node')}), Chromium \`performance.now()\` in a cross-origin-isolated page (step ${res('chromium')}), jsc \`preciseTime()\` (step ${res('jsc')}).`,
    '- **Breakdown**: "raw export" drives a second instance of the same module through its exports with the arguments already UTF-8 encoded (copied into the scratch, the call, the result left as bytes) — the wasm work plus the bare minimum of boundary. Differences between medians are approximate.',
    `- **Cold start**: ${r.cold ? r.cold.runs : '–'} fresh Node processes per contender, contenders alternating; timed inside the simulator from the first \`require\` to the first correct paySign. ` +
      'The simulator checks our module with wabt (iOS feature rules) before compiling it, which no device does, so the device-equivalent figure fills the cache of that check beforehand; inside `init()` the module is then read, decompressed, compiled and instantiated, as `WXWebAssembly.instantiate` does on a device, while the first `wx.getRandomValues` is in flight (Node\'s brotli decoder is set up beforehand, on other bytes: a device\'s base library decompresses every .wasm.br with native code that is long set up). Until 2026-12-01 the compile was timed on its own before the `require` and added, as if nothing overlapped it (docs/cuts.md, "Size and start-up", compares the two). The simulator-as-is figure is shown too. Each process loads wabt and idles 100 ms before timing.',
    '- **Sizes**: the files a mini-program ships, each compressed alone (gzip -9, brotli 11) and summed. Ours: everything in `pkg/miniprogram` except `.map`, `.d.ts`, `.md`.',
    '- **Native**: `openssl speed -evp md5 -bytes 192` (OpenSSL\'s C loop) and Node\'s `crypto.createHash(\'md5\')` in the same rounds as the JS hashes.',
    '',
    '**The machine is a shared, noisy 2-core VM.** The figures are one run\'s; trust the ratios within one table (measured side by side, in alternation) more than absolute times, and expect a few per cent of drift between runs.',
  ].join('\n');
}

/** → {markdown, svgSubtitle, stats} */
function render(r) {
  const stats = {};
  for (const e of ENGINES) {
    if (r.engines[e]) {
      stats[e] = engineStats(r.engines[e]);
      stats[e].title = engineTitle(e, r);
      stats[e].short = { node: 'Node (simulator)', chromium: 'Chromium', jsc: 'jsc, JIT off' }[e];
    }
  }
  const md = [
    '# Benchmarks',
    '',
    '<!-- Generated by bench/run.js (`./build.sh bench`, or `cd bench && npm ci && node run.js`). Do not edit. -->',
    '',
    'wxpay-wasm against the MD5 code that mini-program developers ship today (js-md5, spark-md5, blueimp-md5, crypto-js, and hash-wasm as the wasm reference), ' +
      'on the one job a page has: the `paySign` of `wx.requestPayment`. Measured in Node through the mini-program simulator, in headless Chromium, and in JavaScriptCore with its JIT off — how iPhones run mini-program JS and wasm. ' +
      'And on the server, API v3 in Node against wechatpay-node-v3 and wechatpay-axios-plugin (last section before the method).',
    '',
    '## Environment',
    '',
    environment(r),
    '',
    '## Where we stand',
    '',
    standing(r, stats),
    '',
    '![paySign per call, as a multiple of the fastest pure-JS pipeline](benchmarks.svg)',
    '',
    'What each step of the speed work bought, commit by commit: [cuts.md](cuts.md) (`node bench/cuts.js`).',
    '',
  ];
  for (const e of ENGINES) {
    md.push(`## ${stats[e] ? stats[e].title : engineTitle(e, r)}`, '');
    md.push(stats[e] ? engineTable(stats[e]) : `Not measured: ${r.errors[e] || 'skipped'}.`, '');
    if (e === 'node' && stats.node) {
      md.push('The two "reference" rows run outside the simulator, in Node\'s main realm (the host side of the same process, same rounds): the vm realm\'s global lookups are part of every page-realm figure above.', '');
    }
  }
  md.push('## Where the time goes in our path', '');
  md.push(Object.keys(stats).length ? breakdownTable(stats) : 'Not measured.', '');
  for (const e of Object.keys(stats)) {
    const skipped = stats[e].result.info.skipped || [];
    if (skipped.length) md.push(`Skipped in ${stats[e].short} (the glue or the module changed): ${skipped.join('; ')}.`, '');
  }
  md.push('## Cold start: load, init, first paySign', '');
  md.push(r.cold ? coldTable(r.cold) : `Not measured: ${r.errors.cold || 'skipped'}.`, '');
  md.push('## Shipped size', '');
  md.push(r.sizes ? sizeTable(r.sizes) : 'Not measured.', '');
  md.push('## Hash alone against native MD5', '');
  md.push(stats.node ? nativeTable(stats.node, r.openssl) : 'Not measured (needs the Node run).', '');
  md.push(r.server ? serverSection(r.server) : `## API v3 on the server\n\nNot measured: ${r.errors.server || 'skipped'}.\n`);
  md.push('## Method', '', method(r, stats), '');
  const svgSubtitle = `${r.machine.date.slice(0, 10)} · ${r.machine.cpu}, ${r.machine.cores} cores · one run, medians${r.quick ? ' · --quick smoke run' : ''}`;
  return { markdown: md.join('\n'), svgSubtitle, stats };
}

module.exports = { render, engineStats, ENGINES };

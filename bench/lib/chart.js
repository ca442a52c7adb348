// docs/benchmarks.svg: per engine, each MD5 paySign pipeline as a multiple of the fastest
// pure-JS one (shorter is faster). Plain SVG text, no library.
'use strict';
const f = require('./format');

// 'previous': every earlier package measured (bench/run.js --previous).
const ORDER = ['ours.buildPayParams', 'previous', 'ours.sign', 'js-md5', 'spark-md5', 'blueimp-md5', 'crypto-js', 'hash-wasm'];
const COLOR = { ours: '#d9480f', previous: '#f4a582', js: '#1c7ed6', wasm: '#868e96' };
const W = 860;
const LABEL_W = 230;
const BAR_W = 470;
const ROW = 22;

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** panels: [{title, rows: [{label, kind, ratio, ns}]}] */
function chart(panels, subtitle) {
  const max = Math.max(2, Math.ceil(Math.max(...panels.flatMap((p) => p.rows.map((r) => r.ratio)))));
  const x = (v) => LABEL_W + (v / max) * BAR_W;
  const out = [];
  let y = 64;
  for (const p of panels) {
    out.push(`<text x="10" y="${y}" class="h">${esc(p.title)}</text>`);
    y += 10;
    const top = y;
    const bottom = y + p.rows.length * ROW;
    for (let g = 0; g <= max; g++) {
      out.push(`<line x1="${x(g)}" y1="${top}" x2="${x(g)}" y2="${bottom}" class="grid"/>`);
      out.push(`<text x="${x(g)}" y="${bottom + 13}" class="a">${g}×</text>`);
    }
    for (const r of p.rows) {
      out.push(`<text x="${LABEL_W - 8}" y="${y + 15}" class="l">${esc(r.label)}</text>`);
      out.push(`<rect x="${LABEL_W}" y="${y + 4}" width="${Math.max(1, x(r.ratio) - LABEL_W).toFixed(1)}" height="${ROW - 8}" fill="${COLOR[r.kind]}"/>`);
      out.push(`<text x="${(x(r.ratio) + 6).toFixed(1)}" y="${y + 15}" class="v">${esc(`${f.ratio(r.ratio)}  ${f.time(r.ns)}`)}</text>`);
      y += ROW;
    }
    out.push(`<line x1="${x(1)}" y1="${top}" x2="${x(1)}" y2="${bottom}" class="one"/>`);
    y += 48;
  }
  let lx = 10; // each entry as wide as its text (about 6 px a character at this size)
  const legend = [['wxpay-wasm', COLOR.ours], ['an earlier wxpay-wasm', COLOR.previous], ['pure-JS library', COLOR.js],
    ['hash-wasm (needs WebAssembly: not on devices)', COLOR.wasm]].map(([t, c]) => {
    const at = lx;
    lx += 32 + 6 * t.length;
    return `<rect x="${at}" y="${y - 22}" width="12" height="12" fill="${c}"/><text x="${at + 18}" y="${y - 12}" class="k">${esc(t)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 4}" viewBox="0 0 ${W} ${y + 4}" font-family="sans-serif">`,
    '<style>.t{font-size:16px;font-weight:bold}.s{font-size:11px;fill:#555}.h{font-size:13px;font-weight:bold}',
    '.l{font-size:12px;text-anchor:end}.v{font-size:11px;fill:#333}.a{font-size:10px;fill:#777;text-anchor:middle}',
    '.k{font-size:11px}.grid{stroke:#ddd}.one{stroke:#000;stroke-dasharray:3 2}</style>',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    '<text x="10" y="22" class="t">paySign (MD5) per call, × the fastest pure-JS pipeline (shorter is faster)</text>',
    `<text x="10" y="40" class="s">${esc(subtitle)}</text>`,
    ...out,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

/** engines: [{title, stats}] where stats = the report's per-engine summary. */
function payChart(engines, subtitle) {
  const panels = engines.map((e) => ({
    title: e.title,
    rows: ORDER.flatMap((id) => (id === 'previous' ? e.stats.rows.filter((r) => r.kind === id) : [e.stats.byId[id]])).filter(Boolean).map((c) => ({
      label: c.label, kind: c.kind, ratio: c.ratio, ns: c.median,
    })),
  }));
  return chart(panels, subtitle);
}

module.exports = { payChart };

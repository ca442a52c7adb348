// Cold start: many fresh processes, contenders alternating, one measurement each.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { summarize } = require('./stats');

const CONTENDERS = ['wxpay-wasm', 'wxpay-wasm-sim', 'hash-wasm', 'js-md5'];

function runCold(root, runs) {
  const samples = {};
  CONTENDERS.forEach((c) => { samples[c] = {}; });
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < CONTENDERS.length; k++) {
      const which = CONTENDERS[(i + k) % CONTENDERS.length];
      const r = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'cold-child.js'), root, which], { encoding: 'utf8' }));
      for (const k of Object.keys(r)) if (k !== 'which') (samples[which][k] = samples[which][k] || []).push(r[k]);
    }
  }
  return {
    runs,
    contenders: CONTENDERS.map((id) => {
      const phases = {};
      for (const k of Object.keys(samples[id])) if (k !== 'ms') phases[k] = summarize(samples[id][k]).median;
      return { id, ...summarize(samples[id].ms), phases };
    }),
  };
}

module.exports = { runCold, CONTENDERS };

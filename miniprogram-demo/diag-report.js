#!/usr/bin/env node
// The 诊断 page's checks and report, headless: the demo's code package in the mini-program
// runtime simulator (iOS, base library 2.15.0, no WebAssembly global), as a phone would show
// them. ./build.sh prints it after the paid orders. Exits non-zero when a check fails.
//   node miniprogram-demo/diag-report.js [miniprogram_npm dir]
'use strict';
const path = require('path');
const { diagnose } = require('./flow');

const npmDir = path.resolve(process.argv[2] || path.join(__dirname, 'miniprogram', 'miniprogram_npm'));

diagnose({ miniprogramNpm: npmDir }).then((r) => {
  console.log(r.text);
  if (!r.ok) process.exit(1);
}, (e) => {
  console.error(`诊断 FAILED to run: ${e.message}`);
  process.exit(1);
});

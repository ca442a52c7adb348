// One require in a fresh process: node server-require-child.js <package directory> → {"ms": …}.
'use strict';
const { performance } = require('node:perf_hooks');

const t0 = performance.now();
require(process.argv[2]);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }));

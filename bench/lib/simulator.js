// Access to tests/mp's simulator, whose checks need its own node_modules (wabt).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO } = require('./codepkg');

const MP = path.join(REPO, 'tests/mp');

/** tests/mp/simulator.js, installing tests/mp's pinned dependencies first when missing. */
function loadSimulator() {
  if (!fs.existsSync(path.join(MP, 'node_modules/wabt'))) {
    process.stderr.write('bench: installing tests/mp dependencies (npm ci)\n');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: MP, stdio: 'inherit' });
  }
  return require(path.join(MP, 'simulator.js'));
}

module.exports = { loadSimulator, MP };

'use strict';
// Installs pkg/ as a user gets it: `npm pack` of pkg/, the tarball unpacked into this
// folder's node_modules/wxpay-wasm (what `npm install <tarball>` does, without touching
// the lockfile). Tests reach the package only through its name and public entries.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const HERE = __dirname;
const REPO = path.resolve(HERE, '../../..');
const PKG = path.join(REPO, 'pkg');
const INSTALLED = path.join(HERE, 'node_modules', 'wxpay-wasm');

let installed = null;

/** `npm pack --dry-run --json` of pkg/: [{ files: [{ path, size }], … }]. */
function packDryRun() {
  return JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', PKG], { encoding: 'utf8', cwd: HERE }));
}

/** Packs pkg/ and unpacks the tarball into node_modules/wxpay-wasm (once per process). → its folder. */
function installPacked() {
  if (installed) return installed;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-pack-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp, PKG], { encoding: 'utf8', cwd: HERE }),
    );
    fs.rmSync(INSTALLED, { recursive: true, force: true });
    fs.mkdirSync(INSTALLED, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(tmp, filename), '-C', INSTALLED, '--strip-components=1']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  installed = INSTALLED;
  return installed;
}

module.exports = { HERE, REPO, PKG, INSTALLED, installPacked, packDryRun };

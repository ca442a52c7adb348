// Installed size of each server contender: its directory under node_modules and those of every
// package it brings, as npm lays them out (bytes as `du --apparent-size -b`, disk as `du`).
// Ours: the tarball `npm pack pkg/` makes, installed into a temp dir. Theirs: bench/'s own
// install (`npm ci`, versions pinned by bench/package-lock.json), the closure read off that lock.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { MODULES } = require('./libs');

/** Lock paths of `name` and everything it needs, found as Node's resolution finds them. */
function lockClosure(lockDir, name) {
  const lock = JSON.parse(fs.readFileSync(path.join(lockDir, 'package-lock.json'), 'utf8')).packages;
  const seen = new Set();
  const visit = (from, dep, optional) => {
    for (let at = from; ; at = at.slice(0, Math.max(0, at.lastIndexOf('/node_modules/')))) {
      const p = `${at ? `${at}/` : ''}node_modules/${dep}`;
      if (lock[p]) {
        if (seen.has(p)) return;
        seen.add(p);
        const e = lock[p];
        const meta = e.peerDependenciesMeta || {};
        for (const d of Object.keys(e.dependencies || {})) visit(p, d, false);
        for (const d of Object.keys(e.optionalDependencies || {})) visit(p, d, true);
        // npm installs peers unless marked optional.
        for (const d of Object.keys(e.peerDependencies || {})) visit(p, d, !!(meta[d] && meta[d].optional));
        return;
      }
      if (!at) {
        if (optional) return;
        throw new Error(`${lockDir}/package-lock.json: ${dep} (needed by ${from || 'the root'}) is not installed`);
      }
    }
  };
  visit('', name, false);
  return [...seen];
}

/** Files, bytes and disk use of one package directory, its nested node_modules left out. */
function treeSize(dir, top = true) {
  const t = { files: 0, bytes: 0, disk: 0 };
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (top && e.name === 'node_modules') continue;
      const s = treeSize(p, false);
      for (const k of Object.keys(t)) t[k] += s[k];
    } else {
      const st = fs.lstatSync(p);
      t.files += 1;
      t.bytes += st.size;
      t.disk += st.blocks * 512;
    }
  }
  return t;
}

function closureSize(lockDir, name) {
  const paths = lockClosure(lockDir, name);
  const total = { packages: paths.length, files: 0, bytes: 0, disk: 0 };
  for (const p of paths) {
    const s = treeSize(path.join(lockDir, p));
    for (const k of Object.keys(s)) total[k] += s[k];
  }
  return total;
}

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

/** pkg/ packed and installed as a user's `npm install wxpay-wasm` would. */
function oursInstalled(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-size-'));
  try {
    const [packed] = JSON.parse(npm(['pack', dir, '--json', '--pack-destination', tmp], tmp));
    fs.writeFileSync(path.join(tmp, 'package.json'), '{"private": true}\n');
    npm(['install', '--offline', '--ignore-scripts', path.join(tmp, packed.filename)], tmp);
    return closureSize(tmp, packed.name);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function installedSizes(contenders) {
  return Object.fromEntries(contenders.map((c) => [c.id, c.ours ? oursInstalled(c.dir) : closureSize(path.dirname(MODULES), c.id)]));
}

module.exports = { installedSizes };

'use strict';
// What the repository lints read: the files git tracks, as text.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every path git tracks, relative to the repository. A scan that cannot list them fails. */
function trackedFiles() {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' });
  return out.split('\0').filter(Boolean);
}

/** [path, text] of every tracked file that reads as UTF-8 text (binary files are skipped). */
function trackedTextFiles() {
  const found = [];
  for (const file of trackedFiles()) {
    let bytes;
    try {
      bytes = fs.readFileSync(path.join(REPO, file));
    } catch (e) {
      if (e.code === 'ENOENT') continue; // deleted in the work tree, not yet committed
      throw e;
    }
    if (bytes.includes(0)) continue;
    try {
      found.push([file, utf8.decode(bytes)]);
    } catch {
      // not UTF-8: binary
    }
  }
  return found;
}

module.exports = { REPO, trackedFiles, trackedTextFiles };

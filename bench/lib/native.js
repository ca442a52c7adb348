// The physical reference: OpenSSL's own MD5 loop (`openssl speed`), no JavaScript at all.
'use strict';
const { execFileSync } = require('node:child_process');

/** → {ns, bytes, version} per MD5 of `bytes` bytes, or null when openssl is missing. */
function opensslSpeed(bytes, seconds) {
  try {
    const out = execFileSync('openssl', ['speed', '-evp', 'md5', '-bytes', String(bytes), '-seconds', String(seconds), '-mr'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^\+F:\d+:md5:([\d.]+)$/m.exec(out); // bytes per second
    if (!m) return null;
    const version = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
    return { ns: (bytes * 1e9) / Number(m[1]), bytes, version };
  } catch (e) {
    return null;
  }
}

module.exports = { opensslSpeed };

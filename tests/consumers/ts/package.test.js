'use strict';
// What `npm publish` of pkg/ would upload: the exact file list (`npm pack --dry-run`),
// metadata without placeholders, the licence texts, every file the package README points
// to, and source maps that are useful on their own (they carry their sources).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { PKG, REPO, packDryRun } = require('./packed');

// Node entry and its types, the raw .wasm for it, the mini-program folder (构建npm copies
// it; .map and .d.ts files are not uploaded with the code package), docs and licences.
const EXPECTED_FILES = [
  'LICENSE-APACHE',
  'LICENSE-MIT',
  'README.md',
  'SECURITY.md',
  'miniprogram/common.d.ts',
  'miniprogram/index.d.ts',
  'miniprogram/index.js',
  'miniprogram/index.js.map',
  'miniprogram/wxpay_wasm_bg.wasm.br',
  'node/api.js',
  'node/client.d.ts',
  'node/client.js',
  'node/generated/wxpay_wasm_web.js',
  'node/generated/wxpay_wasm_web_bg.wasm',
  'node/index.d.ts',
  'node/index.js',
  'node/index.mjs',
  'node/v3.js',
  'package.json',
  'web/api.js',
  'web/generated/wxpay_wasm_web.js',
  'web/generated/wxpay_wasm_web_bg.wasm',
  'web/index.d.ts',
  'web/index.js',
  'web/package.json',
];

const [packed] = packDryRun();
const files = packed.files.map((f) => f.path).sort();
const manifest = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));

test('npm pack ships exactly the expected files', () => {
  assert.equal(packed.name, 'wxpay-wasm');
  assert.deepEqual(files, EXPECTED_FILES);
});

test('package.json: no placeholder, every path it names is shipped', () => {
  const text = JSON.stringify(manifest);
  for (const placeholder of [/example\.(com|org|invalid)/i, /\.invalid\b/i, /TODO|FIXME|your[-_ ]?(name|org|repo)/i]) {
    assert.doesNotMatch(text, placeholder);
  }
  // URL fields are left out rather than invented; when present they must be real URLs.
  for (const field of ['repository', 'homepage', 'bugs']) {
    const value = manifest[field];
    if (value === undefined) continue;
    const url = typeof value === 'string' ? value : value.url;
    assert.match(url, /^(git\+)?https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//, field);
  }
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  const named = [manifest.main, manifest.types, manifest.miniprogram + '/index.js'];
  (function collect(v) {
    if (typeof v === 'string') named.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  })(manifest.exports || {});
  for (const p of named) {
    assert.ok(files.includes(path.posix.normalize(p)), `package.json names ${p}, which is not shipped`);
  }
});

test('the licence texts: both, standard, with the copyright holder', () => {
  const mit = fs.readFileSync(path.join(PKG, 'LICENSE-MIT'), 'utf8');
  assert.match(mit, /^MIT License\n\nCopyright \(c\) the wxpay-wasm developers\n/);
  assert.match(mit, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
  const apache = fs.readFileSync(path.join(PKG, 'LICENSE-APACHE'), 'utf8');
  assert.match(apache, /Apache License\s+Version 2\.0, January 2004/);
  assert.match(apache, /END OF TERMS AND CONDITIONS/);
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'SECURITY.md']) {
    assert.deepEqual(fs.readFileSync(path.join(PKG, f)), fs.readFileSync(path.join(REPO, f)), `${f} is the repository's`);
  }
});

test('every file the package README points to is in the package', () => {
  const readme = fs.readFileSync(path.join(PKG, 'README.md'), 'utf8');
  const pointed = new Set();
  for (const m of readme.matchAll(/\]\(([^)#\s]+)\)/g)) if (!/^[a-z]+:/.test(m[1])) pointed.add(m[1]);
  // Plain mentions of repository files: SECURITY.md, LICENSE-MIT, miniprogram/index.d.ts, …
  for (const m of readme.matchAll(/(?<![\w/.-])((?:[\w-]+\/)*[\w-]+\.(?:md|d\.ts)|LICENSE-[A-Z]+)(?![\w/])/g)) pointed.add(m[1]);
  assert.ok(pointed.has('SECURITY.md'), [...pointed].join());
  for (const p of pointed) assert.ok(files.includes(p), `README.md points to ${p}, which is not shipped`);
});

test('source maps carry their sources, and each minified file names its map', () => {
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.equal(maps.length, 1);
  for (const file of maps) {
    const map = JSON.parse(fs.readFileSync(path.join(PKG, file), 'utf8'));
    assert.equal(map.version, 3);
    assert.equal(map.sourcesContent && map.sourcesContent.length, map.sources.length, `${file}: sourcesContent`);
    for (const content of map.sourcesContent) assert.ok(typeof content === 'string' && content.length > 500, file);
    const js = fs.readFileSync(path.join(PKG, file.slice(0, -'.map'.length)), 'utf8');
    assert.match(js, new RegExp(`//# sourceMappingURL=${path.basename(file).replace(/\./g, '\\.')}\\n?$`));
  }
  // The mini-program's one script maps back to its three readable parts, comments included:
  // the glue, the generated wire.js and the shim, whose requires of the other two became
  // their names (tools/assemble-pkg.js).
  const shim = JSON.parse(fs.readFileSync(path.join(PKG, 'miniprogram/index.js.map'), 'utf8'));
  assert.deepEqual(shim.sources, ['(generated) wxpay_wasm_bg.js', '(generated) src/js/generated/wire.js', 'src/js/index.js']);
  assert.ok(shim.sourcesContent[1].includes(fs.readFileSync(path.join(REPO, 'src/js/generated/wire.js'), 'utf8').trim()));
  const readable = fs.readFileSync(path.join(REPO, 'src/js/index.js'), 'utf8')
    .replace("require('./wxpay_wasm_bg.js')", 'wasmBindgenGlue')
    .replace("require('./wire.js')", 'generatedWire');
  assert.equal(shim.sourcesContent[2], readable);
});

'use strict';
// The documentation points at things that exist: every relative link of every tracked
// .md resolves (the file, and the heading of a #fragment), as do links to this
// repository's own files on GitHub; every path ARCHITECTURE.md names exists.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { REPO, trackedFiles } = require('./repo');

// Absolute links into the repository (the npm and crates.io READMEs use them) are checked too.
const REPO_URL = 'https://github.com/wxpay-wasm/wxpay-wasm/blob/main/';
const tracked = trackedFiles();
const markdown = tracked.filter((f) => f.endsWith('.md'));

/** Markdown without fenced code blocks; inline code spans are kept as text. */
function prose(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link: its text
    .replace(/`/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors of a .md file's headings, duplicates numbered as GitHub does. */
function anchors(file) {
  const seen = new Map();
  const found = new Set();
  for (const m of prose(fs.readFileSync(path.join(REPO, file), 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    found.add(n ? `${base}-${n}` : base);
  }
  return found;
}

const exists = (rel) => tracked.includes(rel) || tracked.some((f) => f.startsWith(rel.replace(/\/$/, '') + '/'));

/** The problem with `target`, a link in `file`, or null. */
function problem(file, target) {
  let rel;
  if (target.startsWith(REPO_URL)) rel = target.slice(REPO_URL.length);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // another site: not ours to check
  else rel = target.startsWith('#') ? path.basename(file) + target : target;
  const [pathPart, fragment] = rel.split('#');
  const resolved = target.startsWith(REPO_URL) ? pathPart : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (!exists(resolved)) return `${target}: no file ${resolved}`;
  if (fragment !== undefined) {
    if (!resolved.endsWith('.md')) return `${target}: a #fragment on a file that is not Markdown`;
    if (!anchors(resolved).has(decodeURIComponent(fragment))) return `${target}: ${resolved} has no heading #${fragment}`;
  }
  return null;
}

test('every relative link of every .md resolves, #headings included', () => {
  const broken = [];
  let checked = 0;
  for (const file of markdown) {
    for (const m of prose(fs.readFileSync(path.join(REPO, file), 'utf8')).matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
      checked++;
      const p = problem(file, m[1]);
      if (p) broken.push(`${file}: ${p}`);
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 30, `only ${checked} links found`);
});

test('the link check finds what is broken', () => {
  assert.match(problem('README.md', 'docs/nothing.md'), /no file docs\/nothing\.md/);
  assert.match(problem('README.md', '#no-such-heading'), /no heading/);
  assert.match(problem('docs/miniprogram.md', '../README.md#nowhere'), /README\.md has no heading/);
  assert.match(problem('README.md', REPO_URL + 'docs/gone.md'), /no file docs\/gone\.md/);
  assert.equal(problem('docs/miniprogram.md', '../SECURITY.md'), null);
  assert.equal(problem('README.md', 'https://example.org/x'), null);
  assert.equal(slug('Check it on your phone (诊断)'), 'check-it-on-your-phone-诊断');
  assert.equal(slug('The `v3` functions, and their errors?'), 'the-v3-functions-and-their-errors');
});

test('every path ARCHITECTURE.md names in backticks exists', () => {
  const text = fs.readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');
  const named = new Set();
  for (const [, span] of text.matchAll(/`([^`\n]+)`/g)) {
    // A path: slash-separated names, or one name with a file extension.
    if (/^[\w.-]+(\/[\w.-]+)*\/?$/.test(span) && (span.includes('/') || /\.(rs|js|ts|md|json|toml|sh|py)$/.test(span))) named.add(span);
  }
  const missing = [...named].filter((p) => (p.includes('/') ? !exists(p) : !tracked.some((f) => path.posix.basename(f) === p)));
  assert.deepEqual(missing, []);
  assert.ok(named.size > 25, `only ${named.size} paths found: ${[...named]}`);
});

test("docs/server-rust.md's axum and reqwest blocks are the axum consumer's tested code", () => {
  const doc = fs.readFileSync(path.join(REPO, 'docs/server-rust.md'), 'utf8');
  const consumer = ['src/lib.rs', 'tests/pay.rs'].map((f) => fs.readFileSync(path.join(REPO, 'tests/consumers/axum', f), 'utf8')).join('\n');
  // Line by line, indentation aside: a block may be a statement from inside a test.
  const lines = (text) => text.split('\n').map((line) => line.trim()).join('\n');
  const blocks = [...doc.matchAll(/^```rust,ignore\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  assert.ok(blocks.length >= 4, `only ${blocks.length} blocks`);
  assert.ok(blocks.some((b) => b.includes('pub async fn wechat_pay_notification(')));
  assert.ok(blocks.some((b) => b.includes('pub async fn order(')));
  const stray = blocks.filter((b) => !lines(consumer).includes(lines(b)));
  assert.deepEqual(stray, []);
});

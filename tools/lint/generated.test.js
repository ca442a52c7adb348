'use strict';
// Generated and copied files say so at their top and are listed in .gitattributes
// (linguist-generated), and everything listed there says so: a reader opening any file
// knows whether to edit it.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { REPO, trackedTextFiles } = require('./repo');

const patterns = fs.readFileSync(path.join(REPO, '.gitattributes'), 'utf8').split('\n')
  .map((line) => line.trim().split(/\s+/))
  .filter(([pattern, ...attributes]) => pattern && !pattern.startsWith('#') && attributes.includes('linguist-generated'))
  .map(([pattern]) => pattern);
const listed = (file) => patterns.some((p) => (p.endsWith('/**') ? file.startsWith(p.slice(0, -2)) : file === p));
// The top three lines: a Markdown file's title may come first.
const marked = (text) => /\b(generated|copied from)\b.*\b(do not edit|edit those)\b/i.test(text.split('\n', 3).join('\n'));
// Formats without comments (JSON, source maps), the licence texts (kept verbatim), the
// benchmark chart, and lockfiles, which their tools own.
const unmarkable = (file) => /\.(json|map|svg|lock)$|(^|\/)LICENSE-/.test(file);

const files = trackedTextFiles();

test('.gitattributes lists generated files', () => {
  assert.ok(patterns.length >= 4, patterns.join());
});

test('every file that says it is generated or copied is listed in .gitattributes', () => {
  const unlisted = files.filter(([file, text]) => !unmarkable(file) && marked(text) && !listed(file)).map(([file]) => file);
  assert.deepEqual(unlisted, []);
});

test('every file listed in .gitattributes says at its top that it is generated or copied', () => {
  const unmarked = files.filter(([file, text]) => listed(file) && !unmarkable(file) && !marked(text)).map(([file]) => file);
  assert.deepEqual(unmarked, []);
  assert.ok(files.filter(([file]) => listed(file)).length >= 10);
});

'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parse, build, XmlError } = require('./xml');

const fields = (text) => Object.assign({}, parse(text).fields);
const refuses = (text, code) =>
  assert.throws(() => parse(text), (e) => e instanceof XmlError && e.code === code, `expected ${code} for ${text}`);

test('reads a WeChat unified-order answer', () => {
  const doc = `<xml><return_code><![CDATA[SUCCESS]]></return_code>
<return_msg><![CDATA[OK]]></return_msg>
<appid><![CDATA[wx2421b1c4370ec43b]]></appid>
<mch_id><![CDATA[10000100]]></mch_id>
<nonce_str><![CDATA[IITRi8Iabbblz1Jc]]></nonce_str>
<sign><![CDATA[7921E432F65EB8ED0CE9755F0E86D72F]]></sign>
<result_code><![CDATA[SUCCESS]]></result_code>
<prepay_id><![CDATA[wx201411101639507cbf6ffd8b0779950874]]></prepay_id>
<trade_type><![CDATA[JSAPI]]></trade_type>
</xml>`;
  const r = parse(doc);
  assert.deepEqual(r.names, ['return_code', 'return_msg', 'appid', 'mch_id', 'nonce_str', 'sign', 'result_code', 'prepay_id', 'trade_type']);
  assert.equal(r.fields.prepay_id, 'wx201411101639507cbf6ffd8b0779950874');
  assert.equal(Object.getPrototypeOf(r.fields), null);
});

test('plain text values, the optional header, a BOM, self-closed empty elements', () => {
  assert.deepEqual(fields('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <total_fee>1</total_fee>\n  <attach/>\n</xml>\n'), {
    total_fee: '1',
    attach: '',
  });
  assert.deepEqual(fields("<?xml version='1.0' encoding='utf-8' standalone='yes'?><xml><a>x</a></xml>"), { a: 'x' });
});

test('Chinese text, in CDATA and as text, round-trips', () => {
  const v = 'wxpay-wasm 演示-测试商品 😀';
  assert.equal(fields(`<xml><body><![CDATA[${v}]]></body></xml>`).body, v);
  assert.equal(fields(`<xml><body>${v}</body></xml>`).body, v);
  assert.equal(fields(build({ body: v })).body, v);
});

test('the five entities and numeric character references are decoded in text', () => {
  assert.equal(fields('<xml><a>&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos;</a></xml>').a, `<b> & "q" 's'`);
  assert.equal(fields('<xml><a>&#20013;&#x6587;&#x1F600;&#13;</a></xml>').a, '中文😀\r');
  // Inside CDATA nothing is decoded.
  assert.equal(fields('<xml><a><![CDATA[&amp;&lt;]]></a></xml>').a, '&amp;&lt;');
  // Text and CDATA may be mixed.
  assert.equal(fields('<xml><a>x&amp;<![CDATA[<y>]]>z</a></xml>').a, 'x&<y>z');
});

test('CDATA holding "]]>" is written split and read back whole', () => {
  const v = 'a]]>b]]>]]>c';
  const doc = build({ detail: v });
  assert.equal(doc, '<xml><detail><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]]]><![CDATA[>c]]></detail></xml>');
  assert.equal(fields(doc).detail, v);
  // The split form written by hand.
  assert.equal(fields('<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>').a, 'x]]>y');
});

test('line ends: CR LF and CR become LF when read; the writer keeps CR as &#13;', () => {
  assert.equal(fields('<xml><a>1\r\n2\r3</a></xml>').a, '1\n2\n3');
  assert.equal(fields('<xml><a><![CDATA[1\r\n2]]></a></xml>').a, '1\n2');
  const v = 'line1\r\nline2\rline3\n';
  assert.equal(fields(build({ a: v })).a, v);
});

test('build: integers as text, empty strings kept, null/undefined left out, order kept', () => {
  assert.equal(build({ b: 1, a: '', c: null, d: undefined, e: 10n }), '<xml><b>1</b><a><![CDATA[]]></a><e>10</e></xml>');
  assert.throws(() => build({ a: 1.5 }), (e) => e.code === 'BAD_VALUE');
  assert.throws(() => build({ a: {} }), (e) => e.code === 'BAD_VALUE');
  assert.throws(() => build({ 'a b': 'x' }), (e) => e.code === 'BAD_NAME');
  assert.throws(() => build({ a: 'x\u0000' }), (e) => e.code === 'BAD_CHAR');
  assert.throws(() => build({ a: '\uD800' }), (e) => e.code === 'BAD_CHAR');
});

test('refuses DOCTYPE / ENTITY declarations (XXE, billion laughs)', () => {
  refuses('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><a>&xxe;</a></xml>', 'DOCTYPE_FORBIDDEN');
  refuses('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xml><a>&lol2;</a></xml>', 'DOCTYPE_FORBIDDEN');
  refuses('<!doctype xml><xml></xml>', 'DOCTYPE_FORBIDDEN');
  refuses('<!ENTITY e "x"><xml></xml>', 'DOCTYPE_FORBIDDEN');
  refuses('<xml><!DOCTYPE x><a>1</a></xml>', 'DOCTYPE_FORBIDDEN');
  refuses('<xml><a><!ENTITY e "x"></a></xml>', 'DOCTYPE_FORBIDDEN');
  // The entity alone (no declaration) is unknown.
  refuses('<xml><a>&xxe;</a></xml>', 'UNKNOWN_ENTITY');
});

test('refuses processing instructions except the header, and comments', () => {
  refuses('<?xml-stylesheet href="x"?><xml></xml>', 'PI_FORBIDDEN');
  refuses('<?xml version="1.0"?><?php echo 1; ?><xml></xml>', 'PI_FORBIDDEN');
  refuses('<xml><?pi x?><a>1</a></xml>', 'PI_FORBIDDEN');
  refuses('<xml><a>1<?pi?></a></xml>', 'PI_FORBIDDEN');
  refuses('<xml><a>1</a></xml><?pi?>', 'PI_FORBIDDEN');
  refuses(' <?xml version="1.0"?><xml></xml>', 'PI_FORBIDDEN'); // the header must come first
  refuses('<?xml version="1.0" encoding="GBK"?><xml></xml>', 'BAD_HEADER');
  refuses('<?xml version="1.0"', 'BAD_HEADER');
  refuses('<xml><!-- note --><a>1</a></xml>', 'COMMENT_FORBIDDEN');
});

test('refuses nested elements, attributes, stray text, bad structure', () => {
  refuses('<xml><a><b>1</b></a></xml>', 'NESTED_ELEMENT');
  refuses('<xml><a>1<b/></a></xml>', 'NESTED_ELEMENT');
  refuses('<xml id="1"><a>1</a></xml>', 'ATTRIBUTES_FORBIDDEN');
  refuses('<xml><a k="v">1</a></xml>', 'ATTRIBUTES_FORBIDDEN');
  refuses('<xml>text<a>1</a></xml>', 'TEXT_OUTSIDE_ELEMENT');
  refuses('<root><a>1</a></root>', 'BAD_ROOT');
  refuses('', 'BAD_ROOT');
  refuses('<xml><a>1</a>', 'UNCLOSED');
  refuses('<xml><a>1</xml>', 'MISMATCHED_TAG');
  refuses('<xml><a><![CDATA[1</a></xml>', 'UNCLOSED');
  refuses('<xml><a>1</a></xml><xml></xml>', 'TRAILING_CONTENT');
  refuses('<xml><a:b>1</a:b></xml>', 'BAD_NAME');
  refuses('<xml><1a>1</1a></xml>', 'BAD_NAME');
});

test('refuses duplicate names and says which (a second <sign>)', () => {
  assert.throws(
    () => parse('<xml><sign><![CDATA[A]]></sign><total_fee>1</total_fee><sign><![CDATA[B]]></sign></xml>'),
    (e) => e.code === 'DUPLICATE_ELEMENT' && e.element === 'sign',
  );
  refuses('<xml><a>1</a><a/></xml>', 'DUPLICATE_ELEMENT');
});

test('a __proto__ element is only a field', () => {
  const r = parse('<xml><__proto__>x</__proto__><constructor>y</constructor></xml>');
  assert.equal(r.fields.__proto__, 'x');
  assert.equal(r.fields.constructor, 'y');
  assert.equal({}.x, undefined);
});

test('refuses unknown entities, bare ampersands, bad character references, forbidden characters', () => {
  refuses('<xml><a>&nbsp;</a></xml>', 'UNKNOWN_ENTITY');
  refuses('<xml><a>a & b</a></xml>', 'UNKNOWN_ENTITY');
  refuses('<xml><a>&amp</a></xml>', 'UNKNOWN_ENTITY');
  refuses('<xml><a>&#0;</a></xml>', 'BAD_CHAR_REF');
  refuses('<xml><a>&#xD800;</a></xml>', 'BAD_CHAR_REF');
  refuses('<xml><a>&#x110000;</a></xml>', 'BAD_CHAR_REF');
  refuses('<xml><a>&#X41;</a></xml>', 'UNKNOWN_ENTITY');
  refuses('<xml><a>\u0001</a></xml>', 'BAD_CHAR');
  refuses('<xml><a><![CDATA[\u0000]]></a></xml>', 'BAD_CHAR');
  refuses('<xml><a>\uFFFE</a></xml>', 'BAD_CHAR');
  refuses('<xml><a>x]]>y</a></xml>', 'BAD_CHAR');
});

test('size and field-count limits', () => {
  refuses('<xml><a>' + 'x'.repeat(70 * 1024) + '</a></xml>', 'TOO_LARGE');
  let many = '<xml>';
  for (let i = 0; i < 200; i++) many += `<f${i}>1</f${i}>`;
  refuses(many + '</xml>', 'TOO_MANY_FIELDS');
  assert.equal(parse(many + '</xml>', { maxFields: 500 }).names.length, 200);
  refuses(42, 'NOT_STRING');
});

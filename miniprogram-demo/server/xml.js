// A small, strict reader and writer for WeChat Pay API v2's flat XML documents:
//
//   <xml><name><![CDATA[value]]></name><total_fee>1</total_fee>…</xml>
//
// Node standard library only. Its strictness is why it exists rather than a general XML
// library: the reader refuses everything the flat format does not need, so that nothing
// surprising reaches signature checks:
//   - DOCTYPE / ENTITY declarations (no internal or external entities, no entity
//     expansion), comments, and processing instructions other than one optional
//     `<?xml …?>` header at the very start (encoding, if named, must be UTF-8);
//   - attributes, nested elements, text outside the child elements;
//   - duplicate element names (the error names them: a notify handler rejects a
//     second <sign>);
//   - entities other than the five XML ones (&lt; &gt; &amp; &quot; &apos;) and
//     numeric character references to valid XML characters;
//   - characters XML forbids, and a literal `]]>` outside CDATA.
// Line ends are normalised as XML 1.0 says (CR LF and lone CR become LF), also
// inside CDATA; a CR written as `&#13;` survives. The writer emits CR that way, so
// build() → parse() gives the values back exactly.
'use strict';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const DEFAULT_MAX_LENGTH = 64 * 1024;
const DEFAULT_MAX_FIELDS = 128;

class XmlError extends Error {
  /**
   * @param {string} code stable code: NOT_STRING, TOO_LARGE, DOCTYPE_FORBIDDEN,
   *   PI_FORBIDDEN, BAD_HEADER, COMMENT_FORBIDDEN, BAD_ROOT, ATTRIBUTES_FORBIDDEN,
   *   BAD_NAME, NESTED_ELEMENT, DUPLICATE_ELEMENT, UNKNOWN_ENTITY, BAD_CHAR_REF,
   *   BAD_CHAR, TEXT_OUTSIDE_ELEMENT, UNCLOSED, MISMATCHED_TAG, TRAILING_CONTENT,
   *   TOO_MANY_FIELDS, BAD_VALUE
   */
  constructor(code, message, extra) {
    super(message);
    this.name = 'XmlError';
    this.code = code;
    if (extra) Object.assign(this, extra);
  }
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// A JS string regexp with the u flag sees code points, so lone surrogates fail too.
const BAD_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function isXmlCodePoint(cp) {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes character data (outside CDATA): the five entities and &#…; / &#x…;. */
function decodeText(raw, at) {
  if (raw.includes(']]>')) {
    throw new XmlError('BAD_CHAR', `']]>' is not allowed in text outside CDATA (offset ${at})`);
  }
  return raw.replace(/&([^;&<]*);?/g, (whole, body, offset) => {
    if (!whole.endsWith(';')) {
      throw new XmlError('UNKNOWN_ENTITY', `'&' must start an entity reference ending in ';' (offset ${at + offset})`);
    }
    if (Object.prototype.hasOwnProperty.call(PREDEFINED, body)) return PREDEFINED[body];
    let m = /^#([0-9]{1,7})$/.exec(body) || /^#x([0-9A-Fa-f]{1,6})$/.exec(body);
    if (m) {
      const cp = parseInt(m[1], body[1] === 'x' ? 16 : 10);
      if (!isXmlCodePoint(cp)) {
        throw new XmlError('BAD_CHAR_REF', `&${body}; is not a valid XML character (offset ${at + offset})`);
      }
      return String.fromCodePoint(cp);
    }
    throw new XmlError('UNKNOWN_ENTITY', `unknown entity &${body}; (offset ${at + offset}): only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed`);
  });
}

/**
 * Parses a flat WeChat XML document.
 * @param {string} text the document (already decoded from UTF-8)
 * @param {{maxLength?: number, maxFields?: number}} [options]
 * @returns {{fields: Record<string,string>, names: string[]}} `fields` has no
 *   prototype (a `__proto__` element is just a field); `names` keeps document order.
 * @throws {XmlError}
 */
function parse(text, options) {
  const maxLength = (options && options.maxLength) || DEFAULT_MAX_LENGTH;
  const maxFields = (options && options.maxFields) || DEFAULT_MAX_FIELDS;
  if (typeof text !== 'string') throw new XmlError('NOT_STRING', 'the XML document must be a string');
  if (text.length > maxLength) throw new XmlError('TOO_LARGE', `the XML document is longer than ${maxLength} characters`);
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bad = BAD_CHAR.exec(s);
  if (bad) throw new XmlError('BAD_CHAR', `character U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML (offset ${bad.index})`);
  s = s.replace(/\r\n?/g, '\n');

  let i = 0;
  const skipSpace = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i++;
  };
  // Anything that starts with `<!` or `<?` outside the allowed places gets a precise
  // refusal, before the generic "expected <xml>" errors.
  const refuseMarkupDeclaration = () => {
    if (s.startsWith('<!DOCTYPE', i) || s.startsWith('<!doctype', i)) {
      throw new XmlError('DOCTYPE_FORBIDDEN', `DOCTYPE declarations are not allowed (offset ${i})`);
    }
    if (s.startsWith('<!ENTITY', i)) {
      throw new XmlError('DOCTYPE_FORBIDDEN', `ENTITY declarations are not allowed (offset ${i})`);
    }
    if (s.startsWith('<!--', i)) {
      throw new XmlError('COMMENT_FORBIDDEN', `comments are not allowed (offset ${i})`);
    }
    if (s.startsWith('<!', i)) {
      throw new XmlError('DOCTYPE_FORBIDDEN', `markup declarations are not allowed (offset ${i})`);
    }
    if (s.startsWith('<?', i)) {
      throw new XmlError('PI_FORBIDDEN', `processing instructions are not allowed (offset ${i}); only an <?xml …?> header at the very start`);
    }
  };

  // Optional header, only at offset 0 (as XML requires).
  if (s.startsWith('<?xml', 0) && /^<\?xml[\s?]/.test(s)) {
    const end = s.indexOf('?>');
    if (end < 0) throw new XmlError('BAD_HEADER', 'unterminated <?xml …?> header');
    const header = s.slice(5, end);
    if (!/^(\s+[A-Za-z]+\s*=\s*("[^"<>]*"|'[^'<>]*'))*\s*$/.test(header)) {
      throw new XmlError('BAD_HEADER', 'malformed <?xml …?> header');
    }
    const enc = /\sencoding\s*=\s*["']([^"']*)["']/.exec(header);
    if (enc && !/^utf-?8$/i.test(enc[1])) {
      throw new XmlError('BAD_HEADER', `encoding ${enc[1]} is not supported: WeChat Pay uses UTF-8`);
    }
    i = end + 2;
  }

  skipSpace();
  refuseMarkupDeclaration();
  const root = /^<xml\s*>/.exec(s.slice(i, i + 16));
  if (!root) {
    if (/^<xml[\s/]/.test(s.slice(i, i + 5)) && !/^<xml\s*\/>/.test(s.slice(i, i + 16))) {
      throw new XmlError('ATTRIBUTES_FORBIDDEN', `the <xml> root takes no attributes (offset ${i})`);
    }
    throw new XmlError('BAD_ROOT', `expected the <xml> root element (offset ${i})`);
  }
  i += root[0].length;

  const fields = Object.create(null);
  const names = [];
  for (;;) {
    // Between children: whitespace only.
    const textStart = i;
    skipSpace();
    if (i >= s.length) throw new XmlError('UNCLOSED', 'the document ends inside <xml>');
    if (s[i] !== '<') {
      throw new XmlError('TEXT_OUTSIDE_ELEMENT', `text outside a child element (offset ${textStart})`);
    }
    if (s.startsWith('</', i)) {
      const close = /^<\/xml\s*>/.exec(s.slice(i, i + 16));
      if (!close) throw new XmlError('MISMATCHED_TAG', `expected </xml> (offset ${i})`);
      i += close[0].length;
      break;
    }
    refuseMarkupDeclaration();
    // <name> or <name/>
    const open = /^<([^\s<>/!?]+)(\s*)(\/?)>/.exec(s.slice(i, i + 256));
    if (!open) {
      if (/^<[^\s<>/!?]+\s+[^\s/>]/.test(s.slice(i, i + 256))) {
        throw new XmlError('ATTRIBUTES_FORBIDDEN', `elements take no attributes (offset ${i})`);
      }
      throw new XmlError('BAD_NAME', `malformed start tag (offset ${i})`);
    }
    const name = open[1];
    if (!NAME.test(name)) throw new XmlError('BAD_NAME', `element name ${JSON.stringify(name)} is not allowed (offset ${i})`);
    i += open[0].length;
    let value = '';
    if (!open[3]) {
      // Content: text and CDATA sections until </name>.
      for (;;) {
        if (i >= s.length) throw new XmlError('UNCLOSED', `<${name}> is not closed`);
        const lt = s.indexOf('<', i);
        if (lt < 0) throw new XmlError('UNCLOSED', `<${name}> is not closed`);
        if (lt > i) value += decodeText(s.slice(i, lt), i);
        i = lt;
        if (s.startsWith('<![CDATA[', i)) {
          const end = s.indexOf(']]>', i + 9);
          if (end < 0) throw new XmlError('UNCLOSED', `unterminated CDATA section in <${name}>`);
          value += s.slice(i + 9, end);
          i = end + 3;
          continue;
        }
        if (s.startsWith('</', i)) {
          const close = /^<\/([^\s<>]+)\s*>/.exec(s.slice(i, i + 256));
          if (!close || close[1] !== name) {
            throw new XmlError('MISMATCHED_TAG', `expected </${name}> (offset ${i})`);
          }
          i += close[0].length;
          break;
        }
        if (s.startsWith('<!--', i) || s.startsWith('<?', i) || s.startsWith('<!', i)) refuseMarkupDeclaration();
        throw new XmlError('NESTED_ELEMENT', `<${name}> contains an element: only flat documents are allowed (offset ${i})`);
      }
    }
    if (name in fields) {
      throw new XmlError('DUPLICATE_ELEMENT', `<${name}> appears more than once`, { element: name });
    }
    if (names.length >= maxFields) throw new XmlError('TOO_MANY_FIELDS', `more than ${maxFields} elements`);
    fields[name] = value;
    names.push(name);
  }
  skipSpace();
  if (i !== s.length) {
    refuseMarkupDeclaration();
    throw new XmlError('TRAILING_CONTENT', `content after </xml> (offset ${i})`);
  }
  return { fields, names };
}

/** One CDATA-wrapped value: `]]>` is split across two sections, CR goes out as &#13;. */
function cdata(value) {
  return '<![CDATA[' + value.replace(/]]>/g, ']]]]><![CDATA[>').replace(/\r/g, ']]>&#13;<![CDATA[') + ']]>';
}

/**
 * Builds a flat document. Strings go in CDATA; safe integers (and bigints) as plain
 * text; null/undefined are left out; anything else is refused.
 * @param {Record<string, string|number|bigint|null|undefined>} fields
 * @returns {string}
 */
function build(fields) {
  if (fields === null || typeof fields !== 'object') throw new XmlError('BAD_VALUE', 'build() takes an object of name → value');
  let out = '<xml>';
  for (const name of Object.keys(fields)) {
    const v = fields[name];
    if (v === null || v === undefined) continue;
    if (!NAME.test(name)) throw new XmlError('BAD_NAME', `element name ${JSON.stringify(name)} is not allowed`);
    let body;
    if (typeof v === 'string') {
      const bad = BAD_CHAR.exec(v);
      if (bad) throw new XmlError('BAD_CHAR', `${name} contains a character XML cannot carry (U+${bad[0].codePointAt(0).toString(16).toUpperCase()})`);
      body = cdata(v);
    } else if ((typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint') {
      body = String(v);
    } else {
      throw new XmlError('BAD_VALUE', `${name} must be a string or an integer`);
    }
    out += `<${name}>${body}</${name}>`;
  }
  return out + '</xml>';
}

module.exports = { parse, build, XmlError };

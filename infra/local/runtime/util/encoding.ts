// util.escapeJavaScript, util.urlEncode/urlDecode, util.base64Encode/base64Decode, util.matches.
import { expectString } from './guards.js';

/** Escapes like Apache Commons StringEscapeUtils.escapeEcmaScript (what AppSync's $util uses). */
export function escapeJavaScript(value: unknown): string {
  const s = expectString('util.escapeJavaScript', 'value', value);
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case "'": out += "\\'"; break;
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '/': out += '\\/'; break;
      case '\b': out += '\\b'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\f': out += '\\f'; break;
      case '\r': out += '\\r'; break;
      default:
        if (code < 0x20 || code > 0x7e) {
          // non-ASCII and control chars become \uXXXX (surrogate pairs as two escapes)
          for (let i = 0; i < ch.length; i++) out += '\\u' + ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
        } else out += ch;
    }
  }
  return out;
}

/** application/x-www-form-urlencoded, as java.net.URLEncoder does: space becomes "+", keeps *-._ */
export function urlEncode(value: unknown): string {
  const s = expectString('util.urlEncode', 'value', value);
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

export function urlDecode(value: unknown): string {
  const s = expectString('util.urlDecode', 'value', value);
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new Error(`util.urlDecode: "${s}" is not a valid URL-encoded string`);
  }
}

/** UTF-8 bytes of the string, base64 with padding. */
export function base64Encode(value: unknown): string {
  return Buffer.from(expectString('util.base64Encode', 'value', value), 'utf8').toString('base64');
}

export function base64Decode(value: unknown): string {
  const s = expectString('util.base64Decode', 'value', value);
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s.replace(/\s/g, ''))) {
    throw new Error(`util.base64Decode: "${s}" is not valid base64`);
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

/** Whole-string regex match (Java String.matches semantics). */
export function matches(pattern: unknown, value: unknown): boolean {
  const p = expectString('util.matches', 'pattern', pattern);
  const v = expectString('util.matches', 'value', value);
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${p})$`, 'u');
  } catch (e) {
    throw new Error(`util.matches: invalid pattern "${p}": ${(e as Error).message}`);
  }
  return re.test(v);
}

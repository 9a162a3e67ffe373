// util.xml: XML to an object the way AppSync does (org.json XML.toJSONObject style, per the doc examples):
// the declaration is dropped, numbers/booleans become typed values, repeated elements become arrays,
// attributes become plain keys and the text beside attributes is "content".
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, type Dict } from './guards.js';

const parser = new XMLParser({
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: 'content',
  parseTagValue: true,
  parseAttributeValue: true,
  trimValues: true,
  numberParseOptions: { hex: false, leadingZeros: false, eNotation: true },
});

export function toMap(xml: unknown): Dict | null {
  if (xml === null || xml === undefined) return null;
  if (typeof xml !== 'string') throw new TypeError(`util.xml.toMap: expected an XML string, got ${describe(xml)}`);
  if (xml.trim() === '') return {};
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`util.xml: invalid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  return parser.parse(xml) as Dict;
}

/** With stringEncode the JSON text is itself encoded as a JSON string literal. */
export function toJsonString(xml: unknown, stringEncode?: unknown): string {
  const json = JSON.stringify(toMap(xml));
  return stringEncode === true ? JSON.stringify(json) : json;
}

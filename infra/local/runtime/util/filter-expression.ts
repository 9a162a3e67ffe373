// util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression, rendered exactly as AWS does
// (see the util.transform.* conformance vectors). Placeholders: names are "#<field>", values
// ":<path>_<field>_<op>" where <path> is the and_0_/or_1_/not_ trail to the field. AWS quirks kept on purpose:
// a dotted field is not a path ("#a.b"), an empty `in` renders "(null)", a field without operators still
// registers its name and joins as "" ("(#a = :a_eq) AND "). Input AWS cannot render gives null, not an error.
import { isPlainObject, type Dict } from './guards.js';
import { toDynamoDB, type AttributeValue } from './dynamodb.js';

export interface RenderedExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL', string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS',
  binary: 'B', binarySet: 'BS', boolean: 'BOOL', list: 'L', map: 'M',
};

/** Thrown internally when the filter cannot be rendered; the public functions turn it into null. */
class Unrenderable extends Error {}

class Renderer {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  /** A filter object: its entries joined by AND, without outer parentheses. */
  object(obj: unknown, prefix: string): string {
    if (!isPlainObject(obj)) throw new Unrenderable();
    const parts: string[] = [];
    for (const [key, val] of Object.entries(obj)) {
      if (key === 'and' || key === 'or') parts.push(this.group(key, val, prefix));
      else if (key === 'not') parts.push(this.not(val, prefix));
      else parts.push(this.field(key, val, prefix));
    }
    return parts.join(' AND ');
  }

  private group(kind: 'and' | 'or', members: unknown, prefix: string): string {
    if (!Array.isArray(members)) throw new Unrenderable();
    const rendered = members.map((m, i) => this.object(m, `${prefix}${kind}_${i}_`));
    if (rendered.length === 1) return rendered[0]!;
    if (rendered.length === 0) return '';
    return `(${rendered.join(kind === 'and' ? ' AND ' : ' OR ')})`;
  }

  private not(inner: unknown, prefix: string): string {
    return `(NOT ${this.object(inner, `${prefix}not_`)})`;
  }

  private field(name: string, ops: unknown, prefix: string): string {
    if (!isPlainObject(ops)) throw new Unrenderable();
    const ref = `#${name}`;
    this.names[ref] = name;
    return this.operators(ref, ops, `${prefix}${name}`);
  }

  /** `path` is the rendered operand ("#v" or "size(#v)"); `valueBase` names its value placeholders. */
  private operators(path: string, ops: Dict, valueBase: string): string {
    const parts: string[] = [];
    for (const [op, operand] of Object.entries(ops)) {
      if (op === 'size') {
        if (!isPlainObject(operand)) throw new Unrenderable();
        // size(size(x)) is not a thing in DynamoDB: AWS keeps one size() and extends the placeholder
        const sizePath = path.startsWith('size(') ? path : `size(${path})`;
        const inner = this.operators(sizePath, operand, `${valueBase}_size`);
        if (inner !== '') parts.push(inner);
        continue;
      }
      parts.push(this.operator(path, op, operand, `:${valueBase}_${op}`));
    }
    if (parts.length === 0) return '';
    return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
  }

  private value(placeholder: string, v: unknown): string {
    this.values[placeholder] = toDynamoDB(v);
    return placeholder;
  }

  private operator(path: string, op: string, operand: unknown, ph: string): string {
    const cmp = COMPARATORS[op];
    if (cmp) return `(${path} ${cmp} ${this.value(ph, operand)})`;
    switch (op) {
      case 'contains':
        return `(contains(${path},${this.value(ph, operand)}))`;
      case 'notContains':
        return `(NOT contains(${path},${this.value(ph, operand)}))`;
      case 'beginsWith':
        return `(begins_with(${path},${this.value(ph, operand)}))`;
      case 'between': {
        if (!Array.isArray(operand) || operand.length < 2) throw new Unrenderable();
        const lo = this.value(`${ph}_start`, operand[0]);
        const hi = this.value(`${ph}_end`, operand[1]);
        return `(${path} BETWEEN ${lo} AND ${hi})`;
      }
      case 'in': {
        if (!Array.isArray(operand)) throw new Unrenderable();
        if (operand.length === 0) return '(null)';
        const list = operand.map((v, i) => this.value(`${ph}_${i}`, v));
        return `(${path} IN (${list.join(', ')}))`;
      }
      case 'attributeExists':
        if (typeof operand !== 'boolean') throw new Unrenderable();
        return operand ? `(attribute_exists(${path}))` : `(attribute_not_exists(${path}))`;
      case 'attributeType': {
        const code = typeof operand === 'string' ? ATTRIBUTE_TYPES[operand] : undefined;
        if (!code) throw new Unrenderable();
        return `(attribute_type(${path},${this.value(ph, code)}))`;
      }
      default:
        throw new Unrenderable();
    }
  }
}

/** Renders to an object, or null when AWS would return null. Used by the ddb module too. */
export function renderFilter(filter: unknown): RenderedExpression | null {
  if (!isPlainObject(filter)) return null;
  const r = new Renderer();
  try {
    const expression = r.object(filter, '');
    return { expression, expressionNames: r.names, expressionValues: r.values };
  } catch (e) {
    if (e instanceof Unrenderable) return null;
    throw e;
  }
}

/** AWS returns a JSON string (expression, expressionNames, expressionValues in that order) or null. */
export function toDynamoDBFilterExpression(filter?: unknown): string | null {
  const r = renderFilter(filter);
  return r && JSON.stringify(r);
}

export function toDynamoDBConditionExpression(condition?: unknown): string | null {
  return toDynamoDBFilterExpression(condition);
}

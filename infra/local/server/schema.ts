// The executable schema: AppSync's built-in scalars/directives (infra/appsync-builtins.graphql) + the
// API's schema.graphql, built with graphql-js 16. AppSync's scalars validate their values as AWS does
// (input literals and variables, and resolver results on the way out).
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { buildSchema, GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped, type GraphQLSchema, type ValueNode } from 'graphql';

// Extended ISO 8601 (AppSync docs, "Scalar types in AWS AppSync"): dates may carry an offset, date-times
// must; seconds and fractions are optional in times.
const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const TIME = '\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?';
const AWS_DATE = new RegExp(`^${DATE}${OFFSET}?$`);
const AWS_TIME = new RegExp(`^${TIME}${OFFSET}?$`);
const AWS_DATETIME = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{3,}$/;

function calendarValid(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

type Check = (value: unknown) => boolean;

const isString = (v: unknown): v is string => typeof v === 'string';

const checks: Record<string, Check> = {
  AWSDate: (v) => isString(v) && AWS_DATE.test(v) && calendarValid(v),
  AWSTime: (v) => isString(v) && AWS_TIME.test(v),
  AWSDateTime: (v) => isString(v) && AWS_DATETIME.test(v) && calendarValid(v),
  AWSTimestamp: (v) => typeof v === 'number' && Number.isInteger(v),
  AWSEmail: (v) => isString(v) && EMAIL.test(v),
  AWSPhone: (v) => isString(v) && PHONE.test(v),
  AWSURL: (v) => {
    if (!isString(v)) return false;
    // RFC 1738 URL with a scheme (https://..., mailto:...), as AppSync requires
    if (!/^[a-z][a-z0-9+.-]*:/i.test(v)) return false;
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  },
  AWSIPAddress: (v) => {
    if (!isString(v)) return false;
    const [ip, prefix] = v.split('/');
    const kind = isIP(ip);
    if (!kind) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits >= 0 && bits <= (kind === 4 ? 32 : 128);
  },
};

function invalid(name: string, value: unknown): GraphQLError {
  return new GraphQLError(`Invalid value ${JSON.stringify(value)} for ${name}`);
}

/** Configure one AppSync scalar in place (graphql-js scalars are plain objects with these hooks). */
function configureScalar(type: GraphQLScalarType): void {
  const name = type.name;
  if (name === 'AWSJSON') {
    // Clients send a JSON string (or, in literals, a map/list); resolvers see the parsed value.
    // Resolvers may return a string (passed through if it is valid JSON) or any value (stringified).
    type.parseValue = (value) => {
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        throw new GraphQLError(`Invalid value ${JSON.stringify(value)} for AWSJSON: not valid JSON`);
      }
    };
    type.parseLiteral = (ast: ValueNode, variables) => {
      if (ast.kind === Kind.STRING) return type.parseValue(ast.value);
      return valueFromASTUntyped(ast, variables);
    };
    type.serialize = (value) => {
      if (typeof value === 'string') {
        try {
          JSON.parse(value);
          return value;
        } catch {
          throw new GraphQLError(`Can't serialize value as AWSJSON: not valid JSON`);
        }
      }
      return JSON.stringify(value);
    };
    return;
  }
  const check = checks[name];
  if (!check) return;
  type.parseValue = (value) => {
    if (!check(value)) throw invalid(name, value);
    return value;
  };
  type.parseLiteral = (ast: ValueNode) => {
    const value =
      ast.kind === Kind.STRING ? ast.value : ast.kind === Kind.INT ? Number(ast.value) : undefined;
    if (value === undefined || !check(value)) throw invalid(name, ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : ast.kind);
    return value;
  };
  type.serialize = (value) => {
    if (!check(value)) throw new GraphQLError(`Can't serialize value ${JSON.stringify(value)} as ${name}`);
    return value;
  };
}

/** Build the executable schema from the SDL texts (builtins first). */
export function buildAppSyncSchemaFromText(builtins: string, schemaText: string): GraphQLSchema {
  const schema = buildSchema(`${builtins}\n${schemaText}`);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type instanceof GraphQLScalarType && type.name.startsWith('AWS')) configureScalar(type);
  }
  return schema;
}

/** Build the executable schema from the files: infra/appsync-builtins.graphql + the API's schema file. */
export function buildAppSyncSchema(opts: { builtinsFile: string; schemaFile: string }): GraphQLSchema {
  return buildAppSyncSchemaFromText(readFileSync(opts.builtinsFile, 'utf8'), readFileSync(opts.schemaFile, 'utf8'));
}

// The '@aws-appsync/utils' namespace resolver code imports: { util, runtime, extensions }.
// One frozen instance serves every evaluation; functions read the current evaluation through state().
import { state } from '../state.js';
import { AUTH_TYPES } from './auth-type.js';
import * as dynamodb from './dynamodb.js';
import * as encoding from './encoding.js';
import * as errors from './errors.js';
import { extensions } from './extensions.js';
import * as http from './http.js';
import * as ids from './ids.js';
import * as math from './math.js';
import { runtime } from './runtime.js';
import * as str from './str.js';
import * as time from './time.js';
import * as transform from './transform.js';
import * as xml from './xml.js';

export { inferAuthType, AUTH_TYPES } from './auth-type.js';
export { responseHeadersOf } from './http.js';

function authType(): string {
  return state().authType ?? AUTH_TYPES.apiKey;
}

/** Deep-freezes so resolver code cannot patch the shared library for later evaluations. */
function freeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object' && !Object.isFrozen(v)) freeze(v as object);
  return Object.freeze(o);
}

export const util = freeze({
  error: errors.error,
  appendError: errors.appendError,
  unauthorized: errors.unauthorized,
  authType,
  autoId: ids.autoId,
  autoUlid: ids.autoUlid,
  autoKsuid: ids.autoKsuid,
  escapeJavaScript: encoding.escapeJavaScript,
  urlEncode: encoding.urlEncode,
  urlDecode: encoding.urlDecode,
  base64Encode: encoding.base64Encode,
  base64Decode: encoding.base64Decode,
  matches: encoding.matches,
  time: { ...time },
  str: { ...str },
  math: { ...math },
  dynamodb: { ...dynamodb },
  transform: { ...transform },
  http: { copyHeaders: http.copyHeaders, addResponseHeader: http.addResponseHeader, addResponseHeaders: http.addResponseHeaders },
  xml: { ...xml },
});

const namespace = freeze({ util, runtime, extensions });

export function appsyncUtilsModule(): Record<string, unknown> {
  return namespace;
}


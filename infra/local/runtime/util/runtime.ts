// `runtime` from '@aws-appsync/utils': earlyReturn stops the handler and hands `data` on.
// skipTo 'END' (default) ends the whole resolver; 'NEXT' skips to the next pipeline function.
import { HandlerAbort, state } from '../state.js';
import { isPlainObject } from './guards.js';

export function earlyReturn(data?: unknown, options?: unknown): never {
  let skipTo: 'END' | 'NEXT' = 'END';
  if (options !== undefined && options !== null) {
    if (!isPlainObject(options)) throw new TypeError('runtime.earlyReturn: argument "returnOptions" must be an object');
    const s = options.skipTo;
    if (s !== undefined) {
      if (s !== 'END' && s !== 'NEXT') {
        throw new TypeError(`runtime.earlyReturn: returnOptions.skipTo must be 'END' or 'NEXT', got ${JSON.stringify(s)}`);
      }
      skipTo = s;
    }
  }
  state().earlyReturn = { data, skipTo };
  throw new HandlerAbort('earlyReturn');
}

export const runtime = Object.freeze({ earlyReturn });

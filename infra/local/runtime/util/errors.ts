// util.error / util.appendError / util.unauthorized.
// util.error and util.unauthorized stop the handler at once (AppSync: "throws a custom error"); the
// evaluator catches the host-side HandlerAbort. util.appendError keeps the handler running.
import { HandlerAbort, state, type AppSyncErrorShape } from '../state.js';

function shape(fn: string, message: unknown, errorType: unknown, data: unknown, errorInfo: unknown): AppSyncErrorShape {
  if (errorType !== undefined && errorType !== null && typeof errorType !== 'string') {
    throw new TypeError(`${fn}: argument "errorType" must be a string`);
  }
  const err: AppSyncErrorShape = { message: message === undefined || message === null ? '' : String(message) };
  if (typeof errorType === 'string') err.errorType = errorType;
  // AppSync serialises absent data / errorInfo as null; keep them absent here and let the evaluator decide.
  if (data !== undefined) err.data = data;
  if (errorInfo !== undefined) err.errorInfo = errorInfo;
  return err;
}

export function error(message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
  throw new HandlerAbort('error', shape('util.error', message, errorType, data, errorInfo));
}

export function appendError(message?: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
  state().appendedErrors.push(shape('util.appendError', message, errorType, data, errorInfo));
}

export function unauthorized(): never {
  throw new HandlerAbort('error', { message: 'Unauthorized', errorType: 'Unauthorized' });
}

// Loading resolver code: bundle (esbuild, as AWS's samples do) -> check (APPSYNC_JS restrictions) ->
// compile into its own node:vm realm. Loaded modules are cached by path+mtime (or by code hash), so
// a handler is compiled once and every later evaluation is a plain function call.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';
import type { Node as AcornNode, Program, ImportDeclaration, ExportNamedDeclaration, ExportDefaultDeclaration } from 'acorn';
import { build, type BuildFailure, type Message } from 'esbuild';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { checkCode, CodeCheckError, type CodeProblem, type PositionMapper } from './check.js';
import { state } from './state.js';
import { dynamodbModule } from './util/dynamodb-module.js';
import { appsyncUtilsModule } from './util/index.js';

// ---------------------------------------------------------------------------------------------------
// The realm resolver code runs in: a node:vm context with only ECMAScript built-ins, no string-to-code
// (eval / new Function throw), and a bridge so resolver code never holds a host-realm object or function.
// Why the bridge: any host object leaks the host's Function constructor through `.constructor.constructor`,
// and the host's Function can reach `process`. So ctx, util namespaces and util results are copied into
// the realm (cheap: JSON-like data), and host functions are wrapped in realm functions.
export interface Realm {
  context: vm.Context;
  /** copies host-realm objects/arrays into this realm (keeps realm objects, wraps host functions) */
  adopt<T>(value: T): T;
  /** deep-freezes a realm value (used for the shared module namespaces) */
  freeze<T>(value: T): T;
}

// Built-ins AppSync's runtime does not offer and that have no use in a resolver.
const REMOVED_GLOBALS = ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'WeakRef', 'FinalizationRegistry', 'Promise', 'eval'];

const SEEN_SMALL = 16;
const BRIDGE = `(function (hostKind, hostDateValue, hostObjectProto, hostArrayProto) {
  'use strict';
  // Intrinsics are taken now, before any resolver code runs in this realm: resolver code can replace
  // Map.prototype.set & co, and the bridge hands host values to these methods. (Taking them once is also
  // faster: every global name looked up in a vm context costs ~150 ns, even \`undefined\`.)
  const undefined = void 0; // a local: the global one is such a lookup
  const keys = Object.keys, isArray = Array.isArray, freezeObj = Object.freeze, apply = Reflect.apply;
  const protoOf = Object.getPrototypeOf, realmObjectProto = Object.prototype, realmArrayProto = Array.prototype;
  const ArrayCtor = Array, DateCtor = Date, MapCtor = Map, mapGet = Map.prototype.get, mapSet = Map.prototype.set;
  const weakGet = WeakMap.prototype.get, weakSet = WeakMap.prototype.set;
  const wrapped = new WeakMap();
  function wrapFn(fn) {
    let w = apply(weakGet, wrapped, [fn]);
    if (!w) {
      w = function () { return adopt(apply(fn, this, arguments)); };
      apply(weakSet, wrapped, [fn, w]);
    }
    return w;
  }
  // The copies made in one adopt() call (host value -> copy), so shared parts stay shared (ctx.args is
  // ctx.arguments) and cycles end. A ctx holds about ten objects (a dozen with a Cognito identity): searching two short arrays beats a Map
  // there; past ${SEEN_SMALL} entries a Map takes over (large data source results). The arrays are literals
  // with every slot an own property, so writing a slot never reaches a setter on Array.prototype.
  const SMALL = ${SEEN_SMALL};
  function slots() { return [${'void 0, '.repeat(SEEN_SMALL)}]; }
  // a literal too: assigning to a fresh object's properties could reach setters on Object.prototype
  function newSeen() { return { n: 0, from: slots(), to: slots(), map: undefined }; }
  function seenGet(seen, v) {
    if (seen.map !== undefined) return apply(mapGet, seen.map, [v]);
    const from = seen.from;
    for (let i = seen.n - 1; i >= 0; i -= 1) if (from[i] === v) return seen.to[i];
    return undefined;
  }
  function seenSet(seen, v, out) {
    if (seen.map === undefined && seen.n < SMALL) {
      seen.from[seen.n] = v;
      seen.to[seen.n] = out;
      seen.n += 1;
      return;
    }
    if (seen.map === undefined) {
      seen.map = new MapCtor();
      for (let i = 0; i < seen.n; i += 1) apply(mapSet, seen.map, [seen.from[i], seen.to[i]]);
    }
    apply(mapSet, seen.map, [v, out]);
  }
  // hostKind without a call into the host for the usual values: plain objects and arrays of either
  // realm (compared by prototype only; the host prototypes never leave this closure)
  function kindOf(v) {
    const proto = protoOf(v);
    if (proto === hostObjectProto) return 3;
    if (proto === realmObjectProto || proto === realmArrayProto) return 0;
    if (proto === hostArrayProto && isArray(v)) return 2;
    return hostKind(v);
  }
  function copy(v, seen) {
    const kind = kindOf(v);
    if (kind === 0) return v;
    if (kind === 1) return wrapFn(v);
    let out = seenGet(seen, v);
    if (out !== undefined) return out;
    if (kind === 2) {
      out = new ArrayCtor(v.length);
      seenSet(seen, v, out);
      for (let i = 0; i < v.length; i += 1) {
        const x = v[i];
        out[i] = x !== null && (typeof x === 'object' || typeof x === 'function') ? copy(x, seen) : x;
      }
      return out;
    }
    if (kind === 4) { out = new DateCtor(hostDateValue(v)); seenSet(seen, v, out); return out; }
    out = {};
    seenSet(seen, v, out);
    const ks = keys(v);
    for (let i = 0; i < ks.length; i += 1) {
      const x = v[ks[i]];
      out[ks[i]] = x !== null && (typeof x === 'object' || typeof x === 'function') ? copy(x, seen) : x;
    }
    return out;
  }
  function adopt(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    const kind = kindOf(v);
    if (kind === 0) return v; // already a realm value: nothing to copy
    if (kind === 1) return wrapFn(v);
    return copy(v, newSeen());
  }
  function freeze(v) {
    if (v !== null && (typeof v === 'object' || typeof v === 'function') && !Object.isFrozen(v)) {
      freezeObj(v);
      for (const k of keys(v)) freeze(v[k]);
    }
    return v;
  }
  return { adopt, freeze };
})`;

// 0: not a host value (primitive or realm object), 1: host function, 2: host array, 3: host object, 4: host Date.
function hostKind(v: unknown): number {
  if (typeof v === 'function') return v instanceof Function ? 1 : 0;
  if (v === null || typeof v !== 'object') return 0;
  if (Array.isArray(v)) return v instanceof Array ? 2 : 0;
  if (v instanceof Date) return 4;
  if (v instanceof Object || Object.getPrototypeOf(v) === null) return 3;
  return 0;
}

const hostDateValue = (d: Date) => d.getTime();

const bridgeScript = new vm.Script(BRIDGE, { filename: 'appsync-js-bridge.js' });
const cleanupScript = new vm.Script(
  REMOVED_GLOBALS.map((g) => `delete globalThis.${g};`).join('\n'),
  { filename: 'appsync-js-setup.js' },
);

export function createRealm(name: string): Realm {
  // A null-prototype sandbox: lookups on the realm's global never fall through to host Object.prototype.
  const context = vm.createContext(Object.create(null), {
    name,
    codeGeneration: { strings: false, wasm: false },
  });
  cleanupScript.runInContext(context);
  const bridge = bridgeScript.runInContext(context)(hostKind, hostDateValue, Object.prototype, Array.prototype) as {
    adopt: <T>(v: T) => T;
    freeze: <T>(v: T) => T;
  };
  return { context, adopt: bridge.adopt, freeze: bridge.freeze };
}

// ---------------------------------------------------------------------------------------------------
// Modules resolver code may import. AppSync offers exactly these two.

export type ModuleMap = Record<string, Record<string, unknown>>;
export const UTILS_MODULE = '@aws-appsync/utils';
export const DYNAMODB_MODULE = '@aws-appsync/utils/dynamodb';

let defaults: ModuleMap | undefined;

/** The runtime's own implementation of the two imports (from the util library). */
export function defaultModules(): ModuleMap {
  defaults ??= { [UTILS_MODULE]: appsyncUtilsModule(), [DYNAMODB_MODULE]: dynamodbModule() };
  return defaults;
}

// ---------------------------------------------------------------------------------------------------
// Loaded resolvers

export type Handler = (ctx: unknown) => unknown;

export interface LoadedResolver {
  /** display name: path relative to the working directory, or the name given to loadResolverCode */
  file: string;
  request?: Handler;
  response?: Handler;
  /** the esbuild bundle that was checked and compiled (what AppSync would receive) */
  bundle: string;
  realm: Realm;
  /** original source position of a bundle position (1-based line and column) */
  mapPosition: PositionMapper;
  /** where in the original source an error thrown by resolver code happened, if known */
  locate(err: unknown): { file: string; line: number; column: number } | undefined;
}

export interface LoadOptions {
  /** module namespaces to import (default: the runtime's util library) */
  modules?: ModuleMap;
  /** working directory for display names and relative imports (default: process.cwd()) */
  cwd?: string;
}

interface FileEntry {
  inputs: { file: string; mtimeMs: number }[];
  loaded: Promise<LoadedResolver>;
}

// One cache per module map, so tests that inject stub modules never see real ones and vice versa.
const fileCaches = new WeakMap<ModuleMap, Map<string, FileEntry>>();
const codeCaches = new WeakMap<ModuleMap, Map<string, Promise<LoadedResolver>>>();

function cacheFor<V>(caches: WeakMap<ModuleMap, Map<string, V>>, modules: ModuleMap): Map<string, V> {
  let c = caches.get(modules);
  if (!c) caches.set(modules, (c = new Map()));
  return c;
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Loads a resolver file (.ts or .js): bundle, check, compile. Cached until one of its inputs changes. */
export async function loadResolver(file: string, opts: LoadOptions = {}): Promise<LoadedResolver> {
  const modules = opts.modules ?? defaultModules();
  const cwd = opts.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  const cache = cacheFor(fileCaches, modules);
  const hit = cache.get(abs);
  if (hit && hit.inputs.every((i) => mtime(i.file) === i.mtimeMs)) return hit.loaded;
  if (mtime(abs) < 0) throw new Error(`${file}: no such resolver file`);
  const inputs = [{ file: abs, mtimeMs: mtime(abs) }];
  const entry: FileEntry = {
    inputs,
    loaded: bundle({ entry: abs, cwd }).then((b) => {
      // every bundled file counts: editing an imported helper reloads the resolver too
      entry.inputs = b.inputs.map((f) => ({ file: f, mtimeMs: mtime(f) }));
      return compile(b.code, displayName(abs, cwd), modules, cwd);
    }),
  };
  cache.set(abs, entry);
  entry.loaded.catch(() => cache.delete(abs));
  return entry.loaded;
}

/** Loads resolver code given as text (TypeScript or JavaScript). Cached by content hash. */
export async function loadResolverCode(code: string, name = 'code.js', opts: LoadOptions = {}): Promise<LoadedResolver> {
  const modules = opts.modules ?? defaultModules();
  const cwd = opts.cwd ?? process.cwd();
  const key = createHash('sha256').update(name).update('\0').update(code).digest('hex');
  const cache = cacheFor(codeCaches, modules);
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = bundle({ code, name, cwd }).then((b) => compile(b.code, name, modules, cwd));
    cache.set(key, loaded);
    loaded.catch(() => cache.delete(key));
  }
  return loaded;
}

function displayName(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel;
}

// ---------------------------------------------------------------------------------------------------
// Bundling

async function bundle(input: { entry: string; cwd: string } | { code: string; name: string; cwd: string }) {
  const name = 'entry' in input ? displayName(input.entry, input.cwd) : input.name;
  try {
    const result = await build({
      ...('entry' in input
        ? { entryPoints: [input.entry] }
        : { stdin: { contents: input.code, sourcefile: input.name, loader: 'ts' as const, resolveDir: input.cwd } }),
      absWorkingDir: input.cwd,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'esnext',
      sourcemap: 'inline',
      sourcesContent: false,
      external: [UTILS_MODULE, DYNAMODB_MODULE],
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const inputs = Object.keys(result.metafile.inputs)
      .filter((f) => f !== '<stdin>')
      .map((f) => path.resolve(input.cwd, f));
    return { code, inputs };
  } catch (e) {
    const errors = (e as BuildFailure).errors;
    if (!Array.isArray(errors)) throw e;
    throw new CodeCheckError(errors.map((m: Message) => esbuildProblem(m, name)));
  }
}

function esbuildProblem(m: Message, name: string): CodeProblem {
  return {
    file: m.location?.file && m.location.file !== '<stdin>' ? m.location.file : name,
    line: m.location?.line ?? 1,
    column: (m.location?.column ?? 0) + 1,
    // esbuild fails on syntax errors and on imports it cannot resolve (anything but the two AppSync modules)
    rule: /Could not resolve/.test(m.text) ? 'no-unsupported-import' : 'syntax',
    message: m.text,
  };
}

// ---------------------------------------------------------------------------------------------------
// Compiling: ESM -> a function body run inside the realm

const SOURCE_MAP_RE = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

function positionMapper(code: string, name: string, cwd: string): PositionMapper {
  const m = SOURCE_MAP_RE.exec(code);
  if (!m) return () => undefined;
  const map = new TraceMap(Buffer.from(m[1], 'base64').toString('utf8'));
  return (line, column) => {
    const o = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
    if (o.line == null || o.source == null) return undefined;
    const src = o.source.startsWith('<stdin>') || o.source === name ? name : displayName(path.resolve(cwd, o.source), cwd);
    return { file: src, line: o.line, column: (o.column ?? 0) + 1 };
  };
}

interface Rewrite {
  start: number;
  end: number;
  text: string;
}

/** Turns the bundle's import/export statements into plain code, keeping every line where it was. */
function toFunctionBody(code: string, name: string, map: PositionMapper, modules: ModuleMap): { body: string; exports: Record<string, string> } {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as Program;
  const rewrites: Rewrite[] = [];
  const exports: Record<string, string> = {};
  const fail = (node: AcornNode, rule: string, message: string): never => {
    const loc = node.loc!.start;
    const pos = map(loc.line, loc.column + 1) ?? { file: name, line: loc.line, column: loc.column + 1 };
    throw new CodeCheckError([{ ...pos, rule, message }]);
  };
  const keepLines = (node: AcornNode, text: string) => {
    const newlines = code.slice(node.start, node.end).split('\n').length - 1;
    rewrites.push({ start: node.start, end: node.end, text: text + '\n'.repeat(newlines) });
  };

  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      const imp = node as ImportDeclaration;
      const source = String(imp.source.value);
      if (!Object.hasOwn(modules, source)) {
        fail(node, 'no-unsupported-import', `module '${source}' is not available in APPSYNC_JS (only ${Object.keys(modules).join(', ')})`);
      }
      const parts: string[] = [];
      const named: string[] = [];
      for (const s of imp.specifiers) {
        if (s.type === 'ImportNamespaceSpecifier') parts.push(`const ${s.local.name} = __import(${JSON.stringify(source)});`);
        else if (s.type === 'ImportDefaultSpecifier') parts.push(`const ${s.local.name} = __import(${JSON.stringify(source)}).default;`);
        else {
          const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
          named.push(`${JSON.stringify(imported)}: ${s.local.name}`);
        }
      }
      if (named.length) parts.push(`const { ${named.join(', ')} } = __import(${JSON.stringify(source)});`);
      keepLines(node, parts.join(' '));
    } else if (node.type === 'ExportNamedDeclaration') {
      const exp = node as ExportNamedDeclaration;
      if (exp.source) fail(node, 'no-unsupported-import', `re-exporting from '${String(exp.source.value)}' is not supported`);
      if (exp.declaration) {
        // `export function f` / `export const x = ...`: drop the keyword, remember the names
        rewrites.push({ start: exp.start, end: exp.declaration.start, text: '' });
        const d = exp.declaration;
        if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') exports[d.id.name] = d.id.name;
        else for (const v of d.declarations) if (v.id.type === 'Identifier') exports[v.id.name] = v.id.name;
      } else {
        for (const s of exp.specifiers) {
          const local = s.local.type === 'Identifier' ? s.local.name : String(s.local.value);
          const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
          exports[exported] = local;
        }
        keepLines(node, '');
      }
    } else if (node.type === 'ExportDefaultDeclaration') {
      const d = (node as ExportDefaultDeclaration).declaration;
      if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
        rewrites.push({ start: node.start, end: d.start, text: '' });
        exports.default = d.id.name;
      } else {
        rewrites.push({ start: node.start, end: d.start, text: 'const __default = ' });
        exports.default = '__default';
      }
    } else if (node.type === 'ExportAllDeclaration') {
      fail(node, 'no-unsupported-import', 'export * is not supported');
    }
  }
  let body = '';
  let at = 0;
  for (const r of rewrites.sort((a, b) => a.start - b.start)) {
    body += code.slice(at, r.start) + r.text;
    at = r.end;
  }
  body += code.slice(at).replace(SOURCE_MAP_RE, '');
  return { body, exports };
}

let realmCount = 0;

function compile(code: string, name: string, modules: ModuleMap, cwd: string): LoadedResolver {
  const mapPosition = positionMapper(code, name, cwd);
  checkCode(code, name, mapPosition);
  const { body, exports } = toFunctionBody(code, name, mapPosition, modules);
  realmCount += 1;
  const realm = createRealm(`appsync-js ${name}`);
  const scriptName = `appsync-js-${realmCount}:${name}`;
  // everything on the first line so bundle line N stays line N in stack traces
  const exportList = Object.entries(exports).map(([k, v]) => `${JSON.stringify(k)}: typeof ${v} === 'undefined' ? undefined : ${v}`);
  const source = `(function (__import, console) { 'use strict'; ${body}\n;return { ${exportList.join(', ')} }; })`;
  const script = new vm.Script(source, { filename: scriptName });

  const namespaces = new Map<string, unknown>();
  const importFn = realm.adopt((id: string) => {
    let ns = namespaces.get(id);
    if (!ns) namespaces.set(id, (ns = realm.freeze(realm.adopt(modules[id]))));
    return ns;
  });
  const console = realm.freeze(realm.adopt(consoleFor(scriptName, mapPosition)));
  const factory = script.runInContext(realm.context) as (imp: unknown, c: unknown) => Record<string, unknown>;
  const exported = factory(importFn, console);

  const handler = (n: 'request' | 'response') => (typeof exported[n] === 'function' ? (exported[n] as Handler) : undefined);
  return {
    file: name,
    request: handler('request'),
    response: handler('response'),
    bundle: code,
    realm,
    mapPosition,
    locate: (err) => locateIn(err, scriptName, mapPosition),
  };
}

// ---------------------------------------------------------------------------------------------------
// console and error locations

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function locateIn(err: unknown, scriptName: string, map: PositionMapper) {
  const stack = typeof err === 'object' && err !== null ? String((err as { stack?: unknown }).stack ?? '') : '';
  const m = new RegExp(`${escapeRe(scriptName)}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  return map(Number(m[1]), Number(m[2]));
}

function formatArg(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return '[Function]';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// AppSync writes console output as "<LEVEL> - <file>:<line>:<col>: <message>" into the evaluation's logs.
function consoleFor(scriptName: string, map: PositionMapper) {
  const log = (level: string) =>
    function (...args: unknown[]) {
      let logs: string[];
      try {
        logs = state().logs;
      } catch {
        return; // module top level, outside an evaluation
      }
      const where = locateIn(new Error(), scriptName, map);
      const prefix = where ? `${where.file}:${where.line}:${where.column}: ` : '';
      logs.push(`${level} - ${prefix}${args.map(formatArg).join(' ')}`);
    };
  return { log: log('INFO'), info: log('INFO'), debug: log('DEBUG'), warn: log('WARN'), error: log('ERROR') };
}

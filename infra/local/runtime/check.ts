// Load-time check of resolver code against the APPSYNC_JS language restrictions, so code that AppSync
// would reject fails here too, at load, with file:line and rule name.
// We run the rules of AWS's own @aws-appsync/eslint-plugin (the ones that need no TypeScript type
// information) through ESLint's in-process Linter, plus a few rules of ours for what the plugin only
// checks with type information (recursion) or misses (class/generator expressions, eval/Function).
import { createRequire } from 'node:module';
import type { Linter as LinterType, Rule } from 'eslint';

const require = createRequire(import.meta.url);

export interface CodeProblem {
  /** file as shown to the user (the original TypeScript file when the source map knows it) */
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** Raised at load time when code uses something AppSync's runtime rejects. */
export class CodeCheckError extends Error {
  readonly problems: CodeProblem[];
  constructor(problems: CodeProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CodeCheckError';
    this.problems = problems;
  }
}

export function formatProblem(p: CodeProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.rule}: ${p.message}`;
}

/** Maps a (1-based line, 1-based column) position of the checked code back to the original source. */
export type PositionMapper = (line: number, column: number) => { file: string; line: number; column: number } | undefined;

// The plugin's rules that work on plain ESTree (its "base" config minus nothing); file names differ
// from rule ids in one case.
const PLUGIN_RULES: Record<string, string> = {
  'no-async': 'no-async',
  'no-await': 'no-await',
  'no-classes': 'no-classes',
  'no-for': 'no-for',
  'no-continue': 'no-continue',
  'no-generators': 'no-generators',
  'no-yield': 'no-yield',
  'no-labels': 'no-labels',
  'no-regex': 'no-regex',
  'no-this': 'no-this',
  'no-try': 'no-try',
  'no-while': 'no-while',
  'no-disallowed-unary-operators': 'no-disallowed-unary-operators',
  'no-disallowed-binary-operators': 'no-disallowed-binary-operator',
  'no-promise': 'no-promise',
  'no-disallowed-re-assignment': 'no-disallowed-re-assignment',
  'no-in-operator': 'no-in-operator',
};

type FnNode = Rule.Node;

function isFunctionNode(n: { type: string } | null | undefined): boolean {
  return !!n && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression');
}

// Recursion, without type information: resolve called identifiers through ESLint's scope analysis to
// module functions (declarations or `const f = () => ...`), build the call graph, report call sites
// that close a cycle. Calls inside nested callbacks count for the named function around them.
const noRecursion: Rule.RuleModule = {
  meta: { type: 'problem', messages: { noRecursion: 'Recursive function calls are not supported ({{path}})' } },
  create(context) {
    const edges = new Map<FnNode, Set<FnNode>>();
    const sites: { from: FnNode; to: FnNode; node: Rule.Node }[] = [];
    const names = new Map<FnNode, string>();

    const namedFunctionOf = (def: { type: string; node: Rule.Node } | undefined): FnNode | undefined => {
      if (!def) return undefined;
      if (def.type === 'FunctionName') return def.node;
      const init = (def.node as unknown as { init?: Rule.Node }).init;
      if (def.type === 'Variable' && init && isFunctionNode(init)) return init;
      return undefined;
    };
    const enclosingNamed = (node: Rule.Node): FnNode | undefined => {
      for (let p: Rule.Node | null = node.parent; p; p = p.parent) {
        if (p.type === 'FunctionDeclaration') return p;
        if ((p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression') && p.parent?.type === 'VariableDeclarator') return p;
      }
      return undefined;
    };
    const reaches = (from: FnNode, target: FnNode, seen = new Set<FnNode>()): FnNode[] | undefined => {
      if (from === target) return [from];
      if (seen.has(from)) return undefined;
      seen.add(from);
      for (const next of edges.get(from) ?? []) {
        const path = reaches(next, target, seen);
        if (path) return [from, ...path];
      }
      return undefined;
    };

    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        const callee = node.callee;
        let scope: ReturnType<typeof context.sourceCode.getScope> | null = context.sourceCode.getScope(node);
        let ref;
        for (; scope && !ref; scope = scope.upper) ref = scope.references.find((r) => r.identifier === callee);
        const target = namedFunctionOf(ref?.resolved?.defs[0] as never);
        const from = enclosingNamed(node);
        if (!target || !from) return;
        names.set(target, callee.name);
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(target);
        sites.push({ from, to: target, node });
      },
      'Program:exit'() {
        for (const s of sites) {
          const path = reaches(s.to, s.from);
          if (!path) continue;
          const label = (f: FnNode) => names.get(f) ?? ((f as unknown as { id?: { name: string } }).id?.name ?? 'anonymous');
          context.report({ node: s.node, messageId: 'noRecursion', data: { path: [s.from, ...path].map(label).join(' -> ') } });
        }
      },
    };
  },
};

// What the plugin misses: throw, class/generator expressions, and code made from strings.
const simpleRule = (visitors: (context: Rule.RuleContext) => Rule.RuleListener): Rule.RuleModule => ({
  meta: { type: 'problem' },
  create: visitors,
});
const EXTRA_RULES: Record<string, Rule.RuleModule> = {
  'no-throw': simpleRule((context) => ({
    ThrowStatement(node) {
      context.report({ node, message: 'Throw statements are not supported.' });
    },
  })),
  'no-class-expressions': simpleRule((context) => ({
    ClassExpression(node) {
      context.report({ node, message: 'Class expressions are not supported.' });
    },
  })),
  'no-generator-expressions': simpleRule((context) => ({
    FunctionExpression(node) {
      if (node.generator) context.report({ node, message: 'Generator functions are not supported.' });
    },
  })),
  'no-dynamic-code': simpleRule((context) => ({
    CallExpression(node) {
      if (node.callee.type === 'Identifier' && (node.callee.name === 'eval' || node.callee.name === 'Function')) {
        context.report({ node, message: `${node.callee.name}() is not supported.` });
      }
    },
    NewExpression(node) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'Function') {
        context.report({ node, message: 'new Function() is not supported.' });
      }
    },
  })),
};

let cached: { linter: LinterType; config: LinterType.Config[] } | undefined;

// ESLint and the plugin rules load once (~170 ms), on the first check.
function linter(): { linter: LinterType; config: LinterType.Config[] } {
  if (cached) return cached;
  const { Linter } = require('eslint') as typeof import('eslint');
  const rules: Record<string, Rule.RuleModule> = { 'no-recursion': noRecursion, ...EXTRA_RULES };
  for (const [id, file] of Object.entries(PLUGIN_RULES)) {
    const mod = require(`@aws-appsync/eslint-plugin/lib/rules/${file}.js`) as { default?: Rule.RuleModule } & Rule.RuleModule;
    rules[id] = mod.default ?? mod;
  }
  const config: LinterType.Config[] = [
    {
      plugins: { appsync: { rules } },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      rules: Object.fromEntries(Object.keys(rules).map((id) => [`appsync/${id}`, 'error' as const])),
    },
  ];
  cached = { linter: new Linter({ configType: 'flat' }), config };
  return cached;
}

function tidy(message: string): string {
  const m = message.replace(/\.$/, '');
  return m.charAt(0).toLowerCase() + m.slice(1);
}

/** All restriction problems in `code` (JavaScript ES module), positions mapped when `map` is given. */
export function findProblems(code: string, file: string, map?: PositionMapper): CodeProblem[] {
  const { linter: l, config } = linter();
  const messages = l.verify(code, config, { filename: 'resolver.mjs' });
  return messages
    .map((m) => {
      const pos = map?.(m.line, m.column) ?? { file, line: m.line, column: m.column };
      const rule = m.ruleId ? m.ruleId.replace(/^appsync\//, '') : 'syntax';
      return { file: pos.file, line: pos.line, column: pos.column, rule, message: tidy(m.message) };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Throws CodeCheckError when `code` breaks an APPSYNC_JS restriction. */
export function checkCode(code: string, file: string, map?: PositionMapper): void {
  const problems = findProblems(code, file, map);
  if (problems.length) throw new CodeCheckError(problems);
}

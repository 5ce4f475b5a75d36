/**
 * Turns one notebook cell's TypeScript into a script the kernel can evaluate in its main realm.
 *
 * Pipeline: esbuild strips types (TS -> ESM JS + source map), acorn parses that JS, and magic-string
 * rewrites the top level so that the cell behaves like a notebook cell rather than a module:
 *  - `const/let/var` declarations (destructuring too) become assignments to globals, so a later
 *    cell sees them and re-running `const model = ...` replaces the value instead of failing;
 *  - `function f() {}` becomes `f = function f() {}`, moved to the top of the cell (hoisting);
 *  - `class A {}` becomes `A = class A {}`;
 *  - imports become lookups through the kernel's require (`__fitlab__.require`);
 *  - `export` keywords are dropped;
 *  - the last top-level expression statement becomes the cell's value (like Jupyter);
 *  - everything is wrapped in `async (__fitlab__) => { ... }` so top-level `await` works.
 * The rewrite's map is composed with esbuild's, so a position in the output maps back to the cell.
 *
 * Pure: no kernel state, no evaluation; unit-tested in plain node.
 */
import type * as Acorn from 'acorn';
import remapping from '@ampproject/remapping';
import type { EncodedSourceMap } from '@ampproject/remapping';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/** The name of the wrapper's parameter: the kernel passes its helpers (require, declare) here. */
export const HELPERS_PARAM = '__fitlab__';

/** The helpers a transpiled cell calls. */
export interface CellHelpers {
  /** Resolves an import specifier to a module (the kernel's tfjs, fitlab, or a package). */
  require(specifier: string): unknown;
  /** `import x from 'm'`: the module's default export, or the module itself for CommonJS. */
  importDefault(module: unknown): unknown;
  /** `await import('m')`: the module as an ES namespace (CommonJS exports also as `default`). */
  importDynamic(specifier: string): Promise<unknown>;
  /** Makes sure each name exists as a global (undefined when new) before the cell assigns it. */
  declare(names: string[]): void;
}

export interface TranspiledCell {
  /** A script whose value is `async (__fitlab__) => { ...cell... }`. */
  code: string;
  /** Source map from `code` back to the cell's TypeScript (its single source is the filename). */
  map: EncodedSourceMap;
  /** Top-level names the cell declares (they become globals). */
  declaredNames: string[];
  /** True when the cell's last statement is an expression whose value the cell returns. */
  returnsValue: boolean;
}

/** A syntax error in the cell, positioned in the cell's own TypeScript (1-based line and column). */
export class CellSyntaxError extends Error {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly lineText?: string,
  ) {
    super(message);
  }
}

interface Tools {
  esbuild: typeof import('esbuild');
  acorn: typeof import('acorn');
  MagicString: typeof import('magic-string', { with: { 'resolution-mode': 'import' } }).default;
}

let tools: Promise<Tools> | undefined;

/** Loaded lazily (magic-string is ESM-only; esbuild starts a service on first use). */
function loadTools(): Promise<Tools> {
  tools ??= (async () => ({
    esbuild: await import('esbuild'),
    acorn: await import('acorn'),
    MagicString: (await import('magic-string')).default,
  }))();
  return tools;
}

type Node = Acorn.AnyNode;
/** Top-level names a cell declares, with where (to point at a forbidden one). */
type Declared = Map<string, Acorn.Identifier>;

/**
 * Globals a cell must not replace: the kernel's own code (and tfjs) look them up at run time, so
 * `const process = ...` in a cell would break the kernel rather than shadow it.
 */
const RESERVED_GLOBALS: ReadonlySet<string> = new Set([
  'process', 'console', 'globalThis', 'global', 'Buffer', 'require',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
  'Promise', 'Object', 'Array', 'Function', 'Error', 'TypeError', 'RangeError', 'JSON', 'Math', 'Symbol', 'Reflect',
  'Number', 'String', 'Boolean', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Atomics', 'SharedArrayBuffer',
  'ArrayBuffer', 'DataView', 'Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array', 'Int8Array', 'Uint16Array',
  'Int16Array', 'Uint32Array', 'Uint8ClampedArray', 'BigInt64Array', 'BigUint64Array', 'WebAssembly',
  'undefined', 'NaN', 'Infinity', '__fitlab__',
]);

/** Transpiles one cell. `filename` (e.g. "cell-3.ts") names the source in maps and errors. */
export async function transpileCell(source: string, filename: string): Promise<TranspiledCell> {
  const { esbuild, acorn, MagicString } = await loadTools();

  let js: string;
  let esbuildMap: EncodedSourceMap;
  try {
    const result = await esbuild.transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: filename,
      // Keep imports the cell does not use itself: a later cell may use what this one imported.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      logLevel: 'silent',
    });
    js = result.code;
    esbuildMap = JSON.parse(result.map) as EncodedSourceMap;
  } catch (error) {
    throw toCellSyntaxError(error);
  }

  let program: Acorn.Program;
  try {
    program = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true });
  } catch (error) {
    throw acornErrorInCell(error, esbuildMap, source);
  }

  const s = new MagicString(js);
  const declared: Declared = new Map();
  const body = program.body;
  const last = lastValueStatement(body);
  let returnsValue = false;

  for (const statement of body) {
    rewriteStatement(statement, s, declared);
  }
  // `import('m')` anywhere: a script evaluated by vm has no module loader of its own.
  visit(program, (node) => {
    if (node.type === 'ImportExpression') s.overwrite(node.start, node.source.start, `${HELPERS_PARAM}.importDynamic(`);
  });
  // A cell that is only a string ('done') parses as a directive prologue; like Node's REPL, show
  // its value. Only a real "use strict" stays a directive.
  if (last && last.type === 'ExpressionStatement' && !('directive' in last && last.directive === 'use strict')) {
    s.prependRight(last.expression.start, 'return (');
    s.appendLeft(last.expression.end, ')');
    returnsValue = true;
  }

  const reserved = [...declared.values()].find((id) => RESERVED_GLOBALS.has(id.name));
  if (reserved) {
    const message = `'${reserved.name}' is a global the kernel itself relies on; a cell cannot declare it. Rename the variable.`;
    throw errorAt(message, reserved.loc?.start, esbuildMap, source);
  }
  const declaredNames = [...declared.keys()];
  const declareCall = declaredNames.length > 0 ? `${HELPERS_PARAM}.declare(${JSON.stringify(declaredNames)}); ` : '';
  s.prepend(`(async (${HELPERS_PARAM}) => { ${declareCall}\n`);
  s.append('\n})');

  const rewriteMap = s.generateMap({ source: 'esbuild-output.js', hires: true, includeContent: false });
  const composed = remapping(rewriteMap.toString(), (file) => (file === 'esbuild-output.js' ? esbuildMap : null));
  const map = JSON.parse(composed.toString()) as EncodedSourceMap;
  map.sources = [filename];
  map.sourcesContent = [source];
  return { code: s.toString(), map, declaredNames, returnsValue };
}

/** The cell's last statement, ignoring the `export { ... }` list esbuild appends at the end. */
function lastValueStatement(body: Acorn.Program['body']): Node | undefined {
  for (let i = body.length - 1; i >= 0; i--) {
    const statement = body[i]!;
    const isExportList = (statement.type === 'ExportNamedDeclaration' && !statement.declaration) || statement.type === 'ExportAllDeclaration';
    if (!isExportList && statement.type !== 'EmptyStatement') return statement;
  }
  return undefined;
}

function rewriteStatement(statement: Node, s: InstanceType<Tools['MagicString']>, declared: Declared): void {
  switch (statement.type) {
    case 'VariableDeclaration':
      rewriteVariableDeclaration(statement, s, declared);
      return;
    case 'FunctionDeclaration': {
      if (!statement.id) return;
      const name = statement.id.name;
      declared.set(name, statement.id);
      // Hoist: functions are usable anywhere in the cell, as in a module.
      if (statement.start > 0) s.move(statement.start, statement.end, 0);
      s.prependRight(statement.start, `${name} = `);
      s.appendLeft(statement.end, ';\n');
      return;
    }
    case 'ClassDeclaration': {
      if (!statement.id) return;
      const name = statement.id.name;
      declared.set(name, statement.id);
      s.prependRight(statement.start, `${name} = `);
      s.appendLeft(statement.end, ';');
      return;
    }
    case 'ImportDeclaration':
      rewriteImport(statement, s, declared);
      return;
    case 'ExportNamedDeclaration':
      if (statement.declaration) {
        s.remove(statement.start, statement.declaration.start);
        rewriteStatement(statement.declaration, s, declared);
      } else {
        // `export { a }` / `export { a } from 'm'`: a cell exports nothing.
        s.remove(statement.start, statement.end);
      }
      return;
    case 'ExportDefaultDeclaration': {
      const declaration = statement.declaration;
      if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
        s.remove(statement.start, declaration.start);
        rewriteStatement(declaration, s, declared);
      } else {
        s.overwrite(statement.start, declaration.start, ';(');
        s.appendLeft(declaration.end, ')');
      }
      return;
    }
    case 'ExportAllDeclaration':
      s.remove(statement.start, statement.end);
      return;
    default:
      return;
  }
}

function rewriteVariableDeclaration(node: Acorn.VariableDeclaration, s: InstanceType<Tools['MagicString']>, declared: Declared): void {
  const first = node.declarations[0];
  if (!first) return;
  // `const a = 1, {b} = o;` -> `;(a = 1, {b} = o);` (parentheses make object patterns assignments).
  s.overwrite(node.start, first.start, ';(');
  for (const declarator of node.declarations) {
    collectPatternNames(declarator.id, declared);
    if (!declarator.init) {
      if (node.kind === 'var') {
        // `var x;` keeps x's current value, as re-declaring a var does.
        s.overwrite(declarator.start, declarator.end, 'void 0');
      } else {
        s.appendLeft(declarator.end, ' = undefined');
      }
    }
  }
  const lastDeclarator = node.declarations[node.declarations.length - 1]!;
  s.appendLeft(lastDeclarator.end, ')');
}

function rewriteImport(node: Acorn.ImportDeclaration, s: InstanceType<Tools['MagicString']>, declared: Declared): void {
  const moduleCall = `${HELPERS_PARAM}.require(${JSON.stringify(String(node.source.value))})`;
  const parts: string[] = [];
  const named: string[] = [];
  for (const specifier of node.specifiers) {
    const local = specifier.local.name;
    declared.set(local, specifier.local);
    if (specifier.type === 'ImportNamespaceSpecifier') {
      parts.push(`${local} = ${moduleCall};`);
    } else if (specifier.type === 'ImportDefaultSpecifier') {
      parts.push(`${local} = ${HELPERS_PARAM}.importDefault(${moduleCall});`);
    } else {
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
      named.push(`${JSON.stringify(imported)}: ${local}`);
    }
  }
  if (named.length > 0) parts.push(`;({ ${named.join(', ')} } = ${moduleCall});`);
  if (node.specifiers.length === 0) parts.push(`${moduleCall};`);
  s.overwrite(node.start, node.end, parts.join(' '));
}

/** Calls `enter` for every node of the tree. */
function visit(node: Node, enter: (node: Node) => void): void {
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, enter);
    } else if (isNode(value)) {
      visit(value, enter);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { start?: unknown }).start === 'number';
}

/** Adds every identifier a binding pattern binds (`{a, b: [c, ...d], e = 1}` binds a, c, d, e). */
function collectPatternNames(pattern: Acorn.Pattern, names: Declared): void {
  switch (pattern.type) {
    case 'Identifier':
      names.set(pattern.name, pattern);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        collectPatternNames(property.type === 'RestElement' ? property.argument : property.value, names);
      }
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collectPatternNames(element, names);
      return;
    case 'RestElement':
      collectPatternNames(pattern.argument, names);
      return;
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, names);
      return;
    default:
      return;
  }
}

interface EsbuildMessage {
  text: string;
  location: { line: number; column: number; lineText: string } | null;
}

function toCellSyntaxError(error: unknown): Error {
  const messages = (error as { errors?: EsbuildMessage[] }).errors;
  const first = messages?.[0];
  if (!first) return error instanceof Error ? error : new Error(String(error));
  const line = first.location?.line ?? 1;
  const column = (first.location?.column ?? 0) + 1;
  return new CellSyntaxError(first.text, line, column, first.location?.lineText);
}

/** acorn rejected esbuild's output (rare): position the error in the cell through esbuild's map. */
function acornErrorInCell(error: unknown, esbuildMap: EncodedSourceMap, source: string): Error {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = (error instanceof Error ? error.message : String(error)).replace(/ \(\d+:\d+\)$/, '');
  return errorAt(message, loc, esbuildMap, source);
}

/** A CellSyntaxError at a position of esbuild's output, mapped back to the cell's TypeScript. */
function errorAt(message: string, loc: { line: number; column: number } | undefined, esbuildMap: EncodedSourceMap, source: string): CellSyntaxError {
  if (!loc) return new CellSyntaxError(message, 1, 1);
  const original = originalPositionFor(new TraceMap(esbuildMap as never), { line: loc.line, column: loc.column });
  const line = original.line ?? 1;
  return new CellSyntaxError(message, line, (original.column ?? 0) + 1, source.split('\n')[line - 1]);
}

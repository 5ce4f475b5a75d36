/**
 * What a cell shows the cells after it, when that is only its declarations: the names it declares
 * at its top level and their types. Most edits change a cell's body, not those types, and then
 * no later cell can check differently — so regionCheck.ts follows only the names whose type
 * changed, instead of every name the edited statements mention.
 *
 * That holds only for a cell whose effect on later cells is its declarations alone, decided from
 * its syntax: no assignment, `++`/`--` or `delete` in its own flow (they narrow names for the
 * cells after it), no `var` hoisted out of a nested block, no statement other than declarations,
 * expressions, `if`, `for` and blocks. Flow (throw, loops, calls that never return) is ruled out
 * by the caller (cellDependencies.ts, regionCheck.ts), and so are assignments inside functions
 * (they matter to closures, cellDependencies.ts's `assigned`). Types are compared as printed, which is
 * exact only if no two types print alike. Declaration files do have such pairs (`History` in lib.dom
 * and tfjs-layers, `Dataset`, `Optimizer`), so types are printed fully qualified
 * (`import("@tensorflow/tfjs-layers/dist/base_callbacks").History`); a notebook declaring classes,
 * interfaces, type aliases, enums or namespaces (a local `class L` in two functions prints as `L`
 * twice) is not compared at all.
 */
import ts from 'typescript';
import { assignmentTarget } from './cellDependencies';
import { cachedByText } from './textCache';

export interface CellShape {
  /** Later cells see this cell only through its top-level declarations (see above). */
  declarationsOnly: boolean;
  /** The cell declares a class, interface, type alias, enum or namespace somewhere. */
  declaresTypes: boolean;
}

/** Cached by text, like the other syntax facts of a cell. */
export const cellShape: (source: string) => CellShape = cachedByText(readCellShape);

const TOP_LEVEL = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.EmptyStatement,
  // Imports are hoisted into the program's header (a change there re-checks everything) and
  // `export { … }` is blanked out, as the kernel drops it.
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
]);

const TYPE_DECLARATIONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
]);

function readCellShape(source: string): CellShape {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let declarationsOnly = file.statements.every((s) => TOP_LEVEL.has(s.kind) && !hasModifier(s, ts.SyntaxKind.DeclareKeyword));
  let declaresTypes = false;
  const visit = (node: ts.Node, topFlow: boolean): void => {
    if (TYPE_DECLARATIONS.has(node.kind)) declaresTypes = true;
    if (topFlow && changesNames(node)) declarationsOnly = false;
    const inner = topFlow && !ts.isFunctionLike(node);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  for (const s of file.statements) visit(s, true);
  return { declarationsOnly: declarationsOnly && !declaresTypes, declaresTypes };
}

/** Whether a node in the cell's own flow can change what a name is for the cells after it. */
function changesNames(node: ts.Node): boolean {
  if (assignmentTarget(node) || ts.isDeleteExpression(node)) return true;
  // A top-level `var` statement becomes `let` in the program (virtualDocument.ts); any other `var`
  // (in a block, a `for`) is hoisted out of the cell's block, to every cell.
  if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
    return !(ts.isVariableStatement(node.parent) && ts.isSourceFile(node.parent.parent));
  }
  return false;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Each top-level name a cell declares, with how it is declared and its type, as printed. */
export type CellInterface = ReadonlyMap<string, string>;

/**
 * Reads a cell's interface from the checked program; `statements` are the cell's top-level
 * statements there. A declared union's initializer type is kept too, since it narrows the name for
 * the cells after (`let v: string | undefined = 'a'`), and whether a name starts unassigned.
 */
export function readCellInterface(checker: ts.TypeChecker, statements: readonly ts.Statement[]): CellInterface {
  const found = new Map<string, string>();
  const add = (name: ts.Identifier, what: string) => found.set(name.text, `${found.get(name.text) ?? ''}${what};`);
  const print = (type: ts.Type) => checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType);
  const typeOf = (name: ts.Identifier): ts.Type | undefined => {
    const symbol = checker.getSymbolAtLocation(name);
    return symbol && checker.getTypeOfSymbolAtLocation(symbol, name);
  };
  for (const s of statements) {
    if (ts.isFunctionDeclaration(s) && s.name) {
      const type = typeOf(s.name);
      add(s.name, `function ${type ? print(type) : '?'}`);
    } else if (ts.isVariableStatement(s)) {
      const kind = s.declarationList.flags & ts.NodeFlags.Const ? 'const' : 'let';
      for (const d of s.declarationList.declarations) {
        for (const name of boundNames(d.name)) {
          const type = typeOf(name);
          // Only a union is narrowed by what is assigned to it (`unknown` is not).
          const init = d.initializer && (!type || type.flags & ts.TypeFlags.Union) ? ` = ${print(checker.getTypeAtLocation(d.initializer))}` : '';
          add(name, `${kind}${d.exclamationToken ? '!' : ''}${d.initializer ? '' : ' unset'} ${type ? print(type) : '?'}${init}`);
        }
      }
    }
  }
  return found;
}

function boundNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/** The names declared differently (or only on one side). */
export function changedNames(before: CellInterface, after: CellInterface): Set<string> {
  const changed = new Set<string>();
  for (const [name, what] of before) if (after.get(name) !== what) changed.add(name);
  for (const name of after.keys()) if (!before.has(name)) changed.add(name);
  return changed;
}

/**
 * The top-level statements of each cell in the program. Each cell is a block opening 2 characters
 * before the cell's text (`{\n`), the last statement of the previous cell's block
 * (virtualDocument.ts); so one walk down the blocks finds them all.
 */
export function cellStatementLists(file: ts.SourceFile, cellStarts: readonly number[]): ts.Statement[][] {
  const lists: ts.Statement[][] = [];
  const blockAt = (list: readonly ts.Statement[], start: number | undefined): ts.Block | undefined => {
    const last = list[list.length - 1];
    return start !== undefined && last && ts.isBlock(last) && last.getStart(file) === start - 2 ? last : undefined;
  };
  let block = blockAt(file.statements, cellStarts[0]);
  for (let c = 0; block; c++) {
    const next = blockAt(block.statements, cellStarts[c + 1]);
    lists.push(next ? block.statements.slice(0, -1) : [...block.statements]);
    block = next;
  }
  return lists;
}

/**
 * Which later cells an edit can retype, read from the cells' syntax alone. Types reach a later
 * cell only through names (a declaration, an assignment, a narrowing of a name the later cell also
 * writes) or through the flow of control (code after a `throw`, an endless loop or a call that
 * never returns is unreachable, which changes narrowing). So a later cell that mentions none of
 * the names an edit touches, with no flow change upstream, keeps its errors. The test is
 * deliberately coarse — every identifier counts as a use, property names included — so it can
 * only ever re-check too much, never too little; calls that never return are found by the checker
 * (regionCheck.ts), since only types tell them apart.
 */
import ts from 'typescript';
import { cachedByText } from './textCache';

export interface CellSyntax {
  /** Every identifier in the cell (property names and type names too). */
  names: ReadonlySet<string>;
  /** Top-level statements: their text (to see what an edit changed) and their identifiers. */
  statements: readonly { text: string; names: ReadonlySet<string> }[];
  /**
   * The cell's own flow can end or change shape in ways types decide or that reach past the cell:
   * throw/return/break/continue, loops that may never end, switch (exhaustiveness), labels, or
   * ambient declarations (`declare`, namespaces). Function and class bodies do not count: their
   * flow stays inside them.
   */
  flowSensitive: boolean;
}

/** The cell's names and flow facts; cached by text, so unchanged cells cost nothing. */
export const cellSyntax: (source: string) => CellSyntax = cachedByText(readCellSyntax);

function readCellSyntax(source: string): CellSyntax {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let flowSensitive = false;
  const statements = file.statements.map((statement) => {
    const names = new Set<string>();
    collect(statement, names, true, () => (flowSensitive = true));
    return { text: statement.getText(file), names };
  });
  const names = new Set<string>();
  for (const s of statements) for (const n of s.names) names.add(n);
  return { names, statements, flowSensitive };
}

function collect(node: ts.Node, names: Set<string>, topFlow: boolean, sensitive: () => void): void {
  if (ts.isIdentifier(node)) names.add(node.text);
  if (topFlow && isFlowSensitive(node)) sensitive();
  const inner = topFlow && !ts.isFunctionLike(node) && !ts.isClassLike(node);
  ts.forEachChild(node, (child) => collect(child, names, inner, sensitive));
}

function isFlowSensitive(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.ThrowStatement:
    case ts.SyntaxKind.ReturnStatement:
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.SwitchStatement:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.DeclareKeyword:
      return true;
    case ts.SyntaxKind.ForStatement:
      return (node as ts.ForStatement).condition === undefined;
    default:
      return false;
  }
}

/**
 * The names an edit of one cell touches: the identifiers of the statements it changed (before and
 * after), and, transitively, of the cell's unchanged statements that use one of those (a function
 * declared lower in the cell is hoisted, so the order inside the cell does not matter).
 * `undefined` when the edit may change flow beyond the cell (see CellSyntax.flowSensitive).
 */
export function touchedNames(before: string, after: string): Set<string> | undefined {
  const a = cellSyntax(before);
  const b = cellSyntax(after);
  if (a.flowSensitive || b.flowSensitive) return undefined;
  let prefix = 0;
  while (prefix < a.statements.length && prefix < b.statements.length && a.statements[prefix].text === b.statements[prefix].text) prefix++;
  let suffix = 0;
  while (
    suffix < a.statements.length - prefix &&
    suffix < b.statements.length - prefix &&
    a.statements[a.statements.length - 1 - suffix].text === b.statements[b.statements.length - 1 - suffix].text
  ) {
    suffix++;
  }
  const touched = new Set<string>();
  const changed = [...a.statements.slice(prefix, a.statements.length - suffix), ...b.statements.slice(prefix, b.statements.length - suffix)];
  for (const s of changed) for (const n of s.names) touched.add(n);
  const unchanged = [...b.statements.slice(0, prefix), ...b.statements.slice(b.statements.length - suffix)];
  addUsersOf(unchanged, touched);
  return touched;
}

/** Adds the names of every statement that uses a touched name, until nothing more is added. */
function addUsersOf(statements: readonly { names: ReadonlySet<string> }[], touched: Set<string>): void {
  const pending = [...statements];
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      if (!uses(pending[i].names, touched)) continue;
      for (const n of pending[i].names) touched.add(n);
      pending.splice(i, 1);
      grew = true;
    }
  }
}

/** Whether a cell (or statement) with these identifiers mentions any touched name. */
export function uses(names: ReadonlySet<string>, touched: ReadonlySet<string>): boolean {
  for (const n of names) if (touched.has(n)) return true;
  return false;
}

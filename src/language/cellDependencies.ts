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
  /**
   * Names assigned anywhere in the cell, function bodies included: a closure sees a `let` narrowed
   * only if no assignment can reach it, so adding or removing one can change any cell naming it.
   */
  assigned: ReadonlySet<string>;
}

/** The cell's names and flow facts; cached by text, so unchanged cells cost nothing. */
export const cellSyntax: (source: string) => CellSyntax = cachedByText(readCellSyntax);

function readCellSyntax(source: string): CellSyntax {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let flowSensitive = false;
  const assigned = new Set<string>();
  const statements = file.statements.map((statement) => {
    const names = new Set<string>();
    collect(statement, names, assigned, true, () => (flowSensitive = true));
    return { text: statement.getText(file), names };
  });
  const names = new Set<string>();
  for (const s of statements) for (const n of s.names) names.add(n);
  return { names, statements, flowSensitive, assigned };
}

function collect(node: ts.Node, names: Set<string>, assigned: Set<string>, topFlow: boolean, sensitive: () => void): void {
  if (ts.isIdentifier(node)) names.add(node.text);
  if (topFlow && isFlowSensitive(node)) sensitive();
  const target = assignmentTarget(node);
  if (target) addAssigned(target, assigned);
  const inner = topFlow && !ts.isFunctionLike(node) && !ts.isClassLike(node);
  ts.forEachChild(node, (child) => collect(child, names, assigned, inner, sensitive));
}

/** What the node assigns to, if it is an assignment (`=`, `+=`, `++`, `for (x of …)`). */
export function assignmentTarget(node: ts.Node): ts.Expression | undefined {
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment ? node.left : undefined;
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken ? node.operand : undefined;
  }
  if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) return node.initializer;
  return undefined;
}

/** The variables an assignment target names: itself, or those in a destructuring pattern. */
function addAssigned(target: ts.Expression, assigned: Set<string>): void {
  if (ts.isIdentifier(target)) assigned.add(target.text);
  else if (ts.isParenthesizedExpression(target) || ts.isSpreadElement(target)) addAssigned(target.expression, assigned);
  else if (ts.isBinaryExpression(target) && target.operatorToken.kind === ts.SyntaxKind.EqualsToken) addAssigned(target.left, assigned); // `[a = 1] = …`
  else if (ts.isArrayLiteralExpression(target)) target.elements.forEach((e) => addAssigned(e, assigned));
  else if (ts.isObjectLiteralExpression(target)) {
    for (const p of target.properties) {
      if (ts.isShorthandPropertyAssignment(p)) assigned.add(p.name.text);
      else if (ts.isPropertyAssignment(p)) addAssigned(p.initializer, assigned);
      else if (ts.isSpreadAssignment(p)) addAssigned(p.expression, assigned);
    }
  }
  // A property (`o.a = …`) is not narrowed in closures either way.
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

/** Names an edit starts or stops assigning somewhere in the cell (see CellSyntax.assigned). */
export function reassignedNames(before: string, after: string): Set<string> {
  const a = cellSyntax(before).assigned;
  const b = cellSyntax(after).assigned;
  return new Set([...a, ...b].filter((n) => !a.has(n) || !b.has(n)));
}

/** Whether a cell (or statement) with these identifiers mentions any touched name. */
export function uses(names: ReadonlySet<string>, touched: ReadonlySet<string>): boolean {
  for (const n of names) if (touched.has(n)) return true;
  return false;
}

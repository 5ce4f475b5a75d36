/**
 * The TypeScript parser's view of a cell, and the calls the diagnostics care about in it:
 * `fit(` calls, `compile(` calls, optimizer constructions and layer calls (`tf.layers.dense(`).
 * Positions are 1-based lines and columns (UTF-16 code units, as editors count them).
 */
import type ts from 'typescript';
import { typescript } from './typescript';

export interface CodePosition {
  /** 1-based line in the cell. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface CodeRange {
  start: CodePosition;
  end: CodePosition;
}

export function parseCell(source: string): ts.SourceFile {
  return typescript().createSourceFile('cell.ts', source, typescript().ScriptTarget.ES2022, true, typescript().ScriptKind.TS);
}

export function positionAt(file: ts.SourceFile, offset: number): CodePosition {
  const { line, character } = file.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

export function offsetAt(file: ts.SourceFile, position: CodePosition): number {
  return file.getPositionOfLineAndCharacter(position.line - 1, position.column - 1);
}

export function rangeOf(file: ts.SourceFile, start: number, end: number): CodeRange {
  return { start: positionAt(file, start), end: positionAt(file, end) };
}

export function nodeRange(file: ts.SourceFile, node: ts.Node): CodeRange {
  return rangeOf(file, node.getStart(file), node.getEnd());
}

/** Every call expression in the file, in source order. */
export function allCalls(file: ts.SourceFile): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript().isCallExpression(node)) calls.push(node);
    typescript().forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

/** The dotted name of a callee: `tf.layers.dense` for `tf.layers.dense(...)`, `fit` for `fit(...)`. */
export function calleeName(call: ts.CallExpression): string {
  const parts: string[] = [];
  let expression: ts.Expression = call.expression;
  while (typescript().isPropertyAccessExpression(expression)) {
    parts.unshift(expression.name.text);
    expression = expression.expression;
  }
  parts.unshift(typescript().isIdentifier(expression) ? expression.text : '?');
  return parts.join('.');
}

/** The last segment of the callee's name (`fit` for `model.fit`). */
export function methodName(call: ts.CallExpression): string {
  const expression = call.expression;
  if (typescript().isPropertyAccessExpression(expression)) return expression.name.text;
  return typescript().isIdentifier(expression) ? expression.text : '';
}

/** `model.fit(x, y, {...})` and `model.fitDataset(ds, {...})`: calls that train. */
export function fitCalls(file: ts.SourceFile): ts.CallExpression[] {
  return allCalls(file).filter((c) => typescript().isPropertyAccessExpression(c.expression) && (methodName(c) === 'fit' || methodName(c) === 'fitDataset'));
}

export function compileCalls(file: ts.SourceFile): ts.CallExpression[] {
  return allCalls(file).filter((c) => typescript().isPropertyAccessExpression(c.expression) && methodName(c) === 'compile');
}

/** Layer factory calls of a class, e.g. "dense" matches `tf.layers.dense(` and `layers.dense(`. */
export function layerCalls(file: ts.SourceFile, factory: string): ts.CallExpression[] {
  return allCalls(file).filter((c) => {
    const name = calleeName(c);
    return name.endsWith(`layers.${factory}`);
  });
}

/** The object literal passed as argument `index`, if it is one. */
export function objectArgument(call: ts.CallExpression, index: number): ts.ObjectLiteralExpression | undefined {
  const argument = call.arguments[index];
  return argument && typescript().isObjectLiteralExpression(argument) ? argument : undefined;
}

/** The options object of a fit call: 3rd argument of `fit(x, y, {...})`, 2nd of `fitDataset(ds, {...})`. */
export function fitConfigIndex(call: ts.CallExpression): number {
  return methodName(call) === 'fitDataset' ? 1 : 2;
}

export function propertyNamed(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => p.name !== undefined && (typescript().isIdentifier(p.name) || typescript().isStringLiteral(p.name)) && p.name.text === name);
}

/** The initializer of `name: value` in an object literal, if written that way. */
export function propertyValue(object: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  const property = object && propertyNamed(object, name);
  return property && typescript().isPropertyAssignment(property) ? property.initializer : undefined;
}

/** A string literal's text, or undefined. */
export function stringValue(expression: ts.Expression | undefined): string | undefined {
  return expression && (typescript().isStringLiteral(expression) || typescript().isNoSubstitutionTemplateLiteral(expression)) ? expression.text : undefined;
}

/** A numeric literal's value (with an optional minus sign), or undefined. */
export function numberValue(expression: ts.Expression | undefined): number | undefined {
  if (!expression) return undefined;
  if (typescript().isNumericLiteral(expression)) return Number(expression.text);
  if (typescript().isPrefixUnaryExpression(expression) && expression.operator === typescript().SyntaxKind.MinusToken && typescript().isNumericLiteral(expression.operand)) return -Number(expression.operand.text);
  return undefined;
}

/** The leading whitespace of the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

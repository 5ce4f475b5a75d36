/** Text edits of a parsed cell that keep its layout (insert, replace, append to a literal), and fixes made of them. */
import type ts from 'typescript';
import { typescript } from './typescript';
import { indentationAt, offsetAt, positionAt, type CodePosition } from './ast';

export interface TextEdit {
  start: CodePosition;
  end: CodePosition;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply as "the" fix of its diagnostic. */
  preferred?: boolean;
}

/** One fix from the edits that are possible (null parts dropped), or null when none is. */
export function combine(title: string, edits: (TextEdit | null)[]): QuickFix | null {
  const real = edits.filter((e): e is TextEdit => e !== null);
  return real.length ? { title, edits: real } : null;
}

/** A cell's text and its parse. */
export interface Cell {
  source: string;
  file: ts.SourceFile;
}

export function insertAt(cell: Cell, offset: number, newText: string): TextEdit {
  const position = positionAt(cell.file, offset);
  return { start: position, end: position, newText };
}

export function replaceNode(cell: Cell, node: ts.Node, newText: string): TextEdit {
  return { start: positionAt(cell.file, node.getStart(cell.file)), end: positionAt(cell.file, node.getEnd()), newText };
}

export function isMultiline(cell: Cell, node: ts.Node): boolean {
  return cell.source.slice(node.getStart(cell.file), node.getEnd()).includes('\n');
}

/** Inserts `text` as the last element of an object or array literal, in the literal's own layout. */
export function appendElement(cell: Cell, literal: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, text: string): TextEdit {
  const elements: ts.NodeArray<ts.Node> = typescript().isObjectLiteralExpression(literal) ? literal.properties : literal.elements;
  const last = elements[elements.length - 1];
  if (!last) {
    const open = literal.getStart(cell.file) + 1;
    return { start: positionAt(cell.file, open), end: positionAt(cell.file, literal.getEnd() - 1), newText: text };
  }
  if (isMultiline(cell, literal) && cell.source.slice(literal.getStart(cell.file), last.getStart(cell.file)).includes('\n')) {
    return insertAt(cell, last.getEnd(), `,\n${indentationAt(cell.source, last.getStart(cell.file))}${text}`);
  }
  return insertAt(cell, last.getEnd(), `, ${text}`);
}

/** Whether `node` covers `position`. */
export function contains(cell: Cell, node: ts.Node, position: CodePosition): boolean {
  const offset = offsetAt(cell.file, position);
  return node.getStart(cell.file) <= offset && offset <= node.getEnd();
}

/** Applies text edits (1-based positions, non-overlapping) to a text: what an editor does with a quick fix. */
import type { TextEdit } from './textEdits';

function offsetOf(lineStarts: readonly number[], position: { line: number; column: number }): number {
  return lineStarts[position.line - 1]! + position.column - 1;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const sorted = edits.map((e) => ({ from: offsetOf(lineStarts, e.start), to: offsetOf(lineStarts, e.end), text: e.newText })).sort((a, b) => b.from - a.from);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  return result;
}

/**
 * Shapes a kernel's CellError for VS Code's error output. Pure.
 *
 * VS Code's error renderer prints the `stack` when there is one, so the stack carries everything
 * the user needs, compiler style: it starts with the cell's "line:column", then "Name: message",
 * then the (already cell-mapped) frames.
 */
import type { CellError } from '../../protocol/kernel';
import type { SerializedError } from '../../protocol/json';

export function cellErrorForDisplay(error: CellError): SerializedError {
  const headline = `${error.name}: ${error.message}`;
  const where = error.position ? `${error.position.line}:${error.position.column}: ` : '';
  return { name: error.name, message: error.message, stack: [where + headline, ...framesOf(error, headline)].join('\n') };
}

/** The stack without its "Name: message" head (which may span lines), blank lines dropped. */
function framesOf(error: CellError, headline: string): string[] {
  const stack = error.stack ?? '';
  const lines = stack.startsWith(headline) ? stack.slice(headline.length).split('\n') : stack.split('\n');
  if (!stack.startsWith(headline) && lines[0]?.startsWith(`${error.name}:`)) lines.shift();
  return lines.filter((line) => line.trim().length > 0);
}

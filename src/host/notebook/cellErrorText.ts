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
  const frames = (error.stack ?? '')
    .split('\n')
    // The kernel's stack repeats "Name: message" first; keep only the frames after it.
    .filter((line, i) => !(i === 0 && (line === headline || line.startsWith(`${error.name}:`))))
    .filter((line) => line.trim().length > 0);
  const where = error.position ? `${error.position.line}:${error.position.column}: ` : '';
  return { name: error.name, message: error.message, stack: [where + headline, ...frames].join('\n') };
}

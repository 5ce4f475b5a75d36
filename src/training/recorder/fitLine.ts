/** Finds the 1-based line of a `fit(` call in a cell's source, for `run.cell.fitLine`. */

const FIT_CALL = /\.fit(?:Dataset)?\s*\(|\bkfold\s*\(/g;

/** The line of the `nth` fit call (0-based) among those in `code`; the last one when there are fewer. */
export function findFitLine(code: string, nth: number): number | undefined {
  const lines: number[] = [];
  for (const match of code.matchAll(FIT_CALL)) {
    lines.push(code.slice(0, match.index).split('\n').length);
  }
  if (lines.length === 0) return undefined;
  return lines[Math.min(nth, lines.length - 1)];
}

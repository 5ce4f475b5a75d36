/** Finds the 1-based line of a `fit(` call in a cell's source, for `run.cell.fitLine`. */

const FIT_CALL = /\.fit(?:Dataset)?\s*\(|\bkfold\s*\(/g;

/**
 * The line of the `nth` fit call (0-based) among those in `code`, counting round: the k-th fit of a
 * cell that runs its fit calls in order (even again, or in a loop) maps to its own line.
 */
export function findFitLine(code: string, nth: number): number | undefined {
  const lines: number[] = [];
  for (const match of code.matchAll(FIT_CALL)) {
    lines.push(code.slice(0, match.index).split('\n').length);
  }
  if (lines.length === 0) return undefined;
  return lines[nth % lines.length];
}

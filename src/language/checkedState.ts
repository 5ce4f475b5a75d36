/**
 * What the last type check saw, per cell, and how it follows cells being added or removed before
 * the next one (regionCheck.ts). A structure change is turned into the edits it amounts to, so the
 * next check re-checks only what those edits can affect:
 *
 * - inserting a cell = inserting an empty cell, then editing it to its text. An empty cell
 *   declares nothing and changes no flow, so the first step changes no cell's types or errors:
 *   only the indices of the cells after it move up by one;
 * - removing a cell = editing it to empty, then removing the empty cell (which, again, changes
 *   nothing). The edit has no cell left to check, so it is kept as a removed cell, between the
 *   cells around it: the next check treats every name the removed text mentions as touched from
 *   there on — only those it declared, when it showed later cells only its declarations, as the
 *   interface of an empty cell is empty — and its assignments as added or removed
 *   (cellDependencies.ts);
 * - a move is a removal and an insertion.
 */
import { cellSyntax } from './cellDependencies';
import type { CellInterface } from './cellInterface';

/** A cell removed since the last check: its text then, and where it stood among today's cells. */
export interface RemovedCell {
  /** It stood just before today's cell `at` (after the last cell when `at` is the cell count). */
  at: number;
  source: string;
  /** It called something that never returns or asserts (so every later cell may change). */
  endsFlow: boolean;
  /**
   * The names it declared, when it showed later cells only its declarations (cellInterface.ts):
   * its removal changes those names alone for them, whatever else it mentions.
   */
  declared: ReadonlySet<string> | undefined;
}

export interface Checked<T> {
  cells: readonly string[];
  header: string;
  /** The cell each hoisted import of the header came from (errors in the header land there). */
  headerCells: readonly number[];
  errors: T[][];
  /** The cell calls something that never returns or asserts (so its end may be unreachable). */
  endsFlow: boolean[];
  /** What each cell shows later cells, for cells that show them only declarations (cellInterface.ts). */
  interfaces: (CellInterface | undefined)[];
  /** Cells removed since this check, in the positions they held among the cells above. */
  removed: readonly RemovedCell[];
}

/**
 * `last` as if it had checked an empty cell at `index` too. Undefined when the new cell lies past
 * the cells checked (they stopped at a cell left open, virtualDocument.ts): nothing checked moves.
 */
export function withEmptyCell<T extends { cell: number }>(last: Checked<T>, index: number): Checked<T> | undefined {
  if (index > last.cells.length) return undefined;
  return {
    cells: [...last.cells.slice(0, index), '', ...last.cells.slice(index)],
    header: last.header,
    headerCells: last.headerCells.map((c) => (c >= index ? c + 1 : c)),
    errors: [...last.errors.slice(0, index), [], ...renumber(last.errors.slice(index), index + 1)],
    endsFlow: [...last.endsFlow.slice(0, index), false, ...last.endsFlow.slice(index)],
    // What an empty cell shows later cells: no declarations (readCellInterface of no statements).
    interfaces: [...last.interfaces.slice(0, index), new Map(), ...last.interfaces.slice(index)],
    // A cell removed where the new one goes stays before it: its names reach the new cell too.
    removed: last.removed.map((r) => (r.at > index ? { ...r, at: r.at + 1 } : r)),
  };
}

/** `last` without cell `index`, kept as a removed cell; undefined when it lies past the cells checked. */
export function withoutCell<T extends { cell: number }>(last: Checked<T>, index: number): Checked<T> | undefined {
  if (index >= last.cells.length) return undefined;
  const source = last.cells[index];
  const endsFlow = last.endsFlow[index];
  const shown = last.interfaces[index];
  // A cell with no statements (empty, or comments only) declares, assigns and runs nothing.
  const matters = endsFlow || cellSyntax(source).statements.length > 0;
  return {
    cells: [...last.cells.slice(0, index), ...last.cells.slice(index + 1)],
    header: last.header,
    // An import of the removed cell may now be hoisted from a later cell with the same import:
    // the header reads alike but its errors belong elsewhere, so it no longer matches (-1).
    headerCells: last.headerCells.map((c) => (c === index ? -1 : c > index ? c - 1 : c)),
    errors: [...last.errors.slice(0, index), ...renumber(last.errors.slice(index + 1), index)],
    endsFlow: [...last.endsFlow.slice(0, index), ...last.endsFlow.slice(index + 1)],
    interfaces: [...last.interfaces.slice(0, index), ...last.interfaces.slice(index + 1)],
    removed: [...last.removed.map((r) => (r.at > index ? { ...r, at: r.at - 1 } : r)), ...(matters ? [{ at: index, source, endsFlow, declared: shown && new Set(shown.keys()) }] : [])],
  };
}

/** The errors of consecutive cells from `first` on, carrying their new cell numbers. */
function renumber<T extends { cell: number }>(errors: readonly T[][], first: number): T[][] {
  return errors.map((list, i) => list.map((d) => ({ ...d, cell: first + i })));
}

/**
 * Re-checks only the cells an edit can affect. Types flow forward through a notebook (a cell sees
 * earlier cells, never later ones), so after an edit to cell k the errors of cells before k cannot
 * change; nor can those of a later cell that uses none of the names the edit touched, when nothing
 * upstream changes the flow of control (cellDependencies.ts). Those cells keep their errors, and
 * TypeScript checks only the others — through the region check tsserver itself uses for large files
 * (`getRegionSemanticDiagnostics`, present in the TypeScript this bundles, though not in its public
 * typings), one range per cell. With a syntax error in the program every cell from the first
 * changed one on is checked; whenever a region is not sure to be right — a new cell list, changed
 * imports (they are hoisted, so every cell sees them), or no region answer — the whole program is.
 */
import ts from 'typescript';
import { cellSyntax, touchedNames, uses } from './cellDependencies';

interface RegionAnswer {
  diagnostics: ts.Diagnostic[];
}
type RegionCapable = ts.LanguageService & {
  getRegionSemanticDiagnostics?(fileName: string, ranges: ts.TextRange[]): RegionAnswer | undefined;
};

export interface RegionInput<T> {
  service: ts.LanguageService;
  file: string;
  /** The sources of the cells the program holds, in order. */
  cells: readonly string[];
  /** Where each of those cells' text starts in the program. */
  cellStarts: readonly number[];
  /** The hoisted imports. */
  header: string;
  /**
   * The program has no syntax errors. With one, names are not trusted to tell what a cell can
   * see: every cell from the first changed one on is checked.
   */
  syntaxClean: boolean;
  /** Raw diagnostics to cell diagnostics. */
  convert(raw: readonly ts.Diagnostic[]): T[];
}

/** What the last check saw, per cell. */
interface Checked<T> {
  cells: readonly string[];
  header: string;
  errors: T[][];
  /** The cell calls something that never returns or asserts (so its end may be unreachable). */
  endsFlow: boolean[];
}

export class RegionCheck<T extends { cell: number }> {
  private last: Checked<T> | undefined;
  /** How many cells the last check looked at (reported for tests and measurements). */
  checkedCells = 0;

  /** All cells changed (a new cell list): the next check is a whole one. */
  resetAll(): void {
    this.last = undefined;
  }

  semantic(input: RegionInput<T>): T[] {
    const last = this.last;
    const whole = !last || last.header !== input.header || last.cells.length !== input.cells.length;
    const checked = whole ? undefined : this.checkChanged(input, last);
    const next = checked ?? this.checkAll(input);
    this.last = next;
    return next.errors.flat();
  }

  private checkAll(input: RegionInput<T>): Checked<T> {
    const all = input.cells.map((_, i) => i);
    const errors = group(input.convert(input.service.getSemanticDiagnostics(input.file)), input.cells.length);
    this.checkedCells = input.cells.length;
    return { cells: [...input.cells], header: input.header, errors, endsFlow: flowEnds(input, all) };
  }

  /** Checks the cells the change can affect; undefined when only a whole check will do. */
  private checkChanged(input: RegionInput<T>, last: Checked<T>): Checked<T> | undefined {
    const { cells } = input;
    const dirty = dirtyCells(cells, last, input.syntaxClean);
    const errors = [...last.errors];
    const endsFlow = [...last.endsFlow];
    let checked = 0;
    for (let pass = dirty; pass.length > 0; ) {
      const found = this.region(input, pass);
      if (!found) return undefined;
      for (const c of pass) errors[c] = found[c] ?? [];
      checked += pass.length;
      const ends = flowEnds(input, pass);
      pass.forEach((c, i) => (endsFlow[c] = ends[i]));
      // A cell that now ends the flow (a call that never returns) changes every cell after it.
      const first = pass.find((c, i) => ends[i] && !last.endsFlow[c]);
      const all = new Set(dirty);
      pass = first === undefined ? [] : range(first + 1, cells.length).filter((c) => !all.has(c));
      for (const c of pass) dirty.push(c);
    }
    this.checkedCells = checked;
    return { cells: [...cells], header: input.header, errors, endsFlow };
  }

  /** Region diagnostics of `which` cells, grouped by cell; undefined when TypeScript has no answer. */
  private region(input: RegionInput<T>, which: readonly number[]): T[][] | undefined {
    const ranges: ts.TextRange[] = [];
    let previous = -2;
    for (const c of [...which].sort((a, b) => a - b)) {
      if (cellSyntax(input.cells[c]).statements.length === 0) continue; // nothing to check in an empty cell
      const end = input.cellStarts[c] + input.cells[c].length;
      // Neighbouring cells make one range (the block glue between them holds nothing to check).
      if (c === previous + 1 && ranges.length > 0) ranges[ranges.length - 1].end = end;
      else ranges.push({ pos: input.cellStarts[c], end });
      previous = c;
    }
    if (ranges.length === 0) return [];
    const answer = (input.service as RegionCapable).getRegionSemanticDiagnostics?.(input.file, ranges);
    if (!answer) return undefined;
    const wanted = new Set(which);
    return group(input.convert(answer.diagnostics).filter((d) => wanted.has(d.cell)), input.cells.length);
  }
}

/** The cells to re-check: those whose text changed, and the later ones that can see the change. */
function dirtyCells<T>(cells: readonly string[], last: Checked<T>, prune: boolean): number[] {
  const dirty: number[] = [];
  const touched = new Set<string>();
  let everything = false;
  for (let c = 0; c < cells.length; c++) {
    if (cells[c] !== last.cells[c]) {
      const names = prune ? touchedNames(last.cells[c], cells[c]) : undefined;
      if (!names || last.endsFlow[c]) everything = true;
      else for (const n of names) touched.add(n);
    } else if (!everything && !(dirty.length > 0 && uses(cellSyntax(cells[c]).names, touched))) {
      continue;
    } else {
      const syntax = cellSyntax(cells[c]);
      if (syntax.flowSensitive || last.endsFlow[c]) everything = true;
      for (const n of syntax.names) touched.add(n);
    }
    dirty.push(c);
  }
  return dirty;
}

/**
 * For each of `which` cells: does a call in its own flow (not inside a function) resolve to a
 * signature that returns `never` or asserts? Such a call makes what follows unreachable, or narrows
 * it, by its type alone. Asked after the cells are checked, so the answers are already computed.
 */
function flowEnds<T>(input: RegionInput<T>, which: readonly number[]): boolean[] {
  const program = input.service.getProgram();
  const file = program?.getSourceFile(input.file);
  if (!program || !file) return which.map(() => true);
  const checker = program.getTypeChecker();
  const wanted = new Set(which);
  const ends = new Set<number>();
  const cellAt = (pos: number): number => {
    let lo = 0;
    let hi = input.cellStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (input.cellStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const from = Math.min(...which.map((c) => input.cellStarts[c]));
  const to = Math.max(...which.map((c) => input.cellStarts[c] + input.cells[c].length));
  const visit = (node: ts.Node): void => {
    if (node.end < from || node.pos > to) return; // outside the cells asked about
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isCallExpression(node)) {
      const cell = cellAt(node.getStart(file));
      if (wanted.has(cell) && !ends.has(cell) && endsFlow(checker, node)) ends.add(cell);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return which.map((c) => ends.has(c));
}

function endsFlow(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const signature = checker.getResolvedSignature(call);
  if (!signature) return false;
  if (checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Never) return true;
  const predicate = checker.getTypePredicateOfSignature(signature);
  return predicate !== undefined && (predicate.kind === ts.TypePredicateKind.AssertsThis || predicate.kind === ts.TypePredicateKind.AssertsIdentifier);
}

function group<T extends { cell: number }>(diagnostics: readonly T[], cells: number): T[][] {
  const out: T[][] = Array.from({ length: cells }, () => []);
  for (const d of diagnostics) if (d.cell < cells) out[d.cell].push(d);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Re-checks only the cells an edit can affect. Types flow forward through a notebook (a cell sees
 * earlier cells, never later ones), so after an edit to cell k the errors of cells before k cannot
 * change — except in a closure over a `let` whose assignments the edit added or removed (such a
 * closure sees the variable narrowed only when no assignment can reach it); nor can those of a
 * later cell that uses none of the names the edit touched, when nothing upstream changes the flow
 * of control (cellDependencies.ts). When the edited cell shows later cells only its declarations,
 * the names it touched are just those whose declared type changed (cellInterface.ts): the usual
 * edit of a cell's body then re-checks that cell alone. Cells not affected keep their errors, and
 * TypeScript checks only the others — through the region check tsserver itself uses for large files
 * (`getRegionSemanticDiagnostics`, present in the TypeScript this bundles, though not in its public
 * typings), one range per cell. With a syntax error in the program every cell from the first
 * changed one on is checked; whenever a region is not sure to be right — a new cell list, changed
 * imports (they are hoisted, so every cell sees them, and their errors land on the cell they are
 * hoisted from), or no region answer — the whole program is. A cell added or removed is an edit
 * like any other (checkedState.ts).
 */
import ts from 'typescript';
import { cellSyntax, reassignedNames, touchedNames, uses } from './cellDependencies';
import { cellShape, cellStatementLists, changedNames, readCellInterface, type CellInterface } from './cellInterface';
import { withEmptyCell, withoutCell, type Checked } from './checkedState';

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
  /** The cell each hoisted import came from. */
  headerCells: readonly number[];
  /**
   * The program has no syntax errors. With one, names are not trusted to tell what a cell can
   * see: every cell from the first changed one on is checked.
   */
  syntaxClean: boolean;
  /** Raw diagnostics to cell diagnostics. */
  convert(raw: readonly ts.Diagnostic[]): T[];
}

export class RegionCheck<T extends { cell: number; code: number }> {
  private last: Checked<T> | undefined;
  /** How many cells the last check looked at (reported for tests and measurements). */
  checkedCells = 0;

  /** All cells changed (a new cell list): the next check is a whole one. */
  resetAll(): void {
    this.last = undefined;
  }

  /** A cell was inserted at `index`, its text following as an edit of an empty cell (checkedState.ts). */
  insertCell(index: number): void {
    if (this.last) this.last = withEmptyCell(this.last, index) ?? this.last;
  }

  /** Cell `index` was removed: an edit of it to nothing, kept for the next check (checkedState.ts). */
  removeCell(index: number): void {
    if (this.last) this.last = withoutCell(this.last, index) ?? this.last;
  }

  semantic(input: RegionInput<T>): T[] {
    const last = this.last;
    const whole =
      !last ||
      last.header !== input.header ||
      last.headerCells.length !== input.headerCells.length ||
      last.headerCells.some((c, i) => c !== input.headerCells[i]) ||
      last.cells.length !== input.cells.length;
    const checked = whole ? undefined : this.checkChanged(input, last);
    const next = checked ?? this.checkAll(input);
    this.last = next;
    return next.errors.flat();
  }

  private checkAll(input: RegionInput<T>): Checked<T> {
    const all = input.cells.map((_, i) => i);
    const errors = group(input.convert(input.service.getSemanticDiagnostics(input.file)), input.cells.length);
    this.checkedCells = input.cells.length;
    const read = interfaces(input, all);
    return { ...base(input), errors, endsFlow: flowEnds(input, all), interfaces: all.map((c) => read.get(c)) };
  }

  /** Checks the cells the change can affect; undefined when only a whole check will do. */
  private checkChanged(input: RegionInput<T>, last: Checked<T>): Checked<T> | undefined {
    const { cells } = input;
    const errors = [...last.errors];
    const endsFlow = [...last.endsFlow];
    const seen = [...last.interfaces];
    const done = new Set<number>();
    const edited = cells.flatMap((source, c) => (source !== last.cells[c] ? [c] : []));
    const check = (which: readonly number[]): boolean => {
      const found = this.region(input, which);
      if (!found) return false;
      const ends = flowEnds(input, which);
      // Only the edited cells' interfaces are read again, for their next edit. A later cell
      // re-checked because of them forgets its own (reading 25 cells' types costs ~5 ms): its next
      // edit is followed by every name it touches, once.
      const read = interfaces(input, which.filter((c) => edited.includes(c)));
      which.forEach((c, i) => {
        errors[c] = found[c] ?? [];
        endsFlow[c] = ends[i];
        seen[c] = read.get(c);
        done.add(c);
      });
      return true;
    };
    // Edited cells that show later cells only their declarations are checked first: the later
    // cells then follow only the names whose type changed (cellInterface.ts). Types declared in
    // a cell removed since are not told apart by their printed names either.
    let narrowed: Map<number, Set<string>> | undefined;
    const comparable =
      input.syntaxClean &&
      !last.removed.some((r) => cellShape(r.source).declaresTypes) &&
      edited.length > 0 &&
      edited.every((c) => last.interfaces[c] && !last.endsFlow[c] && showsDeclarationsOnly(cells[c])) &&
      !cells.slice(0, Math.max(...edited)).some((source) => cellShape(source).declaresTypes);
    if (comparable) {
      if (!check(edited)) return undefined;
      narrowed = new Map();
      for (const c of edited) {
        const before = last.interfaces[c];
        const after = seen[c];
        // Now calling something that never returns: every later cell, below.
        if (!before || !after || endsFlow[c]) narrowed = undefined;
        else narrowed?.set(c, changedNames(before, after));
      }
    }
    const dirty = dirtyCells(cells, last, input.syntaxClean, narrowed);
    for (let pass = dirty.filter((c) => !done.has(c)); ; ) {
      if (pass.length > 0 && !check(pass)) return undefined;
      // A cell that now ends the flow (a call that never returns) changes every cell after it.
      const first = [...done].sort((a, b) => a - b).find((c) => endsFlow[c] && !last.endsFlow[c]);
      pass = first === undefined ? [] : range(first + 1, cells.length).filter((c) => !done.has(c));
      if (pass.length === 0) break;
    }
    this.checkedCells = done.size;
    return { ...base(input), errors, endsFlow, interfaces: seen };
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

/**
 * The cells to re-check: those whose text changed, the later ones that can see the change, and any
 * naming a variable the edit starts or stops assigning. A cell removed since the last check is an
 * edit of it to nothing with no cell left to check (checkedState.ts). `narrowed`: for edited cells
 * whose interface was compared, the names that changed.
 */
function dirtyCells<T extends { code: number }>(cells: readonly string[], last: Checked<T>, prune: boolean, narrowed?: ReadonlyMap<number, ReadonlySet<string>>): number[] {
  const dirty: number[] = [];
  const touched = new Set<string>();
  // An assignment added or removed anywhere changes how closures in any cell, earlier ones too,
  // see a `let` of that name (narrowed or not): those cells are checked as if edited.
  const reassigned = new Set<string>();
  for (let c = 0; c < cells.length; c++) if (cells[c] !== last.cells[c]) for (const n of reassignedNames(last.cells[c], cells[c])) reassigned.add(n);
  for (const r of last.removed) for (const n of reassignedNames(r.source, '')) reassigned.add(n);
  let everything = false;
  let removedBefore = false;
  const removeAt = (c: number): void => {
    for (const r of last.removed) {
      if (r.at !== c) continue;
      removedBefore = true;
      // Syntax errors: names are not trusted (see RegionInput.syntaxClean).
      const names = prune ? (r.declared ?? touchedNames(r.source, '')) : undefined;
      if (!names || r.endsFlow) everything = true;
      else for (const n of names) touched.add(n);
    }
  };
  for (let c = 0; c < cells.length; c++) {
    removeAt(c);
    const changedBefore = dirty.length > 0 || removedBefore;
    if (cells[c] !== last.cells[c]) {
      const names = narrowed?.get(c) ?? (prune ? touchedNames(last.cells[c], cells[c]) : undefined);
      if (!names || last.endsFlow[c]) everything = true;
      else for (const n of names) touched.add(n);
    } else if (!everything && !uses(cellSyntax(cells[c]).names, reassigned) && !(changedBefore && (uses(cellSyntax(cells[c]).names, touched) || guessesNames(last.errors[c])))) {
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
  const program = programOf(input);
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

/**
 * "Cannot find name 'x'" and its "Did you mean 'y'?" variants: what TypeScript suggests comes from
 * every name in scope, mentioned by the cell or not, so any edit before the cell can change it.
 */
const UNRESOLVED_NAME = new Set([2304, 2311, 2503, 2552, 2570, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593, 2662, 2663, 2833, 2867, 2868]);

function guessesNames(errors: readonly { code: number }[]): boolean {
  return errors.some((e) => UNRESOLVED_NAME.has(e.code));
}

/** Later cells see the cell only through its declarations: no flow change, no assignment. */
function showsDeclarationsOnly(source: string): boolean {
  return cellShape(source).declarationsOnly && !cellSyntax(source).flowSensitive;
}

/** The interfaces of `which` cells, but for those that show later cells more than declarations. */
function interfaces<T>(input: RegionInput<T>, which: readonly number[]): Map<number, CellInterface> {
  const read = new Map<number, CellInterface>();
  const program = programOf(input);
  const file = program?.getSourceFile(input.file);
  if (!program || !file || !input.syntaxClean || which.length === 0) return read;
  const checker = program.getTypeChecker();
  const statements = cellStatementLists(file, input.cellStarts);
  for (const c of which) {
    if (statements[c] && showsDeclarationsOnly(input.cells[c])) read.set(c, readCellInterface(checker, statements[c]));
  }
  return read;
}

/**
 * The program a check's answers came from, asked for once per check: each getProgram() call makes
 * the service compare every file's version with its host's again (~1 ms over ~735 files).
 */
const programs = new WeakMap<object, ts.Program | undefined>();
function programOf<T>(input: RegionInput<T>): ts.Program | undefined {
  if (!programs.has(input)) programs.set(input, input.service.getProgram());
  return programs.get(input);
}

/** What a check records of its input, whatever it checked. */
function base<T>(input: RegionInput<T>): Pick<Checked<T>, 'cells' | 'header' | 'headerCells' | 'removed'> {
  return { cells: [...input.cells], header: input.header, headerCells: [...input.headerCells], removed: [] };
}

function group<T extends { cell: number }>(diagnostics: readonly T[], cells: number): T[][] {
  const out: T[][] = Array.from({ length: cells }, () => []);
  for (const d of diagnostics) if (d.cell < cells) out[d.cell].push(d);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

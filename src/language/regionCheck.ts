/**
 * Re-checks only the cells an edit can affect. Types flow forward through a notebook (a cell sees
 * earlier cells, never later ones), so after an edit to cell k the type errors of cells before k
 * cannot change: they are kept, and TypeScript checks only the program text from cell k on —
 * through the region check tsserver itself uses for large files (`getRegionSemanticDiagnostics`,
 * present in the TypeScript this bundles, though not in its public typings). Whenever that is not
 * sure to be right — a new cell list, changed imports (they are hoisted, so every cell sees them),
 * or no region answer — the whole program is checked.
 */
import type ts from 'typescript';

interface RegionAnswer {
  diagnostics: ts.Diagnostic[];
}
type RegionCapable = ts.LanguageService & {
  getRegionSemanticDiagnostics?(fileName: string, ranges: ts.TextRange[]): RegionAnswer | undefined;
};

export class RegionCheck<T extends { cell: number }> {
  /** The first cell changed since the last check; 0 means check everything. */
  private dirtyFrom = 0;
  private lastHeader: string | undefined;
  private kept: T[] = [];

  /** All cells changed (a new cell list). */
  resetAll(): void {
    this.dirtyFrom = 0;
  }

  cellChanged(cell: number): void {
    this.dirtyFrom = Math.min(this.dirtyFrom, cell);
  }

  /**
   * The semantic errors of the program: `regionStart` is the virtual offset where the first dirty
   * cell begins (undefined when unknown), `header` the hoisted imports, `convert` maps raw
   * diagnostics to cell diagnostics.
   */
  semantic(service: ts.LanguageService, file: string, text: string, header: string, regionStart: (cell: number) => number | undefined, convert: (raw: readonly ts.Diagnostic[]) => T[]): T[] {
    const from = this.dirtyFrom;
    const start = from > 0 && header === this.lastHeader ? regionStart(from) : undefined;
    const region = start !== undefined ? (service as RegionCapable).getRegionSemanticDiagnostics?.(file, [{ pos: start, end: text.length }]) : undefined;
    let result: T[];
    if (region) {
      result = [...this.kept.filter((d) => d.cell < from), ...convert(region.diagnostics).filter((d) => d.cell >= from)];
    } else {
      result = convert(service.getSemanticDiagnostics(file));
    }
    this.kept = result;
    this.lastHeader = header;
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    return result;
  }
}

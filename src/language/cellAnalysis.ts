/**
 * What the virtual document needs to know about one cell, read from the cell's own parse tree:
 * its top-level imports (which must move to the top of the program, since a block cannot hold
 * them) and its top-level `var` keywords (rewritten to `let` so a re-run cell's `var x: string`
 * shadows an earlier `var x: number` instead of clashing, as it does in the kernel).
 */
import ts from 'typescript';
import { cachedByText } from './textCache';

export interface CellImport {
  start: number;
  end: number;
  /** The statement's text without comments: two cells importing the same thing share one import. */
  key: string;
}

export interface CellAnalysis {
  imports: CellImport[];
  /** Offsets of `var` keywords of top-level variable statements. */
  varKeywords: number[];
  /** Ranges of `export` keywords (and `export { … }` lists), which the kernel drops. */
  exports: { start: number; end: number }[];
  /**
   * The cell does not close what it opens (`foo(`, `if (a) {`, an extra `}`, an open comment):
   * in the joined program it would swallow or break the cells after it, which the kernel — running
   * each cell on its own — never does.
   */
  leaks: boolean;
}

/** Analyses a cell's source; results are cached by text, so unchanged cells cost nothing. */
export const analyzeCell: (source: string) => CellAnalysis = cachedByText(analyze);

function analyze(source: string): CellAnalysis {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports: CellImport[] = [];
  const varKeywords: number[] = [];
  const exports: { start: number; end: number }[] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier) {
      exports.push({ start: statement.getStart(file), end: statement.end });
      continue;
    }
    const exportKeyword = ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword) : undefined;
    if (exportKeyword) exports.push({ start: exportKeyword.getStart(file), end: exportKeyword.end });
    if (ts.isImportDeclaration(statement) || (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference))) {
      const start = statement.getStart(file);
      imports.push({ start, end: statement.end, key: statement.getText(file).replace(/\s+/g, ' ').replace(/;$/, '') });
    } else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0) {
      const keyword = statement.declarationList.getStart(file);
      if (source.startsWith('var', keyword)) varKeywords.push(keyword);
    }
  }
  return { imports, varKeywords, exports, leaks: leaksIntoNextCell(source, [...imports, ...exports]) };
}

const CELL_END_PROBE = '__fitlabCellEnd__';

/**
 * Parses the cell as it sits in the program — inside its block, followed by the next cell's block
 * (here holding only a probe) — and checks that the probe is still a statement of its own block.
 */
function leaksIntoNextCell(source: string, removed: { start: number; end: number }[]): boolean {
  let body = source;
  for (const r of removed) body = body.slice(0, r.start) + ' '.repeat(r.end - r.start) + body.slice(r.end);
  const probe = ts.createSourceFile('probe.ts', `{\n${body}\n{\n${CELL_END_PROBE};\n}}\n`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  if (probe.statements.length !== 1) return true;
  const cellBlock = probe.statements[0];
  if (!ts.isBlock(cellBlock)) return true;
  const next = cellBlock.statements[cellBlock.statements.length - 1];
  if (next === undefined || !ts.isBlock(next) || next.statements.length !== 1) return true;
  const statement = next.statements[0];
  return !(ts.isExpressionStatement(statement) && ts.isIdentifier(statement.expression) && statement.expression.text === CELL_END_PROBE);
}

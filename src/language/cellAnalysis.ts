/**
 * What the virtual document needs to know about one cell, read from the cell's own parse tree:
 * its top-level imports (which must move to the top of the program, since a block cannot hold
 * them) and its top-level `var` keywords (rewritten to `let` so a re-run cell's `var x: string`
 * shadows an earlier `var x: number` instead of clashing, as it does in the kernel).
 */
import ts from 'typescript';

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
}

const cache = new Map<string, CellAnalysis>();
const CACHE_LIMIT = 2000;

/** Analyses a cell's source; results are cached by text, so unchanged cells cost nothing. */
export function analyzeCell(source: string): CellAnalysis {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = analyze(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, result);
  return result;
}

function analyze(source: string): CellAnalysis {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports: CellImport[] = [];
  const varKeywords: number[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference))) {
      const start = statement.getStart(file);
      imports.push({ start, end: statement.end, key: statement.getText(file).replace(/\s+/g, ' ').replace(/;$/, '') });
    } else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0) {
      const keyword = statement.declarationList.getStart(file);
      if (source.startsWith('var', keyword)) varKeywords.push(keyword);
    }
  }
  return { imports, varKeywords };
}

// The built-in TypeScript server plugin: silent in Fitlab notebook cells, untouched elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { isFitlabNotebookCell, silenceNotebookCells } from '../../src/language/tsserverPlugin';

const cellFile = '^/vscode-notebook-cell/ts-nul-authority/work/demo.tfnb#W1sZmlsZQ==';
const files: Record<string, string> = {
  [cellFile]: 'model.fit(xs, ys);\nmodel.',
  // The same cell text as an ordinary file: what the built-in server says without the plugin.
  '/work/cell-as-file.ts': 'model.fit(xs, ys);\nmodel.',
  '/work/plain.ts': "const x: number = 'a';",
};

function service(): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ noLib: true, target: ts.ScriptTarget.ES2022 }),
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (f in files ? ts.ScriptSnapshot.fromString(files[f]) : undefined),
    getCurrentDirectory: () => '/work',
    getDefaultLibFileName: () => '/lib.d.ts',
    fileExists: (f) => f in files,
    readFile: (f) => files[f],
  };
  return ts.createLanguageService(host);
}

test('cells of .tfnb and .ipynb notebooks are recognised by their tsserver path; files and other notebooks are not', () => {
  assert.ok(isFitlabNotebookCell(cellFile));
  assert.ok(isFitlabNotebookCell('^/vscode-notebook-cell/ts-nul-authority/c:/nb/Train.IPYNB#W2sZmlsZQ=='));
  assert.ok(!isFitlabNotebookCell('/work/demo.tfnb.ts'));
  assert.ok(!isFitlabNotebookCell('^/untitled/ts-nul-authority/Untitled-1'));
  assert.ok(!isFitlabNotebookCell('^/vscode-notebook-cell/ts-nul-authority/work/other.nb#W0'));
});

test('the built-in server reports nothing in a notebook cell (no "Cannot find name" next to Fitlab\'s checker)', () => {
  const raw = service();
  assert.ok(raw.getSemanticDiagnostics('/work/cell-as-file.ts').some((d) => d.code === 2304), 'checked alone, the cell gets Cannot find name');
  const silent = silenceNotebookCells(service());
  assert.deepEqual(silent.getSemanticDiagnostics(cellFile), []);
  assert.deepEqual(silent.getSyntacticDiagnostics(cellFile), []);
  assert.deepEqual(silent.getSuggestionDiagnostics(cellFile), []);
  assert.equal(silent.getQuickInfoAtPosition(cellFile, 1), undefined);
  assert.equal(silent.getCompletionsAtPosition(cellFile, files[cellFile].length, undefined), undefined);
});

test('ordinary files keep every answer of the built-in server', () => {
  const silent = silenceNotebookCells(service());
  assert.deepEqual(silent.getSemanticDiagnostics('/work/plain.ts').map((d) => d.code), [2322]);
  assert.match(ts.displayPartsToString(silent.getQuickInfoAtPosition('/work/plain.ts', 6)?.displayParts), /const x: number/);
});

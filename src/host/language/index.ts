/**
 * TypeScript features for notebook cells that know the whole notebook (issue 8) — registered for
 * TypeScript cells of Fitlab (.tfnb) and Jupyter (.ipynb) notebooks.
 */
import * as vscode from 'vscode';
import { CellDiagnostics } from './cellDiagnostics';
import { LANGUAGE_NOTEBOOK_TYPES, NotebookServices, isCheckedNotebook } from './notebookServices';
import { completionProvider, definitionProvider, hoverProvider, signatureHelpProvider } from './providers';

export function registerLanguageFeatures(_context: vscode.ExtensionContext): vscode.Disposable {
  const services = new NotebookServices();
  const diagnostics = new CellDiagnostics(services);
  const selector: vscode.DocumentFilter[] = LANGUAGE_NOTEBOOK_TYPES.map((notebookType) => ({ notebookType, language: 'typescript' }));

  const notebookOf = (document: vscode.TextDocument) =>
    document.uri.scheme === 'vscode-notebook-cell'
      ? vscode.workspace.notebookDocuments.find((nb) => isCheckedNotebook(nb) && nb.getCells().some((c) => c.document === document))
      : undefined;

  const disposables: vscode.Disposable[] = [
    services,
    diagnostics,
    vscode.languages.registerCompletionItemProvider(selector, completionProvider(services), '.', '"', "'", '/', '@'),
    vscode.languages.registerHoverProvider(selector, hoverProvider(services)),
    vscode.languages.registerSignatureHelpProvider(selector, signatureHelpProvider(services), '(', ','),
    vscode.languages.registerDefinitionProvider(selector, definitionProvider(services)),
    vscode.workspace.onDidOpenNotebookDocument((nb) => diagnostics.schedule(nb, 0)),
    // Cells added, removed or moved change the program; output and metadata updates (several a second
    // while a fit streams) do not, and re-checking on them starves the extension host. Cell text
    // edits arrive through onDidChangeTextDocument below.
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.contentChanges.length > 0) diagnostics.schedule(e.notebook);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const nb = notebookOf(e.document);
      if (nb) diagnostics.schedule(nb);
    }),
    vscode.workspace.onDidCloseNotebookDocument((nb) => {
      diagnostics.clear(nb);
      services.close(nb);
    }),
  ];
  for (const nb of vscode.workspace.notebookDocuments) diagnostics.schedule(nb, 0);
  return vscode.Disposable.from(...disposables);
}

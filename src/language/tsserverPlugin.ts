/**
 * A plugin for VS Code's built-in TypeScript server (contributed as `typescriptServerPlugins`).
 *
 * Why: VS Code's TypeScript extension opens every `typescript` document, notebook cells included
 * (the 'vscode-notebook-cell' scheme is one of its semantic schemes), and checks each cell as a
 * file of its own — so it reports "Cannot find name 'model'" for a name an earlier cell declared
 * and hovers `tf` as `any`, contradicting Fitlab's checker, which knows the whole notebook.
 * For the cells of .tfnb and .ipynb notebooks this plugin makes the built-in server stay silent
 * (no diagnostics, hovers, completions, signatures or definitions); Fitlab's providers answer
 * instead. Every other file is untouched.
 *
 * tsserver names a cell `^/vscode-notebook-cell/<authority>/<notebook path>#<cell fragment>`.
 */
import type ts from 'typescript';

const NOTEBOOK_CELL = /^\^\/vscode-notebook-cell\/[^/]+\/.*\.(tfnb|ipynb)(#|$)/i;

export function isFitlabNotebookCell(fileName: string): boolean {
  return NOTEBOOK_CELL.test(fileName);
}

/** Wraps a language service so it answers nothing for notebook cells Fitlab checks. */
export function silenceNotebookCells(service: ts.LanguageService): ts.LanguageService {
  const silent = Object.create(null) as ts.LanguageService;
  for (const key of Object.keys(service) as (keyof ts.LanguageService)[]) {
    const original = service[key];
    // Methods are copied bound; the ones below are then replaced.
    (silent as unknown as Record<string, unknown>)[key] = typeof original === 'function' ? (original as (...a: unknown[]) => unknown).bind(service) : original;
  }
  const unless = <A extends unknown[], R>(method: (fileName: string, ...rest: A) => R, quiet: R) =>
    (fileName: string, ...rest: A): R => (isFitlabNotebookCell(fileName) ? quiet : method.call(service, fileName, ...rest));
  silent.getSyntacticDiagnostics = unless(service.getSyntacticDiagnostics, []);
  silent.getSemanticDiagnostics = unless(service.getSemanticDiagnostics, []);
  silent.getSuggestionDiagnostics = unless(service.getSuggestionDiagnostics, []);
  silent.getQuickInfoAtPosition = unless(service.getQuickInfoAtPosition, undefined);
  silent.getCompletionsAtPosition = unless(service.getCompletionsAtPosition, undefined);
  silent.getSignatureHelpItems = unless(service.getSignatureHelpItems, undefined);
  silent.getDefinitionAtPosition = unless(service.getDefinitionAtPosition, undefined);
  silent.getDefinitionAndBoundSpan = unless(service.getDefinitionAndBoundSpan, undefined);
  return silent;
}

/** The tsserver plugin entry: `module.exports = init` in the bundled plugin. */
export function init(): ts.server.PluginModule {
  return {
    create(info: ts.server.PluginCreateInfo): ts.LanguageService {
      info.project.projectService.logger.info('fitlab: built-in TypeScript stays silent in .tfnb/.ipynb notebook cells (Fitlab checks them)');
      return silenceNotebookCells(info.languageService);
    },
  };
}

/**
 * Quick fixes for Fitlab's diagnostics in notebook cells: the pure edits of
 * src/diagnostics/code/quickFixes applied as WorkspaceEdits. Layer fixes for an overfitting fit
 * whose model is built in an earlier cell edit that cell.
 */
import * as vscode from 'vscode';
import { layerCalls, parseCell } from '../../diagnostics/code/ast';
import { quickFixes, type QuickFix } from '../../diagnostics/code/quickFixes';
import type { FindingId } from '../../protocol/findings';
import { DIAGNOSTIC_SOURCE, toCodeRange, toTextEdit } from './convert';
import { cellOfDocument, isTypeScriptCell } from './notebookCells';

/**
 * Run after a Fitlab quick fix's edit is applied. It does nothing itself: the walkthrough's
 * "Apply the L2 quick fix" step completes on it (`onCommand:`).
 */
export const QUICK_FIX_APPLIED = 'fitlab.quickFixApplied';

export class FitlabQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string')
      .flatMap((diagnostic) => {
        const subject = { id: diagnostic.code as FindingId, range: toCodeRange(diagnostic.range) };
        const here = quickFixes(document.getText(), subject).map((fix) => toAction(fix, document.uri, diagnostic));
        return subject.id === 'overfitting' ? [...here, ...modelCellFixes(document, diagnostic)] : here;
      });
  }
}

function toAction(fix: QuickFix, uri: vscode.Uri, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred ?? false;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.set(uri, fix.edits.map(toTextEdit));
  action.command = { command: QUICK_FIX_APPLIED, title: fix.title };
  return action;
}

/** The fit cell builds no Dense layers: offer the layer fixes in the nearest cell above that does. */
function modelCellFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const cell = cellOfDocument(document);
  if (!cell || layerCalls(parseCell(document.getText()), 'dense').length > 0) return [];
  const above = cell.notebook.getCells().slice(0, cell.index).reverse().find((c) => isTypeScriptCell(c) && layerCalls(parseCell(c.document.getText()), 'dense').length > 0);
  if (!above) return [];
  return quickFixes(above.document.getText(), { id: 'overfitting' })
    .filter((fix) => /L2|Dropout/.test(fix.title))
    .map((fix) => toAction({ ...fix, title: `${fix.title} (cell ${above.index + 1})`, preferred: false }, above.document.uri, diagnostic));
}

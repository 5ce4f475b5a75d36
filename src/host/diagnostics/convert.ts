/** Between the diagnostics' 1-based code ranges and severities and VS Code's. */
import * as vscode from 'vscode';
import type { CodeRange } from '../../diagnostics/code/ast';
import type { TextEdit } from '../../diagnostics/code/quickFixes';
import type { Severity } from '../../protocol/findings';

export const DIAGNOSTIC_SOURCE = 'Fitlab';

export function toVscodeRange(range: CodeRange): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

export function toCodeRange(range: vscode.Range): CodeRange {
  return { start: { line: range.start.line + 1, column: range.start.character + 1 }, end: { line: range.end.line + 1, column: range.end.character + 1 } };
}

export function toVscodeSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return severity === 'error' ? vscode.DiagnosticSeverity.Error : severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

export function toTextEdit(edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toVscodeRange(edit), edit.newText);
}

/** A diagnostic Fitlab made: its source is Fitlab and its code the finding id. */
export function makeDiagnostic(range: CodeRange, severity: Severity, id: string, message: string, actions: readonly string[]): vscode.Diagnostic {
  // The message's first line is what lists show; the recommended actions follow for the hover.
  const text = actions.length ? `${message}\n${actions.map((a, i) => `${i + 1}. ${a}`).join('\n')}` : message;
  const diagnostic = new vscode.Diagnostic(toVscodeRange(range), text, toVscodeSeverity(severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = id;
  return diagnostic;
}

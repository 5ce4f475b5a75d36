/**
 * The `.tfnb` notebook type: VS Code's NotebookData <-> the plain NotebookDocument of
 * src/notebook-format. Parsing errors are thrown as they come (one line naming the file and
 * field); VS Code then shows them instead of opening the editor, and never writes the file.
 */
import * as vscode from 'vscode';
import { parseTfnb, serializeTfnb, type NotebookCell, type NotebookDocument } from '../../notebook-format';
import type { JsonObject } from '../../protocol/json';
import { readFitlabMetadata, withFitlabMetadata } from './fitlabMetadata';
import { fromCellOutput, toCellOutput } from './outputs';

export const FITLAB_NOTEBOOK_TYPE = 'fitlab-notebook';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TfnbSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    return toNotebookData(parseTfnb(decoder.decode(content), fileBeingOpened()));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encoder.encode(serializeTfnb(fromNotebookData(data)));
  }
}

export function toNotebookData(doc: NotebookDocument): vscode.NotebookData {
  const data = new vscode.NotebookData(doc.cells.map(toCellData));
  data.metadata = withFitlabMetadata(doc.metadata, doc.fitlab);
  return data;
}

export function fromNotebookData(data: vscode.NotebookData): NotebookDocument {
  const { fitlab } = readFitlabMetadata(data.metadata);
  const { fitlab: _fitlab, ...metadata } = (data.metadata ?? {}) as Record<string, unknown>;
  return { format: 'tfnb', cells: data.cells.map(fromCellData), fitlab, metadata: metadata as JsonObject };
}

function toCellData(cell: NotebookCell): vscode.NotebookCellData {
  const kind = cell.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
  const data = new vscode.NotebookCellData(kind, cell.source, cell.language);
  data.outputs = cell.outputs.map(toCellOutput);
  if (cell.execution) data.executionSummary = { executionOrder: cell.execution.order, success: cell.execution.success };
  if (cell.metadata) data.metadata = { ...cell.metadata };
  return data;
}

function fromCellData(data: vscode.NotebookCellData): NotebookCell {
  const code = data.kind === vscode.NotebookCellKind.Code;
  const cell: NotebookCell = { kind: code ? 'code' : 'markdown', language: data.languageId, source: data.value, outputs: (data.outputs ?? []).map(fromCellOutput) };
  const summary = data.executionSummary;
  if (code && summary && (summary.executionOrder !== undefined || summary.success !== undefined)) {
    cell.execution = {};
    if (summary.executionOrder !== undefined) cell.execution.order = summary.executionOrder;
    if (summary.success !== undefined) cell.execution.success = summary.success;
  }
  if (data.metadata && Object.keys(data.metadata).length > 0) cell.metadata = data.metadata as JsonObject;
  return cell;
}

/**
 * VS Code does not tell a serializer which file it reads. The editor tab is created before the
 * document, so a .tfnb tab without an open document is the file being opened; its name goes into
 * error messages. Falls back to a generic name when that is ambiguous.
 */
function fileBeingOpened(): string {
  const open = new Set(vscode.workspace.notebookDocuments.map((d) => d.uri.toString()));
  const candidates = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => tab.input)
    .filter((input): input is vscode.TabInputNotebook => input instanceof vscode.TabInputNotebook && input.notebookType === FITLAB_NOTEBOOK_TYPE)
    .filter((input) => !open.has(input.uri.toString()));
  return candidates.length === 1 ? vscode.workspace.asRelativePath(candidates[0].uri) : 'the .tfnb file';
}

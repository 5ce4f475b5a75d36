/**
 * DisplayItem (Fitlab's plain-JSON output item) <-> vscode.NotebookCellOutputItem, both ways, so
 * outputs survive the round trip editor -> .tfnb file -> editor unchanged.
 */
import * as vscode from 'vscode';
import { ERROR_MIME, type DisplayItem } from '../../protocol/display';
import type { JsonObject, JsonValue } from '../../protocol/json';
import { STDERR_MIME, STDOUT_MIME, type CellOutput } from '../../notebook-format/types';
import { isJsonMime } from './mimes';

const decoder = new TextDecoder();

export function toOutputItem(item: DisplayItem): vscode.NotebookCellOutputItem {
  const text = typeof item.value === 'string' ? item.value : JSON.stringify(item.value);
  if (item.mime === STDOUT_MIME) return vscode.NotebookCellOutputItem.stdout(text);
  if (item.mime === STDERR_MIME) return vscode.NotebookCellOutputItem.stderr(text);
  if (item.mime === ERROR_MIME) {
    const error = typeof item.value === 'object' && item.value !== null && !Array.isArray(item.value) ? item.value : {};
    return vscode.NotebookCellOutputItem.error({
      name: String(error.name ?? 'Error'),
      message: String(error.message ?? text),
      stack: typeof error.stack === 'string' ? error.stack : undefined,
    });
  }
  if (isJsonMime(item.mime)) return vscode.NotebookCellOutputItem.json(item.value, item.mime);
  return vscode.NotebookCellOutputItem.text(text, item.mime);
}

export function fromOutputItem(item: vscode.NotebookCellOutputItem): DisplayItem {
  const text = decoder.decode(item.data);
  if (isJsonMime(item.mime)) {
    try {
      return { mime: item.mime, value: JSON.parse(text) as JsonValue };
    } catch {
      // Not JSON after all (another extension's output): keep the text rather than lose it.
      return { mime: item.mime, value: text };
    }
  }
  return { mime: item.mime, value: text };
}

export function toCellOutput(output: CellOutput): vscode.NotebookCellOutput {
  const metadata: Record<string, unknown> = { ...(output.metadata ?? {}) };
  if (output.result) metadata.fitlabResult = true;
  return new vscode.NotebookCellOutput(output.items.map(toOutputItem), metadata);
}

export function fromCellOutput(output: vscode.NotebookCellOutput): CellOutput {
  const { fitlabResult, ...rest } = (output.metadata ?? {}) as Record<string, unknown>;
  const result: CellOutput = { items: output.items.map(fromOutputItem) };
  if (fitlabResult === true) result.result = true;
  if (Object.keys(rest).length > 0) result.metadata = rest as JsonObject;
  return result;
}

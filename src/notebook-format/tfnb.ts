/**
 * The .tfnb file: Fitlab's own notebook format (see types.ts for its shape). Written as stable,
 * 1-space indented JSON with each cell's source as an array of lines, so a diff shows the lines that
 * changed; read with one-line errors naming the file and the field.
 */
import type { DisplayItem } from '../protocol/display';
import type { JsonObject, JsonValue } from '../protocol/json';
import { FieldPath } from './fieldPath';
import { emptyFitlabMetadata, fitlabMetadataJson, readFitlabMetadata } from './fitlabMetadata';
import { parseJsonText } from './jsonText';
import type { CellOutput, NotebookCell, NotebookDocument } from './types';

/** The format version this code reads and writes (the top-level "fitlab" field). */
export const TFNB_VERSION = 1;

export function emptyTfnb(): NotebookDocument {
  return { format: 'tfnb', cells: [], fitlab: emptyFitlabMetadata(), metadata: {} };
}

export function parseTfnb(text: string, file: string): NotebookDocument {
  // VS Code creates a new notebook as an empty file.
  if (text.trim() === '') return emptyTfnb();
  const root = new FieldPath(file);
  const top = root.object(parseJsonText(text, file));
  if (top.nbformat !== undefined && top.fitlab === undefined) root.fail('is a Jupyter notebook (it has "nbformat"): give it the .ipynb extension');
  readVersion(top.fitlab, root.at('fitlab'));
  const metadata = { ...(root.at('metadata').optionalObject(top.metadata) ?? {}) };
  const fitlab = readFitlabMetadata(metadata.fitlab, root.at('metadata').at('fitlab'));
  delete metadata.fitlab;
  const cellsWhere = root.at('cells');
  const cells = cellsWhere.array(top.cells).map((cell, i) => readCell(cell, cellsWhere.at(i)));
  return { format: 'tfnb', cells, fitlab, metadata };
}

export function serializeTfnb(doc: NotebookDocument): string {
  const file = {
    fitlab: TFNB_VERSION,
    metadata: { ...doc.metadata, fitlab: fitlabMetadataJson(doc.fitlab) },
    cells: doc.cells.map(writeCell),
  };
  return JSON.stringify(file, null, 1) + '\n';
}

function readVersion(value: JsonValue | undefined, where: FieldPath): void {
  // A hand-written file may leave the version out; it then reads as the current one.
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) where.fail(`must be the format version ${TFNB_VERSION}`);
  if (value > TFNB_VERSION) where.fail(`is ${value}: the file was written by a newer Fitlab (this one reads format ${TFNB_VERSION})`);
}

function readCell(value: JsonValue, where: FieldPath): NotebookCell {
  const raw = where.object(value);
  const kind = raw.kind === 'code' || raw.kind === 'markdown' ? raw.kind : where.at('kind').fail('must be "code" or "markdown"');
  const language = raw.language === undefined ? (kind === 'code' ? 'typescript' : 'markdown') : where.at('language').string(raw.language);
  const source = where.at('source').stringArray(raw.source).join('\n');
  const outputsWhere = where.at('outputs');
  const outputs = raw.outputs === undefined ? [] : outputsWhere.array(raw.outputs).map((o, i) => readOutput(o, outputsWhere.at(i)));
  const cell: NotebookCell = { kind, language, source, outputs };
  if (raw.execution !== undefined) cell.execution = readExecution(raw.execution, where.at('execution'));
  if (raw.metadata !== undefined) cell.metadata = where.at('metadata').object(raw.metadata);
  if (raw.id !== undefined) cell.id = where.at('id').string(raw.id);
  if (raw.attachments !== undefined) cell.attachments = where.at('attachments').object(raw.attachments);
  return cell;
}

function readExecution(value: JsonValue, where: FieldPath): NonNullable<NotebookCell['execution']> {
  const raw = where.object(value);
  const execution: NonNullable<NotebookCell['execution']> = {};
  if (raw.order !== undefined && raw.order !== null) {
    execution.order = typeof raw.order === 'number' ? raw.order : where.at('order').fail('must be a number');
  }
  if (raw.success !== undefined && raw.success !== null) {
    execution.success = typeof raw.success === 'boolean' ? raw.success : where.at('success').fail('must be true or false');
  }
  return execution;
}

function readOutput(value: JsonValue, where: FieldPath): CellOutput {
  const raw = where.object(value);
  const itemsWhere = where.at('items');
  const items = itemsWhere.array(raw.items).map((item, i) => readItem(item, itemsWhere.at(i)));
  const output: CellOutput = { items };
  if (raw.result === true) output.result = true;
  if (raw.metadata !== undefined) output.metadata = where.at('metadata').object(raw.metadata);
  return output;
}

function readItem(value: JsonValue, where: FieldPath): DisplayItem {
  const raw = where.object(value);
  const mime = where.at('mime').string(raw.mime);
  if (!('value' in raw)) where.at('value').fail('is missing');
  return { mime, value: raw.value };
}

function writeCell(cell: NotebookCell): JsonObject {
  const out: JsonObject = { kind: cell.kind, language: cell.language, source: sourceLines(cell.source) };
  if (cell.kind === 'code' || cell.outputs.length > 0) out.outputs = cell.outputs.map(writeOutput);
  if (cell.execution) out.execution = { ...cell.execution };
  if (cell.metadata) out.metadata = cell.metadata;
  if (cell.id !== undefined) out.id = cell.id;
  if (cell.attachments) out.attachments = cell.attachments;
  return out;
}

function writeOutput(output: CellOutput): JsonObject {
  const out: JsonObject = { items: output.items.map((item) => ({ mime: item.mime, value: item.value })) };
  if (output.result) out.result = true;
  if (output.metadata) out.metadata = output.metadata;
  return out;
}

/** An empty cell is written as no lines, so it reads back as "" rather than one empty line. */
function sourceLines(source: string): string[] {
  return source === '' ? [] : source.split('\n');
}

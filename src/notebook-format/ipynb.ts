/**
 * Jupyter notebooks (nbformat 4) read into, and written from, a NotebookDocument. Follows Jupyter's
 * own conventions so the file stays a good citizen of Jupyter, VS Code and nbviewer: sorted keys,
 * 1-space indent, text split into lines that keep their "\n", a cell's language only written when
 * it differs from the notebook's (as VS Code does, in metadata.vscode.languageId). Fitlab's runs
 * live in metadata.fitlab; all other metadata is kept as it was.
 */
import type { DisplayItem } from '../protocol/display';
import { ERROR_MIME } from '../protocol/display';
import type { JsonObject, JsonValue } from '../protocol/json';
import { FieldPath, isJsonObject } from './fieldPath';
import { emptyFitlabMetadata, fitlabMetadataJson, hasFitlabMetadata, readFitlabMetadata } from './fitlabMetadata';
import { parseJsonText } from './jsonText';
import { STDERR_MIME, STDOUT_MIME, type CellOutput, type NotebookCell, type NotebookDocument } from './types';

/** nbformat_minor written for new notebooks (4.5: cells carry ids). */
const NEW_NBFORMAT_MINOR = 5;

export function emptyIpynb(): NotebookDocument {
  return { format: 'ipynb', cells: [], fitlab: emptyFitlabMetadata(), metadata: { language_info: { name: 'typescript' } }, nbformatMinor: NEW_NBFORMAT_MINOR };
}

export function parseIpynb(text: string, file: string): NotebookDocument {
  if (text.trim() === '') return emptyIpynb();
  const root = new FieldPath(file);
  const top = root.object(parseJsonText(text, file));
  if (top.nbformat === undefined && typeof top.fitlab === 'number') root.fail('is a Fitlab notebook (it has "fitlab"): give it the .tfnb extension');
  if (top.nbformat !== 4) root.at('nbformat').fail(`is ${JSON.stringify(top.nbformat ?? null)}: only nbformat 4 notebooks can be read`);
  const metadata = { ...(root.at('metadata').optionalObject(top.metadata) ?? {}) };
  const fitlab = readFitlabMetadata(metadata.fitlab, root.at('metadata').at('fitlab'));
  delete metadata.fitlab;
  const defaultLanguage = notebookLanguage(metadata);
  const cellsWhere = root.at('cells');
  const cells = cellsWhere.array(top.cells).map((cell, i) => readCell(cell, cellsWhere.at(i), defaultLanguage));
  const doc: NotebookDocument = { format: 'ipynb', cells, fitlab, metadata };
  if (typeof top.nbformat_minor === 'number') doc.nbformatMinor = top.nbformat_minor;
  return doc;
}

export function serializeIpynb(doc: NotebookDocument): string {
  const defaultLanguage = notebookLanguage(doc.metadata);
  const minor = doc.nbformatMinor ?? NEW_NBFORMAT_MINOR;
  const ids = minor >= 5 ? cellIds(doc.cells) : [];
  const metadata: JsonObject = { ...doc.metadata };
  if (hasFitlabMetadata(doc.fitlab)) metadata.fitlab = fitlabMetadataJson(doc.fitlab);
  const file: JsonObject = {
    cells: doc.cells.map((cell, i) => writeCell(cell, defaultLanguage, ids[i])),
    metadata,
    nbformat: 4,
    nbformat_minor: minor,
  };
  return JSON.stringify(sortKeys(file), null, 1) + '\n';
}

/** The language of code cells without their own: language_info, then the kernelspec, then Jupyter's default. */
function notebookLanguage(metadata: JsonObject): string {
  const info = metadata.language_info;
  if (isJsonObject(info) && typeof info.name === 'string') return normalizeLanguage(info.name);
  const spec = metadata.kernelspec;
  if (isJsonObject(spec) && typeof spec.language === 'string') return normalizeLanguage(spec.language);
  return 'python';
}

function normalizeLanguage(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'ts' ? 'typescript' : lower;
}

// ---------------------------------------------------------------- cells

function readCell(value: JsonValue, where: FieldPath, defaultLanguage: string): NotebookCell {
  const raw = where.object(value);
  const type = raw.cell_type;
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') where.at('cell_type').fail('must be "code", "markdown" or "raw"');
  const source = where.at('source').multilineString(raw.source);
  const metadata = { ...(where.at('metadata').optionalObject(raw.metadata) ?? {}) };
  const ownLanguage = takeLanguageId(metadata);
  const cell: NotebookCell =
    type === 'markdown'
      ? { kind: 'markdown', language: 'markdown', source, outputs: [] }
      : type === 'raw'
        ? { kind: 'code', language: 'raw', source, outputs: [] }
        : { kind: 'code', language: ownLanguage ?? defaultLanguage, source, outputs: readOutputs(raw.outputs, where.at('outputs')) };
  if (type === 'code') {
    const count = raw.execution_count;
    if (count !== undefined && count !== null && typeof count !== 'number') where.at('execution_count').fail('must be a number or null');
    if (typeof count === 'number') cell.execution = { order: count };
  }
  if (Object.keys(metadata).length > 0) cell.metadata = metadata;
  if (raw.id !== undefined) cell.id = where.at('id').string(raw.id);
  if (raw.attachments !== undefined) cell.attachments = where.at('attachments').object(raw.attachments);
  return cell;
}

/** Removes VS Code's per-cell language from cell metadata and returns it (the cell's language holds it). */
function takeLanguageId(metadata: JsonObject): string | undefined {
  const vscode = metadata.vscode;
  if (!isJsonObject(vscode) || typeof vscode.languageId !== 'string') return undefined;
  const { languageId, ...rest } = vscode;
  if (Object.keys(rest).length > 0) metadata.vscode = rest;
  else delete metadata.vscode;
  return normalizeLanguage(languageId as string);
}

function writeCell(cell: NotebookCell, defaultLanguage: string, id: string | undefined): JsonObject {
  const metadata: JsonObject = { ...(cell.metadata ?? {}) };
  const common: JsonObject = { metadata, source: sourceLines(cell.source) };
  if (id !== undefined) common.id = id;
  if (cell.kind === 'markdown') {
    if (cell.attachments) common.attachments = cell.attachments;
    return { cell_type: 'markdown', ...common };
  }
  if (cell.language === 'raw') return { cell_type: 'raw', ...common };
  const vscode = isJsonObject(metadata.vscode) ? metadata.vscode : {};
  if (cell.language !== defaultLanguage) {
    metadata.vscode = { ...vscode, languageId: cell.language };
  } else if ('languageId' in vscode) {
    // A languageId left over from an earlier language would override the cell's own on reading.
    const { languageId: _stale, ...rest } = vscode;
    if (Object.keys(rest).length > 0) metadata.vscode = rest;
    else delete metadata.vscode;
  }
  return { cell_type: 'code', execution_count: cell.execution?.order ?? null, ...common, outputs: writeOutputs(cell.outputs, cell.execution?.order) };
}

/** Ids for nbformat 4.5: the cell's own, or a fresh one that is stable from save to save. */
function cellIds(cells: NotebookCell[]): string[] {
  const taken = new Set(cells.map((c) => c.id).filter((id): id is string => id !== undefined));
  let next = 0;
  return cells.map((cell) => {
    if (cell.id !== undefined) return cell.id;
    while (taken.has(`cell-${next}`)) next++;
    taken.add(`cell-${next}`);
    return `cell-${next}`;
  });
}

// ---------------------------------------------------------------- outputs

function readOutputs(value: JsonValue | undefined, where: FieldPath): CellOutput[] {
  if (value === undefined) return [];
  return where.array(value).map((output, i) => readOutput(output, where.at(i)));
}

function readOutput(value: JsonValue, where: FieldPath): CellOutput {
  const raw = where.object(value);
  switch (raw.output_type) {
    case 'stream': {
      if (raw.name !== 'stdout' && raw.name !== 'stderr') where.at('name').fail('must be "stdout" or "stderr"');
      const text = where.at('text').multilineString(raw.text);
      return { items: [{ mime: raw.name === 'stdout' ? STDOUT_MIME : STDERR_MIME, value: text }] };
    }
    case 'display_data':
    case 'execute_result': {
      const output: CellOutput = { items: readMimeBundle(raw.data, where.at('data')) };
      if (raw.output_type === 'execute_result') output.result = true;
      const metadata = where.at('metadata').optionalObject(raw.metadata);
      if (metadata && Object.keys(metadata).length > 0) output.metadata = metadata;
      return output;
    }
    case 'error': {
      const error: JsonObject = { name: where.at('ename').string(raw.ename), message: where.at('evalue').string(raw.evalue) };
      const traceback = raw.traceback === undefined ? [] : where.at('traceback').stringArray(raw.traceback);
      if (traceback.length > 0) error.stack = traceback.join('\n');
      return { items: [{ mime: ERROR_MIME, value: error }] };
    }
    default:
      return where.at('output_type').fail('must be "stream", "display_data", "execute_result" or "error"');
  }
}

function readMimeBundle(value: JsonValue | undefined, where: FieldPath): DisplayItem[] {
  const data = where.object(value);
  return Object.entries(data).map(([mime, v]) => ({ mime, value: isJsonMime(mime) ? v : where.at(mime).multilineString(v) }));
}

function writeOutputs(outputs: CellOutput[], executionCount: number | undefined): JsonObject[] {
  return outputs.flatMap((output): JsonObject[] => {
    const items = output.items;
    if (items.length > 0 && items.every((item) => isStreamMime(item.mime))) {
      return items.map((item) => ({ output_type: 'stream', name: item.mime === STDOUT_MIME ? 'stdout' : 'stderr', text: sourceLines(String(item.value)) }));
    }
    const error = items.length === 1 && items[0].mime === ERROR_MIME ? items[0].value : undefined;
    if (isJsonObject(error)) {
      const stack = typeof error.stack === 'string' ? error.stack.split('\n') : [];
      return [{ output_type: 'error', ename: String(error.name ?? 'Error'), evalue: String(error.message ?? ''), traceback: stack }];
    }
    const data: JsonObject = {};
    for (const item of items) data[item.mime] = splitsIntoLines(item.mime) && typeof item.value === 'string' ? sourceLines(item.value) : item.value;
    const metadata = output.metadata ?? {};
    if (output.result) return [{ output_type: 'execute_result', execution_count: executionCount ?? null, data, metadata }];
    return [{ output_type: 'display_data', data, metadata }];
  });
}

function isStreamMime(mime: string): boolean {
  return mime === STDOUT_MIME || mime === STDERR_MIME;
}

function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

/** nbformat splits text mimes (and these two) into lines; other values (base64 images) stay one string. */
function splitsIntoLines(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'application/javascript' || mime === 'image/svg+xml';
}

/** Jupyter's multiline string: lines that keep their "\n"; an empty text is no lines. */
function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Jupyter writes keys sorted, which keeps diffs of a saved notebook small. */
function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

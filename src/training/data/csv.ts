/**
 * `fitlab.data.readCsv(path, {label})`: a numeric CSV with a header row into feature and label
 * tensors. A label column of words ("yes"/"no") becomes class ids, in sorted order, listed in
 * `classes`. Any other non-number names the file, line and column.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tfNamespace from '@tensorflow/tfjs';

type Tf = typeof tfNamespace;

export interface ReadCsvOptions {
  /** Name of the label column (required). */
  label: string;
  /** Field separator, default ",". */
  delimiter?: string;
}

export interface CsvData {
  /** [rows, features] float32, columns in file order without the label. */
  x: tfNamespace.Tensor2D;
  /** [rows, 1] float32: the label value, or the class id when the label column holds words. */
  y: tfNamespace.Tensor2D;
  featureNames: string[];
  /** The label words, index = class id (only when the label column is not numeric). */
  classes?: string[];
}

/** Splits one CSV line, honouring double quotes ("a,b" and "" escapes). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Parses CSV text; `name` is used in error messages. */
export function parseCsv(tf: Tf, text: string, name: string, options: ReadCsvOptions): CsvData {
  const where = 'fitlab.data.readCsv';
  const delimiter = options.delimiter ?? ',';
  const lines = text.split(/\r?\n/).map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.trim() !== '');
  if (lines.length < 2) throw new Error(`${where}: ${name} needs a header row and at least one data row`);
  const header = splitCsvLine(lines[0].line, delimiter);
  const labelIndex = header.indexOf(options.label);
  if (labelIndex === -1) throw new Error(`${where}: ${name} has no column '${options.label}' (columns: ${header.join(', ')})`);
  const rows = lines.slice(1).map(({ line, number }) => {
    const fields = splitCsvLine(line, delimiter);
    if (fields.length !== header.length) throw new Error(`${where}: ${name} line ${number} has ${fields.length} fields, the header has ${header.length}`);
    return { fields, number };
  });
  const labels = rows.map(({ fields }) => fields[labelIndex]);
  const numericLabels = labels.every((v) => v !== '' && Number.isFinite(Number(v)));
  const classes = numericLabels ? undefined : [...new Set(labels)].sort();
  const features = header.length - 1;
  const x = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length);
  rows.forEach(({ fields, number }, r) => {
    let f = 0;
    fields.forEach((value, c) => {
      if (c === labelIndex) return;
      const v = Number(value);
      if (value === '' || !Number.isFinite(v)) throw new Error(`${where}: ${name} line ${number}, column '${header[c]}': ${JSON.stringify(value)} is not a number`);
      x[r * features + f++] = v;
    });
    y[r] = classes ? classes.indexOf(labels[r]) : Number(labels[r]);
  });
  return {
    x: tf.tensor2d(x, [rows.length, features]),
    y: tf.tensor2d(y, [rows.length, 1]),
    featureNames: header.filter((_, c) => c !== labelIndex),
    ...(classes ? { classes } : {}),
  };
}

/** Resolves `path` against the notebook's folder (a path or a file: URI), else the working directory. */
export function resolveDataPath(path: string, notebook: string | undefined): string {
  if (isAbsolute(path)) return path;
  if (!notebook) return resolve(path);
  const notebookPath = notebook.startsWith('file:') ? fileURLToPath(notebook) : notebook;
  return resolve(dirname(notebookPath), path);
}

export function readCsv(tf: Tf, path: string, options: ReadCsvOptions, notebook?: string): CsvData {
  if (!options || typeof options.label !== 'string') throw new TypeError("fitlab.data.readCsv: pass the label column, e.g. readCsv('data.csv', {label: 'price'})");
  const file = resolveDataPath(path, notebook);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`fitlab.data.readCsv: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseCsv(tf, text, path, options);
}

/**
 * Keras CSVLogger files (and the like): a header row, then one row per epoch. Comma, tab or
 * semicolon separated; with semicolons, decimal commas ("0,693", as spreadsheets in many locales
 * write them) are read as decimals. A file CSVLogger appended to (`append=True`) repeats its header
 * before each run's rows: the last run is read, and a note says so.
 */
import type { EpochHistory } from '../protocol/run';
import { COLUMN_ALIASES, HistoryFormatError, isMissingToken } from './historyColumns';

export interface CsvHistory {
  history: EpochHistory;
  /** Something the reader decided that the user should know (e.g. which appended run it read). */
  note?: string;
}

function unquote(text: string): string {
  return text.trim().replace(/^"(.*)"$/, '$1');
}

export function parseCsvHistory(text: string, fileName: string): CsvHistory {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.trim() !== '');
  const header = lines[0]!.line;
  const [delimiter, fields] = [',', '\t', ';'].map((d) => [d, header.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]!;
  if (fields < 2) throw new HistoryFormatError(`${fileName}: not a history (expected JSON, or a CSV header like "epoch,loss,val_loss")`);
  const names = header.split(delimiter).map(unquote);

  // Appended runs: each repeats the header; keep the rows after the last one.
  const headers = lines.map((l, i) => (l.line.trim() === header.trim() ? i : -1)).filter((i) => i >= 0);
  const lastHeader = headers[headers.length - 1]!;
  const rows = lines.slice(lastHeader + 1);
  const note = headers.length > 1 ? `the file holds ${headers.length} appended runs; this is the last (from line ${lines[lastHeader]!.number + 1})` : undefined;

  const columns = names.map(() => [] as (number | null)[]);
  for (const { line, number } of rows) {
    const cells = line.split(delimiter);
    if (cells.length !== names.length) throw new HistoryFormatError(`${fileName}: line ${number} has ${cells.length} fields, the header has ${names.length}`);
    cells.forEach((cell, c) => {
      const raw = unquote(cell);
      const text = delimiter === ';' && /^[-+]?\d+,\d+(e[-+]?\d+)?$/i.test(raw) ? raw.replace(',', '.') : raw;
      const value = Number(text);
      if (text !== '' && Number.isFinite(value)) columns[c]!.push(value);
      else if (isMissingToken(text)) columns[c]!.push(null);
      else throw new HistoryFormatError(`${fileName}: line ${number}, column "${names[c]}" is not a number (${JSON.stringify(raw)})`);
    });
  }
  const history: EpochHistory = {};
  names.forEach((name, c) => {
    // The epoch column (or pandas' unnamed index) numbers the rows; it is not a curve.
    if (name === 'epoch' || name === '' || name === 'Unnamed: 0') return;
    history[COLUMN_ALIASES[name] ?? name] = columns[c]!;
  });
  if (!history.loss) throw new HistoryFormatError(`${fileName}: no "loss" column in the header (${names.join(', ')})`);
  return note ? { history, note } : { history };
}

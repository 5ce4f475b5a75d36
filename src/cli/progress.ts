/**
 * The terminal side of a running notebook: console output as it comes, and one progress line per
 * epoch. On a terminal the progress line of a fit is rewritten in place; into a pipe or a file every
 * epoch gets its own plain line. Any other output first finishes a pending progress line, so lines
 * never run into each other.
 */
import type { CliIo } from './io';
import { formatMetric, formatRate } from './format';
import type { EpochHistory } from '../protocol/run';

export class TerminalOutput {
  private pendingLine = false;

  constructor(
    private readonly io: CliIo,
    private readonly tty: boolean,
    /** ANSI colours: on a terminal, unless NO_COLOR is set (https://no-color.org). */
    private readonly color = tty,
  ) {}

  /** Text in a colour when colours are on, as is otherwise. */
  paint(text: string, style: 'dim' | 'bold' | 'red'): string {
    if (!this.color) return text;
    const codes = { dim: ['\x1b[2m', '\x1b[22m'], bold: ['\x1b[1m', '\x1b[22m'], red: ['\x1b[31m', '\x1b[39m'] }[style];
    return codes[0] + text + codes[1];
  }

  stdout(text: string): void {
    this.finishProgress();
    this.io.stdout(text);
  }

  stderr(text: string): void {
    this.finishProgress();
    this.io.stderr(text);
  }

  /** One epoch's line: replaces the previous one on a terminal, appended elsewhere. */
  progress(line: string): void {
    if (this.tty) {
      this.io.stdout(`\r\x1b[2K${line}`);
      this.pendingLine = true;
    } else {
      this.io.stdout(line + '\n');
    }
  }

  finishProgress(): void {
    if (!this.pendingLine) return;
    this.pendingLine = false;
    this.io.stdout('\n');
  }
}

/** Where an epoch line comes from: "cell 4 · run 2". */
export interface ProgressOrigin {
  /** 1-based, as the editor numbers cells. */
  cellNumber: number;
  /** 1-based among the runs of this `fitlab run`. */
  runNumber: number;
}

/**
 * "  cell 4 · run 2 · epoch 3/20 · loss 0.2811 · val_loss 0.3012 · lr 1.0e-3": "epoch 3/20" counts
 * finished epochs like Keras's progress bar (so it is the 0-based epoch 2 of findings and charts);
 * quantities in Keras's order (loss, metrics, their val_ twins, lr).
 */
export function epochLine(origin: ProgressOrigin, epoch: number, epochs: number, values: Record<string, number | null>): string {
  const parts = [`  cell ${origin.cellNumber}`, `run ${origin.runNumber}`, `epoch ${epoch + 1}/${epochs}`];
  for (const key of orderedKeys(Object.keys(values))) {
    parts.push(`${key} ${key === 'lr' || key === 'learning_rate' ? formatRate(values[key]) : formatMetric(values[key])}`);
  }
  return parts.join(' · ');
}

/** The values of row `row` of a history (a delta's or a run's). */
export function historyRow(history: EpochHistory, row: number): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const [key, column] of Object.entries(history)) if (row < column.length) values[key] = column[row];
  return values;
}

function orderedKeys(keys: string[]): string[] {
  const isRate = (k: string) => k === 'lr' || k === 'learning_rate';
  const train = keys.filter((k) => !k.startsWith('val_') && !isRate(k) && k !== 'loss');
  const val = keys.filter((k) => k.startsWith('val_') && k !== 'val_loss');
  return [
    ...(keys.includes('loss') ? ['loss'] : []),
    ...train,
    ...(keys.includes('val_loss') ? ['val_loss'] : []),
    ...val,
    ...keys.filter(isRate),
  ];
}

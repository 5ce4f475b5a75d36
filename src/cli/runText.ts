/**
 * The words `fitlab run` prints about a notebook's cells, runs and errors: pure functions of plain
 * data, so each reads on its own.
 */
import { relative, isAbsolute } from 'node:path';
import { isRunnableCell, type NotebookCell } from '../notebook-format';
import type { DisplayItem } from '../protocol/display';
import type { Run } from '../protocol/run';

/** A path as the user would type it from here: relative below the working folder, absolute elsewhere. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** "1 python cell, 2 javascript cells": code cells in other languages, which are kept but not run. */
export function skippedLanguages(cells: readonly NotebookCell[]): string {
  const counts = new Map<string, number>();
  for (const cell of cells) {
    if (cell.kind === 'code' && !isRunnableCell(cell) && cell.language !== 'raw') counts.set(cell.language, (counts.get(cell.language) ?? 0) + 1);
  }
  return [...counts].map(([language, n]) => `${n} ${language} cell${n === 1 ? '' : 's'}`).join(', ');
}

/** "16-16 · L2 1e-3 · 609 params · adam · 20 epochs": what is about to be trained. */
export function describeRunStart(run: Run): string {
  const parts = [run.label, `${run.model.totalParams} params`, run.optimizer.name, `${run.params.epochs} epochs`];
  return parts.filter((part) => part !== '').join(' · ');
}

/** A display on the terminal: its text, or what kind of output it is. */
export function describeDisplay(item: DisplayItem): string {
  if (readsAsText(item) && typeof item.value === 'string') return item.value;
  return `[${item.mime} output, kept in the notebook]`;
}

/** What a terminal shows of an output with several representations: plain text first, then markdown. */
export function terminalText(items: readonly DisplayItem[]): string | undefined {
  if (items.length === 0) return undefined;
  const best = items.find((item) => item.mime === 'text/plain') ?? items.find(readsAsText) ?? items[0];
  return describeDisplay(best);
}

/** Plain text and markdown read fine in a terminal; HTML, images and JSON do not. */
function readsAsText(item: DisplayItem): boolean {
  return item.mime === 'text/plain' || item.mime === 'text/markdown';
}

/** The failing line with a caret under the column, like a compiler. */
export function sourceExcerpt(source: string, line: number, column: number): string {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return '';
  const gutter = String(line).length;
  return `  ${line} | ${text}\n  ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, column - 1))}^\n`;
}

/**
 * The frames of a (kernel-mapped) stack when the error came from deeper than the failing line
 * itself, e.g. a function defined in an earlier cell: "    at f (cell-2.ts:3:9)". At most 8.
 */
export function callChain(stack: string | undefined): string {
  const frames = (stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  if (frames.length < 2) return '';
  return frames.slice(0, 8).map((frame) => `  ${frame.trim()}\n`).join('') + (frames.length > 8 ? `  … ${frames.length - 8} more\n` : '');
}

/**
 * Turns whatever a cell threw into a CellError the user can act on: the message, and a stack whose
 * cell frames point at the cell's own TypeScript lines (mapped back through the transpile source
 * map) with the kernel's internal frames (its bundle, node internals) removed.
 */
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CellError, CellErrorPosition } from '../protocol/kernel';
import type { TranspiledCell } from './transpile';
import { CellSyntaxError } from './transpile';

/** How many evaluated cells keep their source map (older frames fall back to the raw position). */
const MAX_REMEMBERED_RUNS = 2000;

interface RegisteredCell {
  cellIndex: number;
  /** What the user sees in stacks, e.g. "cell-3.ts" for the third cell. */
  displayName: string;
  map: TraceMap;
}

/** The user-facing file name of a cell: 1-based like the cell numbers people see. */
export function cellDisplayName(cellIndex: number): string {
  return `cell-${cellIndex + 1}.ts`;
}

/**
 * Remembers the source map of every evaluated cell, by the unique file name it ran under, so a frame
 * of a function defined in an earlier cell (or an earlier version of this cell) maps correctly.
 */
export class CellSourceMaps {
  private readonly cells = new Map<string, RegisteredCell>();
  private runs = 0;

  /** Registers a transpiled cell and returns the unique file name to evaluate it under. */
  register(cellIndex: number, transpiled: TranspiledCell): string {
    const displayName = cellDisplayName(cellIndex);
    const filename = `${displayName}#${++this.runs}`;
    this.cells.set(filename, { cellIndex, displayName, map: new TraceMap(transpiled.map as never) });
    // Keep memory bounded over a long session: frames from very old runs are rare.
    if (this.cells.size > MAX_REMEMBERED_RUNS) this.cells.delete(this.cells.keys().next().value!);
    return filename;
  }

  /** Maps a generated position (1-based line and column, as in V8 stacks) to the cell. */
  resolve(filename: string, line: number, column: number): { displayName: string; position: CellErrorPosition } | undefined {
    const cell = this.cells.get(filename);
    if (!cell) return undefined;
    const needle = { line, column: Math.max(0, column - 1) };
    let original = originalPositionFor(cell.map, needle);
    // V8 may point at text the rewrite inserted before any mapped segment of the line (the
    // `return (` of the cell's last expression): take the first mapped segment after it on the same
    // generated line, which is where the user's own code starts.
    if (original.line === null) original = originalPositionFor(cell.map, { ...needle, bias: LEAST_UPPER_BOUND });
    if (original.line === null) return undefined;
    return { displayName: cell.displayName, position: { cellIndex: cell.cellIndex, line: original.line, column: original.column + 1 } };
  }
}

/** Files whose frames are the kernel's own business, not the user's. */
export interface KernelFrameFilter {
  /** Absolute paths (or path prefixes) of the kernel's code: its bundle, or its source folder. */
  kernelPaths: string[];
}

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** Converts anything thrown by a cell into a CellError with a mapped, filtered stack. */
export function toCellError(thrown: unknown, maps: CellSourceMaps, filter: KernelFrameFilter, cellIndex: number): CellError {
  if (thrown instanceof CellSyntaxError) return syntaxError(thrown, cellIndex);
  if (!(thrown instanceof Error)) {
    return { name: 'Error', message: `Uncaught ${describeThrown(thrown)}` };
  }
  const name = thrown.name || 'Error';
  const message = thrown.message;
  const header = `${name}: ${message}`;
  const lines = (thrown.stack ?? header).split('\n');
  const firstFrame = lines.findIndex((line) => FRAME.test(line));
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame);

  let position: CellErrorPosition | undefined;
  const kept: string[] = [];
  for (const frame of frames) {
    const match = FRAME.exec(frame);
    if (!match) continue;
    const [, fn, file = '', line = '0', column = '0'] = match;
    const mapped = maps.resolve(file, Number(line), Number(column));
    if (mapped) {
      position ??= mapped.position;
      const where = `${mapped.displayName}:${mapped.position.line}:${mapped.position.column}`;
      kept.push(fn && fn !== 'async' ? `    at ${fn} (${where})` : `    at ${where}`);
    } else if (!isKernelFrame(file, filter)) {
      kept.push(frame);
    }
  }
  const stack = [header, ...kept].join('\n');
  return position ? { name, message, stack, position } : { name, message, stack };
}

function isKernelFrame(file: string, filter: KernelFrameFilter): boolean {
  if (file.startsWith('node:') || file === 'native' || file === '<anonymous>') return true;
  return filter.kernelPaths.some((path) => file.startsWith(path));
}

function syntaxError(error: CellSyntaxError, cellIndex: number): CellError {
  const position = { cellIndex, line: error.line, column: error.column };
  const where = `    at ${cellDisplayName(cellIndex)}:${error.line}:${error.column}`;
  const pointer = error.lineText === undefined ? [] : [`  ${error.lineText}`, `  ${' '.repeat(Math.max(0, error.column - 1))}^`];
  return { name: 'SyntaxError', message: error.message, stack: [`SyntaxError: ${error.message}`, where, ...pointer].join('\n'), position };
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Words for the ways a kernel ends, so a user reading a cell's error knows what happened and what
 * to do next (an endless loop, out of memory, process.exit in a cell, a native crash).
 */

export const NOT_YIELDING_MESSAGE =
  'The kernel was stopped because the cell did not yield to the interrupt (for example an endless loop); all kernel state was lost — the next run starts a fresh kernel.';

export const KERNEL_RESTARTED_MESSAGE = 'The kernel was restarted before this cell finished; all kernel state was cleared.';

const OOM_PATTERN = /heap out of memory|Reached heap limit|Allocation failed|out of memory/i;

/** The last few kilobytes of the kernel's stderr: enough to explain a crash, never unbounded. */
export class StderrTail {
  private text = '';
  constructor(private readonly limit = 8192) {}

  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.limit);
  }

  get value(): string {
    return this.text;
  }

  /** The last `count` non-empty lines, prefixed by a newline, or '' when there are none. */
  lastLines(count: number): string {
    const lines = this.text.split('\n').filter((line) => line.trim() !== '');
    return lines.length === 0 ? '' : `\n${lines.slice(-count).join('\n')}`;
  }
}

/** "out of memory", "exit code 3", "killed by SIGSEGV"... */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: StderrTail, memoryLimitMb?: number): string {
  if (OOM_PATTERN.test(stderr.value)) {
    return memoryLimitMb ? `out of memory: the JavaScript heap exceeded its ${memoryLimitMb} MB limit` : 'out of memory: the JavaScript heap exceeded its limit';
  }
  if (signal === 'SIGKILL') return 'killed by SIGKILL, possibly out of memory';
  if (signal) return `killed by ${signal}`;
  if (code === 134) return 'aborted (exit code 134), possibly out of memory';
  return `exit code ${code ?? 'unknown'}`;
}

/**
 * `fitlab run <notebook> [--out DIR] [--backend auto|tensorflow|wasm|cpu]`: executes the notebook's
 * TypeScript cells in order in the same kernel the editor uses, streams what they print and one
 * line per training epoch, then writes the executed notebook (with its outputs and runs) and a
 * report, and says what the runs showed. Stops at the first failing cell, naming it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ExecutionOutcome, KernelClientOptions } from '../kernel-client/kernelClient';
import { deriveChecklist, diagnose } from '../diagnostics';
import { isRunnableCell, serializeNotebook, NotebookFormatError, type NotebookCell, type NotebookDocument } from '../notebook-format';
import type { DisplayItem } from '../protocol/display';
import type { Finding } from '../protocol/findings';
import type { CellError, ExecutionEvent, KernelReady } from '../protocol/kernel';
import type { Run } from '../protocol/run';
import { renderRunSvg, writeReport } from '../report/writeReport';
import { RunStore } from '../runs/runStore';
import { UsageError } from './args';
import { CellOutputs } from './cellOutputs';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEMS, type CliIo } from './io';
import { BadInputError, planOutput, runMarker, RUN_MARKER_KEY, type OutputPlace } from './outputPlace';
import { epochLine, historyRow, TerminalOutput } from './progress';
import { readNotebook, readRequest, type RunRequest } from './runRequest';
import { callChain, describeDisplay, describeRunStart, displayPath, skippedLanguages, sourceExcerpt, terminalText } from './runText';
import { findingsAtOrAbove, runLines, runSummaryLines } from './summary';

/** Exit code after Ctrl-C, as shells report a SIGINT. */
export const EXIT_INTERRUPTED = 130;

export const RUN_USAGE = 'usage: fitlab run <notebook.tfnb|notebook.ipynb> [--out DIR] [--backend auto|tensorflow|wasm|cpu] [--fail-on error|warning|info]';

/** The part of KernelClient the runner uses (tests may pass their own). */
export interface NotebookKernel {
  start(): Promise<KernelReady>;
  execute(options: { code: string; cellIndex: number; notebook: string }, onEvent: (event: ExecutionEvent) => void): Promise<ExecutionOutcome>;
  interrupt(): void;
  dispose(): void;
}

export interface RunOptions {
  /** Starts the kernel process (src/kernel-client's KernelClient). */
  createKernel: (options: KernelClientOptions) => NotebookKernel;
  /** dist/kernel.js */
  kernelEntry: string;
  /** Whether stdout is a terminal: progress lines then rewrite themselves, and errors show in colour. */
  tty?: boolean;
  /** No colours even on a terminal (NO_COLOR). */
  noColor?: boolean;
  /** Subscribes to Ctrl-C; returns the unsubscribe function. */
  onInterrupt?: (handler: () => void) => () => void;
}

export async function runCommand(args: string[], io: CliIo, options: RunOptions): Promise<number> {
  let request: RunRequest;
  let doc: NotebookDocument;
  let place: OutputPlace;
  try {
    request = readRequest(args);
    doc = readNotebook(resolve(io.cwd, request.input), request.input);
    place = planOutput(resolve(io.cwd, request.input), request.outDir, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`fitlab run: ${error.message}\n${RUN_USAGE}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof BadInputError || error instanceof NotebookFormatError) {
      io.stderr(`fitlab: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  return new NotebookRun(request, doc, place, io, options).execute();
}

/** One execution of a notebook, from kernel start to the written outputs. */
class NotebookRun {
  private readonly out: TerminalOutput;
  private readonly store = new RunStore((run) => this.diagnose(run));
  /** This execution's runs in start order, and the cell each came from. */
  private readonly runOrder: { runId: string; cellNumber: number }[] = [];
  private readonly notebookKey: string;
  private kernel: NotebookKernel | undefined;
  private interrupts = 0;
  /** Whether a cell is running now (Ctrl-C then interrupts it rather than stopping everything). */
  private executing = false;

  constructor(
    private readonly request: RunRequest,
    private readonly doc: NotebookDocument,
    private readonly place: OutputPlace,
    private readonly io: CliIo,
    private readonly options: RunOptions,
  ) {
    this.out = new TerminalOutput(io, options.tty ?? false, (options.tty ?? false) && !options.noColor);
    this.notebookKey = request.input;
  }

  async execute(): Promise<number> {
    const inputPath = resolve(this.io.cwd, this.request.input);
    const kernel = this.options.createKernel({ kernelEntry: this.options.kernelEntry, backend: this.request.backend, notebookDir: dirname(inputPath) });
    this.kernel = kernel;
    const unsubscribe = this.options.onInterrupt?.(() => this.interrupt()) ?? (() => undefined);
    try {
      const ready = await kernel.start().catch((error: Error) => error);
      if (ready instanceof Error) {
        if (this.interrupts > 0) return EXIT_INTERRUPTED;
        this.out.stderr(`fitlab: the kernel could not start: ${ready.message}\n`);
        return EXIT_PROBLEMS;
      }
      this.out.stdout(`fitlab: backend ${ready.backend} (tfjs ${ready.tfVersion})\n`);
      for (const note of ready.notes) this.out.stdout(`  ${note}\n`);
      const skipped = skippedLanguages(this.doc.cells);
      if (skipped) this.out.stdout(`  not running ${skipped} (Fitlab runs TypeScript cells; they are kept as they are)\n`);
      const exitCode = await this.runCells(kernel);
      if (!(await this.writeOutputs())) return Math.max(exitCode, EXIT_PROBLEMS);
      return exitCode === EXIT_OK && this.failsOnFindings() ? EXIT_PROBLEMS : exitCode;
    } finally {
      unsubscribe();
      kernel.dispose();
    }
  }

  /** Runs cells until one fails; returns the exit code. */
  private async runCells(kernel: NotebookKernel): Promise<number> {
    let order = 0;
    for (let index = 0; index < this.doc.cells.length; index++) {
      const cell = this.doc.cells[index];
      if (!isRunnableCell(cell)) continue;
      const cellNumber = index + 1;
      if (this.interrupts > 0) {
        // Ctrl-C between two cells: the next one does not start.
        this.clearCellsAfter(index - 1);
        this.out.stderr(this.out.paint(`fitlab: interrupted before cell ${cellNumber}`, 'red') + '\n');
        return EXIT_INTERRUPTED;
      }
      this.out.stdout(this.out.paint(`── cell ${cellNumber} ${'─'.repeat(40)}`, 'dim') + '\n');
      const outputs = new CellOutputs();
      this.executing = true;
      const outcome = await kernel
        .execute({ code: cell.source, cellIndex: index, notebook: this.notebookKey }, (event) => this.onEvent(event, cellNumber, outputs))
        .finally(() => (this.executing = false));
      this.out.finishProgress();
      this.endUnfinishedRuns(outcome);
      if (outcome.ok) outputs.result(outcome.result);
      else outputs.error(outcome.error);
      cell.outputs = outputs.finish(
        (runId) => {
          const run = this.store.run(this.notebookKey, runId);
          return run && { run, findings: this.store.findings(this.notebookKey, runId) };
        },
        // Jupyter and GitHub show an ipynb without Fitlab's renderer: give them the curves as an image, and in words.
        this.doc.format === 'ipynb'
          ? ({ run, findings }) => [
              { mime: 'image/svg+xml', value: renderRunSvg(run, findings) },
              { mime: 'text/plain', value: runLines(run, this.runNumber(run.id), findings).join('\n') },
            ]
          : undefined,
      );
      cell.execution = { order: ++order, success: outcome.ok };
      if (outcome.ok) {
        this.printResult(outcome.result);
        continue;
      }
      this.clearCellsAfter(index);
      this.printFailure(cell, cellNumber, outcome.error, outcome.kernelDied === true);
      return outcome.error.interrupted || this.interrupts > 0 ? EXIT_INTERRUPTED : EXIT_PROBLEMS;
    }
    return EXIT_OK;
  }

  private onEvent(event: ExecutionEvent, cellNumber: number, outputs: CellOutputs): void {
    switch (event.type) {
      case 'stream':
        outputs.stream(event.name, event.text);
        if (event.name === 'stdout') this.out.stdout(event.text);
        else this.out.stderr(event.text);
        return;
      case 'display':
        outputs.display(event.item);
        this.out.stdout(describeDisplay(event.item) + '\n');
        return;
      case 'runStarted':
        this.store.started(this.notebookKey, event.run);
        this.runOrder.push({ runId: event.run.id, cellNumber });
        outputs.runStarted(event.run.id);
        this.out.stdout(`  cell ${cellNumber} · run ${this.runOrder.length} · ${describeRunStart(event.run)}\n`);
        return;
      case 'runProgress':
        this.printEpochs(event.delta.runId, event.delta.epochs, event.delta.history, event.epochs);
        this.store.progressed(this.notebookKey, event.delta);
        return;
      case 'runEnded':
        this.store.ended(this.notebookKey, event);
        this.out.finishProgress();
        if (event.status !== 'completed' || event.stopReason) {
          this.out.stdout(`  cell ${cellNumber} · run ${this.runNumber(event.runId)} · ${event.status}${event.stopReason ? `: ${event.stopReason}` : ''}\n`);
        }
        return;
    }
  }

  /** `--fail-on`: whether this session's runs have findings that severe (and says which). */
  private failsOnFindings(): boolean {
    const threshold = this.request.failOn;
    if (!threshold) return false;
    const runs = this.runOrder.map((r) => this.store.run(this.notebookKey, r.runId)).filter((run): run is Run => run !== undefined);
    const hits = findingsAtOrAbove(runs, this.store.allFindings(this.notebookKey), threshold);
    if (hits.length > 0) this.out.stderr(`fitlab: --fail-on ${threshold}: ${hits.join(', ')}\n`);
    return hits.length > 0;
  }

  /** The diagnostics' findings; a fault in them costs the findings of one run, never the executed notebook. */
  private diagnose(run: Run): Finding[] {
    try {
      return diagnose(run);
    } catch (error) {
      this.out.stderr(`fitlab: could not diagnose run "${run.label || run.id}": ${(error as Error).message}\n`);
      return [];
    }
  }

  /** A fit the kernel never reported ended (killed kernel, interrupt escalated to a kill) ends with its cell. */
  private endUnfinishedRuns(outcome: ExecutionOutcome): void {
    const interrupted = !outcome.ok && (outcome.error.interrupted === true || this.interrupts > 0);
    for (const { runId } of this.runOrder) {
      if (this.store.run(this.notebookKey, runId)?.status !== 'running') continue;
      const stopReason = outcome.ok ? 'the cell finished before the fit did' : interrupted ? 'Ctrl-C' : `the cell failed: ${outcome.error.message}`;
      this.store.ended(this.notebookKey, { runId, status: interrupted ? 'interrupted' : 'failed', endedAt: new Date().toISOString(), stopReason });
    }
  }

  private printEpochs(runId: string, epochs: number[], history: Run['history'], total: number): void {
    const origin = { cellNumber: this.runOrder.find((r) => r.runId === runId)?.cellNumber ?? 0, runNumber: this.runNumber(runId) };
    // On a terminal only the newest epoch is visible anyway; a pipe gets every epoch.
    const rows = this.options.tty ? epochs.slice(-1).map(() => epochs.length - 1) : epochs.map((_, i) => i);
    for (const row of rows) this.out.progress(epochLine(origin, epochs[row], total, historyRow(history, row)));
  }

  private runNumber(runId: string): number {
    return this.runOrder.findIndex((r) => r.runId === runId) + 1;
  }

  private printResult(result: DisplayItem[]): void {
    const text = terminalText(result);
    if (text !== undefined) this.out.stdout(text + '\n');
  }

  private printFailure(cell: NotebookCell, cellNumber: number, error: CellError, kernelDied: boolean): void {
    const where = `cell ${cellNumber} (cells are numbered from 1, as in the editor)`;
    if (error.interrupted || this.interrupts > 0) {
      this.out.stderr(this.out.paint(`fitlab: interrupted in ${where}`, 'red') + '\n');
      return;
    }
    const position = error.position ? `, line ${error.position.line}:${error.position.column}` : '';
    const what = kernelDied ? `the kernel stopped: ${error.message}` : `${error.name}: ${error.message}`;
    this.out.stderr(this.out.paint(`fitlab: ${where}${position} failed: ${what}`, 'red') + '\n');
    if (error.position) this.out.stderr(sourceExcerpt(cell.source, error.position.line, error.position.column));
    this.out.stderr(callChain(error.stack));
  }

  /** Cells after a failure did not run in this execution: outputs from an older one would mislead. */
  private clearCellsAfter(index: number): void {
    for (const cell of this.doc.cells.slice(index + 1)) {
      if (!isRunnableCell(cell)) continue;
      cell.outputs = [];
      delete cell.execution;
    }
  }

  /** Ctrl-C: the first stops the running cell gently (a fit after its batch); otherwise, or a second, stops the kernel. */
  private interrupt(): void {
    this.interrupts++;
    if (this.interrupts === 1 && this.executing) {
      this.out.stderr('\nfitlab: interrupting (the fit stops after this batch; Ctrl-C again to stop the kernel)\n');
      this.kernel?.interrupt();
    } else {
      this.out.stderr('\nfitlab: stopping the kernel\n');
      this.kernel?.dispose();
    }
  }

  /** Says what the runs showed, writes the executed notebook and the report; false when a write failed. */
  private async writeOutputs(): Promise<boolean> {
    const runs = this.runOrder.map((r) => this.store.run(this.notebookKey, r.runId)).filter((run): run is Run => run !== undefined);
    const findings: Record<string, Finding[]> = {};
    for (const run of runs) findings[run.id] = this.store.findings(this.notebookKey, run.id);
    const priorRuns = this.doc.fitlab.runs.filter((run) => !findings[run.id]);
    this.doc.fitlab.runs = [...priorRuns, ...runs];
    this.doc.metadata[RUN_MARKER_KEY] = runMarker(relative(this.place.dir, resolve(this.io.cwd, this.request.input)));
    this.out.stdout('\n' + runSummaryLines(runs, findings).join('\n') + '\n');
    const shown = (path: string) => displayPath(path, this.io.cwd);
    try {
      mkdirSync(this.place.dir, { recursive: true });
      writeFileSync(this.place.notebook, serializeNotebook(this.doc));
    } catch (error) {
      this.out.stderr(`fitlab: could not write the executed notebook to ${shown(this.place.notebook)}: ${(error as Error).message}\n`);
      return false;
    }
    this.out.stdout(`\nWrote the executed notebook to ${shown(this.place.notebook)}\n`);
    try {
      // The checklist looks at every run the notebook has, including those of earlier sessions.
      const allFindings: Record<string, Finding[]> = { ...findings };
      for (const run of priorRuns) if (run.status !== 'running') allFindings[run.id] = this.diagnose(run);
      const checklist = deriveChecklist(this.doc.fitlab.runs, this.doc.fitlab.checklist, allFindings);
      const written = await writeReport(this.place.dir, { title: `${this.request.input} (fitlab run)`, runs, findings, checklist });
      const [report, ...histories] = written;
      if (report) this.out.stdout(`Wrote the report to ${shown(report)}\n`);
      if (histories.length > 0) this.out.stdout(`Wrote each run's history (CSV and JSON) to ${shown(dirname(histories[0]))}/\n`);
      return true;
    } catch (error) {
      this.out.stderr(`fitlab: could not write the report into ${shown(this.place.dir)}: ${(error as Error).message}\n`);
      return false;
    }
  }
}

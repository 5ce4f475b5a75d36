/**
 * The host's live record of every notebook's runs, their findings and checklist ticks.
 * No vscode: the notebook controller feeds it kernel events, the dashboard, diagnostics and
 * commands read it and subscribe to its changes. Notebooks are keyed by their URI string.
 */
import type { ChecklistTicks, Finding } from '../protocol/findings';
import type { RunEndedEvent } from '../protocol/kernel';
import { applyRunDelta, type Run, type RunDelta } from '../protocol/run';

export type RunStoreChange =
  | { kind: 'runStarted'; notebook: string; run: Run }
  | { kind: 'runDelta'; notebook: string; delta: RunDelta }
  | { kind: 'runEnded'; notebook: string; run: Run; findings: Finding[] }
  | { kind: 'loaded'; notebook: string }
  | { kind: 'checklist'; notebook: string };

type Listener = (change: RunStoreChange) => void;

interface NotebookRuns {
  runs: Run[];
  findings: Map<string, Finding[]>;
  ticks: ChecklistTicks;
}

export class RunStore {
  private readonly notebooks = new Map<string, NotebookRuns>();
  private readonly listeners = new Set<Listener>();
  /** The notebook whose run changed last, for commands like "Diagnose Last Run". */
  private lastNotebook: string | undefined;

  /** `diagnose` computes a finished run's findings (src/diagnostics). */
  constructor(private readonly diagnose: (run: Run) => Finding[]) {}

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads the runs and ticks kept in a notebook's metadata (on open). */
  load(notebook: string, runs: Run[], ticks: ChecklistTicks = {}): void {
    const entry = this.entry(notebook);
    entry.runs = runs.map((r) => ({ ...r }));
    entry.findings.clear();
    for (const run of entry.runs) if (run.status !== 'running') entry.findings.set(run.id, this.diagnose(run));
    entry.ticks = { ...ticks };
    this.emit({ kind: 'loaded', notebook });
  }

  /** Forgets a closed notebook. */
  forget(notebook: string): void {
    this.notebooks.delete(notebook);
  }

  notebooksWithRuns(): string[] {
    return [...this.notebooks.keys()];
  }

  runs(notebook: string): readonly Run[] {
    return this.notebooks.get(notebook)?.runs ?? [];
  }

  run(notebook: string, runId: string): Run | undefined {
    return this.notebooks.get(notebook)?.runs.find((r) => r.id === runId);
  }

  findings(notebook: string, runId: string): Finding[] {
    return this.notebooks.get(notebook)?.findings.get(runId) ?? [];
  }

  allFindings(notebook: string): Record<string, Finding[]> {
    return Object.fromEntries(this.notebooks.get(notebook)?.findings ?? []);
  }

  ticks(notebook: string): ChecklistTicks {
    return { ...(this.notebooks.get(notebook)?.ticks ?? {}) };
  }

  setTick(notebook: string, step: keyof ChecklistTicks, done: boolean): void {
    this.entry(notebook).ticks[step] = done;
    this.emit({ kind: 'checklist', notebook });
  }

  /** The most recently started run of a notebook (or of the last active notebook). */
  lastRun(notebook?: string): { notebook: string; run: Run } | undefined {
    const key = notebook ?? this.lastNotebook;
    if (!key) return undefined;
    const runs = this.runs(key);
    const run = runs[runs.length - 1];
    return run ? { notebook: key, run } : undefined;
  }

  started(notebook: string, run: Run): void {
    const entry = this.entry(notebook);
    entry.runs = entry.runs.filter((r) => r.id !== run.id);
    entry.runs.push(run);
    this.lastNotebook = notebook;
    this.emit({ kind: 'runStarted', notebook, run });
  }

  progressed(notebook: string, delta: RunDelta): void {
    const run = this.run(notebook, delta.runId);
    if (!run) return;
    applyRunDelta(run, delta);
    this.emit({ kind: 'runDelta', notebook, delta });
  }

  ended(notebook: string, event: Pick<RunEndedEvent, 'runId' | 'status' | 'endedAt' | 'stopReason' | 'restoredEpoch'>): void {
    const run = this.run(notebook, event.runId);
    if (!run) return;
    run.status = event.status;
    run.endedAt = event.endedAt;
    if (event.stopReason !== undefined) run.stopReason = event.stopReason;
    if (event.restoredEpoch !== undefined) run.restoredEpoch = event.restoredEpoch;
    const findings = this.diagnose(run);
    this.entry(notebook).findings.set(run.id, findings);
    this.emit({ kind: 'runEnded', notebook, run, findings });
  }

  /** Marks runs that were still running when their kernel died or was restarted. */
  abandonRunning(notebook: string, reason: string): void {
    for (const run of this.runs(notebook)) {
      if (run.status === 'running') this.ended(notebook, { runId: run.id, status: 'failed', endedAt: new Date().toISOString(), stopReason: reason });
    }
  }

  private entry(notebook: string): NotebookRuns {
    let entry = this.notebooks.get(notebook);
    if (!entry) this.notebooks.set(notebook, (entry = { runs: [], findings: new Map(), ticks: {} }));
    return entry;
  }

  private emit(change: RunStoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

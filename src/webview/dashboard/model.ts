/**
 * The dashboard's data: the notebook's runs, their findings, the checklist and which runs are
 * overlaid, kept current by the host's messages. No DOM, so it is the same in tests and VS Code.
 */
import type { ChecklistStep, Finding } from '../../protocol/findings';
import { applyRunDelta, type Run } from '../../protocol/run';
import type { HostToDashboard } from '../../protocol/webview';

/** What the page keeps across hide/show and reloads (vscode.setState), and the host gets back on restore. */
export interface DashboardPageState {
  notebook: string | null;
  selected: string[];
}

/** What a message changed, so the view redraws only that. */
export type Change = 'all' | 'data' | 'runs' | 'checklist' | 'none';

export class DashboardModel {
  notebook: string | null = null;
  runs: Run[] = [];
  findings: Record<string, Finding[]> = {};
  checklist: ChecklistStep[] = [];
  selected: string[] = [];
  smoothing = 0;

  constructor(private readonly saved?: DashboardPageState) {}

  apply(msg: HostToDashboard): Change {
    switch (msg.type) {
      case 'init': {
        this.notebook = msg.notebook;
        this.runs = msg.runs;
        this.findings = { ...msg.findings };
        this.checklist = msg.checklist;
        this.smoothing = msg.smoothing ?? 0;
        const restored = this.saved && this.saved.notebook === msg.notebook ? this.saved.selected : [];
        this.selected = this.existing(msg.selected.length > 0 ? msg.selected : restored);
        if (this.selected.length === 0 && this.runs.length > 0) this.selected = [this.runs[this.runs.length - 1].id];
        return 'all';
      }
      case 'runStarted': {
        this.runs = this.runs.filter((r) => r.id !== msg.run.id);
        this.runs.push(msg.run);
        delete this.findings[msg.run.id];
        // Comparing several runs: the new one joins them; otherwise the view follows the new fit.
        this.selected = this.selected.length > 1 ? [...this.existing(this.selected), msg.run.id] : [msg.run.id];
        return 'runs';
      }
      case 'runDelta': {
        const run = this.runs.find((r) => r.id === msg.delta.runId);
        if (!run) return 'none';
        applyRunDelta(run, msg.delta);
        return this.selected.includes(run.id) ? 'data' : 'none';
      }
      case 'runEnded': {
        const run = this.runs.find((r) => r.id === msg.runId);
        if (!run) return 'none';
        run.status = msg.status;
        if (msg.stopReason !== undefined) run.stopReason = msg.stopReason;
        this.findings[run.id] = msg.findings;
        return 'runs';
      }
      case 'checklist':
        this.checklist = msg.steps;
        return 'checklist';
    }
  }

  select(runIds: string[]): void {
    this.selected = this.existing(runIds);
  }

  selectedRuns(): Run[] {
    return this.selected.map((id) => this.runs.find((r) => r.id === id)).filter((r): r is Run => r !== undefined);
  }

  pageState(): DashboardPageState {
    return { notebook: this.notebook, selected: this.selected };
  }

  private existing(ids: readonly string[]): string[] {
    return [...new Set(ids)].filter((id) => this.runs.some((r) => r.id === id));
  }
}

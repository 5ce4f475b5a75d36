/**
 * The host <-> webview protocols: the training dashboard panel and the notebook renderer.
 * Every message from a webview is untrusted: the host checks it with `isDashboardToHost` first.
 */
import type { ChecklistStep, Finding } from './findings';
import type { Run, RunDelta, RunStatus } from './run';

/** The value of a RUN_MIME output: a run snapshot with its findings. */
export interface RunOutput {
  run: Run;
  findings: Finding[];
}

// ---------------------------------------------------------------- host -> dashboard

/** host -> dashboard: everything, on open and after a reload. */
export interface DashboardInit {
  type: 'init';
  notebook: string | null;
  runs: Run[];
  findings: Record<string, Finding[]>;
  checklist: ChecklistStep[];
  /** Run ids overlaid on the charts. */
  selected: string[];
  /** EMA smoothing of drawn curves, 0 (off) to 0.99 (the `fitlab.charts.smoothing` setting). */
  smoothing?: number;
}
/** host -> dashboard: a fit started. */
export interface DashboardRunStarted { type: 'runStarted'; run: Run }
/** host -> dashboard: rows appended to a running fit. */
export interface DashboardRunDelta { type: 'runDelta'; delta: RunDelta }
/** host -> dashboard: a fit ended, with its findings. */
export interface DashboardRunEnded {
  type: 'runEnded';
  runId: string;
  status: RunStatus;
  stopReason?: string;
  findings: Finding[];
}
/** host -> dashboard: the checklist changed. */
export interface DashboardChecklist { type: 'checklist'; steps: ChecklistStep[] }

export type HostToDashboard = DashboardInit | DashboardRunStarted | DashboardRunDelta | DashboardRunEnded | DashboardChecklist;

// ---------------------------------------------------------------- dashboard -> host

/** dashboard -> host: the page loaded and wants `init`. */
export interface DashboardReady { type: 'ready' }
/** dashboard -> host: the user picked which runs to overlay. */
export interface DashboardSelect { type: 'select'; runIds: string[] }
/** dashboard -> host: save a run's history as Keras CSVLogger CSV or JSON. */
export interface DashboardExport { type: 'export'; runId: string; format: 'csv' | 'json' }
/** dashboard -> host: save a chart image (a data:image/png;base64 URL). */
export interface DashboardSavePng { type: 'savePng'; name: string; dataUrl: string }
/** dashboard -> host: show the cell a run came from. */
export interface DashboardRevealCell { type: 'revealCell'; runId: string }

export type DashboardToHost = DashboardReady | DashboardSelect | DashboardExport | DashboardSavePng | DashboardRevealCell;

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a message from the dashboard webview before the host acts on it. */
export function isDashboardToHost(msg: unknown): msg is DashboardToHost {
  if (!isRecord(msg)) return false;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'select':
      return Array.isArray(msg.runIds) && msg.runIds.length <= 1000 && msg.runIds.every(isString);
    case 'export':
      return isString(msg.runId) && (msg.format === 'csv' || msg.format === 'json');
    case 'savePng':
      return isString(msg.name) && /^[\w .-]{1,100}$/.test(msg.name) && isString(msg.dataUrl) && msg.dataUrl.startsWith('data:image/png;base64,');
    case 'revealCell':
      return isString(msg.runId);
    default:
      return false;
  }
}

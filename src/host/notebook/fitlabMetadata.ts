/**
 * Fitlab's part of a notebook's metadata (`metadata.fitlab = { runs, checklist }`), read
 * defensively: a notebook edited by hand or by another tool must still open, so entries that are
 * not runs are skipped (and counted, so the host can say so) instead of failing the whole notebook.
 */
import type { ChecklistStepId, ChecklistTicks } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { FitlabMetadata } from '../../notebook-format/types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STEP_IDS: readonly ChecklistStepId[] = ['define-problem', 'success-metric', 'evaluation-protocol', 'prepare-data', 'beat-baseline', 'scale-up', 'regularize-tune'];

function looksLikeRun(v: unknown): v is Run {
  return isRecord(v) && typeof v.id === 'string' && typeof v.status === 'string' && Array.isArray(v.epochs) && isRecord(v.history);
}

export interface ReadMetadata {
  fitlab: FitlabMetadata;
  /** How many entries of `runs` were not runs and were skipped. */
  skippedRuns: number;
}

export function readFitlabMetadata(metadata: unknown): ReadMetadata {
  const fitlab = isRecord(metadata) && isRecord(metadata.fitlab) ? metadata.fitlab : {};
  const rawRuns = Array.isArray(fitlab.runs) ? fitlab.runs : [];
  const runs = rawRuns.filter(looksLikeRun);
  const checklist: ChecklistTicks = {};
  if (isRecord(fitlab.checklist)) {
    for (const id of STEP_IDS) if (typeof fitlab.checklist[id] === 'boolean') checklist[id] = fitlab.checklist[id];
  }
  return { fitlab: { runs, checklist }, skippedRuns: rawRuns.length - runs.length };
}

/** The notebook metadata with Fitlab's part replaced and everything else kept. */
export function withFitlabMetadata(metadata: Record<string, unknown> | undefined, fitlab: FitlabMetadata): Record<string, unknown> {
  return { ...(metadata ?? {}), fitlab: { runs: fitlab.runs, checklist: fitlab.checklist } };
}

/**
 * Where Fitlab's part lives in a vscode notebook's metadata. A .tfnb keeps it at the top; VS Code's
 * ipynb serializer keeps the file's metadata under `custom.metadata` (older VS Code) or `metadata`
 * (newer), and writes back only what is there.
 */
function fitlabHolder(metadata: Record<string, unknown> | undefined, notebookType: string): string[] {
  if (notebookType !== 'jupyter-notebook' || !metadata) return [];
  if (isRecord(metadata.custom) && isRecord(metadata.custom.metadata)) return ['custom', 'metadata'];
  return ['metadata'];
}

function holderOf(metadata: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let holder: unknown = metadata;
  for (const key of path) holder = isRecord(holder) ? holder[key] : undefined;
  return isRecord(holder) ? holder : {};
}

export function readNotebookFitlab(metadata: Record<string, unknown> | undefined, notebookType: string): ReadMetadata {
  return readFitlabMetadata(holderOf(metadata ?? {}, fitlabHolder(metadata, notebookType)));
}

/** The notebook's metadata with Fitlab's part replaced where its serializer will save it. */
export function writeNotebookFitlab(metadata: Record<string, unknown> | undefined, notebookType: string, fitlab: FitlabMetadata): Record<string, unknown> {
  const path = fitlabHolder(metadata, notebookType);
  const write = (current: Record<string, unknown> | undefined, depth: number): Record<string, unknown> =>
    depth === path.length ? withFitlabMetadata(current, fitlab) : { ...(current ?? {}), [path[depth]]: write(holderOf(current ?? {}, [path[depth]]), depth + 1) };
  return write(metadata, 0);
}

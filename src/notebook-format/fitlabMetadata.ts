/**
 * The runs and checklist ticks Fitlab keeps in a notebook's metadata ("metadata.fitlab"), read the
 * same way from .tfnb and .ipynb. Runs are checked for the fields every reader relies on; the rest
 * of a run is kept as written.
 */
import type { ChecklistTicks } from '../protocol/findings';
import type { JsonObject, JsonValue } from '../protocol/json';
import type { Run } from '../protocol/run';
import { FieldPath } from './fieldPath';
import type { FitlabMetadata } from './types';

export function emptyFitlabMetadata(): FitlabMetadata {
  return { runs: [], checklist: {} };
}

export function readFitlabMetadata(value: JsonValue | undefined, where: FieldPath): FitlabMetadata {
  if (value === undefined) return emptyFitlabMetadata();
  const fitlab = where.object(value);
  const runsWhere = where.at('runs');
  const runs = fitlab.runs === undefined ? [] : runsWhere.array(fitlab.runs).map((run, i) => readRun(run, runsWhere.at(i)));
  return { runs, checklist: readChecklist(fitlab.checklist, where.at('checklist')) };
}

export function fitlabMetadataJson(fitlab: FitlabMetadata): JsonObject {
  return { runs: fitlab.runs as unknown as JsonValue[], checklist: fitlab.checklist as JsonObject };
}

export function hasFitlabMetadata(fitlab: FitlabMetadata): boolean {
  return fitlab.runs.length > 0 || Object.keys(fitlab.checklist).length > 0;
}

function readRun(value: JsonValue, where: FieldPath): Run {
  const run = where.object(value);
  where.at('id').string(run.id);
  where.at('status').string(run.status);
  const epochs = where.at('epochs').array(run.epochs);
  if (!epochs.every((e) => typeof e === 'number')) where.at('epochs').fail('must be an array of numbers');
  const history = where.at('history').object(run.history);
  for (const [key, column] of Object.entries(history)) {
    if (!Array.isArray(column) || !column.every((v) => v === null || typeof v === 'number')) where.at('history').at(key).fail('must be an array of numbers (null for NaN)');
  }
  return run as unknown as Run;
}

function readChecklist(value: JsonValue | undefined, where: FieldPath): ChecklistTicks {
  if (value === undefined) return {};
  const ticks = where.object(value);
  for (const [step, ticked] of Object.entries(ticks)) if (typeof ticked !== 'boolean') where.at(step).fail('must be true or false');
  return ticks as ChecklistTicks;
}


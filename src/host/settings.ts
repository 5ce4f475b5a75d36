/**
 * Fitlab's settings, read through a getter so this file stays pure (the host passes
 * `vscode.workspace.getConfiguration('fitlab').get`). A value of the wrong type falls back to the
 * default rather than starting a kernel with nonsense.
 */
import { DEFAULT_DIAGNOSE_OPTIONS, type DiagnoseOptions } from '../diagnostics/options';
import type { BackendPreference } from '../protocol/kernel';

export interface FitlabSettings {
  backend: BackendPreference;
  memoryLimitMb: number;
  recordBatches: boolean;
  diagnosticsEnabled: boolean;
  overfittingRise: number;
  openDashboardOnFirstFit: boolean;
}

export const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export type SettingGetter = (key: string) => unknown;

function pick<T>(value: unknown, fallback: T, valid: (v: unknown) => v is T): T {
  return valid(value) ? value : fallback;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isBackend = (v: unknown): v is BackendPreference => BACKEND_CHOICES.includes(v as BackendPreference);
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 10;

export function readSettings(get: SettingGetter): FitlabSettings {
  return {
    backend: pick(get('backend'), 'auto', isBackend),
    memoryLimitMb: pick(get('kernel.memoryLimitMb'), 4096, isPositive),
    recordBatches: pick(get('training.recordBatches'), true, isBoolean),
    diagnosticsEnabled: pick(get('diagnostics.enabled'), true, isBoolean),
    overfittingRise: pick(get('diagnostics.overfittingRise'), DEFAULT_DIAGNOSE_OPTIONS.overfitRise, isFraction),
    openDashboardOnFirstFit: pick(get('dashboard.openOnFirstFit'), true, isBoolean),
  };
}

/** The diagnose options the settings choose (the rest keep the diagnostics' defaults). */
export function diagnoseOptions(settings: FitlabSettings): Partial<DiagnoseOptions> {
  return { overfitRise: settings.overfittingRise };
}

/** The status bar item's text and tooltip for the active notebook's kernel. Pure. */
import type { KernelState } from '../../kernel-client/kernelClient';
import type { BackendName, BackendPreference } from '../../protocol/kernel';

export type KernelStateName = KernelState;

export interface KernelStatus {
  state: KernelStateName;
  /** The backend the kernel runs on, once started; otherwise the preference from the settings. */
  backend: BackendName | undefined;
  preference: BackendPreference;
  tfVersion?: string;
  notes?: string[];
  /** The running fit, if any: latest finished epoch (0-based) and total. */
  training?: { epoch: number; epochs: number; label: string };
  /** Cells waiting behind the running one. */
  pending?: number;
}

export function statusBarText(status: KernelStatus): string {
  const backend = status.backend ?? status.preference;
  const activity = status.training ? `epoch ${status.training.epoch + 1}/${status.training.epochs}` : status.state;
  const icon = status.state === 'starting' ? '$(loading~spin)' : status.state === 'dead' ? '$(error)' : '$(beaker)';
  return `${icon} Fitlab: ${backend} · ${activity}`;
}

const stateWords: Record<KernelStateName, string> = {
  stopped: 'not started (it starts when you run a cell)',
  starting: 'starting (loading TensorFlow.js)',
  idle: 'idle — variables and models of earlier cells are kept',
  busy: 'running a cell',
  dead: 'stopped unexpectedly — run a cell or Restart Kernel to start a new one',
};

export function statusBarTooltip(status: KernelStatus): string {
  const lines = [`Fitlab kernel: ${stateWords[status.state]}`];
  lines.push(status.backend ? `Backend: ${status.backend}${status.tfVersion ? ` (tfjs ${status.tfVersion})` : ''}` : `Backend setting: ${status.preference}`);
  for (const note of status.notes ?? []) lines.push(`Note: ${note}`);
  if (status.training) lines.push(`Training ${status.training.label}: epoch ${status.training.epoch + 1} of ${status.training.epochs}`);
  if (status.pending) lines.push(`${status.pending} cell${status.pending === 1 ? '' : 's'} queued`);
  lines.push('Click for kernel actions');
  return lines.join('\n');
}

/** Findings as text for a person (the CLI's output and the editor's "Diagnose Last Run" channel). */
import type { Finding, FindingId } from '../protocol/findings';

/** One headline per finding, its recommended actions numbered below. `title` names the run or file. */
export function formatFindings(title: string, epochs: number, findings: readonly Finding[]): string {
  if (findings.length === 0) return `${title}: ${epochs} epochs, no findings: nothing looks wrong with these curves.\n`;
  const lines = [`${title}: ${epochs} epochs, ${findings.length} finding${findings.length === 1 ? '' : 's'}`];
  for (const f of findings) {
    lines.push('', `${f.severity}  ${f.id}${f.epoch !== null ? ` (epoch ${f.epoch})` : ''}`, `  ${f.message}`);
    f.actions.forEach((action, i) => lines.push(`  ${i + 1}. ${action}`));
  }
  return lines.join('\n') + '\n';
}

const TITLES: Record<FindingId, string> = {
  'overfitting': 'Overfitting',
  'still-improving': 'Still improving',
  'underfitting': 'Underfitting',
  'no-better-than-baseline': 'No better than the baseline',
  'lr-too-high': 'Learning rate too high',
  'lr-too-low': 'Learning rate too low',
  'diverged': 'Diverged',
  'no-validation': 'No validation data',
  'loss-activation-mismatch': 'Loss/activation mismatch',
  'inputs-not-scaled': 'Inputs not scaled',
  'class-imbalance': 'Class imbalance',
  'dropout-rate': 'Dropout rate',
  'regularization-strength': 'Regularization strength',
  'no-regularization': 'No regularization',
};

/**
 * A finding as one headline for an editor, where there is no separate id column: messages that
 * start with the evidence ("val_loss rose 28% ...") get the finding's name and epoch in front.
 */
export function findingHeadline(finding: Pick<Finding, 'id' | 'epoch' | 'message'>): string {
  if (!/^[a-z]/.test(finding.message)) return finding.message;
  const from = finding.epoch !== null && finding.id === 'overfitting' ? ` from epoch ${finding.epoch}` : '';
  return `${TITLES[finding.id]}${from}: ${finding.message}`;
}

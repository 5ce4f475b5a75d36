/** Findings as text for a person (the CLI's output and the editor's "Diagnose Last Run" channel). */
import type { Finding } from '../protocol/findings';

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

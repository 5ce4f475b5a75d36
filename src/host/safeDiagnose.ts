/**
 * Diagnosing a run must never break the run itself: the store diagnoses inside the kernel's event
 * stream, so a rule that throws would stop the cell's outputs. A failure yields no findings and is
 * reported once per run. Pure.
 */
import type { Finding } from '../protocol/findings';
import type { Run } from '../protocol/run';

export function safeDiagnose(diagnose: (run: Run) => Finding[], report: (message: string) => void): (run: Run) => Finding[] {
  return (run) => {
    try {
      return diagnose(run);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      report(`Fitlab: diagnosing run "${run.label}" (${run.epochs.length} epochs) failed, so it shows no findings: ${reason}`);
      return [];
    }
  };
}

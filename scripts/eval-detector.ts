/**
 * Evaluates the overfitting detector on labelled real training logs (default:
 * /work/shared/data/keras-histories, or the folder given as the first argument).
 *
 *   node --import tsx scripts/eval-detector.ts [folder]
 *   node --import tsx scripts/eval-detector.ts --synthetic
 *
 * Prints one line per file (kind, rule label, verdict, onset, why) and precision / recall /
 * onset accuracy against the person's `kind` (overfit vs healthy/underfit; noisy and diverged are
 * listed apart) and agreement with the `overfitting` rule label.
 * `--synthetic` instead counts how often seeded synthetic curves are flagged: still improving and
 * converged curves (should not be) and overfitting ones (should be), at 1%, 5% and 10% noise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../src/diagnostics';
import { historyToRun, parseHistoryFile } from '../src/diagnostics/historyFile';
import { DEFAULT_DIAGNOSE_OPTIONS } from '../src/diagnostics/options';
import { analyzeOverfitting } from '../src/diagnostics/rules/overfitting';

interface Label {
  kind: string;
  overfitting: boolean;
  val_loss_min_epoch: number;
  overfit_onset_epoch: number | null;
}

/** Why the detector did not call a curve overfitting (for reading the per-file lines). */
function analysisReason(loss: (number | null)[], valLoss: (number | null)[] | undefined): string {
  if (!valLoss) return 'not overfitting: no val_loss';
  const analysis = analyzeOverfitting(loss, valLoss, DEFAULT_DIAGNOSE_OPTIONS);
  return analysis ? `not overfitting: ${analysis.reason}` : 'not overfitting: too few epochs';
}

/** Seeded curves of three shapes; `noise` is the relative epoch-to-epoch noise of val_loss. */
function syntheticCurves(): void {
  let seed = 12345;
  const uniform = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const gauss = (): number => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const curve = (shape: string, noise: number): { loss: number[]; val_loss: number[] } => {
    const n = 10 + Math.floor(uniform() * 90);
    const tau = n / (2 + uniform() * 3);
    const turn = Math.floor(n * (0.3 + uniform() * 0.4));
    const loss: number[] = [];
    const val: number[] = [];
    for (let t = 0; t < n; t++) {
      const decay = Math.exp(-t / (shape === 'converged' ? tau / 3 : tau));
      loss.push((shape === 'overfit' ? 0.05 : 0.2) + decay + 0.01 * gauss());
      const level = shape === 'overfit' ? 0.3 + Math.exp(-Math.min(t, turn) / tau) + (t > turn ? (0.4 * (t - turn)) / n : 0) : 0.3 + decay;
      val.push(level * (1 + noise * gauss()));
    }
    return { loss, val_loss: val };
  };
  for (const shape of ['improving', 'converged', 'overfit']) {
    for (const noise of [0.01, 0.05, 0.1]) {
      let flagged = 0;
      for (let i = 0; i < 300; i++) if (diagnose(historyToRun(curve(shape, noise), shape)).some((f) => f.id === 'overfitting')) flagged++;
      console.log(`${shape.padEnd(9)} noise ${String(noise).padEnd(4)} flagged ${flagged}/300`);
    }
  }
}

if (process.argv[2] === '--synthetic') {
  syntheticCurves();
  process.exit(0);
}

const folder = process.argv[2] ?? '/work/shared/data/keras-histories';
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
let tp = 0, fp = 0, fn = 0, tn = 0, onsetHits = 0, ruleAgree = 0;
const noisyFlags: string[] = [];
/** Other rules, by the person's kind: how often each finding id appears. */
const idsByKind = new Map<string, Map<string, number>>();
const filesByKind = new Map<string, number>();
for (const file of files) {
  const text = readFileSync(join(folder, file), 'utf8');
  const parsed = parseHistoryFile(text, file);
  const label = (JSON.parse(text.replace(/\bNaN\b/g, 'null')) as { label: Label }).label;
  const findings = diagnose(parsed.run);
  const overfit = findings.find((f) => f.id === 'overfitting');
  const flagged = Boolean(overfit);
  const onsetOk = overfit ? Math.abs((overfit.epoch ?? -99) - label.val_loss_min_epoch) <= 1 : false;
  if (flagged === label.overfitting) ruleAgree++;
  if (label.kind === 'overfit') {
    if (flagged) { tp++; if (onsetOk) onsetHits++; } else fn++;
  } else if (label.kind === 'healthy' || label.kind === 'underfit') {
    if (flagged) fp++; else tn++;
  } else if (flagged) noisyFlags.push(`${file} (${label.kind})`);
  const ids = findings.map((f) => f.id).join(',') || '-';
  filesByKind.set(label.kind, (filesByKind.get(label.kind) ?? 0) + 1);
  const counts = idsByKind.get(label.kind) ?? new Map<string, number>();
  for (const id of new Set(findings.map((f) => f.id))) counts.set(id, (counts.get(id) ?? 0) + 1);
  idsByKind.set(label.kind, counts);
  const why = overfit ? overfit.message : analysisReason(parsed.run.history.loss ?? [], parsed.run.history.val_loss);
  console.log(`${file} ${label.kind.padEnd(8)} rule=${String(label.overfitting).padEnd(5)} flagged=${String(flagged).padEnd(5)} onset=${overfit?.epoch ?? '-'}/${label.val_loss_min_epoch} [${ids}] ${why}`);
}
const precision = tp / Math.max(1, tp + fp);
const recall = tp / Math.max(1, tp + fn);
console.log(`\nkind overfit vs healthy/underfit: TP ${tp} FP ${fp} FN ${fn} TN ${tn}`);
console.log(`precision ${(precision * 100).toFixed(1)}%  recall ${(recall * 100).toFixed(1)}%  onset within 1 epoch of the val_loss minimum: ${onsetHits}/${tp}`);
console.log(`agreement with the 'overfitting' rule label: ${ruleAgree}/${files.length}`);
console.log(`flags on noisy/diverged curves: ${noisyFlags.join(', ') || 'none'}`);
console.log('\nfindings by kind (files with the finding / files of the kind):');
for (const [kind, counts] of [...idsByKind].sort()) {
  console.log(`  ${kind.padEnd(8)} ${[...counts].sort().map(([id, n]) => `${id} ${n}/${filesByKind.get(kind)}`).join(', ') || 'none'}`);
}

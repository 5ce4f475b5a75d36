/**
 * The evaluation protocol the fits being recorded now belong to, and the words their run labels end
 * with ("fold 2/5"). `fitlab.kfold` sets both around each fold's fit so the recorder can tag and name
 * that fold's run; folds run one after another, so one current value (restored afterwards, also on
 * error) is enough.
 */
import type { EvaluationProtocol } from '../../protocol/run';

export interface ProtocolFit {
  protocol: EvaluationProtocol;
  /** Appended to the label of the runs recorded meanwhile. */
  labelSuffix: string;
}

let current: ProtocolFit | undefined;

/** The protocol of the fit starting now, or undefined outside any protocol (a plain fit). */
export function currentProtocolFit(): ProtocolFit | undefined {
  return current;
}

/** Runs `body` with every run it records tagged with `fit.protocol` and its label ending in `fit.labelSuffix`. */
export async function withEvaluationProtocol<T>(fit: ProtocolFit, body: () => Promise<T>): Promise<T> {
  const previous = current;
  current = fit;
  try {
    return await body();
  } finally {
    current = previous;
  }
}

/**
 * Quick fixes as pure text edits of a cell: add an L2 weight penalty to a Dense layer, insert a
 * Dropout layer after it, add an EarlyStopping or ReduceLROnPlateau callback, add validationSplit,
 * set a Dropout rate into range, fix the output activation. Every edit keeps the code's own layout
 * (one-line objects stay on one line, multi-line ones get a new line at the same indentation).
 */
import type { FindingId } from '../../protocol/findings';
import { parseCell, type CodeRange } from './ast';
import { addCallback, addFitOption, addToFits, EARLY_STOPPING, REDUCE_LR } from './fitFixes';
import { activationFix, addRegularizer, denseAt, DROPOUT_RATE, dropoutRateFixes, hiddenDenseCalls, insertDropoutAfter } from './layerFixes';
import { combine, type Cell, type QuickFix } from './textEdits';

export type { QuickFix, TextEdit } from './textEdits';
export { EARLY_STOPPING, REDUCE_LR } from './fitFixes';
export { L2_REGULARIZER } from './layerFixes';

/** What a fix is for: a run finding or a static hint (both fit this shape). */
export interface QuickFixSubject {
  id: FindingId;
  /** Where the diagnostic sits in the cell (a layer call, the fit call, a rate literal). */
  range?: CodeRange;
  layer?: string;
}

export function quickFixes(source: string, subject: QuickFixSubject): QuickFix[] {
  const cell: Cell = { source, file: parseCell(source) };
  const fixes: (QuickFix | null)[] = [];
  switch (subject.id) {
    case 'overfitting': {
      const hidden = hiddenDenseCalls(cell);
      fixes.push(
        combine(`Add L2 regularization (0.001) to ${plural(hidden.length, 'hidden Dense layer')}`, hidden.map((d) => addRegularizer(cell, d))),
        combine(`Insert Dropout(${DROPOUT_RATE}) after ${plural(hidden.length, 'hidden Dense layer')}`, hidden.map((d) => insertDropoutAfter(cell, d))),
        addToFits(cell, 'Add an EarlyStopping callback (restores the best epoch)', (c) => addCallback(cell, c, EARLY_STOPPING), subject.range),
        addToFits(cell, 'Add a ReduceLROnPlateau callback', (c) => addCallback(cell, c, REDUCE_LR), subject.range),
      );
      break;
    }
    case 'no-regularization': {
      const dense = denseAt(cell, subject.range);
      if (dense) fixes.push(combine('Add L2 regularization (0.001) to this layer', [addRegularizer(cell, dense)]), combine(`Insert Dropout(${DROPOUT_RATE}) after this layer`, [insertDropoutAfter(cell, dense)]));
      break;
    }
    case 'no-validation':
      fixes.push(addToFits(cell, 'Add validationSplit: 0.2', (c) => addFitOption(cell, c, 'validationSplit', 'validationSplit: 0.2'), subject.range));
      break;
    case 'lr-too-high':
    case 'still-improving':
      fixes.push(addToFits(cell, subject.id === 'lr-too-high' ? 'Add a ReduceLROnPlateau callback' : 'Add an EarlyStopping callback (restores the best epoch)', (c) => addCallback(cell, c, subject.id === 'lr-too-high' ? REDUCE_LR : EARLY_STOPPING), subject.id === 'lr-too-high' ? undefined : subject.range));
      break;
    case 'dropout-rate':
      fixes.push(...dropoutRateFixes(cell, subject.range));
      break;
    case 'loss-activation-mismatch':
      fixes.push(activationFix(cell));
      break;
    default:
      break;
  }
  const result = fixes.filter((f): f is QuickFix => f !== null);
  if (result[0]) result[0].preferred = true;
  return result;
}

function plural(n: number, noun: string): string {
  return n === 1 ? `the ${noun}` : `${n} ${noun}s`;
}

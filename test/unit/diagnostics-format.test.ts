import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingHeadline, formatFindings } from '../../src/diagnostics/format';
import type { Finding } from '../../src/protocol/findings';

const overfit: Finding = { id: 'overfitting', severity: 'warning', epoch: 4, message: 'val_loss rose 38% from its minimum 0.281 at epoch 4 over 6 epochs while loss fell 71%', actions: ['More data', 'Smaller network'] };

test('an editor headline names the finding and its onset when the message starts with the evidence', () => {
  assert.equal(findingHeadline(overfit), `Overfitting from epoch 4: ${overfit.message}`);
  assert.equal(findingHeadline({ id: 'lr-too-low', epoch: null, message: 'loss fell only 5% over 20 epochs' }), 'Learning rate too low: loss fell only 5% over 20 epochs');
  const titled = { id: 'no-validation' as const, epoch: null, message: 'No validation data: the fit logged no val_loss' };
  assert.equal(findingHeadline(titled), titled.message);
});

test('the text for a person: count, one headline per finding, numbered actions', () => {
  assert.equal(formatFindings('run 1', 10, [overfit]), `run 1: 10 epochs, 1 finding\n\nwarning  overfitting (epoch 4)\n  ${overfit.message}\n  1. More data\n  2. Smaller network\n`);
  assert.match(formatFindings('run 2', 3, []), /no findings/);
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { applyEdits } from '../../src/diagnostics/code/edits';
import { lintCell } from '../../src/diagnostics/code/lint';
import { locateInCode } from '../../src/diagnostics/code/locate';
import { EARLY_STOPPING, L2_REGULARIZER, quickFixes, REDUCE_LR, type QuickFixSubject } from '../../src/diagnostics/code/quickFixes';
import type { Finding, FindingTarget } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';
import { historyToRun } from '../../src/diagnostics/historyFile';

const CELL = [
  'const model = tf.sequential();',
  "model.add(tf.layers.dense({units: 64, activation: 'relu', inputShape: [10]}));",
  'model.add(tf.layers.dense({',
  '  units: 32,',
  "  activation: 'relu',",
  '}));',
  "model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));",
  "model.compile({optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['acc']});",
  'const history = await model.fit(xs, ys, {epochs: 40, batchSize: 32});',
].join('\n');

function finding(target: FindingTarget, extra: Partial<Finding> = {}): Finding {
  return { id: 'overfitting', severity: 'warning', epoch: 4, message: 'm', actions: [], target, ...extra };
}

/** Syntax errors of a cell (the parser's own diagnostics, as the editor would show them). */
function syntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function textAt(source: string, range: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
  const lines = source.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line - 1]!.slice(range.start.column - 1, range.end.column - 1);
  return [lines[range.start.line - 1]!.slice(range.start.column - 1), ...lines.slice(range.start.line, range.end.line - 1), lines[range.end.line - 1]!.slice(0, range.end.column - 1)].join('\n');
}

test('locateInCode: the fit( call, the optimizer line, the loss in compile, the Dense layer calls (1-based)', () => {
  const [fit] = locateInCode(CELL, finding('fit'));
  assert.deepEqual(fit!.start, { line: 9, column: 23 });
  assert.equal(textAt(CELL, fit!), 'model.fit(');
  assert.deepEqual(locateInCode(CELL, finding('optimizer')).map((r) => [r.start.line, textAt(CELL, r)]), [[8, 'tf.train.adam(']]);
  assert.deepEqual(locateInCode(CELL, finding('compile')).map((r) => textAt(CELL, r)), ["loss: 'binaryCrossentropy'"]);
  assert.deepEqual(locateInCode(CELL, finding('layer')).map((r) => r.start.line), [2, 3, 7]);
});

test("locateInCode: fitlab.optimizers.sgd( and optimizer: 'adam' count as the optimizer line", () => {
  const a = "const opt = fitlab.optimizers.sgd({learningRate: 0.1});\nmodel.compile({optimizer: opt, loss: 'mse'});";
  assert.deepEqual(locateInCode(a, finding('optimizer')).map((r) => [r.start.line, textAt(a, r)]), [[1, 'fitlab.optimizers.sgd(']]);
  const b = "model.compile({\n  optimizer: 'adam',\n  loss: 'mse',\n});";
  assert.deepEqual(locateInCode(b, finding('optimizer')).map((r) => [r.start.line, textAt(b, r)]), [[2, "optimizer: 'adam'"]]);
});

test('locateInCode: a layer finding lands on the n-th Dense call of the model, or on the one with its name', () => {
  const run: Run = historyToRun({ loss: [1] }, 'r');
  run.model.layers = ['dense_Dense1', 'dense_Dense2', 'dense_Dense3'].map((name) => ({ name, className: 'Dense', params: 1, outputShape: [] }));
  const ranges = locateInCode(CELL, finding('layer', { id: 'no-regularization', layer: 'dense_Dense2' }), run);
  assert.deepEqual(ranges.map((r) => r.start.line), [3]);
  const named = "model.add(tf.layers.dense({units: 4}));\nmodel.add(tf.layers.dense({units: 4, name: 'hidden'}));";
  assert.deepEqual(locateInCode(named, finding('layer', { layer: 'hidden' })).map((r) => r.start.line), [2]);
});

test('locateInCode: a cell without the code in question gives no ranges', () => {
  assert.deepEqual(locateInCode('const x = 1;', finding('fit')), []);
});

test('lintCell: fit without validation, dropout out of range, sigmoid with categoricalCrossentropy', () => {
  const cell = [
    "model.add(tf.layers.dense({units: 3, activation: 'sigmoid'}));",
    'model.add(tf.layers.dropout({rate: 0.7}));',
    "model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
    'await model.fit(xs, ys, {epochs: 10});',
  ].join('\n');
  const hints = lintCell(cell);
  assert.deepEqual(hints.map((h) => [h.id, h.range.start.line]), [['dropout-rate', 2], ['loss-activation-mismatch', 3], ['no-validation', 4]]);
  assert.equal(textAt(cell, hints[0]!.range), '0.7');
  assert.match(hints[1]!.message, /sigmoid with categoricalCrossentropy/);
  assert.equal(textAt(cell, hints[2]!.range), 'fit');
});

test('lintCell: no hints for a validated fit, a usual dropout rate, matching loss/activation, or values it cannot see', () => {
  assert.deepEqual(lintCell(CELL.replace('batchSize: 32', 'batchSize: 32, validationSplit: 0.2')), []);
  assert.deepEqual(lintCell('model.add(tf.layers.dropout({rate: 0.3}));\nawait model.fit(xs, ys, options);\nawait model.fit(xs, ys, {...o});'), []);
  assert.deepEqual(lintCell('model.add(tf.layers.dense({units: 1, activation: act}));\nmodel.compile({loss: \'binaryCrossentropy\', optimizer: \'adam\'});'), []);
  assert.deepEqual(lintCell('model.add(tf.layers.dense({units: 1, activation: \'sigmoid\'}));\nawait model.fit(x, y, {validationData: [xv, yv]});'), []);
});

test('lintCell: softmax over one unit, and a linear output with binaryCrossentropy', () => {
  assert.match(lintCell("model.add(tf.layers.dense({units: 1, activation: 'softmax'}));\nmodel.compile({loss: 'binaryCrossentropy', optimizer: 'sgd'});")[0]!.message, /softmax over one unit/);
  assert.match(lintCell("model.add(tf.layers.dense({units: 1}));\nmodel.compile({loss: 'binaryCrossentropy', optimizer: 'sgd'});")[0]!.message, /linear output with binaryCrossentropy/);
});

function applyFix(source: string, subject: QuickFixSubject, title: RegExp): string {
  const fix = quickFixes(source, subject).find((f) => title.test(f.title));
  assert.ok(fix, `no fix matching ${title} among: ${quickFixes(source, subject).map((f) => f.title).join(' | ')}`);
  const result = applyEdits(source, fix.edits);
  assert.deepEqual(syntaxErrors(result), [], result);
  return result;
}

test('overfitting fixes: L2 on each hidden Dense layer (one-line and multi-line objects), not on the output', () => {
  const result = applyFix(CELL, { id: 'overfitting' }, /L2/);
  const lines = result.split('\n');
  assert.equal(lines[1], `model.add(tf.layers.dense({units: 64, activation: 'relu', inputShape: [10], ${L2_REGULARIZER}}));`);
  assert.deepEqual(lines.slice(2, 7), ['model.add(tf.layers.dense({', '  units: 32,', "  activation: 'relu',", `  ${L2_REGULARIZER},`, '}));']);
  assert.equal(lines[7], "model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));");
});

test('overfitting fixes: Dropout inserted after each hidden Dense statement, same receiver and namespace', () => {
  const lines = applyFix(CELL, { id: 'overfitting' }, /Dropout/).split('\n');
  assert.equal(lines[2], 'model.add(tf.layers.dropout({rate: 0.5}));');
  assert.equal(lines[7], 'model.add(tf.layers.dropout({rate: 0.5}));');
  assert.equal(lines.filter((l) => l.includes('dropout')).length, 2);
});

test('a Dropout already after a layer is not inserted twice; layers in a sequential array get an element', () => {
  const array = "const model = tf.sequential({layers: [\n  tf.layers.dense({units: 8, inputShape: [2]}),\n  tf.layers.dense({units: 1}),\n]});";
  const result = applyFix(array, { id: 'overfitting' }, /Dropout/);
  assert.equal(result.split('\n')[2], '  tf.layers.dropout({rate: 0.5}),');
  assert.equal(quickFixes(result, { id: 'overfitting' }).find((f) => /Dropout/.test(f.title)), undefined);
});

test('callbacks: added to a fit options object, appended to an existing callbacks array, never twice', () => {
  const withEarly = applyFix(CELL, { id: 'overfitting' }, /EarlyStopping/);
  assert.match(withEarly, new RegExp(`\\{epochs: 40, batchSize: 32, callbacks: \\[${EARLY_STOPPING.replace(/[().[\]{}]/g, '\\$&')}\\]\\}`));
  const withBoth = applyFix(withEarly, { id: 'lr-too-high' }, /ReduceLROnPlateau/);
  assert.ok(withBoth.includes(`callbacks: [${EARLY_STOPPING}, ${REDUCE_LR}]`));
  assert.equal(quickFixes(withBoth, { id: 'overfitting' }).find((f) => /EarlyStopping/.test(f.title)), undefined);
});

test('validationSplit: into the options object, as a new options argument, or around an options variable', () => {
  assert.match(applyFix(CELL, { id: 'no-validation' }, /validationSplit/), /\{epochs: 40, batchSize: 32, validationSplit: 0\.2\}\);$/);
  assert.match(applyFix('await model.fit(xs, ys);', { id: 'no-validation' }, /validationSplit/), /^await model\.fit\(xs, ys, \{validationSplit: 0\.2\}\);$/);
  assert.match(applyFix('await model.fit(xs, ys, opts);', { id: 'no-validation' }, /validationSplit/), /model\.fit\(xs, ys, \{\.\.\.opts, validationSplit: 0\.2\}\);$/);
});

test('the validationSplit fix of a hint touches only the fit call the hint is on', () => {
  const cell = 'await a.fit(x, y);\nawait b.fit(x, y);';
  const [, second] = lintCell(cell);
  const result = applyFix(cell, second!, /validationSplit/);
  assert.equal(result, 'await a.fit(x, y);\nawait b.fit(x, y, {validationSplit: 0.2});');
});

test('a "no regularization" finding fixes only the layer it is on', () => {
  const subject: QuickFixSubject = { id: 'no-regularization', range: { start: { line: 3, column: 11 }, end: { line: 3, column: 27 } } };
  const result = applyFix(CELL, subject, /L2/);
  assert.equal(result.split(L2_REGULARIZER).length, 2);
  assert.match(result, /units: 32,\n {2}activation: 'relu',\n {2}kernelRegularizer/);
  const dropout = applyFix(CELL, subject, /Dropout/).split('\n');
  assert.equal(dropout[6], 'model.add(tf.layers.dropout({rate: 0.5}));');
});

test('dropout rate and output activation fixes rewrite the literal in place', () => {
  const cell = 'model.add(tf.layers.dropout({rate: 0.9}));';
  const [hint] = lintCell(cell);
  assert.equal(applyFix(cell, hint!, /rate to 0\.5/), 'model.add(tf.layers.dropout({rate: 0.5}));');
  const mismatch = "model.add(tf.layers.dense({units: 3, activation: 'sigmoid'}));\nmodel.compile({loss: 'categoricalCrossentropy', optimizer: 'adam'});";
  assert.match(applyFix(mismatch, lintCell(mismatch)[0]!, /softmax/), /activation: 'softmax'/);
});

test('the hint and quick-fix code loads TypeScript only when a cell is first linted (Python notebooks never pay for it)', () => {
  // A fresh process: this test file itself imports typescript.
  const script = [
    "const loaded = () => Object.keys(require.cache).some((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(f));",
    "const { lintCell } = require('./src/diagnostics/code/lint');",
    "require('./src/diagnostics/code/quickFixes');",
    'const before = loaded();',
    "lintCell('model.fit(x, y, {epochs: 5});');",
    'console.log(JSON.stringify({ before, after: loaded() }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop() ?? '{}'), { before: false, after: true });
});

// The cell transpiler: TypeScript cells become scripts that keep state in globals, hoist functions,
// resolve imports through the kernel, return their last expression and map errors back to the cell.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CellSyntaxError, transpileCell } from '../../src/kernel/transpile';
import { CellEvaluator } from '../../src/kernel/evaluate';
import { toCellError } from '../../src/kernel/errors';

const globals = globalThis as Record<string, unknown>;

/** An evaluator whose imports are recorded and answered from a fake module table. */
function evaluator(modules: Record<string, unknown> = {}) {
  const requested: string[] = [];
  const cells = new CellEvaluator((specifier) => {
    requested.push(specifier);
    if (!(specifier in modules)) throw new Error(`Cannot find module '${specifier}'`);
    return modules[specifier];
  });
  return { cells, requested };
}

test('re-running a cell that declares a const replaces the value instead of failing', async () => {
  const { cells } = evaluator();
  await cells.run('const tModel = { units: 4 };', 0);
  await cells.run('const tModel = { units: 8 };', 0);
  const { value } = await cells.run('tModel.units', 1);
  assert.equal(value, 8);
});

test('let, var and destructuring declarations are visible to later cells', async () => {
  const { cells } = evaluator();
  await cells.run('const { tA, tB: [tC, ...tD] } = { tA: 1, tB: [2, 3, 4] };\nlet tE: number = 5, tF = 6;\nvar tG = 7;', 0);
  const { value } = await cells.run('[tA, tC, tD, tE, tF, tG]', 1);
  assert.deepEqual(value, [1, 2, [3, 4], 5, 6, 7]);
});

test('`let x;` resets x while `var x;` keeps its value, as re-declaring would', async () => {
  const { cells } = evaluator();
  await cells.run('let tL = 1; var tV = 2;', 0);
  await cells.run('let tL; var tV;', 0);
  assert.deepEqual((await cells.run('[tL, tV]', 1)).value, [undefined, 2]);
});

test('functions are hoisted within the cell and callable from later cells', async () => {
  const { cells } = evaluator();
  await cells.run('const tHoisted = twice(21);\nfunction twice(n: number): number { return n * 2; }\nasync function later() { return tHoisted; }', 0);
  assert.equal(globals.tHoisted, 42);
  assert.equal((await cells.run('await later()', 1)).value, 42);
});

test('classes (and TypeScript enums) declared in one cell are usable in the next, and re-declarable', async () => {
  const { cells } = evaluator();
  await cells.run('class TCounter { count = 1; constructor(private readonly step: number) {} next() { return this.count + this.step; } }\nenum TColor { Red, Green }', 0);
  await cells.run('class TCounter { count = 10; next() { return this.count; } }\nenum TColor { Red, Green }', 0);
  assert.deepEqual((await cells.run('[new TCounter().next(), TColor.Green, TColor[0]]', 1)).value, [10, 1, 'Red']);
});

test('every import form resolves through the kernel require', async () => {
  const fake = { __esModule: true, default: 'the default', alpha: 'A', beta: 'B' };
  const cjs = { gamma: 'G' };
  const { cells, requested } = evaluator({ '@tensorflow/tfjs': { ns: true }, fake, cjs, 'side-effect': {} });
  await cells.run(
    [
      "import * as tfx from '@tensorflow/tfjs';",
      "import fakeDefault, { alpha, beta as renamed } from 'fake';",
      "import cjsDefault from 'cjs';",
      "import 'side-effect';",
      "import type { Tensor } from '@tensorflow/tfjs';",
      'const tImported: Tensor | null = null;',
    ].join('\n'),
    0,
  );
  assert.deepEqual(requested.sort(), ['@tensorflow/tfjs', 'cjs', 'fake', 'fake', 'side-effect']);
  assert.deepEqual(globals.tfx, { ns: true });
  assert.equal(globals.fakeDefault, 'the default');
  assert.equal(globals.alpha, 'A');
  assert.equal(globals.renamed, 'B');
  assert.equal(globals.cjsDefault, cjs, 'a CommonJS module is its own default export');
});

test('dynamic import() anywhere in the cell resolves through the kernel require', async () => {
  const { cells, requested } = evaluator({ lib: { answer: 42 }, esm: { __esModule: true, value: 7 } });
  const { value } = await cells.run("async function load() { return (await import('lib')).answer; }\nconst esm = await import('esm');\n[await load(), (await import('lib')).default.answer, esm.value]", 0);
  assert.deepEqual(value, [42, 42, 7]);
  assert.deepEqual(requested, ['esm', 'lib', 'lib']);
});

test('an import the cell itself does not use is still kept for later cells', async () => {
  const { cells } = evaluator({ lib: { answer: 42 } });
  await cells.run("import * as unusedHere from 'lib';", 0);
  assert.equal((await cells.run('unusedHere.answer', 1)).value, 42);
});

test('the last expression is the cell value; a cell ending in a statement has none', async () => {
  const { cells } = evaluator();
  assert.deepEqual(await cells.run('const tX = 2;\ntX * 21', 0), { value: 42, returnsValue: true });
  assert.deepEqual(await cells.run('const tY = 2;', 0), { value: undefined, returnsValue: false });
  assert.deepEqual(await cells.run('export const tZ = 3;\ntZ', 0), { value: 3, returnsValue: true });
  assert.deepEqual(await cells.run("'still here'", 0), { value: 'still here', returnsValue: true }, 'a lone string is a value, not a directive');
  assert.deepEqual(await cells.run("'use strict';", 0), { value: undefined, returnsValue: false });
  assert.deepEqual(await cells.run('if (tX) { tX + 1 }', 0), { value: undefined, returnsValue: false });
});

test('top-level await works, and the cell value waits for it', async () => {
  const { cells } = evaluator();
  const { value } = await cells.run('const tWaited = await new Promise<number>((r) => setTimeout(() => r(5), 5));\nawait Promise.resolve(tWaited * 2)', 0);
  assert.equal(value, 10);
});

test('a syntax error carries the position in the cell’s own TypeScript', async () => {
  await assert.rejects(transpileCell('const ok: number = 1;\nconst broken = ;\n', 'cell-1.ts'), (error: unknown) => {
    assert.ok(error instanceof CellSyntaxError);
    assert.equal(error.line, 2);
    assert.equal(error.column, 16);
    assert.match(error.message, /Unexpected ";"/);
    return true;
  });
});

test('declaring a global the kernel relies on (process, console) is refused at its position', async () => {
  await assert.rejects(transpileCell('const fine = 1;\nlet { console: c, process } = { console: 1, process: 2 };', 'cell-1.ts'), (error: unknown) => {
    assert.ok(error instanceof CellSyntaxError);
    assert.match(error.message, /^'process' is a global the kernel itself relies on; a cell cannot declare it\. Rename the variable\.$/);
    assert.deepEqual([error.line, error.column], [2, 19]);
    return true;
  });
});

test('a runtime error maps to the cell line and column, not the transpiled code', async () => {
  const { cells } = evaluator();
  const source = [
    'interface Shape { width: number }',
    'const tShape: Shape = { width: 3 };',
    'function explode(shape: Shape): never {',
    '  throw new RangeError(`width ${shape.width} is too wide`);',
    '}',
    'explode(tShape);',
  ].join('\n');
  const thrown = await cells.run(source, 2).then(
    () => assert.fail('the cell should throw'),
    (error: unknown) => error,
  );
  const error = toCellError(thrown, cells.maps, { kernelPaths: [__dirname, __filename] }, 2);
  assert.equal(error.name, 'RangeError');
  assert.equal(error.message, 'width 3 is too wide');
  assert.deepEqual(error.position, { cellIndex: 2, line: 4, column: 9 });
  assert.match(error.stack ?? '', /at explode \(cell-3\.ts:4:9\)/);
  assert.match(error.stack ?? '', /cell-3\.ts:6:1/);
});

test('an error in the cell’s last expression (the returned value) reports that line and column', async () => {
  const { cells } = evaluator();
  const thrown = await cells.run('const tValue = 1;\n\n  missingFunction(tValue)', 4).catch((error: unknown) => error);
  const error = toCellError(thrown, cells.maps, { kernelPaths: [__dirname, __filename] }, 4);
  assert.equal(error.name, 'ReferenceError');
  assert.deepEqual(error.position, { cellIndex: 4, line: 3, column: 3 });
  assert.match(error.stack ?? '', /^ {4}at cell-5\.ts:3:3$/m);
});

test('an error thrown by a function from an earlier cell points at that cell', async () => {
  const { cells } = evaluator();
  await cells.run('\n\nfunction failLater(): void {\n  null!.toString();\n}', 0);
  const thrown = await cells.run('const tUnused = 1;\nfailLater();', 4).catch((error: unknown) => error);
  const error = toCellError(thrown, cells.maps, { kernelPaths: [] }, 4);
  assert.equal(error.name, 'TypeError');
  assert.equal(error.position?.cellIndex, 0);
  assert.equal(error.position?.line, 4);
  assert.match(error.stack ?? '', /cell-5\.ts:2:1/);
});

test('kernel frames are removed from stacks', async () => {
  const { cells } = evaluator();
  const thrown = await cells.run('[1].map(() => { throw new Error("inside"); });', 0).catch((error: unknown) => error);
  const error = toCellError(thrown, cells.maps, { kernelPaths: [__dirname.replace(/test\/unit$/, '')] }, 0);
  assert.doesNotMatch(error.stack ?? '', /node:internal|evaluate\.ts|transpile\.test\.ts/);
  assert.match(error.stack ?? '', /cell-1\.ts:1:23/);
});

test('a thrown non-Error value is reported readably', async () => {
  const { cells } = evaluator();
  const thrown = await cells.run('throw "plain string";', 0).catch((error: unknown) => error);
  assert.deepEqual(toCellError(thrown, cells.maps, { kernelPaths: [] }, 0), { name: 'Error', message: 'Uncaught "plain string"' });
});

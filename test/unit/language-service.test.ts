// The notebook language service on fixture notebooks: real TypeScript, real tfjs declarations, the
// real fitlab engine's types. One service per notebook, as the editor keeps it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NotebookLanguageService, type CellDiagnostic } from '../../src/language';
import { isRunnableCell, parseNotebook } from '../../src/notebook-format';

const fixtures = join(__dirname, '..', 'fixtures', 'language');
function codeCells(file: string): string[] {
  return parseNotebook(readFileSync(join(fixtures, file), 'utf8'), file).cells.filter(isRunnableCell).map((c) => c.source);
}
/** The 0-based line/character of the first `needle` in a cell, plus `shift` characters. */
function at(source: string, needle: string, shift = 0) {
  const offset = source.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in cell`);
  const before = source.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

let service: NotebookLanguageService;
let clean: string[];
before(() => {
  service = new NotebookLanguageService();
  clean = codeCells('clean.tfnb');
  service.setCells(clean);
});
after(() => service.dispose());

test('the example notebook has no errors: tf without import, top-level await, re-declared consts and vars, fitlab import', () => {
  assert.deepEqual(service.diagnostics(), []);
});

test('type errors are reported on the right cell and line', () => {
  const broken = new NotebookLanguageService();
  broken.setCells(codeCells('type-errors.tfnb'));
  const found = broken.diagnostics().map((d) => ({ cell: d.cell, line: d.start.line, character: d.start.character, code: d.code }));
  broken.dispose();
  assert.deepEqual(found, [
    { cell: 1, line: 0, character: 28, code: 2322 }, // units: 'eight'
    { cell: 1, line: 1, character: 6, code: 2322 }, // const n: string = units (a number from code cell 0)
    { cell: 2, line: 0, character: 6, code: 2551 }, // model.fitt -> did you mean 'fit'?
  ]);
});

test('completions offer an earlier cell\'s variables with their types, never a later cell\'s', () => {
  service.updateCell(3, 'mod');
  const names = service.completions(3, { line: 0, character: 3 }).map((c) => c.name);
  assert.ok(names.includes('model'), 'model from an earlier cell');
  assert.ok(names.includes('xs'), 'xs from cell 0');
  assert.ok(!names.includes('schedule'), 'schedule is declared only in a later cell');
  const details = service.completionDetails(3, { line: 0, character: 3 }, 'model');
  assert.match(details?.detail ?? '', /const model: (tf\.)?Sequential/);
  service.updateCell(3, clean[3]);
});

test('member completions come from tfjs declarations and from the fitlab engine', () => {
  service.updateCell(3, 'model.');
  assert.ok(service.completions(3, { line: 0, character: 6 }).some((c) => c.name === 'fit'));
  service.updateCell(3, 'fitlab.callbacks.');
  assert.ok(service.completions(3, { line: 0, character: 17 }).some((c) => c.name === 'reduceLROnPlateau'));
  service.updateCell(3, clean[3]);
});

test('hover shows the type and tfjs doc comment', () => {
  const hover = service.hover(1, at(clean[1], 'tf.sequential', 4));
  assert.match(hover?.signature ?? '', /sequential\(config\?: (tf\.)?SequentialArgs\): (tf\.)?Sequential/);
  assert.match(hover?.documentation ?? '', /Sequential/);
  assert.deepEqual(hover?.range.start, at(clean[1], 'sequential'));
});

test('hover explains regularization and schedule names in two lines with the Keras call', () => {
  const cases: [number, string, RegExp][] = [
    [1, 'kernelRegularizer', /^kernelRegularizer: adds a weight penalty to the loss.*\nKeras: Dense\(16, kernel_regularizer=regularizers\.l2\(0\.001\)\)$/],
    [1, 'dropout', /^dropout: .*\nKeras: layers\.Dropout\(0\.5\)$/],
    [4, 'reduceLROnPlateau', /^reduceLROnPlateau: .*learning rate.*\nKeras: callbacks\.ReduceLROnPlateau\(/],
    [4, 'exponentialDecay', /^exponentialDecay: .*\nKeras: optimizers\.schedules\.ExponentialDecay\(/],
  ];
  for (const [cell, name, expected] of cases) {
    const hover = service.hover(cell, at(clean[cell], name, 2));
    assert.match(hover?.explanation ?? '', expected, name);
    assert.equal(hover?.explanation?.split('\n').length, 2);
  }
  assert.equal(service.hover(1, at(clean[1], 'relu', 1))?.explanation, undefined);
});

test('signature help shows the parameters of a tfjs call', () => {
  service.updateCell(3, 'model.fit(xs, ');
  const help = service.signatureHelp(3, { line: 0, character: 14 });
  assert.ok(help && help.signatures.length > 0);
  assert.equal(help.activeParameter, 1);
  assert.deepEqual(help.signatures[help.activeSignature].parameters.slice(0, 2).map((p) => p.label.split(':')[0]), ['x', 'y']);
  service.updateCell(3, clean[3]);
});

test('go to definition reaches the latest declaration in an earlier cell, and tfjs declaration files', () => {
  const defs = service.definitions(2, at(clean[2], 'history', 1));
  assert.deepEqual(defs, [{ kind: 'cell', cell: 2, start: { line: 0, character: 6 }, end: { line: 0, character: 13 } }]);
  const inCell3 = service.definitions(3, at(clean[3], 'display(history', 9));
  assert.deepEqual(inCell3.map((d) => d.kind === 'cell' && [d.cell, d.start.line]), [[3, 2]], 'the re-declared history of cell 3');
  const fromLater = service.definitions(4, at(clean[4], 'fitlab.callbacks', 1));
  assert.ok(fromLater.every((d) => d.kind === 'file'), 'the fitlab global is declared in no cell');
  const tfDefs = service.definitions(1, at(clean[1], 'sequential', 1));
  assert.ok(tfDefs.some((d) => d.kind === 'file' && /tfjs-layers/.test(d.file)));
});

test('types follow the cells as they change: an edit in an earlier cell retypes a later one', () => {
  const nb = new NotebookLanguageService();
  nb.setCells(['const rate = 0.5;', 'const half: number = rate / 2;']);
  assert.deepEqual(nb.diagnostics(), []);
  nb.updateCell(0, "const rate = 'fast';");
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), [[1, 2362]]);
  nb.setCells(['const half: number = rate / 2;', 'const rate = 0.5;']);
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), [[0, 2304]], 'a later cell\'s name does not exist yet');
  nb.dispose();
});

test('a re-declaration inside one cell is still an error, as it is in the kernel', () => {
  const nb = new NotebookLanguageService();
  nb.setCells(['const a = 1;\nconst a = 2;']);
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.start.line, d.code]), [[0, 0, 2451], [0, 1, 2451]]);
  nb.dispose();
});

/**
 * Nine rounds of `change` then a check, timed together; `verify` sees each round's errors (and may
 * undo the change, untimed). The line to print: medians and extremes, and the cells checked.
 */
function timeRounds(nb: NotebookLanguageService, label: string, change: (k: number) => void, verify: (k: number, errors: CellDiagnostic[]) => void): string {
  const times: number[] = [];
  // CPU time too: on a machine shared with other work, wall time mostly measures the waiting.
  const cpuTimes: number[] = [];
  const checked = new Set<number>();
  for (let k = 0; k < 9; k++) {
    const wallBefore = performance.now();
    const cpuBefore = process.cpuUsage();
    change(k);
    const errors = nb.diagnostics();
    const cpu = process.cpuUsage(cpuBefore);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    times.push(performance.now() - wallBefore);
    checked.add(nb.lastCheckedCells);
    verify(k, errors);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return (
    `${label}: re-check wall median ${times[4].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[8].toFixed(1)}), ` +
    `CPU median ${cpuTimes[4].toFixed(1)} ms (min ${cpuTimes[0].toFixed(1)}); cells type-checked: ${[...checked].join('/')}`
  );
}

test('re-check time of one changed cell in a 50-cell notebook, mid-notebook and at the end, and of a cell added, removed or moved beside a full check (reported, not asserted)', (t) => {
  const cells = ['const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [2] }));'];
  for (let i = 1; i < 50; i++) {
    cells.push(`const x${i} = tf.tensor2d([[${i}, 2], [3, 4]]);\nconst s${i} = x${i}.sum().dataSync()[0];\nfunction f${i}(a: number) { return a * ${i}; }\nconst r${i}: number = f${i}(s${i}) + model.layers.length;`);
  }
  const nb = new NotebookLanguageService();
  const started = performance.now();
  nb.setCells(cells);
  assert.deepEqual(nb.diagnostics(), []);
  const first = performance.now() - started;
  const lines = [`50-cell notebook: first check ${first.toFixed(0)} ms`];
  // Mid-notebook and last cell; mid-notebook using a name every later cell uses (`model`), which
  // leaves the types the cell declares as they were, so later cells are not re-checked; then the
  // worst case for one edit: every other keystroke re-declares `model`, so all later cells are.
  const extra = (k: number) => `const extra${k}: string = ${k % 2 === 0 ? "'ok'" : k}`;
  const edits: [number, string, (k: number) => string][] = [
    [25, 'edit in cell 25', (k) => `${cells[25]}\n${extra(k)};`],
    [49, 'edit in cell 49', (k) => `${cells[49]}\n${extra(k)};`],
    [25, 'edit in cell 25 using model', (k) => `${cells[25]}\n${extra(k)} + model.layers.length;`],
    [25, 'edit in cell 25 re-declaring model', (k) => `${k % 2 === 0 ? `const model = tf.sequential({ name: 'm${k}' });\n` : ''}${cells[25]}\n${extra(k)};`],
  ];
  for (const [cell, label, edit] of edits) {
    const line = timeRounds(
      nb,
      label,
      (k) => nb.updateCell(cell, edit(k)),
      (k, errors) => assert.deepEqual(errors.map((d) => [d.cell, d.code]), k % 2 === 0 ? [] : [[cell, 2322]]),
    );
    nb.updateCell(cell, cells[cell]);
    nb.diagnostics();
    lines.push(line);
  }
  // Cells added, removed and moved (issue 8), beside a full check of the same notebook: each
  // change is followed by a check, and undone (with a check) before the next round.
  const structure: [string, (k: number) => void, () => void][] = [
    ['insert an empty cell at 25', () => nb.insertCell(25, ''), () => nb.removeCell(25)],
    ['insert a cell declaring a new name at 25', (k) => nb.insertCell(25, `const added${k} = tf.scalar(${k});`), () => nb.removeCell(25)],
    ['remove cell 25', () => nb.removeCell(25), () => nb.insertCell(25, cells[25])],
    ['move cell 25 to 40', () => (nb.removeCell(25), nb.insertCell(40, cells[25])), () => (nb.removeCell(40), nb.insertCell(25, cells[25]))],
    // A new cell list each time: the same texts again would reuse the last program's answers.
    ['full check (setCells)', (k) => nb.setCells(cells.map((c, i) => (i === 25 ? `${c}\n// ${k}` : c))), () => undefined],
  ];
  for (const [label, change, undo] of structure) {
    const line = timeRounds(nb, label, change, (_, errors) => {
      assert.deepEqual(errors, [], label);
      undo();
      assert.deepEqual(nb.diagnostics(), [], `${label}, undone`);
    });
    lines.push(line);
  }
  nb.dispose();
  t.diagnostic(lines.join('; '));
});

test('syntax errors stay on the cell that has them; the cells after it are not blamed', () => {
  const nb = new NotebookLanguageService();
  nb.setCells(['const a = 1;', 'foo(', 'const b: number = a;']);
  assert.deepEqual([...new Set(nb.diagnostics().map((d) => d.cell))], [1]);
  nb.setCells(['const model = tf.sequential();', 'model.fit(', 'const b: number = 1;']);
  const help = nb.signatureHelp(1, { line: 0, character: 10 });
  assert.ok(help && help.signatures.length > 0, 'signature help works in the open cell');
  nb.updateCell(1, 'model.fit(tf.ones([1, 1]), tf.ones([1, 1]));');
  nb.updateCell(2, "const b: number = 'one';");
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), [[2, 2322]], 'once closed, the later cells are checked again');
  nb.dispose();
});

test('after an edit only the cells from the edited one on are re-checked, with the same errors a full check finds', () => {
  const cells = ["const a: number = 'one';", 'const b = a + 1;', 'const c: string = b;', 'const d = c.length;'];
  const nb = new NotebookLanguageService();
  nb.setCells(cells);
  const full = () => {
    const fresh = new NotebookLanguageService();
    fresh.setCells(cells);
    const found = fresh.diagnostics().map((d) => [d.cell, d.code]);
    fresh.dispose();
    return found;
  };
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), [[0, 2322], [2, 2322]]);
  cells[3] = 'const d: boolean = c.length;';
  nb.updateCell(3, cells[3]);
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), full(), 'edit in the last cell keeps the earlier errors');
  cells[2] = 'const c: number = b;';
  nb.updateCell(2, cells[2]);
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), full(), 'the fixed cell and the cell after it are re-checked');
  cells[1] = "import { zeros } from '@tensorflow/tfjs';\nconst b = zeros([1]);";
  nb.updateCell(1, cells[1]);
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), full(), 'a new import (seen by every cell) re-checks everything');
  nb.dispose();
});

test('the kernel is a Node.js process: process.env and process.memoryUsage() are known', () => {
  const nb = new NotebookLanguageService();
  nb.setCells(["const home = process.env.HOME ?? '';\nconst mb: number = process.memoryUsage().heapUsed / 1e6;\nconst wrong: number = process.cwd();"]);
  assert.deepEqual(nb.diagnostics().map((d) => [d.start.line, d.code]), [[2, 2322]]);
  nb.dispose();
});

/** Applies the edit of `cell` (already in `cells`); the errors found then, and those of a fresh full check. */
function editAndCompare(nb: NotebookLanguageService, cells: readonly string[], cell: number) {
  nb.updateCell(cell, cells[cell]);
  const found = nb.diagnostics().map((d) => [d.cell, d.code]);
  const fresh = new NotebookLanguageService();
  fresh.setCells([...cells]);
  const full = fresh.diagnostics().map((d) => [d.cell, d.code]);
  fresh.dispose();
  return { found, full };
}

test('an edit re-checks the cells that can see it — through names, narrowing, an assignment a closure sees, a name suggested for a missing one or a call that never returns — with the errors a full check finds', () => {
  const scenarios: { name: string; cells: string[]; edits: [number, string, [number, number][]][] }[] = [
    {
      name: 'an assignment narrows a variable of an earlier cell',
      cells: ["let v: string | undefined = 'a';", 'const n = 1;', 'const len: number = v.length;', 'const other = 2;'],
      edits: [[1, 'v = undefined;', [[2, 18048]]], [1, 'const n = 2;', []]],
    },
    {
      name: 'a call that never returns makes the later cells unreachable (no narrowing there)',
      cells: ["function stop(): never { throw new Error('x'); }\nlet w: string | undefined = 'a';", 'const k = 1;', 'const l: number = w.length;'],
      edits: [[1, 'stop();', [[2, 18048]]], [1, 'const k = 1;', []]],
    },
    {
      name: 'an endless loop makes the later cells unreachable',
      cells: ["let w: string | undefined = 'a';", 'const k = 1;', 'const l: number = w.length;'],
      edits: [[1, 'while (true) {}', [[2, 18048]]], [1, 'const k = 1;', []]],
    },
    {
      name: 'an assertion call narrows a later cell',
      cells: ['function check(x: unknown): asserts x is string {}\nconst u: unknown = 1;', 'const k = 1;', 'const l: number = u.length;'],
      edits: [[1, 'check(u);', []], [1, 'const k = 2;', [[2, 18046]]]],
    },
    {
      name: 'a new declaration shadows a name later cells use',
      cells: ['const model = tf.sequential();', 'const k = 1;', 'model.fit(tf.ones([1]), tf.ones([1]));'],
      edits: [[1, "const model = 'x';", [[2, 2339]]], [1, 'const k = 1;', []]],
    },
    {
      name: 'types reach a cell through a cell in between',
      cells: ['const a = 1;', 'const b = a;', 'const c: number = b;', 'const d = 4;'],
      edits: [[0, "const a = 'x';", [[2, 2322]]], [0, 'const a = 2;', []]],
    },
    {
      name: 'an assignment inside a function stops the narrowing of a `let` in a later closure',
      cells: ["let v: string | undefined = 'a';", 'const n = 1;', 'const f = () => v.length;'],
      edits: [[1, 'function g() { v = undefined; }', [[2, 18048]]], [1, 'const n = 1;', []]],
    },
    {
      name: 'an assignment in a later cell stops the narrowing of a `let` in an earlier closure',
      cells: ["let v: string | undefined = 'a';\nconst f = () => v.length;", 'const n = 1;', 'const m = 2;'],
      edits: [[2, 'v = undefined;', [[0, 18048]]], [2, 'const m = 2;', []], [1, '[v] = [undefined];', [[0, 18048]]], [1, 'function g() { ({ v } = { v: undefined }); }', [[0, 18048]]], [1, 'const n = 1;', []]],
    },
    {
      name: 'a new name changes what "Cannot find name" suggests in a later cell',
      cells: ['const k = 1;', 'const n = 2;', 'const z = mode1;'],
      edits: [[1, 'const model = 2;', [[2, 2552]]], [1, 'const n = 2;', [[2, 2304]]]],
    },
    {
      name: 'two types of one name (the DOM\'s History, tfjs\'s) are told apart',
      cells: ['const model = tf.sequential();', 'const h = window.history;', 'const n: number = h.length;'],
      edits: [[1, 'const h = await model.fit(tf.ones([1, 1]), tf.ones([1, 1]));', [[2, 2339]]], [1, 'const h = window.history;', []]],
    },
    {
      name: 'an earlier function changes whether a later call returns',
      cells: ["function stop(): never { throw new Error('x'); }\nlet w: string | undefined = 'a';", 'stop();', 'const l: number = w.length;'],
      edits: [[0, "function stop(): void {}\nlet w: string | undefined = 'a';", []], [0, "function stop(): never { throw new Error('x'); }\nlet w: string | undefined = 'a';", [[2, 18048]]]],
    },
  ];
  for (const { name, cells, edits } of scenarios) {
    const nb = new NotebookLanguageService();
    nb.setCells(cells);
    nb.diagnostics();
    for (const [cell, text, expected] of edits) {
      cells[cell] = text;
      const { found, full } = editAndCompare(nb, cells, cell);
      assert.deepEqual(full, expected, `${name}: the full check finds ${JSON.stringify(expected)}`);
      assert.deepEqual(found, full, `${name}: after editing cell ${cell}`);
    }
    nb.dispose();
  }
});

test('an edit that keeps the types a cell declares re-checks that cell alone; one that changes them re-checks the cells using them — with the errors a full check finds', () => {
  const cells = [
    'const model = tf.sequential();',
    "function scale(a: number) { return a * 2; }\nconst k = scale(1);\nlet label: string | undefined = 'a';",
    'const m: number = scale(3) + k;',
    'const l: number = label.length;',
    'const n: number = model.layers.length;',
  ];
  const base = cells[1];
  // [cell, new text, cells type-checked, errors of the whole notebook]
  const edits: [number, string, number, [number, number][]][] = [
    [1, "function scale(a: number) { return a * 3 + 1; }\nconst k = scale(2) + model.layers.length;\nlet label: string | undefined = 'a';", 1, []],
    [1, "function scale(a: number) { return `${a}`; }\nconst k = scale(2);\nlet label: string | undefined = 'a';", 2, [[2, 2322]]],
    [1, base, 2, []],
    // Same declared type, but the initializer narrows it differently for the cells after (cell 3
    // is checked, and cell 4 too: it names `length`, which cell 3 does).
    [1, "function scale(a: number) { return a * 2; }\nconst k = scale(1);\nlet label: string | undefined = undefined;", 3, [[3, 18048]]],
    [1, base, 3, []],
    // An assignment narrows too: not a declarations-only cell, so every later cell it names is checked.
    [1, `${base}\nlabel = undefined;`, 3, [[3, 18048]]],
    [1, base, 3, []],
    // A new name nobody uses, and a same-typed re-declaration of a name a later cell uses.
    [1, `${base}\nconst unused = model.layers.length;`, 1, []],
    [1, base, 1, []],
    [0, "const model = tf.sequential({ name: 'm' });", 1, []],
    [0, "const model = 'm';", 2, [[4, 2339]]],
    [0, 'const model = tf.sequential();', 2, []],
  ];
  const nb = new NotebookLanguageService();
  nb.setCells(cells);
  assert.deepEqual(nb.diagnostics(), []);
  for (const [cell, text, checked, expected] of edits) {
    cells[cell] = text;
    const { found, full } = editAndCompare(nb, cells, cell);
    assert.deepEqual(full, expected, `the full check of ${JSON.stringify(text)} finds ${JSON.stringify(expected)}`);
    assert.deepEqual(found, full, `after editing cell ${cell} to ${JSON.stringify(text)}`);
    assert.equal(nb.lastCheckedCells, checked, `cells checked after editing cell ${cell} to ${JSON.stringify(text)}`);
  }
  nb.dispose();
});

test('a notebook that declares its own types is not compared by printed type: an edit re-checks every later cell naming what it touched', () => {
  // Two local classes print alike ('L'): comparing printed types would miss the change of `v`.
  const cells = [
    'function one() { class L { a = 1; } return new L(); }\nfunction two() { class L { a = "x"; } return new L(); }',
    'const v = one();',
    'const w: number = v.a;',
  ];
  const nb = new NotebookLanguageService();
  nb.setCells(cells);
  assert.deepEqual(nb.diagnostics(), []);
  nb.updateCell(1, 'const v = two();');
  assert.deepEqual(nb.diagnostics().map((d) => [d.cell, d.code]), [[2, 2322]]);
  assert.equal(nb.lastCheckedCells, 2);
  nb.dispose();
});

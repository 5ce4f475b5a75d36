// Cells added, removed and moved (issue 8): the service re-checks what the equivalent edits can
// affect instead of the whole notebook, and must find exactly what a full check of the new cell
// list finds — errors kept for unaffected cells, on their new cell numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotebookLanguageService } from '../../src/language';
import { cellEdits, type CellEdit } from '../../src/language/cellEdits';

type Found = [cell: number, line: number, character: number, code: number, message: string][];

function errorsOf(nb: NotebookLanguageService): Found {
  return nb.diagnostics().map((d) => [d.cell, d.start.line, d.start.character, d.code, d.message]);
}

function fullCheck(cells: readonly string[]): Found {
  const fresh = new NotebookLanguageService();
  fresh.setCells(cells);
  const found = errorsOf(fresh);
  fresh.dispose();
  return found;
}

function apply(cells: string[], edit: CellEdit): void {
  if (edit.kind === 'update') cells[edit.index] = edit.source;
  else if (edit.kind === 'insert') cells.splice(edit.index, 0, edit.source);
  else cells.splice(edit.index, 1);
}

function applyTo(nb: NotebookLanguageService, edit: CellEdit): void {
  if (edit.kind === 'update') nb.updateCell(edit.index, edit.source);
  else if (edit.kind === 'insert') nb.insertCell(edit.index, edit.source);
  else nb.removeCell(edit.index);
}

/** A repeatable random integer below n (an LCG's high bits: its low bits cycle). */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

const codes = (found: Found) => found.map(([cell, , , code]) => [cell, code]);

test('cellEdits: an added, removed or moved cell is one insertion or removal (a move both); edits rebuild the new list', () => {
  const cells = ['a', 'b', 'c', 'd', 'e'];
  assert.deepEqual(cellEdits(cells, ['a', 'b', 'x', 'c', 'd', 'e']), [{ kind: 'insert', index: 2, source: 'x' }]);
  assert.deepEqual(cellEdits(cells, ['a', 'c', 'd', 'e']), [{ kind: 'remove', index: 1 }]);
  assert.deepEqual(cellEdits(cells, ['a', 'c', 'd', 'b', 'e']), [{ kind: 'remove', index: 1 }, { kind: 'insert', index: 3, source: 'b' }]);
  assert.deepEqual(cellEdits(cells, ['a', 'b', 'C', 'd', 'e']), [{ kind: 'update', index: 2, source: 'C' }]);
  assert.deepEqual(cellEdits(cells, cells), []);
  // A removal and an edit far apart stay two edits (not an update of every cell in between).
  assert.deepEqual(cellEdits(cells, ['b', 'c', 'd', 'E']), [{ kind: 'remove', index: 0 }, { kind: 'update', index: 3, source: 'E' }]);
  // Many random changes: applying the edits in order always gives the new list.
  const random = seeded(7);
  for (let round = 0; round < 300; round++) {
    const before = Array.from({ length: random(8) }, () => 'abcd'[random(4)]);
    const after = Array.from({ length: random(8) }, () => 'abcde'[random(5)]);
    const rebuilt = [...before];
    for (const edit of cellEdits(before, after)) apply(rebuilt, edit);
    assert.deepEqual(rebuilt, after, `${before.join('')} -> ${after.join('')}`);
  }
});

test('inserting an empty cell checks no cell and keeps every error, renumbered; removing it again the same', () => {
  const cells = ["const a: number = 'one';", 'const b = a + 1;', 'const c: string = b;', 'const d = c.length;'];
  const nb = new NotebookLanguageService();
  nb.setCells(cells);
  assert.deepEqual(codes(errorsOf(nb)), [[0, 2322], [2, 2322]]);
  for (const index of [0, 2, 4]) {
    nb.insertCell(index, '');
    const found = errorsOf(nb);
    assert.equal(nb.lastCheckedCells, 0, `an empty cell inserted at ${index}: nothing to check`);
    const withEmpty = [...cells.slice(0, index), '', ...cells.slice(index)];
    assert.deepEqual(found, fullCheck(withEmpty), `an empty cell inserted at ${index}`);
    nb.removeCell(index);
    assert.deepEqual(errorsOf(nb), fullCheck(cells), `the empty cell at ${index} removed`);
    assert.equal(nb.lastCheckedCells, 0);
  }
  nb.dispose();
});

test('adding, removing or moving a cell re-checks the cells that can see it, with the errors a full check finds', () => {
  // [name, cells, edits, errors of the whole notebook after them, cells type-checked]
  const scenarios: [string, string[], CellEdit[], [number, number][], number][] = [
    [
      'removing a cell that declares a name later cells use: "Cannot find name" there',
      ['const k = 1;', 'const rate = 0.5;', 'const half: number = rate / 2;', 'const other = k;'],
      [{ kind: 'remove', index: 1 }],
      [[1, 2304]],
      1,
    ],
    [
      'removing a cell that only uses a name later cells use: nothing else to check',
      ['const model = tf.sequential();', 'const n = model.layers.length;', "const m: string = model.layers.length;"],
      [{ kind: 'remove', index: 1 }],
      [[1, 2322]],
      0,
    ],
    [
      'removing a cell that assigns a name: every cell naming it, the earlier one too (closures)',
      ["let v: string | undefined = 'a';", 'v = undefined;', 'const l: number = v?.length ?? 0;', 'const w: number = v.length;'],
      [{ kind: 'remove', index: 1 }],
      [],
      3,
    ],
    [
      'inserting a cell that re-declares a name with another type',
      ['const rate = 0.5;', 'const k = 1;', 'const half: number = rate / 2;', 'const other = k;'],
      [{ kind: 'insert', index: 2, source: "const rate = 'fast';" }],
      [[3, 2362]],
      2,
    ],
    [
      'inserting a cell that re-declares a name with the same type: only the new cell and its users',
      ['const rate = 0.5;', 'const k = 1;', 'const half: number = rate / 2;', 'const other: string = k;'],
      [{ kind: 'insert', index: 1, source: 'const rate = 0.25;' }],
      [[4, 2322]],
      2,
    ],
    [
      'moving a declaration below its use',
      ['const rate = 0.5;', 'const k = 1;', 'const half: number = rate / 2;'],
      [{ kind: 'remove', index: 0 }, { kind: 'insert', index: 2, source: 'const rate = 0.5;' }],
      [[1, 2304]],
      2,
    ],
    [
      'removing a cell whose assignment stopped the narrowing of a `let` in an earlier closure',
      ["let v: string | undefined = 'a';\nconst f = () => v.length;", 'const n = 1;', 'v = undefined;', 'const m = 2;'],
      [{ kind: 'remove', index: 2 }],
      [],
      1,
    ],
    [
      'inserting an assignment a closure in an earlier cell sees',
      ["let v: string | undefined = 'a';\nconst f = () => v.length;", 'const n = 1;'],
      [{ kind: 'insert', index: 2, source: 'function g() { v = undefined; }' }],
      [[0, 18048]],
      2,
    ],
    [
      'removing a call that never returns makes the later cells reachable again',
      ["function stop(): never { throw new Error('x'); }\nlet w: string | undefined = 'a';", 'stop();', 'const k = 1;', 'const l: number = w.length;'],
      [{ kind: 'remove', index: 1 }],
      [],
      2,
    ],
    [
      'inserting a call that never returns',
      ["function stop(): never { throw new Error('x'); }\nlet w: string | undefined = 'a';", 'const k = 1;', 'const l: number = w.length;'],
      [{ kind: 'insert', index: 1, source: 'stop();' }],
      [[3, 18048]],
      3,
    ],
    [
      'removing a name changes what "Cannot find name" suggests in a later cell that does not name it',
      ['const k = 1;', 'const model = 2;', 'const z = mode1;'],
      [{ kind: 'remove', index: 1 }],
      [[1, 2304]],
      1,
    ],
    [
      'removing a cell whose import a later cell repeats: the import\'s error moves to that cell',
      ["import { nothingLikeThis } from '@tensorflow/tfjs';\nconst a = 1;", 'const b = 2;', "import { nothingLikeThis } from '@tensorflow/tfjs';\nconst c = 3;"],
      [{ kind: 'remove', index: 0 }],
      [[1, 2305]],
      2,
    ],
    [
      'an edit adding an import a later cell repeats: the import\'s error moves to the edited cell',
      ['const a = 1;', 'const b = 2;', "import { nothingLikeThis } from '@tensorflow/tfjs';\nconst c = 3;"],
      [{ kind: 'update', index: 0, source: "import { nothingLikeThis } from '@tensorflow/tfjs';\nconst a = 1;" }],
      [[0, 2305]],
      3,
    ],
    [
      'adding and removing cells around a cell left open',
      ['const a = 1;', 'foo(', "const b: number = 'x';"],
      [{ kind: 'insert', index: 1, source: "const c: string = 1;" }, { kind: 'insert', index: 4, source: 'const d = 1;' }],
      [[1, 2322], [2, 2304], [2, 1135]],
      2,
    ],
    [
      'removing the cell left open brings the cells after it back',
      ['const a = 1;', 'foo(', "const b: number = 'x';"],
      [{ kind: 'remove', index: 1 }],
      [[1, 2322]],
      2,
    ],
  ];
  for (const [name, cells, edits, expected, checked] of scenarios) {
    const nb = new NotebookLanguageService();
    nb.setCells(cells);
    nb.diagnostics();
    for (const edit of edits) {
      applyTo(nb, edit);
      apply(cells, edit);
    }
    const found = errorsOf(nb);
    const full = fullCheck(cells);
    assert.deepEqual(codes(full), expected, `${name}: the full check finds ${JSON.stringify(expected)}`);
    assert.deepEqual(found, full, name);
    assert.equal(nb.lastCheckedCells, checked, `${name}: cells type-checked`);
    nb.dispose();
  }
});

test('random sequences of cells added, removed, moved and edited find what a full check finds after each', () => {
  const pool = [
    '',
    'const a = 1;',
    "const a = 'x';",
    'const b: number = a;',
    'const c = b + 1;',
    "const c = 'c';",
    'const d: string = `${c}`.repeat(c);',
    'let v: string | undefined = undefined;',
    "v = 'set';",
    'const n: number = v.length;',
    'const f = () => v?.length ?? b;',
    'const z = mode1 + a;',
    'const model = tf.sequential();',
    'model.add(tf.layers.dense({ units: 1, inputShape: [1] }));',
    "function stop(): never { throw new Error('x'); }",
    'stop();',
    'if (a > 0) { console.log(b); }',
    '// a note',
    "import { zeros } from '@tensorflow/tfjs';\nconst q = zeros([1]);",
    'model.fit(',
  ];
  const random = seeded(Number(process.env.SEED ?? 3));
  const cells = ['const a = 1;', 'const b: number = a;', 'const model = tf.sequential();', 'const n: number = b;'];
  const nb = new NotebookLanguageService();
  nb.setCells(cells);
  nb.diagnostics();
  let partial = 0;
  for (let step = 0; step < 60; step++) {
    // One to three structure changes or edits between checks, as a sync may carry several.
    const applied: CellEdit[] = [];
    for (let k = 1 + random(3); k > 0; k--) {
      // Inserting more often than removing while the notebook is small, less once it is large.
      const choice = cells.length < 2 ? random(2) : cells.length > 10 ? 1 + random(3) : random(4);
      const source = pool[random(pool.length)];
      let edit: CellEdit;
      if (choice === 0) edit = { kind: 'insert', index: random(cells.length + 1), source };
      else if (choice === 1 && cells.length > 0) edit = { kind: 'update', index: random(cells.length), source };
      else if (choice === 2) edit = { kind: 'remove', index: random(cells.length) };
      else {
        // A move: remove and insert the same text elsewhere.
        const from = random(cells.length);
        const text = cells[from];
        applyTo(nb, { kind: 'remove', index: from });
        apply(cells, { kind: 'remove', index: from });
        applied.push({ kind: 'remove', index: from });
        edit = { kind: 'insert', index: random(cells.length + 1), source: text };
      }
      applyTo(nb, edit);
      apply(cells, edit);
      applied.push(edit);
    }
    const found = errorsOf(nb);
    if (nb.lastCheckedCells < cells.length) partial++;
    assert.deepEqual(found, fullCheck(cells), `step ${step}: after ${JSON.stringify(applied)} the cells are ${JSON.stringify(cells)}`);
  }
  nb.dispose();
  assert.ok(partial > 0, 'some checks were partial (else this tests nothing of the incremental path)');
});

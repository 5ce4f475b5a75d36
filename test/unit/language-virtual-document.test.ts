// The virtual document: cells concatenated as nested blocks, imports hoisted, positions mapped
// exactly both ways. Pure string work, no TypeScript program needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineCharacterToOffset, offsetToLineCharacter } from '../../src/language/positionMap';
import { buildVirtualDocument } from '../../src/language/virtualDocument';

const cells = [
  "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();",
  'var lr = 0.01;\nconst model = 2; // re-declared\nmodel',
  "import * as tf from '@tensorflow/tfjs';\nimport { tensor } from '@tensorflow/tfjs-core';\nconst t = tensor([1]);",
];

test('every character of every cell maps into the virtual text and back to the same place', () => {
  const doc = buildVirtualDocument(cells);
  cells.forEach((source, cell) => {
    for (let offset = 0; offset <= source.length; offset++) {
      const virtual = doc.map.toVirtual(cell, offset);
      assert.notEqual(virtual, undefined, `cell ${cell} offset ${offset} has no virtual position`);
      assert.deepEqual(doc.map.toCell(virtual!), { cell, offset }, `cell ${cell} offset ${offset}`);
    }
  });
});

test('cell text is copied verbatim except hoisted imports (blanked) and top-level var (let)', () => {
  const doc = buildVirtualDocument(cells);
  const at = (cell: number, needle: string) => doc.map.toVirtual(cell, cells[cell].indexOf(needle))!;
  assert.equal(doc.text.slice(at(0, 'const model'), at(0, 'const model') + 30), 'const model = tf.sequential();');
  assert.equal(doc.text.slice(at(1, 'var lr'), at(1, 'var lr') + 6), 'let lr');
  // The import moved to the top, before `export {}`, and is mapped there.
  const importAt = at(2, 'import { tensor }');
  assert.ok(importAt < doc.text.indexOf('export {};'));
  assert.equal(doc.text.slice(importAt, importAt + 17), 'import { tensor }');
});

test('an import repeated in a later cell is hoisted once, so its names are not declared twice', () => {
  const doc = buildVirtualDocument(cells);
  assert.equal(doc.text.split("import * as tf from '@tensorflow/tfjs';").length - 1, 1);
});

test('each cell opens a block that encloses the later cells, so a re-declaration shadows', () => {
  const doc = buildVirtualDocument(['const a = 1;', 'const a = 2;']);
  assert.equal(doc.text, 'export {};\n{\nconst a = 1;\n{\nconst a = 2;\n}}\n');
});

test('glue text maps to no cell; a span starting in glue is pulled back into the cell before it', () => {
  const doc = buildVirtualDocument(['let x = 1', 'x']);
  const closing = doc.text.lastIndexOf('}');
  assert.equal(doc.map.toCell(closing), undefined);
  assert.equal(doc.map.spanToCell(closing, 1)?.cell, 1);
});

test('line/character conversions agree with each other, also past the end of a line', () => {
  const text = 'ab\ncde\n\nf';
  for (let offset = 0; offset <= text.length; offset++) {
    assert.equal(lineCharacterToOffset(text, offsetToLineCharacter(text, offset)), offset);
  }
  assert.equal(lineCharacterToOffset(text, { line: 0, character: 99 }), 2);
  assert.equal(lineCharacterToOffset(text, { line: 9, character: 0 }), text.length);
});

test('a cell left open (`fit(` while typing) is the last one joined, so it cannot swallow the cells after it', () => {
  for (const open of ['model.fit(xs, ', 'if (ready) {', '}', '/* note', 'const s = `text']) {
    const doc = buildVirtualDocument(['const a = 1;', open, 'const b = a;']);
    assert.equal(doc.includedCells, 2, open);
    assert.equal(doc.map.toVirtual(2, 0), undefined, `${open}: the cell after it is left out`);
    assert.notEqual(doc.map.toVirtual(1, open.length), undefined, `${open}: the open cell itself is in`);
  }
  for (const closed of ['model.', 'model.fit(xs, ys)', '{ a: 1 }', '// comment only']) {
    assert.equal(buildVirtualDocument(['const a = 1;', closed, 'const b = a;']).includedCells, 3, closed);
  }
});

test('`export` keywords and lists are blanked, as the kernel drops them', () => {
  const cell = 'export const q = 1;\nexport function f() {}\nexport { q as r };';
  const doc = buildVirtualDocument([cell]);
  const start = doc.map.toVirtual(0, 0)!;
  assert.equal(doc.text.slice(start, start + cell.length), '       const q = 1;\n       function f() {}\n                  ');
});

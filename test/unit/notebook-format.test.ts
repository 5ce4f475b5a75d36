import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_MIME, RUN_MIME } from '../../src/protocol/display';
import type { Run } from '../../src/protocol/run';
import {
  emptyTfnb,
  isRunnableCell,
  NotebookFormatError,
  parseIpynb,
  parseNotebook,
  parseTfnb,
  serializeIpynb,
  serializeNotebook,
  serializeTfnb,
  STDERR_MIME,
  STDOUT_MIME,
  type NotebookDocument,
} from '../../src/notebook-format';

const fixtures = join(__dirname, '../fixtures/notebooks');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function sampleRun(id: string): Run {
  return {
    id,
    label: '16-16 · L2 0.001',
    notebook: 'demo.tfnb',
    cell: { index: 1, fitLine: 4 },
    startedAt: '2026-11-23T20:00:00.000Z',
    endedAt: '2026-11-23T20:00:05.000Z',
    status: 'completed',
    model: { layers: [{ name: 'dense_1', className: 'Dense', units: 1, activation: 'linear', kernelRegularizer: null, params: 3, outputShape: [null, 1] }], totalParams: 3, trainableParams: 3, inputShape: [null, 2] },
    optimizer: { name: 'adam', learningRate: { initial: 0.001 } },
    loss: 'meanSquaredError',
    metrics: [],
    data: {
      inputs: { samples: 8, features: 2, min: 0, max: 1, meanOfMeans: 0.5, maxAbsMean: 0.5, maxStd: 0.3, firstFeatures: [[0, 1, 0.5], [0, 1, 0.5]] },
      labels: { kind: 'regression', mean: 0, std: 1 },
      validation: { source: 'validationSplit', samples: 2 },
    },
    params: { epochs: 2, batchSize: 4, initialEpoch: 0, shuffle: true, validationSplit: 0.2 },
    epochs: [0, 1],
    history: { loss: [0.9, 0.5], val_loss: [1.0, null] },
    batches: { epoch: [], loss: [], lr: [] },
  };
}

/** A notebook using every feature of the document model, as the CLI or the editor would produce it. */
function richDoc(format: NotebookDocument['format']): NotebookDocument {
  return {
    format,
    metadata: format === 'ipynb' ? { language_info: { name: 'typescript' }, custom: { kept: [1, 'two'] } } : { custom: { kept: [1, 'two'] } },
    fitlab: { runs: [sampleRun('run-1')], checklist: { 'define-problem': true, 'success-metric': false } },
    cells: [
      { kind: 'markdown', language: 'markdown', source: '# Title\n\nSome *prose*.', outputs: [] },
      {
        kind: 'code',
        language: 'typescript',
        source: 'const x = 1;\nconsole.log(x);\n\nx + 1',
        execution: { order: 3 },
        outputs: [
          { items: [{ mime: STDOUT_MIME, value: '1\n' }] },
          { items: [{ mime: STDERR_MIME, value: 'warning: slow\n' }] },
          { items: [{ mime: RUN_MIME, value: { run: sampleRun('run-1') as never, findings: [] } }] },
          { items: [{ mime: 'text/plain', value: '2' }], result: true },
        ],
        metadata: { tags: ['train'] },
      },
      { kind: 'code', language: 'typescript', source: 'throw new Error("boom")', execution: { order: 4 }, outputs: [{ items: [{ mime: ERROR_MIME, value: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at cell 3, line 1:7' } }] }] },
      { kind: 'code', language: 'typescript', source: '', outputs: [] },
    ],
    ...(format === 'ipynb' ? { nbformatMinor: 5 } : {}),
  };
}

function errorOf(fn: () => unknown): NotebookFormatError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof NotebookFormatError, `expected a NotebookFormatError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), `the error must be one line: ${JSON.stringify(error.message)}`);
    return error;
  }
  assert.fail('expected the notebook to be rejected');
}

describe('tfnb format', () => {
  it('reads back exactly what it wrote (round trip)', () => {
    const doc = richDoc('tfnb');
    doc.cells[2].execution = { order: 4, success: false };
    doc.cells[1].id = 'cell-a';
    assert.deepEqual(parseTfnb(serializeTfnb(doc), 'x.tfnb'), doc);
  });

  it('writes stable, 1-space indented JSON with source as lines and a trailing newline', () => {
    const doc = emptyTfnb();
    doc.cells.push({ kind: 'code', language: 'typescript', source: 'const a = 1;\na', outputs: [] });
    const text = serializeTfnb(doc);
    assert.equal(
      text,
      '{\n "fitlab": 1,\n "metadata": {\n  "fitlab": {\n   "runs": [],\n   "checklist": {}\n  }\n },\n "cells": [\n  {\n   "kind": "code",\n   "language": "typescript",\n   "source": [\n    "const a = 1;",\n    "a"\n   ],\n   "outputs": []\n  }\n ]\n}\n',
    );
    assert.equal(serializeTfnb(parseTfnb(text, 'x.tfnb')), text);
  });

  it('opens an empty file (as VS Code creates it) as an empty notebook', () => {
    assert.deepEqual(parseTfnb('', 'new.tfnb'), emptyTfnb());
    assert.deepEqual(parseTfnb('  \n', 'new.tfnb'), emptyTfnb());
  });

  it('reads a file that starts with a byte order mark', () => {
    assert.equal(parseTfnb('\ufeff{"cells":[{"kind":"code","source":["1"]}]}', 'bom.tfnb').cells[0].source, '1');
    assert.equal(parseIpynb('\ufeff{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}', 'bom.ipynb').cells.length, 0);
  });

  it('defaults a hand-written cell\'s language and outputs', () => {
    const doc = parseTfnb('{"cells":[{"kind":"code","source":["1"]},{"kind":"markdown","source":["# t"]}]}', 'hand.tfnb');
    assert.equal(doc.cells[0].language, 'typescript');
    assert.deepEqual(doc.cells[0].outputs, []);
    assert.equal(doc.cells[1].language, 'markdown');
  });

  it('names the line and column of invalid JSON', () => {
    const error = errorOf(() => parseTfnb(fixture('broken-json.tfnb'), 'notebooks/broken-json.tfnb'));
    assert.match(error.message, /^notebooks\/broken-json\.tfnb: not valid JSON \(.+ at line 4, column 64\)$/);
  });

  it('names the file and the field that is wrong', () => {
    assert.equal(errorOf(() => parseTfnb(fixture('bad-source.tfnb'), 'examples/x.tfnb')).message, 'examples/x.tfnb: cells[1].source must be an array of strings');
    assert.equal(errorOf(() => parseTfnb('[]', 'a.tfnb')).message, 'a.tfnb: the file must be an object');
    assert.equal(errorOf(() => parseTfnb('{"fitlab":1}', 'a.tfnb')).message, 'a.tfnb: cells must be an array');
    assert.equal(errorOf(() => parseTfnb('{"cells":[{"kind":"python","source":[]}]}', 'a.tfnb')).message, 'a.tfnb: cells[0].kind must be "code" or "markdown"');
    assert.equal(
      errorOf(() => parseTfnb('{"cells":[{"kind":"code","source":[],"outputs":[{"items":[{"value":1}]}]}]}', 'a.tfnb')).message,
      'a.tfnb: cells[0].outputs[0].items[0].mime must be a string',
    );
    assert.equal(
      errorOf(() => parseTfnb('{"metadata":{"fitlab":{"runs":[{"id":"r","status":"completed","epochs":[0],"history":{"loss":["x"]}}]}},"cells":[]}', 'a.tfnb')).message,
      'a.tfnb: metadata.fitlab.runs[0].history.loss must be an array of numbers (null for NaN)',
    );
    assert.equal(errorOf(() => parseTfnb('{"metadata":{"fitlab":{"checklist":{"define-problem":"yes"}}},"cells":[]}', 'a.tfnb')).message, 'a.tfnb: metadata.fitlab.checklist.define-problem must be true or false');
  });

  it('refuses a file from a newer Fitlab instead of dropping what it does not know', () => {
    assert.match(errorOf(() => parseTfnb('{"fitlab":2,"cells":[]}', 'a.tfnb')).message, /^a\.tfnb: fitlab is 2: the file was written by a newer Fitlab/);
  });
});

describe('ipynb format', () => {
  const deno = () => parseIpynb(fixture('jupyter-deno.ipynb'), 'deno.ipynb');

  it('reads cell languages from language_info, and a cell\'s own from metadata.vscode.languageId', () => {
    const doc = deno();
    assert.deepEqual(
      doc.cells.map((c) => [c.kind, c.language]),
      [['markdown', 'markdown'], ['code', 'typescript'], ['code', 'typescript'], ['code', 'python'], ['code', 'raw']],
    );
    assert.deepEqual(doc.cells.map(isRunnableCell), [false, true, true, false, false]);
    assert.equal(doc.cells[3].metadata, undefined, 'the language moves out of the metadata into the cell');
  });

  it('falls back to the kernelspec language, then to Jupyter\'s python', () => {
    const cell = '{"cell_type":"code","metadata":{},"outputs":[],"source":"1","execution_count":null}';
    assert.equal(parseIpynb(`{"nbformat":4,"nbformat_minor":4,"metadata":{"kernelspec":{"name":"tslab","language":"typescript"}},"cells":[${cell}]}`, 'a.ipynb').cells[0].language, 'typescript');
    assert.equal(parseIpynb(`{"nbformat":4,"nbformat_minor":4,"metadata":{},"cells":[${cell}]}`, 'a.ipynb').cells[0].language, 'python');
  });

  it('joins source and text given as a string or as lines', () => {
    const doc = deno();
    assert.equal(doc.cells[0].source, '# Deno notebook\n\n![plot](attachment:plot.png)');
    assert.equal(doc.cells[1].source, "const greeting: string = 'hello';\nconsole.log(greeting);\nconsole.log('world');\nconsole.error('careful');");
    assert.deepEqual(doc.cells[1].outputs, [{ items: [{ mime: STDOUT_MIME, value: 'hello\nworld\n' }] }, { items: [{ mime: STDERR_MIME, value: 'careful\n' }] }]);
  });

  it('reads execute_result, display_data and error outputs', () => {
    const [result, display, error] = deno().cells[2].outputs;
    assert.deepEqual(result, { result: true, items: [{ mime: 'application/json', value: ['a', 'b'] }, { mime: 'text/plain', value: '[ 1, 2,\n  3 ]' }] });
    assert.equal(display.result, undefined);
    assert.deepEqual(display.metadata, { 'image/png': { width: 1 } });
    assert.equal(display.items[0].value, 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\n');
    assert.deepEqual(error.items, [{ mime: ERROR_MIME, value: { name: 'TypeError', message: 'x is not a function', stack: 'TypeError: x is not a function\n    at <anonymous>:2:1' } }]);
    assert.deepEqual(deno().cells[2].execution, { order: 2 });
  });

  it('keeps ids, attachments, cell metadata and unknown notebook metadata through a save', () => {
    const doc = deno();
    const again = parseIpynb(serializeIpynb(doc), 'deno.ipynb');
    assert.deepEqual(again, doc);
    assert.equal(again.cells[0].id, 'a1b2c3d4');
    assert.deepEqual(again.cells[0].attachments, { 'plot.png': { 'image/png': 'iVBORw0KGgo=' } });
    assert.deepEqual(again.cells[1].metadata, { tags: ['setup'] });
    assert.deepEqual(again.metadata.custom, { kept: true });
  });

  it('writes Jupyter\'s conventions: sorted keys, lines keeping their newline, languageId only where it differs', () => {
    const file = JSON.parse(serializeIpynb(deno()));
    assert.equal(file.nbformat, 4);
    assert.equal(file.nbformat_minor, 5);
    assert.deepEqual(Object.keys(file), ['cells', 'metadata', 'nbformat', 'nbformat_minor']);
    assert.deepEqual(Object.keys(file.cells[1]), ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source']);
    assert.deepEqual(file.cells[1].source, ["const greeting: string = 'hello';\n", 'console.log(greeting);\n', "console.log('world');\n", "console.error('careful');"]);
    assert.deepEqual(file.cells[1].outputs[0], { name: 'stdout', output_type: 'stream', text: ['hello\n', 'world\n'] });
    assert.deepEqual(file.cells[1].metadata, { tags: ['setup'] });
    assert.deepEqual(file.cells[3].metadata, { vscode: { languageId: 'python' } });
    assert.equal(file.cells[4].cell_type, 'raw');
    assert.equal(file.metadata.fitlab, undefined, 'no Fitlab metadata is added to a notebook without runs');
  });

  it('reads back exactly what it wrote (round trip), including runs and every output kind', () => {
    const doc = richDoc('ipynb');
    assert.deepEqual(parseIpynb(serializeIpynb(doc), 'x.ipynb'), { ...doc, cells: doc.cells.map((c, i) => ({ ...c, id: `cell-${i}` })) });
  });

  it('writes Fitlab outputs as valid nbformat outputs', () => {
    const file = JSON.parse(serializeIpynb(richDoc('ipynb')));
    const outputs = file.cells[1].outputs;
    assert.deepEqual(outputs.map((o: { output_type: string }) => o.output_type), ['stream', 'stream', 'display_data', 'execute_result']);
    assert.equal(outputs[3].execution_count, 3);
    assert.deepEqual(outputs[3].data, { 'text/plain': ['2'] });
    assert.equal(outputs[2].data[RUN_MIME].run.id, 'run-1');
    assert.deepEqual(file.cells[2].outputs[0], { ename: 'Error', evalue: 'boom', output_type: 'error', traceback: ['Error: boom', '    at cell 3, line 1:7'] });
    assert.equal(file.metadata.fitlab.runs[0].id, 'run-1');
    assert.deepEqual(file.metadata.fitlab.checklist, { 'define-problem': true, 'success-metric': false });
  });

  it('rejects what is not an nbformat 4 notebook, naming the field', () => {
    assert.equal(errorOf(() => parseIpynb('{"nbformat":3,"worksheets":[]}', 'old.ipynb')).message, 'old.ipynb: nbformat is 3: only nbformat 4 notebooks can be read');
    assert.equal(errorOf(() => parseIpynb('{"nbformat":4,"metadata":{},"cells":[{"source":"x"}]}', 'a.ipynb')).message, 'a.ipynb: cells[0].cell_type must be "code", "markdown" or "raw"');
    assert.equal(
      errorOf(() => parseIpynb('{"nbformat":4,"metadata":{},"cells":[{"cell_type":"code","source":[1],"outputs":[]}]}', 'a.ipynb')).message,
      'a.ipynb: cells[0].source must be a string or an array of strings',
    );
    assert.equal(
      errorOf(() => parseIpynb('{"nbformat":4,"metadata":{},"cells":[{"cell_type":"code","source":"","outputs":[{"output_type":"stream","name":"stdin","text":""}]}]}', 'a.ipynb')).message,
      'a.ipynb: cells[0].outputs[0].name must be "stdout" or "stderr"',
    );
  });

  it('drops a stale languageId when a cell changed back to the notebook language', () => {
    const doc = deno();
    doc.cells[1].metadata = { vscode: { languageId: 'python' } };
    const file = JSON.parse(serializeIpynb(doc));
    assert.deepEqual(file.cells[1].metadata, {});
    assert.equal(parseIpynb(serializeIpynb(doc), 'deno.ipynb').cells[1].language, 'typescript');
  });

  it('opens an empty file as an empty TypeScript notebook', () => {
    const doc = parseIpynb('', 'new.ipynb');
    assert.equal(doc.cells.length, 0);
    doc.cells.push({ kind: 'code', language: 'typescript', source: '1', outputs: [] });
    const file = JSON.parse(serializeIpynb(doc));
    assert.deepEqual(file.cells[0].metadata, {}, 'typescript is the notebook language, so the cell needs no languageId');
  });
});

describe('parseNotebook / serializeNotebook', () => {
  it('says so when a notebook has the other format\'s extension', () => {
    assert.equal(errorOf(() => parseNotebook(fixture('jupyter-deno.ipynb'), 'renamed.tfnb')).message, 'renamed.tfnb: the file is a Jupyter notebook (it has "nbformat"): give it the .ipynb extension');
    assert.equal(errorOf(() => parseNotebook(fixture('no-code.tfnb'), 'renamed.ipynb')).message, 'renamed.ipynb: the file is a Fitlab notebook (it has "fitlab"): give it the .tfnb extension');
  });

  it('picks the format by the file extension', () => {
    assert.equal(parseNotebook(fixture('jupyter-deno.ipynb'), 'x.IPYNB').format, 'ipynb');
    assert.equal(parseNotebook(fixture('no-code.tfnb'), 'dir/no-code.tfnb').format, 'tfnb');
    assert.equal(errorOf(() => parseNotebook('{}', 'notes.txt')).message, 'notes.txt: not a notebook (expected a .tfnb or .ipynb file)');
  });

  it('serializes in the document\'s own format', () => {
    assert.ok(serializeNotebook(richDoc('tfnb')).startsWith('{\n "fitlab": 1,'));
    assert.ok(serializeNotebook(richDoc('ipynb')).startsWith('{\n "cells": ['));
  });
});

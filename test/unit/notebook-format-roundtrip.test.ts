/**
 * Round trips over many generated notebooks: whatever the document holds (awkward sources, every
 * output kind, languages, metadata), parse(serialize(doc)) gives the same document back, in both
 * formats. Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_MIME, RUN_MIME } from '../../src/protocol/display';
import type { JsonObject } from '../../src/protocol/json';
import { parseNotebook, serializeNotebook, STDERR_MIME, STDOUT_MIME, type CellOutput, type NotebookCell, type NotebookDocument } from '../../src/notebook-format';

/** mulberry32: a tiny seeded generator. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['', '\n', 'one line', 'a\nb', 'a\r\nb\r\n', 'trailing\n', '\n\nleading blank lines', 'tab\tand unicode ✓ 🎉', '"quotes" and \\ backslashes', '  indented\n    more\n'];

function generate(format: NotebookDocument['format'], next: () => number): NotebookDocument {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const text = () => pick(TEXTS) + (next() < 0.3 ? pick(TEXTS) : '');
  const output = (): CellOutput => {
    const meta: JsonObject | undefined = next() < 0.3 ? { width: Math.floor(next() * 100) } : undefined;
    switch (pick(['stdout', 'stderr', 'result', 'html', 'png', 'json', 'run', 'error'] as const)) {
      case 'stdout':
        return { items: [{ mime: STDOUT_MIME, value: text() }] };
      case 'stderr':
        return { items: [{ mime: STDERR_MIME, value: text() }] };
      case 'result':
        return { items: [{ mime: 'text/plain', value: text() }], result: true };
      case 'html':
        return { items: [{ mime: 'text/html', value: `<p>${text()}</p>` }, { mime: 'text/plain', value: text() }], ...(meta ? { metadata: meta } : {}) };
      case 'png':
        return { items: [{ mime: 'image/png', value: 'iVBORw0KGgo=\n' }], ...(meta ? { metadata: meta } : {}) };
      case 'json':
        return { items: [{ mime: 'application/json', value: pick([['a', 'b\n'], { nested: [1, null, true] }, 'a string', 3.5]) }] };
      case 'run':
        return { items: [{ mime: RUN_MIME, value: { run: { id: 'r', history: { loss: [1, null] } }, findings: [] } }] };
      case 'error':
        return { items: [{ mime: ERROR_MIME, value: next() < 0.5 ? { name: 'TypeError', message: text() } : { name: 'Error', message: 'm', stack: text() } }] };
    }
  };
  const cell = (): NotebookCell => {
    if (next() < 0.25) return { kind: 'markdown', language: 'markdown', source: text(), outputs: [], ...(format === 'ipynb' ? { id: `md-${Math.floor(next() * 1e9)}` } : {}) };
    const c: NotebookCell = { kind: 'code', language: pick(['typescript', 'typescript', 'python']), source: text(), outputs: Array.from({ length: Math.floor(next() * 4) }, output) };
    if (next() < 0.6) c.execution = format === 'tfnb' ? { order: Math.floor(next() * 20), success: next() < 0.8 } : { order: Math.floor(next() * 20) };
    if (next() < 0.3) c.metadata = { tags: ['x'], vscode: { other: 1 } };
    if (format === 'ipynb') c.id = `id-${Math.floor(next() * 1e9)}`;
    return c;
  };
  const doc: NotebookDocument = {
    format,
    cells: Array.from({ length: 1 + Math.floor(next() * 6) }, cell),
    fitlab: next() < 0.5 ? { runs: [], checklist: {} } : { runs: [], checklist: { 'define-problem': next() < 0.5 } },
    metadata: format === 'ipynb' ? { language_info: { name: 'typescript' }, extra: { kept: text() } } : { extra: { kept: text() } },
  };
  if (format === 'ipynb') doc.nbformatMinor = 5;
  return doc;
}

describe('notebook round trips over generated documents', () => {
  for (const format of ['tfnb', 'ipynb'] as const) {
    it(`parse(serialize(doc)) deep-equals doc for ${format}`, () => {
      const next = random(format === 'tfnb' ? 7 : 11);
      for (let i = 0; i < 300; i++) {
        const doc = generate(format, next);
        const text = serializeNotebook(doc);
        assert.deepEqual(parseNotebook(text, `generated-${i}.${format}`), doc, `document ${i}`);
        assert.equal(serializeNotebook(parseNotebook(text, `generated-${i}.${format}`)), text, `document ${i} serializes stably`);
      }
    });
  }
});

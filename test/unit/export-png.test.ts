import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePngDataUrl } from '../../src/runs/export';

// The smallest valid PNG: 1x1 transparent pixel.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

test('a chart image from the dashboard decodes to the PNG bytes', () => {
  const bytes = decodePngDataUrl(`data:image/png;base64,${PIXEL}`);
  assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);
  assert.equal(bytes.length, Buffer.from(PIXEL, 'base64').length);
});

test('anything that is not a PNG data URL is refused with the reason', () => {
  assert.throws(() => decodePngDataUrl('data:image/jpeg;base64,AAAA'), /expected a data:image\/png;base64 URL/);
  assert.throws(() => decodePngDataUrl('data:image/png;base64,not base64!'), /not valid base64/);
  assert.throws(() => decodePngDataUrl(`data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}`), /not a PNG/);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callChain, describeDisplay, displayPath, skippedLanguages, sourceExcerpt, terminalText } from '../../src/cli/runText';

describe('fitlab run texts', () => {
  it('points a caret at the failing column under the line', () => {
    assert.equal(sourceExcerpt('const a = 1;\nconst b = a.nope();', 2, 13), '  2 | const b = a.nope();\n    |             ^\n');
    assert.equal(sourceExcerpt('one line', 5, 1), '', 'a position outside the cell shows nothing rather than a wrong line');
  });

  it('shows the call chain only when the error came from deeper than the failing line', () => {
    assert.equal(callChain('RangeError: bad\n    at f (cell-1.ts:2:9)\n    at cell-2.ts:4:1'), '  at f (cell-1.ts:2:9)\n  at cell-2.ts:4:1\n');
    assert.equal(callChain('ReferenceError: x\n    at cell-1.ts:3:1'), '');
    assert.equal(callChain(undefined), '');
  });

  it('names the code cells it will not run, by language', () => {
    const cell = (language: string) => ({ kind: 'code' as const, language, source: '', outputs: [] });
    assert.equal(skippedLanguages([cell('typescript'), cell('python'), cell('python'), cell('raw'), cell('javascript')]), '2 python cells, 1 javascript cell');
    assert.equal(skippedLanguages([cell('typescript')]), '');
  });

  it('shows paths below the working folder relative, others absolute', () => {
    assert.equal(displayPath('/work/p/fitlab-out/x/x.tfnb', '/work/p'), 'fitlab-out/x/x.tfnb');
    assert.equal(displayPath('/tmp/out/x.tfnb', '/work/p'), '/tmp/out/x.tfnb');
    assert.equal(displayPath('/work/p', '/work/p'), '.');
  });

  it('prints a text display as text and says what other outputs are', () => {
    assert.equal(describeDisplay({ mime: 'text/plain', value: 'hello' }), 'hello');
    assert.equal(describeDisplay({ mime: 'image/png', value: 'iVBO' }), '[image/png output, kept in the notebook]');
    assert.equal(describeDisplay({ mime: 'text/markdown', value: '| a | b |' }), '| a | b |', 'markdown reads fine as text');
  });

  it('prints the most readable representation of a result', () => {
    assert.equal(terminalText([{ mime: 'text/html', value: '<b>x</b>' }, { mime: 'text/plain', value: 'x' }]), 'x');
    assert.equal(terminalText([{ mime: 'text/html', value: '<b>x</b>' }, { mime: 'text/markdown', value: '**x**' }]), '**x**');
    assert.equal(terminalText([{ mime: 'application/json', value: [1] }]), '[application/json output, kept in the notebook]');
    assert.equal(terminalText([]), undefined);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandError, Ui, wrapError } from './ui.js';

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (c: string) => chunks.push(c) }, text: () => chunks.join('') };
}

test('steps print like kind without a terminal', () => {
  const err = sink();
  const ui = new Ui(err.stream, sink().stream, false, false);
  ui.info('Creating cluster "x" ...');
  ui.start('Preparing nodes 📦 ');
  ui.start('Writing configuration 📜');
  ui.end(false);
  ui.error(new CommandError('failed to create cluster: boom', 'log line 1\nlog line 2\n'));
  assert.equal(err.text(), [
    'Creating cluster "x" ...',
    ' • Preparing nodes 📦   ...',
    ' ✓ Preparing nodes 📦 ',
    ' • Writing configuration 📜  ...',
    ' ✗ Writing configuration 📜',
    'ERROR: failed to create cluster: boom',
    '',
    'log line 1',
    'log line 2',
    '',
  ].join('\n'));
});

test('on a terminal the pending line is rewritten with a colored mark', () => {
  const err = sink(true);
  const ui = new Ui(err.stream, sink().stream, false, true);
  ui.start('Starting control-plane 🕹️');
  ui.end(true);
  assert.equal(err.text(), ' • Starting control-plane 🕹️  ...\r\x1b[2K \x1b[32m✓\x1b[0m Starting control-plane 🕹️\n');
});

test('quiet silences everything but errors; program output goes to stdout', () => {
  const err = sink();
  const out = sink();
  const ui = new Ui(err.stream, out.stream, true, false);
  ui.info('hidden');
  ui.start('hidden step');
  ui.print('demo\n');
  ui.error(wrapError(new Error('inner'), 'failed to x'));
  assert.equal(out.text(), 'demo\n');
  assert.equal(err.text(), 'ERROR: failed to x: inner\n');
});

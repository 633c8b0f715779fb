import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerLogPath, formatLogRecord, parseLogRecords, renderLog, splitLines, type LogRecord } from './pod-files.js';

const rec = (time: string, text: string, full = true, stream: 'stdout' | 'stderr' = 'stdout'): LogRecord => ({ time, stream, full, text });
const FILE = [
  rec('2026-01-01T00:00:01.000000000Z', 'one'),
  rec('2026-01-01T00:00:02.000000000Z', 'tw', false),
  rec('2026-01-01T00:00:02.500000000Z', 'o', true, 'stderr'),
  rec('2026-01-01T00:00:03.000000000Z', 'three'),
].map(formatLogRecord).join('');

test('a container attempt has its own log file', () => {
  assert.equal(containerLogPath('/c/pods', 'u1', 'web', 2), '/c/pods/u1/logs/web/2.log');
});

test('records parse back; a line still being written is left for the next read', () => {
  const { records, consumed } = parseLogRecords(`${FILE}2026-01-01T00:00:04.000000000Z stdout F unfinish`);
  assert.equal(records.length, 4);
  assert.equal(consumed, FILE.length);
  assert.deepEqual(records[1], rec('2026-01-01T00:00:02.000000000Z', 'tw', false));
  assert.equal(parseLogRecords('2026-01-01T00:00:01.000000000Z stdout F \n').records[0]!.text, '');
});

test('rendering as kubectl logs prints it', () => {
  const { records } = parseLogRecords(FILE);
  const cases: [string, Parameters<typeof renderLog>[1], string][] = [
    ['everything', {}, 'one\ntwo\nthree\n'],
    ['tail counts whole lines', { tailLines: 2 }, 'two\nthree\n'],
    ['tail 0', { tailLines: 0 }, ''],
    ['tail beyond the file', { tailLines: 10 }, 'one\ntwo\nthree\n'],
    ['timestamps', { tailLines: 1, timestamps: true }, '2026-01-01T00:00:03.000000000Z three\n'],
    ['since', { since: new Date('2026-01-01T00:00:02.200Z') }, 'o\nthree\n'],
    ['limitBytes', { limitBytes: 6 }, 'one\ntw'],
  ];
  for (const [name, opts, want] of cases) assert.equal(renderLog(records, opts), want, name);
});

test('output is split into lines, keeping what has no newline yet', () => {
  assert.deepEqual(splitLines('', 'a\nb\nc'), { lines: ['a', 'b'], rest: 'c' });
  assert.deepEqual(splitLines('c', 'd\n'), { lines: ['cd'], rest: '' });
  assert.deepEqual(splitLines('', 'x'), { lines: [], rest: 'x' });
});

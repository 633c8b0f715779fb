import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDaemonProcess, logTail, readPid, runningPid, stopDaemon } from './daemon.js';

function withDir(fn: (dir: string) => Promise<void> | void) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lkind-daemon-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

test('a stale daemon.pid (process gone) is detected and cleaned by stop', withDir(async (dir) => {
  assert.equal(readPid(dir), undefined);
  const pid = deadPid();
  writeFileSync(join(dir, 'daemon.pid'), `${pid}\n`);
  assert.equal(readPid(dir), pid);
  assert.equal(isDaemonProcess(pid, dir), false);
  assert.equal(runningPid(dir), undefined);
  assert.equal(await stopDaemon(dir), false);
  assert.ok(!existsSync(join(dir, 'daemon.pid')));
}));

test('a live pid that is not this cluster\'s daemon is not mistaken for it', withDir((dir) => {
  writeFileSync(join(dir, 'daemon.pid'), String(process.pid));
  // Where /proc exists the command line must be `... __serve --dir <dir>`; this test runner's is not.
  if (existsSync('/proc/self/cmdline')) assert.equal(runningPid(dir), undefined);
  writeFileSync(join(dir, 'daemon.pid'), 'garbage');
  assert.equal(readPid(dir), undefined);
}));

test('logTail returns the last lines of daemon.log', withDir((dir) => {
  assert.equal(logTail(dir), '');
  writeFileSync(join(dir, 'daemon.log'), Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n');
  assert.equal(logTail(dir, 3), 'line 27\nline 28\nline 29');
}));

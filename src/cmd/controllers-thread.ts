// Runs the cluster controllers on a worker thread and supervises it: resolves once they are
// ready (nodes registered), fails with the worker's error if they cannot start, and restarts the
// worker after a second if it dies later (an uncaught error in a controller must not leave the
// cluster without a scheduler or kubelets, nor take the API server down with it).
import { Worker } from 'node:worker_threads';
import type { ControllersConfig, Log } from './cluster-controllers.js';
import type { ToDaemon } from './controllers-worker.js';

const ENTRY = new URL('./controllers-worker.mjs', import.meta.url);
const RESTART_DELAY_MS = 1000;

export async function runControllersThread(cfg: ControllersConfig, log: Log): Promise<() => Promise<void>> {
  let worker: Worker | undefined;
  let stopping = false;
  const spawn = () => new Promise<Worker>((resolve, reject) => {
    const w = new Worker(ENTRY, { workerData: cfg });
    let ready = false;
    w.on('message', (m: ToDaemon) => {
      if (m.type === 'log') log(m.msg);
      else if (m.type === 'ready') { ready = true; resolve(w); }
      else reject(new Error(`cluster controllers failed to start: ${m.error}`));
    });
    w.on('error', (err) => { if (!ready) reject(err); else log(`cluster controllers crashed: ${err.stack ?? err.message}`); });
    w.on('exit', (code) => {
      if (!ready) { reject(new Error(`cluster controllers exited with code ${code} before starting`)); return; }
      if (stopping) return;
      log(`cluster controllers exited (code ${code}); restarting in ${RESTART_DELAY_MS} ms`);
      setTimeout(() => { spawn().then((next) => { worker = next; }, (err: unknown) => log(String(err))); }, RESTART_DELAY_MS);
    });
  });
  worker = await spawn();
  return async () => {
    stopping = true;
    const w = worker;
    if (!w) return;
    w.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void w.terminate(), 2000);
    await new Promise((r) => w.once('exit', r));
    clearTimeout(timer);
  };
}

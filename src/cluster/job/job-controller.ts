// The Job controller (kube-controller-manager's, pkg/controller/job): for every Job, creates and
// deletes the pods planJob asks for, writes its status (counts, startTime, completionTime,
// Complete/Failed conditions `kubectl wait --for=condition=complete` waits on) and records
// kube's events. Pods are only those the Job controls; orphans are not adopted, and finished
// Jobs are not deleted after ttlSecondsAfterFinished (kube's separate TTL controller).
import type { Pod } from '../../api/core-v1.js';
import type { Job } from '../../api/apps-batch-v1.js';
import { BATCH, CORE } from '../../client/resource.js';
import { deepEqual } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { CacheFence, FENCE_RETRY_MS } from '../../runtime/cache-fence.js';
import { Controller, type Result } from '../../runtime/controller.js';
import type { EventSink } from '../../runtime/events.js';
import { enqueueObject, enqueueOwner } from '../../runtime/handlers.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { JOB_COMPONENT, JOB_WORKERS } from './consts.js';
import { forgeJobPod, planJob } from './plan-job.js';

const controlledBy = (pod: Pod, job: Job) => (pod.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === job.metadata.uid);

export class JobController implements Runnable {
  readonly name = 'job';
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly fence = new CacheFence();
  private readonly events: EventSink;
  private readonly controller: Controller;

  constructor(private readonly ctx: ClusterContext) {
    const m = ctx.manager;
    this.jobs = m.informer<Job>(BATCH.jobs);
    this.pods = m.informer<Pod>(CORE.pods);
    this.events = m.events(JOB_COMPONENT);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: JOB_WORKERS, log: ctx.log });
    const queue = this.controller.queue;
    this.jobs.addHandlers(enqueueObject(queue));
    this.pods.addHandlers(this.fence.observer());
    this.pods.addHandlers(enqueueOwner(queue, 'Job'));
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    if (!this.fence.caughtUp(key)) return { requeueAfter: FENCE_RETRY_MS };
    const job = this.jobs.get(key);
    if (!job || job.metadata.deletionTimestamp) return;
    const pods = this.pods.list().filter((p) => p.metadata.namespace === job.metadata.namespace && controlledBy(p, job));
    const plan = planJob(job, pods, this.ctx.now());
    for (let i = 0; i < plan.create; i++) await this.ensurePodCreated(key, job);
    for (const pod of plan.delete) await this.ensurePodDeleted(key, job, pod);
    if (!deepEqual(job.status ?? {}, plan.status)) {
      await this.ctx.manager.client.update<Job>(BATCH.jobs, { ...job, status: plan.status }, 'status');
      if (plan.finished) this.events.event(job, plan.finished.type, plan.finished.reason, plan.finished.message);
    }
    if (plan.requeueAfterMs !== undefined) return { requeueAfter: plan.requeueAfterMs };
  }

  private async ensurePodCreated(key: string, job: Job): Promise<void> {
    try {
      const pod = await this.ctx.manager.client.create<Pod>(CORE.pods, forgeJobPod(job));
      this.fence.wrote(key, pod);
      this.events.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (err) {
      this.events.event(job, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  private async ensurePodDeleted(key: string, job: Job, pod: Pod): Promise<void> {
    try {
      this.fence.wrote(key, await this.ctx.manager.client.delete(CORE.pods, pod.metadata.namespace ?? '', pod.metadata.name ?? ''));
      this.events.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 404)) throw err;
    }
  }
}

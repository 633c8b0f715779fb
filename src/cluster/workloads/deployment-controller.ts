// The Deployment controller of kube-controller-manager (pkg/controller/deployment): a reconcile
// is syncDeployment's sequence: refuse an empty selector; ensureClaimed (adopt and release
// ReplicaSets by selector); status only for a Deployment being deleted; the paused condition;
// then a resize (paused or scaling event) or a rollout step of the Deployment's strategy
// (deployment-rollout.ts). ReplicaSets carry `pod-template-hash`, revisions and the replica
// annotations that `kubectl rollout history/undo/status` read. It does not implement the
// extensions/v1beta1 rollbackTo field (kubectl 1.32 rolls back by patching the template).
import type { Deployment, Pod, ReplicaSet } from '../../api/core-v1.js';
import { APPS, CORE } from '../../client/resource.js';
import { clone } from '../../machinery/deep.js';
import { isStatusError } from '../../machinery/errors.js';
import { selectorFromLabelSelector } from '../../machinery/selectors.js';
import { Controller, type Result } from '../../runtime/controller.js';
import type { Informer } from '../../runtime/informer.js';
import type { Runnable } from '../../runtime/manager.js';
import type { ClusterContext } from '../controllers.js';
import { DEPLOYMENT_COMPONENT, DEPLOYMENT_WORKERS } from './constants.js';
import { forgeAdoptPatch, forgeControllerRef, forgeReleasePatch, planClaims } from './controller-ref.js';
import { addDeploymentHandlers } from './deployment-handlers.js';

import { DeploymentRollout } from './deployment-rollout.js';
import { pausedConditions } from './deployment-status.js';
import { DeploymentWrites } from './deployment-writes.js';
import { OwnerIndex } from './owner-index.js';

export class DeploymentController implements Runnable {
  readonly name = 'deployment';
  readonly controller: Controller;
  private readonly deployments: Informer<Deployment>;
  private readonly rsIndex: OwnerIndex<ReplicaSet>;
  private readonly podIndex: OwnerIndex<Pod>;
  private readonly writes: DeploymentWrites;
  private readonly rollout: DeploymentRollout;

  constructor(private readonly ctx: ClusterContext) {
    const { manager } = ctx;
    this.deployments = manager.informer<Deployment>(APPS.deployments);
    const rses = manager.informer<ReplicaSet>(APPS.replicasets);
    const pods = manager.informer<Pod>(CORE.pods);
    const deploymentIndex = new OwnerIndex(this.deployments);
    this.rsIndex = new OwnerIndex(rses);
    this.podIndex = new OwnerIndex(pods);
    const events = manager.events(DEPLOYMENT_COMPONENT);
    this.writes = new DeploymentWrites(manager.client, events, ctx.now);
    this.rollout = new DeploymentRollout(this.writes, ctx.now);
    this.controller = new Controller(this.name, (key) => this.reconcile(key), { workers: DEPLOYMENT_WORKERS, log: ctx.log });
    addDeploymentHandlers({ deployments: this.deployments, rses, pods, deploymentIndex, queue: this.controller.queue });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.controller.run(signal);
  }

  async reconcile(key: string): Promise<Result | void> {
    const cached = this.deployments.get(key);
    if (!cached) return;
    // A working copy: the writes keep its resourceVersion, annotations and status current.
    const d = clone(cached);
    const selector = selectorFromLabelSelector(d.spec.selector);
    if (selector.length === 0) {
      this.writes.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        await this.writes.updateStatus(d, { ...d.status, observedGeneration: d.metadata.generation });
      }
      return;
    }
    const rsList = await this.ensureClaimed(d);
    if (d.metadata.deletionTimestamp) return this.rollout.statusOnly(d, rsList);
    const paused = pausedConditions(d, this.ctx.now());
    if (paused) await this.writes.updateStatus(d, { ...d.status, conditions: paused });
    const after = await this.step(d, rsList);
    return after === undefined ? undefined : { requeueAfter: after };
  }

  private async step(d: Deployment, rsList: ReplicaSet[]): Promise<number | undefined> {
    if (d.spec.paused || await this.rollout.isScalingEvent(d, rsList)) return this.rollout.sync(d, rsList);
    switch (d.spec.strategy?.type ?? 'RollingUpdate') {
      case 'Recreate': return this.rollout.recreate(d, rsList, this.podsByReplicaSet(rsList));
      case 'RollingUpdate': return this.rollout.rolling(d, rsList);
      default: throw new Error(`unexpected deployment strategy type: ${d.spec.strategy?.type}`);
    }
  }

  /** getReplicaSetsForDeployment: adopts matching orphans, releases those that stopped matching. */
  private async ensureClaimed(d: Deployment): Promise<ReplicaSet[]> {
    const plan = planClaims(d, selectorFromLabelSelector(d.spec.selector), this.rsIndex.candidatesFor(d));
    const { client } = this.ctx.manager;
    const { namespace = '' } = d.metadata;
    for (const rs of plan.release) {
      try {
        await client.patch(APPS.replicasets, namespace, rs.metadata.name ?? '', forgeReleasePatch(rs, d.metadata.uid ?? ''), 'strategic');
      } catch (err) {
        if (!(isStatusError(err) && (err.code === 404 || err.code === 422))) throw err;
      }
    }
    if (plan.adopt.length === 0) return plan.owned;
    const fresh = await client.get<Deployment>(APPS.deployments, namespace, d.metadata.name ?? '');
    if (fresh.metadata.uid !== d.metadata.uid || fresh.metadata.deletionTimestamp) {
      throw new Error(`original Deployment ${namespace}/${d.metadata.name} is gone or being deleted`);
    }
    const ref = forgeControllerRef(d, 'apps/v1', 'Deployment');
    const owned = plan.owned.filter((rs) => !plan.adopt.includes(rs));
    for (const rs of plan.adopt) {
      try {
        owned.push(await client.patch<ReplicaSet>(APPS.replicasets, namespace, rs.metadata.name ?? '', forgeAdoptPatch(rs, ref), 'strategic'));
      } catch (err) {
        if (!(isStatusError(err) && err.code === 404)) throw err;
      }
    }
    return owned;
  }

  /** getPodMapForDeployment: the pods of each ReplicaSet, finished and terminating ones included. */
  private podsByReplicaSet(rsList: ReplicaSet[]): Map<string, Pod[]> {
    return new Map(rsList.map((rs) => [rs.metadata.uid ?? '', this.podIndex.ownedBy(rs.metadata.uid)]));
  }
}

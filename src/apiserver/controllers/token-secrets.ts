// The tokens controller of kube-controller-manager: a Secret of type
// kubernetes.io/service-account-token naming a ServiceAccount is filled with a non-expiring token,
// the cluster CA and the namespace; one naming a missing ServiceAccount (or an older one of the
// same name) is deleted, and so are a ServiceAccount's token Secrets when it goes.
// In-server until issue 4 (ADR 0004).
import type { KubeObject } from '../../api/types.js';
import { BatchQueue } from '../../machinery/batch-queue.js';
import { isStatusError } from '../../machinery/errors.js';
import type { StoredObject } from '../../storage/mvcc.js';
import { deleteObject } from '../handlers/delete.js';
import type { ServerServices } from '../handlers/scope.js';
import { updateObject } from '../handlers/write.js';
import { builtin, internalScope } from '../internal-scope.js';
import { SA_NAME_ANNOTATION, SA_UID_ANNOTATION, SERVICE_ACCOUNT_TOKEN_TYPE } from '../serviceaccounts/constants.js';

const SECRET_PREFIX = '/core/secrets/';
const SA_PREFIX = '/core/serviceaccounts/';
const b64 = (s: string) => Buffer.from(s).toString('base64');

export class TokenSecretsController {
  private stops: (() => void)[] = [];
  private readonly queue = new BatchQueue('tokens', (key) => this.reconcile(key));

  constructor(private readonly services: ServerServices, private readonly caPem: string) {}

  start(): void {
    const { store } = this.services;
    for (const s of store.list(SECRET_PREFIX)) this.queue.add(s.key);
    this.stops.push(store.watch(SECRET_PREFIX, store.revision(), (e) => {
      if (e.type !== 'DELETED' && e.current.object.type === SERVICE_ACCOUNT_TOKEN_TYPE) this.queue.add(e.key);
    }));
    this.stops.push(store.watch(SA_PREFIX, store.revision(), (e) => {
      if (e.type !== 'DELETED') return;
      // The ServiceAccount is gone: every token Secret naming it in its namespace follows.
      const ns = e.current.object.metadata.namespace ?? '';
      for (const s of store.list(`${SECRET_PREFIX}${ns}/`)) if (this.names(s.object) === e.current.object.metadata.name) this.queue.add(s.key);
    }));
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  private names(secret: KubeObject): string | undefined {
    return secret.type === SERVICE_ACCOUNT_TOKEN_TYPE ? secret.metadata.annotations?.[SA_NAME_ANNOTATION] : undefined;
  }

  private async reconcile(key: string): Promise<void> {
    const current = this.services.store.get(key);
    const saName = current && !current.object.metadata.deletionTimestamp ? this.names(current.object) : undefined;
    if (!current || !saName) return;
    const ns = current.object.metadata.namespace ?? '';
    const sa = this.services.store.get(`${SA_PREFIX}${ns}/${saName}`)?.object;
    const uid = current.object.metadata.annotations?.[SA_UID_ANNOTATION];
    if (!sa || sa.metadata.deletionTimestamp || (uid && uid !== sa.metadata.uid)) {
      await this.ensureDeleted(current);
      return;
    }
    await this.ensureFilled(current, sa);
  }

  private scope(secret: KubeObject) {
    const { metadata } = secret;
    return internalScope(this.services, builtin(this.services, '', 'secrets'), metadata.namespace ?? '', metadata.name ?? '');
  }

  private async ensureDeleted(current: StoredObject): Promise<void> {
    try {
      await deleteObject(this.scope(current.object), current, {}, false);
    } catch (err) {
      if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
    }
  }

  private async ensureFilled(current: StoredObject, sa: KubeObject): Promise<void> {
    const secret = current.object;
    const data = (secret.data ?? {}) as Record<string, string>;
    if (data.token && data['ca.crt'] && data.namespace) return;
    const tokens = this.services.serviceAccountTokens;
    if (!tokens) return;
    const ns = secret.metadata.namespace ?? '';
    const filled: KubeObject = {
      ...secret,
      metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, [SA_UID_ANNOTATION]: sa.metadata.uid ?? '' } },
      data: { ...data, token: b64(tokens.issueLegacy(sa, secret.metadata.name ?? '')), 'ca.crt': b64(this.caPem), namespace: b64(ns) },
    };
    await updateObject(this.scope(secret), current, filled, 'main', String(current.modRevision)).catch((err: unknown) => {
      // Someone changed it meanwhile: the watch brings it back.
      if (!(isStatusError(err) && (err.code === 409 || err.code === 404))) throw err;
    });
  }
}

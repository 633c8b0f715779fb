// The kubernetes.io/kube-apiserver-client signer of kube-controller-manager: an approved, not yet
// signed CertificateSigningRequest for this signer gets a certificate from the cluster CA (subject
// from the request, client-auth usage, spec.expirationSeconds honoured), which the API server then
// accepts as the request's CN/O. Requests it cannot sign get a Failed condition; other signers'
// requests are left alone for their own signers.
import type { KubeObject } from '../../api/types.js';
import { BatchQueue } from '../../machinery/batch-queue.js';
import { asObject } from '../../machinery/json.js';
import { signClientCertificate } from '../../machinery/pki.js';
import type { ServerServices } from '../handlers/scope.js';
import { timestamp } from '../handlers/scope.js';
import { updateObject } from '../handlers/write.js';
import { builtin, internalScope } from '../internal-scope.js';

export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
const CSR_PREFIX = '/certificates.k8s.io/certificatesigningrequests/';

interface Condition { type?: string; status?: string }

function hasCondition(csr: KubeObject, type: string): boolean {
  return ((asObject(csr.status).conditions as Condition[] | undefined) ?? []).some((c) => c.type === type && c.status !== 'False');
}

export class CSRSigningController {
  private stop: (() => void) | undefined;
  private readonly queue = new BatchQueue('csr signer', (key) => this.reconcile(key));

  constructor(private readonly services: ServerServices, private readonly ca: { cert: string; key: string }) {}

  start(): void {
    for (const csr of this.services.store.list(CSR_PREFIX)) this.queue.add(csr.key);
    this.stop = this.services.store.watch(CSR_PREFIX, this.services.store.revision(), (e) => this.queue.add(e.key));
  }

  close(): void {
    this.stop?.();
  }

  private async reconcile(key: string): Promise<void> {
    const stored = this.services.store.get(key);
    if (!stored) return;
    const csr = stored.object;
    const spec = asObject(csr.spec);
    if (spec.signerName !== KUBE_APISERVER_CLIENT_SIGNER) return;
    if (!hasCondition(csr, 'Approved') || hasCondition(csr, 'Denied') || hasCondition(csr, 'Failed')) return;
    if (asObject(csr.status).certificate) return;
    const status = { ...asObject(csr.status) };
    const usages = (spec.usages as string[] | undefined) ?? [];
    try {
      if (!usages.includes('client auth')) throw new Error('invalid usage for client certificate: "client auth" is required');
      const pem = await signClientCertificate(this.ca.cert, this.ca.key, Buffer.from(String(spec.request ?? ''), 'base64').toString('utf8'), {
        ...(typeof spec.expirationSeconds === 'number' ? { expirationSeconds: spec.expirationSeconds } : {}),
      });
      status.certificate = Buffer.from(pem).toString('base64');
    } catch (err) {
      const now = timestamp(this.services.now());
      status.conditions = [...((status.conditions as unknown[] | undefined) ?? []), {
        type: 'Failed', status: 'True', reason: 'SignerValidationFailure',
        message: err instanceof Error ? err.message : String(err), lastUpdateTime: now, lastTransitionTime: now,
      }];
    }
    const info = builtin(this.services, 'certificates.k8s.io', 'certificatesigningrequests');
    const scope = internalScope(this.services, info, '', csr.metadata.name ?? '', 'status');
    const current = this.services.store.get(key);
    if (current) await updateObject(scope, current, { ...current.object, status }, 'status');
  }
}

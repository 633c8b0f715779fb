// The ServiceAccount admission plugin: a new pod runs as a ServiceAccount that exists (`default`
// unless named), and unless automounting is switched off it gets the projected
// `kube-api-access-*` volume (token, cluster CA, namespace) mounted where in-cluster clients look.
import { randomInt } from 'node:crypto';
import type { KubeObject } from '../../api/types.js';
import { forbidden } from '../../machinery/errors.js';
import { asObject } from '../../machinery/json.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import {
  DEFAULT_SERVICE_ACCOUNT as DEFAULT_SA, ROOT_CA_CONFIGMAP, SERVICE_ACCOUNT_MOUNT_PATH,
} from '../serviceaccounts/constants.js';
import type { AdmissionPlugin } from './types.js';
/** The token lifetime kube projects (an hour plus seven seconds, so kubelets can spot it). */
const TOKEN_SECONDS = 3607;
/** The default ServiceAccount is created just after its namespace: wait for it as kube does. */
const DEFAULT_SA_ATTEMPTS = 10;

interface Container { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }
interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string }[];
  containers?: Container[];
  initContainers?: Container[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lookUp(store: MVCCStore, namespace: string, name: string): Promise<KubeObject | undefined> {
  const attempts = name === DEFAULT_SA ? DEFAULT_SA_ATTEMPTS : 1;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(100 + randomInt(100));
    const sa = store.get(`/core/serviceaccounts/${namespace}/${name}`);
    if (sa) return sa.object;
  }
  return undefined;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function forgeAccessVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_SECONDS, path: 'token' } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function mountsTokenPath(c: Container): boolean {
  return (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH);
}

function ensureAccessVolume(spec: PodSpec): void {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  // A pod that mounts something at the token path itself keeps it.
  if (containers.some(mountsTokenPath)) return;
  const name = `kube-api-access-${randomSuffix()}`;
  spec.volumes = [...(spec.volumes ?? []), forgeAccessVolume(name) as { name: string }];
  for (const c of containers) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
  }
}

export function serviceAccount(store: MVCCStore): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    async mutate({ scope, operation, object }) {
      const { info, subresource, namespace } = scope;
      if (operation !== 'CREATE' || subresource || info.group !== '' || info.resource !== 'pods' || !object) return;
      const spec = asObject(object.spec) as PodSpec;
      object.spec = spec as Record<string, unknown>;
      spec.serviceAccountName ||= spec.serviceAccount || DEFAULT_SA;
      spec.serviceAccount = spec.serviceAccountName;
      const sa = await lookUp(store, namespace, spec.serviceAccountName);
      if (!sa) {
        throw forbidden(info, object.metadata.name ?? '', `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
      }
      const automount = spec.automountServiceAccountToken ?? (sa as { automountServiceAccountToken?: boolean }).automountServiceAccountToken ?? true;
      if (automount) ensureAccessVolume(spec);
    },
  };
}

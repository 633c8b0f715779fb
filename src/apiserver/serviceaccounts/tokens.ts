// ServiceAccount tokens as kube-apiserver issues and checks them: RS256 JWTs signed with the
// cluster's service-account key, issuer and default audience https://kubernetes.default.svc.cluster.local,
// claims naming the namespace and the ServiceAccount's name and uid. A token authenticates only
// while it is unexpired, carries the API audience, and its ServiceAccount still exists with the same
// uid (deleting the ServiceAccount revokes its tokens).
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { KubeObject } from '../../api/types.js';
import { keyId, signJwt, verifyJwt } from '../../machinery/jwt.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { UserInfo } from '../authn.js';

export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountKeys { privateKey: string; publicKey: string }

interface KubernetesClaim {
  namespace?: string;
  serviceaccount?: { name?: string; uid?: string };
}

export class ServiceAccountTokens {
  private readonly publicKey: KeyObject;
  private readonly kid: string;

  constructor(private readonly store: MVCCStore, private readonly keys: ServiceAccountKeys) {
    this.publicKey = createPublicKey(keys.publicKey);
    this.kid = keyId(keys.publicKey);
  }

  issue(sa: KubeObject, audiences: string[], expirationSeconds: number, now: Date): { token: string; expires: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const ns = sa.metadata.namespace ?? '';
    const name = sa.metadata.name ?? '';
    const token = signJwt({
      aud: audiences, exp: iat + expirationSeconds, iat, nbf: iat, iss: API_AUDIENCE,
      sub: `system:serviceaccount:${ns}:${name}`,
      'kubernetes.io': { namespace: ns, serviceaccount: { name, uid: sa.metadata.uid } },
    }, this.keys.privateKey, this.kid);
    return { token, expires: new Date((iat + expirationSeconds) * 1000) };
  }

  authenticate(token: string, now: Date): UserInfo | undefined {
    const claims = verifyJwt(token, this.publicKey, now);
    if (!claims || claims.iss !== API_AUDIENCE || !(claims.aud ?? []).includes(API_AUDIENCE)) return undefined;
    const k8s = (claims['kubernetes.io'] ?? {}) as KubernetesClaim;
    const ns = k8s.namespace ?? '';
    const name = k8s.serviceaccount?.name ?? '';
    const live = this.store.get(`/core/serviceaccounts/${ns}/${name}`);
    if (!live || live.object.metadata.uid !== k8s.serviceaccount?.uid || live.object.metadata.deletionTimestamp) return undefined;
    return {
      name: `system:serviceaccount:${ns}:${name}`, uid: live.object.metadata.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    };
  }
}

// ServiceAccount tokens as kube-apiserver issues and checks them: RS256 JWTs signed with the
// cluster's service-account key, issuer and default audience https://kubernetes.default.svc.cluster.local,
// claims naming the namespace and the ServiceAccount's name and uid. A token authenticates only
// while it is unexpired, carries the API audience, and its ServiceAccount still exists with the same
// uid (deleting the ServiceAccount revokes its tokens); a token bound to a pod (the kubelet's
// projected tokens) also only while that pod exists with the same uid. Legacy tokens (issuer kubernetes/serviceaccount,
// kept in token Secrets, no expiry) authenticate while their Secret still holds them.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { KubeObject } from '../../api/types.js';
import { keyId, signJwt, verifyJwt } from '../../machinery/jwt.js';
import type { MVCCStore } from '../../storage/mvcc.js';
import type { UserInfo } from '../authn.js';
import { LEGACY_ISSUER } from './constants.js';

export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountKeys { privateKey: string; publicKey: string }

interface KubernetesClaim {
  namespace?: string;
  serviceaccount?: { name?: string; uid?: string };
  pod?: { name?: string; uid?: string };
}

/** The object a token is bound to (TokenRequest's boundObjectRef); only pods are checked. */
export interface BoundObject { kind: 'Pod'; name: string; uid: string }

export class ServiceAccountTokens {
  private readonly publicKey: KeyObject;
  private readonly kid: string;

  constructor(private readonly store: MVCCStore, private readonly keys: ServiceAccountKeys) {
    this.publicKey = createPublicKey(keys.publicKey);
    this.kid = keyId(keys.publicKey);
  }

  issue(sa: KubeObject, audiences: string[], expirationSeconds: number, now: Date, bound?: BoundObject): { token: string; expires: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const ns = sa.metadata.namespace ?? '';
    const name = sa.metadata.name ?? '';
    const token = signJwt({
      aud: audiences, exp: iat + expirationSeconds, iat, nbf: iat, iss: API_AUDIENCE,
      sub: `system:serviceaccount:${ns}:${name}`,
      'kubernetes.io': { namespace: ns, serviceaccount: { name, uid: sa.metadata.uid }, ...(bound ? { pod: { name: bound.name, uid: bound.uid } } : {}) },
    }, this.keys.privateKey, this.kid);
    return { token, expires: new Date((iat + expirationSeconds) * 1000) };
  }

  /** The non-expiring token a token Secret holds (claims as kube's legacy token generator writes them). */
  issueLegacy(sa: KubeObject, secretName: string): string {
    const ns = sa.metadata.namespace ?? '';
    const name = sa.metadata.name ?? '';
    return signJwt({
      iss: LEGACY_ISSUER, sub: `system:serviceaccount:${ns}:${name}`,
      [`${LEGACY_ISSUER}/namespace`]: ns,
      [`${LEGACY_ISSUER}/secret.name`]: secretName,
      [`${LEGACY_ISSUER}/service-account.name`]: name,
      [`${LEGACY_ISSUER}/service-account.uid`]: sa.metadata.uid,
    }, this.keys.privateKey, this.kid);
  }

  authenticate(token: string, now: Date): UserInfo | undefined {
    const claims = verifyJwt(token, this.publicKey, now);
    if (!claims) return undefined;
    if (claims.iss === LEGACY_ISSUER) return this.authenticateLegacy(token, claims);
    if (claims.iss !== API_AUDIENCE || !(claims.aud ?? []).includes(API_AUDIENCE)) return undefined;
    const k8s = (claims['kubernetes.io'] ?? {}) as KubernetesClaim;
    if (k8s.pod && this.store.get(`/core/pods/${k8s.namespace ?? ''}/${k8s.pod.name ?? ''}`)?.object.metadata.uid !== k8s.pod.uid) return undefined;
    return this.liveUser(k8s.namespace ?? '', k8s.serviceaccount?.name ?? '', k8s.serviceaccount?.uid);
  }

  private authenticateLegacy(token: string, claims: Record<string, unknown>): UserInfo | undefined {
    const ns = String(claims[`${LEGACY_ISSUER}/namespace`] ?? '');
    const secretName = String(claims[`${LEGACY_ISSUER}/secret.name`] ?? '');
    const secret = this.store.get(`/core/secrets/${ns}/${secretName}`);
    const held = (secret?.object.data as Record<string, string> | undefined)?.token;
    if (!secret || secret.object.metadata.deletionTimestamp || held !== Buffer.from(token).toString('base64')) return undefined;
    const name = String(claims[`${LEGACY_ISSUER}/service-account.name`] ?? '');
    return this.liveUser(ns, name, String(claims[`${LEGACY_ISSUER}/service-account.uid`] ?? ''));
  }

  /** The ServiceAccount's identity, if it still exists with the uid the token was issued for. */
  private liveUser(ns: string, name: string, uid: string | undefined): UserInfo | undefined {
    const live = this.store.get(`/core/serviceaccounts/${ns}/${name}`);
    if (!live || live.object.metadata.uid !== uid || live.object.metadata.deletionTimestamp) return undefined;
    return {
      name: `system:serviceaccount:${ns}:${name}`, uid: live.object.metadata.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    };
  }
}

// Authentication: a client certificate signed by the cluster CA (CN = user, O = groups, verified by
// the TLS layer) or the admin's static bearer token. Anonymous requests are allowed only on the
// health and version endpoints, as kube-apiserver's default RBAC allows. Issue 3 extends this with
// ServiceAccount tokens and RBAC.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
}

/** authentication.k8s.io's UserInfo on the wire, as reviews and AdmissionReviews carry it. */
export function forgeUserInfo(user: UserInfo): { username: string; uid?: string; groups: string[] } {
  return { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups };
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export interface Authenticator {
  authenticate(req: IncomingMessage): UserInfo | undefined;
  /** A bearer token alone (TokenReview asks this). */
  authenticateToken(token: string): UserInfo | undefined;
}

function parseSubject(subject: Record<string, string | string[]> | undefined): UserInfo | undefined {
  if (!subject) return undefined;
  const cn = subject.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (!name) return undefined;
  const o = subject.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { name, groups: [...groups, 'system:authenticated'] };
}

/** The certificate identity of a TLS connection, parsed once per connection (keep-alive reuses it). */
const certificateUsers = new WeakMap<TLSSocket, UserInfo | null>();

function certificateUser(socket: TLSSocket): UserInfo | undefined {
  let user = certificateUsers.get(socket);
  if (user === undefined) {
    const ok = typeof socket.getPeerCertificate === 'function' && socket.authorized;
    user = (ok ? parseSubject(socket.getPeerCertificate()?.subject as unknown as Record<string, string | string[]>) : undefined) ?? null;
    certificateUsers.set(socket, user);
  }
  return user ?? undefined;
}

/** Checks bearer tokens other than the admin's (ServiceAccount JWTs). */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

export function createAuthenticator(adminToken: string | undefined, tokens?: TokenAuthenticator): Authenticator {
  const tokenBuf = adminToken ? Buffer.from(adminToken) : undefined;
  const authenticateToken = (token: string): UserInfo | undefined => {
    const given = Buffer.from(token);
    if (tokenBuf && given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf)) {
      return { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
    }
    return tokens?.(token);
  };
  return {
    authenticateToken,
    authenticate(req) {
      const fromCert = certificateUser(req.socket as TLSSocket);
      if (fromCert) return fromCert;
      const auth = req.headers.authorization;
      return auth?.startsWith('Bearer ') ? authenticateToken(auth.slice(7).trim()) : undefined;
    },
  };
}

// Writes a new cluster's directory as cluster-config.ts lays it out: the certificates (CA, API
// server, admin client, service-account keys), the admin token, cluster.json and the standalone
// admin kubeconfig; and reads back what later commands need. Keys are written 0600. Nothing here
// starts processes or touches the user's kubeconfig (see daemon.ts and kubeconfig.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createAdminCertificate, createApiServerCertificate, createCertificateAuthority, createServiceAccountKeyPair,
} from '../machinery/pki.js';
import { CLUSTER_FILES, type ClusterConfig } from './cluster-config.js';
import { firstIP, parseIPv4Cidr } from '../machinery/cidr.js';
import { buildKubeconfig, type Kubeconfig, parseKubeconfig, serializeKubeconfig } from './kubeconfig.js';

/** The Kubernetes version lkind clusters report (kubectl 1.32 is the reference client). */
export const KUBERNETES_VERSION = 'v1.32.0';

const PUBLIC = 0o644;
const SECRET = 0o600;

function write(dir: string, file: string, content: string, mode: number): void {
  writeFileSync(join(dir, file), content, { mode });
}

export function serverURL(config: Pick<ClusterConfig, 'host' | 'port'>): string {
  return `https://${config.host}:${config.port}`;
}

/** Generates and writes pki/ (the CA, the API server and admin certificates, the SA keypair). */
export async function writeClusterPki(dir: string, config: Pick<ClusterConfig, 'host' | 'serviceSubnet'>): Promise<void> {
  const subnet = parseIPv4Cidr(config.serviceSubnet);
  if (!subnet) throw new Error(`invalid service subnet ${config.serviceSubnet}`);
  mkdirSync(join(dir, CLUSTER_FILES.pkiDir), { recursive: true, mode: 0o700 });
  const ca = await createCertificateAuthority();
  const [server, admin, sa] = await Promise.all([
    createApiServerCertificate(ca, { host: config.host, serviceIP: firstIP(subnet) }),
    createAdminCertificate(ca),
    createServiceAccountKeyPair(),
  ]);
  write(dir, CLUSTER_FILES.caCert, ca.cert, PUBLIC);
  write(dir, CLUSTER_FILES.caKey, ca.key, SECRET);
  write(dir, CLUSTER_FILES.serverCert, server.cert, PUBLIC);
  write(dir, CLUSTER_FILES.serverKey, server.key, SECRET);
  write(dir, CLUSTER_FILES.adminCert, admin.cert, PUBLIC);
  write(dir, CLUSTER_FILES.adminKey, admin.key, SECRET);
  write(dir, CLUSTER_FILES.saKey, sa.privateKey, SECRET);
  write(dir, CLUSTER_FILES.saPub, sa.publicKey, PUBLIC);
}

/** Writes cluster.json, admin.token (32 random bytes, hex) and the standalone kubeconfig. */
export function writeClusterConfig(dir: string, config: ClusterConfig): void {
  write(dir, CLUSTER_FILES.config, `${JSON.stringify(config, null, 2)}\n`, PUBLIC);
  write(dir, CLUSTER_FILES.adminToken, `${randomBytes(32).toString('hex')}\n`, SECRET);
  write(dir, CLUSTER_FILES.kubeconfig, serializeKubeconfig(adminKubeconfig(dir, config)), SECRET);
}

/** The admin kubeconfig built from the cluster's certificates. */
export function adminKubeconfig(dir: string, config: Pick<ClusterConfig, 'name' | 'host' | 'port'>): Kubeconfig {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return buildKubeconfig({
    cluster: config.name, server: serverURL(config),
    caCert: read(CLUSTER_FILES.caCert), clientCert: read(CLUSTER_FILES.adminCert), clientKey: read(CLUSTER_FILES.adminKey),
  });
}

/** The standalone kubeconfig as written at creation (what `lkind get kubeconfig` prints). */
export function readAdminKubeconfigText(dir: string): string {
  return readFileSync(join(dir, CLUSTER_FILES.kubeconfig), 'utf8');
}

export function readAdminKubeconfig(dir: string): Kubeconfig {
  return parseKubeconfig(readAdminKubeconfigText(dir));
}

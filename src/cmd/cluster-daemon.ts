// The process behind one lkind cluster: opens the cluster's storage, serves the Kubernetes API over
// HTTPS with the cluster's certificates, runs the in-server controllers (CRDs, namespace
// finalization) and ensures the bootstrap objects. SIGTERM/SIGINT close it cleanly; a kill -9
// loses nothing acknowledged, because every write is committed before it is answered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApiHandler, listen } from '../apiserver/server.js';
import { bootstrap, ensureObject } from '../apiserver/controllers/bootstrap.js';
import { CRDController } from '../apiserver/controllers/crd-controller.js';
import { NamespaceFinalizer } from '../apiserver/controllers/namespace-finalizer.js';
import { GarbageCollector } from '../apiserver/controllers/garbage-collector.js';
import { ClusterRoleAggregationController } from '../apiserver/controllers/clusterrole-aggregation.js';
import { CSRSigningController } from '../apiserver/controllers/csr-signer.js';
import { ServiceAccountController } from '../apiserver/controllers/serviceaccount-controller.js';
import { CLUSTER_FILES, readClusterConfig } from '../lkind/cluster-config.js';
import { forgeNodes } from '../lkind/forge-nodes.js';
import { LmdbStore } from '../storage/lmdb-store.js';

function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
}

export async function runClusterDaemon(dir: string): Promise<void> {
  const config = readClusterConfig(dir);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const windowSize = Number(process.env.LKIND_WATCH_CACHE_SIZE ?? '') || undefined;
  const durability = process.env.LKIND_DURABILITY === 'os' ? 'os' : 'fsync';
  const store = new LmdbStore({ path: join(dir, CLUSTER_FILES.dataDir), windowSize, durability });
  log(`cluster ${config.name}: storage opened at revision ${store.revision()}`);
  const api = buildApiHandler({
    store, serviceSubnet: config.serviceSubnet, advertiseAddress: `${config.host}:${config.port}`,
    gitVersion: config.kubernetesVersion, adminToken: read(CLUSTER_FILES.adminToken).trim(),
    bookmarkIntervalSeconds: Number(process.env.LKIND_BOOKMARK_SECONDS ?? '') || 60,
    serviceAccountKeys: { privateKey: read(CLUSTER_FILES.saKey), publicKey: read(CLUSTER_FILES.saPub) },
  });
  const crds = new CRDController(api.services);
  crds.start();
  const namespaces = new NamespaceFinalizer(api.services);
  namespaces.start();
  const gc = new GarbageCollector(api.services);
  gc.start();
  const aggregation = new ClusterRoleAggregationController(api.services);
  aggregation.start();
  const signer = new CSRSigningController(api.services, { cert: read(CLUSTER_FILES.caCert), key: read(CLUSTER_FILES.caKey) });
  signer.start();
  const serviceAccounts = new ServiceAccountController(api.services);
  serviceAccounts.start();
  await bootstrap(api.services, { host: config.host, port: config.port, serviceSubnet: config.serviceSubnet });
  for (const node of forgeNodes(config)) await ensureObject(api.services, '', 'nodes', node);
  const server = await listen(api, { cert: read(CLUSTER_FILES.serverCert), key: read(CLUSTER_FILES.serverKey), ca: read(CLUSTER_FILES.caCert) }, config.host, config.port);
  api.setReady(true);
  log(`cluster ${config.name}: serving on https://${config.host}:${config.port}`);

  const shutdown = (signal: string) => {
    log(`cluster ${config.name}: ${signal} received, shutting down`);
    api.setReady(false);
    crds.close();
    namespaces.close();
    gc.close();
    aggregation.close();
    signer.close();
    serviceAccounts.close();
    server.close();
    server.closeAllConnections();
    store.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

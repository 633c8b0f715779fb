// The process behind one lkind cluster: opens the cluster's storage, serves the Kubernetes API over
// HTTPS with the cluster's certificates, runs the in-server controllers (CRDs, namespace
// finalization, GC: ADR 0004), ensures the bootstrap objects, and runs the cluster controllers
// (scheduler, workloads, kubelets: ADR 0008) on a worker thread that talks to it over HTTPS.
// It reports ready once the kubelets have registered their nodes. SIGTERM/SIGINT close it
// cleanly; a kill -9 loses nothing acknowledged, because every write is durable before it is
// answered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApiHandler, listen } from '../apiserver/server.js';
import { bootstrap } from '../apiserver/controllers/bootstrap.js';
import { CRDController } from '../apiserver/controllers/crd-controller.js';
import { NamespaceFinalizer } from '../apiserver/controllers/namespace-finalizer.js';
import { GarbageCollector } from '../apiserver/controllers/garbage-collector.js';
import { ClusterRoleAggregationController } from '../apiserver/controllers/clusterrole-aggregation.js';
import { CSRSigningController } from '../apiserver/controllers/csr-signer.js';
import { ServiceAccountController } from '../apiserver/controllers/serviceaccount-controller.js';
import { TokenSecretsController } from '../apiserver/controllers/token-secrets.js';
import { RootCAPublisher } from '../apiserver/controllers/root-ca-publisher.js';
import { CLUSTER_FILES, readClusterConfig } from '../lkind/cluster-config.js';
import { forgeNodes } from '../lkind/forge-nodes.js';
import { LmdbStore } from '../storage/lmdb-store.js';
import type { ControllersConfig } from './cluster-controllers.js';
import { runControllersThread } from './controllers-thread.js';
import { profileNamed } from '../cluster/kubelet/profiles.js';
import { CRASHLOOP_BACKOFF_INITIAL_MS, PROCESS_IMAGE_REPOSITORIES } from '../cluster/kubelet/constants.js';
import type { ClusterConfig } from '../lkind/cluster-config.js';
import type { Node } from '../api/core-v1.js';

function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
}

export async function runClusterDaemon(dir: string): Promise<void> {
  const config = readClusterConfig(dir);
  const kubeletProfile = process.env.LKIND_KUBELET_PROFILE ?? 'realistic';
  profileNamed(kubeletProfile); // fails at once, naming the valid profiles
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
    podsDir: join(dir, CLUSTER_FILES.podsDir),
  });
  const caPem = read(CLUSTER_FILES.caCert);
  // In-server controllers (ADR 0004), started before bootstrap so they see its objects.
  const controllers = [
    new CRDController(api.services),
    new NamespaceFinalizer(api.services),
    new GarbageCollector(api.services),
    new ClusterRoleAggregationController(api.services),
    new CSRSigningController(api.services, { cert: caPem, key: read(CLUSTER_FILES.caKey) }),
    new ServiceAccountController(api.services),
    new TokenSecretsController(api.services, caPem),
    new RootCAPublisher(api.services, caPem),
  ];
  for (const c of controllers) c.start();
  await bootstrap(api.services, { host: config.host, port: config.port, serviceSubnet: config.serviceSubnet });
  const server = await listen(api, { cert: read(CLUSTER_FILES.serverCert), key: read(CLUSTER_FILES.serverKey), ca: caPem }, config.host, config.port);
  log(`cluster ${config.name}: serving on https://${config.host}:${config.port}`);
  // Ready once the controllers run and the kubelets have registered their nodes.
  const stopControllers = await runControllersThread(controllersConfig(config, dir, caPem, read(CLUSTER_FILES.adminToken).trim()), log);
  api.setReady(true);
  log(`cluster ${config.name}: controllers started, ready`);

  const shutdown = (signal: string) => {
    log(`cluster ${config.name}: ${signal} received, shutting down`);
    api.setReady(false);
    for (const c of controllers) c.close();
    void stopControllers().finally(() => {
      server.close();
      server.closeAllConnections();
      store.close().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The controllers' configuration: the API server's address, its CA and the admin token (ADR 0008). */
function controllersConfig(config: ClusterConfig, dir: string, caPem: string, token: string): ControllersConfig {
  const images = process.env.LKIND_PROCESS_IMAGES?.split(',').map((s) => s.trim()).filter(Boolean) ?? PROCESS_IMAGE_REPOSITORIES;
  const backoffSeconds = Number(process.env.LKIND_CRASHLOOP_BACKOFF_SECONDS ?? '');
  return {
    clusterName: config.name, server: `https://${config.host}:${config.port}`, caPem, token,
    userAgent: `lkind-controllers/${config.kubernetesVersion}`, podSubnet: config.podSubnet, serviceSubnet: config.serviceSubnet,
    nodes: forgeNodes(config) as Node[], kubeletProfile: process.env.LKIND_KUBELET_PROFILE ?? 'realistic',
    nodeMonitorGraceMs: (Number(process.env.LKIND_NODE_MONITOR_GRACE_SECONDS ?? '') || 40) * 1000,
    processPods: {
      podsDir: join(dir, CLUSTER_FILES.podsDir), nodesDir: join(dir, CLUSTER_FILES.nodesDir), apiServer: { host: config.host, port: config.port }, images,
      crashLoopBackoffInitialMs: backoffSeconds > 0 ? backoffSeconds * 1000 : CRASHLOOP_BACKOFF_INITIAL_MS,
    },
  };
}

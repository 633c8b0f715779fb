// A minimal kube-proxy for process pods (ADR 0009): every TCP port of a NodePort or LoadBalancer
// Service whose EndpointSlices point at a process pod of this cluster is listened on at each
// node's InternalIP:nodePort, and each connection is forwarded to a ready endpoint's sandbox
// address and port (picked at random, as kube-proxy's iptables rules do). Services backed only by
// simulated pods are left alone (nothing could answer), and so is the clusterIP, which the host
// cannot route. A port that cannot be bound (another cluster's node port, say) is a Warning event
// on the Service and is retried later, never a crash.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { EndpointSlice } from '../../../api/apps-batch-v1.js';
import type { Service, ServicePort } from '../../../api/core-v1.js';
import type { Logger } from '../../../runtime/controller.js';
import type { EventSink } from '../../../runtime/events.js';
import { objectKey, type Informer } from '../../../runtime/informer.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const RETRY_BIND_MS = 30_000;

interface Listener { server: Server; service: string; port: ServicePort }

export interface SandboxLookup { sandboxFor(podIP: string): string | undefined }

export class NodePortProxy {
  private readonly listeners = new Map<string, Listener>();
  private readonly failed = new Map<string, number>();
  private scheduled = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly services: Informer<Service>,
    private readonly slices: Informer<EndpointSlice>,
    private readonly hostIPs: string[],
    private readonly runtime: SandboxLookup,
    private readonly events: EventSink,
    private readonly log: Logger,
  ) {
    const kick = () => this.schedule();
    services.addHandlers({ onAdd: kick, onUpdate: kick, onDelete: kick });
    slices.addHandlers({ onAdd: kick, onUpdate: kick, onDelete: kick });
  }

  /** Re-syncs soon (changes come in bursts). */
  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setTimeout(() => { this.scheduled = false; this.sync(); }, 50);
  }

  start(): void {
    this.timer = setInterval(() => this.sync(), RETRY_BIND_MS);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const l of this.listeners.values()) l.server.close();
    this.listeners.clear();
  }

  private slicesOf(svc: Service): EndpointSlice[] {
    const ns = svc.metadata.namespace;
    return this.slices.list().filter((s) => s.metadata.namespace === ns && s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name);
  }

  /** Sandbox address and port of every endpoint of the port that is a process pod (ready ones only if asked). */
  private backends(svc: Service, port: ServicePort, readyOnly: boolean): { host: string; port: number }[] {
    const out: { host: string; port: number }[] = [];
    for (const slice of this.slicesOf(svc)) {
      const p = (slice.ports ?? []).find((x) => (x.name ?? '') === (port.name ?? ''));
      if (!p?.port) continue;
      for (const e of slice.endpoints ?? []) {
        if (readyOnly && e.conditions?.ready === false) continue;
        const host = e.addresses.map((a) => this.runtime.sandboxFor(a)).find((x) => x !== undefined);
        if (host) out.push({ host, port: p.port });
      }
    }
    return out;
  }

  sync(): void {
    if (this.closed) return;
    const wanted = new Map<string, { service: Service; port: ServicePort }>();
    for (const svc of this.services.list()) {
      if (svc.spec.type !== 'NodePort' && svc.spec.type !== 'LoadBalancer') continue;
      for (const port of svc.spec.ports ?? []) {
        if (!port.nodePort || (port.protocol ?? 'TCP') !== 'TCP') continue;
        if (this.backends(svc, port, false).length === 0) continue;
        for (const ip of new Set(this.hostIPs)) wanted.set(`${ip}:${port.nodePort}`, { service: svc, port });
      }
    }
    for (const [addr, l] of this.listeners) {
      if (!wanted.has(addr)) { l.server.close(); this.listeners.delete(addr); }
    }
    for (const [addr, w] of wanted) {
      const key = objectKey(w.service);
      const current = this.listeners.get(addr);
      if (current) { current.service = key; current.port = w.port; continue; }
      if ((this.failed.get(addr) ?? 0) > Date.now()) continue;
      this.listen(addr, key, w.service, w.port);
    }
  }

  private listen(addr: string, key: string, svc: Service, port: ServicePort): void {
    const [host, p] = [addr.slice(0, addr.lastIndexOf(':')), Number(addr.slice(addr.lastIndexOf(':') + 1))];
    const l: Listener = { server: createServer((c) => this.forward(l, c)), service: key, port };
    this.listeners.set(addr, l);
    l.server.once('error', (err: NodeJS.ErrnoException) => {
      this.listeners.delete(addr);
      this.failed.set(addr, Date.now() + RETRY_BIND_MS);
      const why = err.code === 'EADDRINUSE' ? `listen tcp ${addr}: bind: address already in use` : err.message;
      this.events.event({ ...svc, apiVersion: 'v1', kind: 'Service' }, 'Warning', 'FailedToOpenNodePort',
        `can't open port "nodePort for ${key}${port.name ? `:${port.name}` : ''}" (:${p}/tcp4), skipping it: ${why}`);
      this.log(`kube-proxy: ${key}: ${why}`);
    });
    l.server.listen({ host, port: p, exclusive: true });
  }

  private forward(l: Listener, client: Socket): void {
    const svc = this.services.get(l.service);
    const choices = svc ? this.backends(svc, l.port, true) : [];
    const target = choices[Math.floor(Math.random() * choices.length)];
    if (!target) { client.destroy(); return; }
    const upstream = connect(target);
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  }
}

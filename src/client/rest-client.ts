// A small REST client for the Kubernetes API: JSON in and out over one keep-alive HTTPS agent,
// errors as the StatusError the server sent (so callers test `err.code === 409` as controllers
// in Go test apierrors.IsConflict), and streaming watches. Deliberately thin: controllers at
// 10,000-pod scale need little more than this and pay for nothing else (ADR 0007).
import { readFileSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeList, KubeObject, Status, WatchEventType } from '../api/types.js';
import { StatusError } from '../machinery/errors.js';
import type { RestConfig } from './config.js';
import { query, resourcePath, type ResourceRef } from './resource.js';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';
const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface WatchHandle { stop(): void }

export type WatchListener = (type: WatchEventType, object: KubeObject) => void;

/** A response that is not a Status: the code and whatever text came back. */
function asStatusError(code: number, body: string): StatusError {
  try {
    const s = JSON.parse(body) as Status;
    if (s.kind === 'Status') return new StatusError(s.code ?? code, s.reason ?? '', s.message ?? '', s.details);
  } catch {
    // not JSON: fall through
  }
  return new StatusError(code, '', `the server responded with the status code ${code}: ${body.slice(0, 200)}`);
}

export class Client {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(private readonly config: RestConfig) {
    this.url = new URL(config.server);
    this.agent = new Agent({ keepAlive: true, maxSockets: 32, ca: config.ca, cert: config.cert, key: config.key });
  }

  private options(method: string, path: string, headers: Record<string, string>): RequestOptions {
    return {
      host: this.url.hostname.replace(/^\[|\]$/g, ''), port: this.url.port || 443, method, path, agent: this.agent,
      headers: { Accept: 'application/json', 'User-Agent': this.config.userAgent ?? 'liqo-ts', ...this.config.headers, ...this.tokenHeader(), ...headers },
    };
  }

  private token?: { value: string; readAt: number };

  /** The current bearer token of a token file, re-read at most once a minute (as client-go does). */
  private tokenHeader(): Record<string, string> {
    const file = this.config.tokenFile;
    if (!file) return {};
    const now = Date.now();
    if (!this.token || now - this.token.readAt > 60_000) {
      try {
        this.token = { value: readFileSync(file, 'utf8').trim(), readAt: now };
      } catch {
        // Keep the last token: a rotation in progress must not drop credentials.
        if (!this.token) return {};
      }
    }
    return { Authorization: `Bearer ${this.token.value}` };
  }

  /** One request; resolves to the parsed JSON body, rejects with the server's StatusError. */
  request<T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: Record<string, string> = payload ? { 'Content-Type': contentType, 'Content-Length': String(payload.length) } : {};
    return new Promise((resolve, reject) => {
      const req = request(this.options(method, path, headers), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          if (code < 200 || code > 299) reject(asStatusError(code, text));
          else resolve((text ? JSON.parse(text) : undefined) as T);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  get<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string): Promise<T> {
    return this.request('GET', resourcePath(ref, namespace, name));
  }

  list<T extends KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    const { namespace, ...q } = opts;
    return this.request('GET', resourcePath(ref, namespace) + query({ ...q }));
  }

  create<T extends KubeObject>(ref: ResourceRef, obj: T, opts: { fieldManager?: string } = {}): Promise<T> {
    return this.request('POST', resourcePath(ref, obj.metadata.namespace) + query(opts), obj);
  }

  /** PUT of the whole object (or of its status with subresource 'status'). */
  update<T extends KubeObject>(ref: ResourceRef, obj: T, subresource?: string): Promise<T> {
    return this.request('PUT', resourcePath(ref, obj.metadata.namespace, obj.metadata.name, subresource), obj);
  }

  patch<T extends KubeObject>(
    ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType = 'merge',
    opts: { subresource?: string; fieldManager?: string; force?: boolean; dryRun?: boolean } = {},
  ): Promise<T> {
    const path = resourcePath(ref, namespace, name, opts.subresource) + query({ fieldManager: opts.fieldManager, force: opts.force, dryRun: opts.dryRun ? 'All' : undefined });
    return this.request('PATCH', path, patch, PATCH_CONTENT_TYPE[type]);
  }

  delete(ref: ResourceRef, namespace: string, name: string, opts: Record<string, unknown> = {}): Promise<unknown> {
    return this.request('DELETE', resourcePath(ref, namespace, name), { apiVersion: 'v1', kind: 'DeleteOptions', ...opts });
  }

  /**
   * Streams watch events to `onEvent` until stop() or the stream ends; `onClose` then gets the
   * error, if any (a StatusError for a refused watch).
   */
  watch(ref: ResourceRef, opts: WatchOptions, onEvent: WatchListener, onClose: (err?: Error) => void): WatchHandle {
    const { namespace, ...q } = opts;
    const path = resourcePath(ref, namespace) + query({ ...q, watch: 1 });
    let stopped = false;
    let closed = false;
    const close = (err?: Error) => {
      if (closed) return;
      closed = true;
      onClose(stopped ? undefined : err);
    };
    const req = request(this.options('GET', path, {}), (res: IncomingMessage) => {
      if ((res.statusCode ?? 0) !== 200) {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString('utf8'); });
        res.on('end', () => close(asStatusError(res.statusCode ?? 0, text)));
        return;
      }
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line || stopped) continue;
          const ev = JSON.parse(line) as { type: WatchEventType; object: KubeObject };
          onEvent(ev.type, ev.object);
        }
      });
      res.on('end', () => close());
      res.on('error', (err) => close(err));
    });
    req.on('error', (err) => close(err));
    req.end();
    return {
      stop() {
        stopped = true;
        req.destroy();
        close();
      },
    };
  }

  close(): void {
    this.agent.destroy();
  }
}

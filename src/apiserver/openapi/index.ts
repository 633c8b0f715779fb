// The OpenAPI documents of the served resources, built on first request and cached until the
// resource set changes — kube-openapi's handler3 OpenAPIService in spirit: an /openapi/v3 index whose
// serverRelativeURLs carry each group-version document's content hash (clients, kubectl included,
// cache those URLs forever), the per-group-version documents, and the Swagger 2.0 document of
// /openapi/v2. After invalidate() only group versions whose resources actually changed are rebuilt,
// so their hashes stay stable. HTTP concerns (headers, 304, redirects, negotiation) are
// openapi-routes.ts's.
import { createHash } from 'node:crypto';
import type { ResourceInfo } from '../../api/resource-info.js';
import { buildV2Document, buildV3Document, groupVersionPath } from './documents.js';
import { encodeV2Document } from './v2-protobuf.js';
import type { Schema } from './well-known.js';

export interface HashedDocument {
  body: string;
  /** Upper-case hex SHA-512 of body, as kube-openapi computes ETags. */
  hash: string;
}

interface CachedDocument extends HashedDocument {
  fingerprint: string;
}

export function contentHash(body: string): string {
  return createHash('sha512').update(body).digest('hex').toUpperCase();
}

export class OpenAPIService {
  private readonly v3 = new Map<string, CachedDocument>();
  /** Group versions whose cached document was checked against the resources since the last change. */
  private readonly verified = new Set<string>();
  private groups: Map<string, ResourceInfo[]> | undefined;
  private index: HashedDocument | undefined;
  private v2: { object: Schema; json?: string; protobuf?: Buffer } | undefined;

  constructor(private readonly resources: () => ResourceInfo[]) {}

  /** Drops everything derived from the resource list; documents are rebuilt lazily. */
  invalidate(): void {
    this.verified.clear();
    this.groups = undefined;
    this.index = undefined;
    this.v2 = undefined;
  }

  /** The /openapi/v3 discovery document: `{ paths: { 'apis/apps/v1': { serverRelativeURL } } }`. */
  v3Index(): V3Index {
    return JSON.parse(this.v3IndexDocument().body) as V3Index;
  }

  /** The index serialized, with its own hash for the ETag. */
  v3IndexDocument(): HashedDocument {
    if (!this.index) {
      const paths: V3Index['paths'] = {};
      for (const gv of [...this.groupVersions().keys()].sort()) {
        paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${this.v3Document(gv)!.hash}` };
      }
      const body = JSON.stringify({ paths });
      this.index = { body, hash: contentHash(body) };
    }
    return this.index;
  }

  /** One group version's document, by its index key ('api/v1', 'apis/apps/v1'); undefined if not served. */
  v3Document(gvPath: string): HashedDocument | undefined {
    const infos = this.groupVersions().get(gvPath);
    if (!infos) return undefined;
    const cached = this.v3.get(gvPath);
    if (cached && this.verified.has(gvPath)) return cached;
    // Unchanged resources keep their document, and so their hash: clients keep their caches.
    const fingerprint = JSON.stringify(infos);
    let doc = cached;
    if (doc?.fingerprint !== fingerprint) {
      const body = JSON.stringify(buildV3Document(infos));
      doc = { body, hash: contentHash(body), fingerprint };
      this.v3.set(gvPath, doc);
    }
    this.verified.add(gvPath);
    return doc;
  }

  /** The Swagger 2.0 document of every served resource, as JSON. */
  v2Document(): string {
    const v2 = this.v2Object();
    v2.json ??= JSON.stringify(v2.object);
    return v2.json;
  }

  /** The same document as the gnostic protobuf client-go requests (see v2-protobuf.ts). */
  v2Protobuf(): Buffer {
    const v2 = this.v2Object();
    v2.protobuf ??= encodeV2Document(v2.object);
    return v2.protobuf;
  }

  private v2Object(): { object: Schema; json?: string; protobuf?: Buffer } {
    this.v2 ??= { object: buildV2Document(this.resources()) };
    return this.v2;
  }

  private groupVersions(): Map<string, ResourceInfo[]> {
    if (!this.groups) {
      const groups = new Map<string, ResourceInfo[]>();
      for (const info of this.resources()) {
        const key = groupVersionPath(info);
        groups.set(key, [...(groups.get(key) ?? []), info]);
      }
      for (const gone of [...this.v3.keys()].filter((k) => !groups.has(k))) this.v3.delete(gone);
      this.groups = groups;
    }
    return this.groups;
  }
}

export interface V3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

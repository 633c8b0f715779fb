// HTTP routes of the OpenAPI documents, as kube-apiserver serves them: /openapi/v2 in JSON or in
// the gnostic protobuf that client-go asks for, and /openapi/v3 with its per-group-version
// documents addressed by content hash (cacheable forever when the hash matches). Documents come
// from openapi/ and are rebuilt lazily when the resource registry changes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notAcceptable, pathNotFound } from '../machinery/errors.js';
import { sendJSON } from './http.js';
import { contentHash, OpenAPIService } from './openapi/index.js';
import type { ResourceRegistry } from './resource-registry.js';

// client-go's MIME parser rejects the `@` spelling, so the response uses the dotted one.
const V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const V2_PROTOBUF_REQUEST = /application\/com\.github\.proto-openapi\.spec\.v2(@|\.)v1\.0\+protobuf/;

function acceptClauses(req: IncomingMessage): string[] {
  return (req.headers.accept ?? '*/*').split(',').map((s) => s.split(';')[0]!.trim().toLowerCase());
}

function isJSON(type: string): boolean {
  return type === 'application/json' || type === '*/*' || type === 'application/*';
}

export class OpenAPIRoutes {
  private readonly service: OpenAPIService;

  constructor(registry: ResourceRegistry) {
    this.service = new OpenAPIService(() => registry.resources());
    registry.onChange(() => this.service.invalidate());
  }

  serve(path: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Vary', 'Accept');
    if (path === '/openapi/v2') return this.serveV2(req, res);
    if (path === '/openapi/v3') {
      const index = this.service.v3IndexDocument();
      if (notModified(req, res, index.hash)) return;
      res.setHeader('Cache-Control', 'no-cache, private');
      return sendJSON(res, 200, index.body);
    }
    if (!path.startsWith('/openapi/v3/')) throw pathNotFound();
    const doc = this.service.v3Document(path.slice('/openapi/v3/'.length));
    if (!doc) throw pathNotFound();
    if (!acceptClauses(req).some(isJSON)) throw notAcceptable(['application/json']);
    if (url.searchParams.get('hash') === doc.hash) {
      res.setHeader('Cache-Control', 'public, immutable');
      res.setHeader('Expires', new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString());
    } else {
      res.setHeader('Cache-Control', 'no-cache, private');
    }
    if (notModified(req, res, doc.hash)) return;
    sendJSON(res, 200, doc.body);
  }

  private serveV2(req: IncomingMessage, res: ServerResponse): void {
    const json = this.service.v2Document();
    const etag = contentHash(json);
    for (const type of acceptClauses(req)) {
      if (isJSON(type)) {
        if (notModified(req, res, etag)) return;
        return sendJSON(res, 200, json);
      }
      if (V2_PROTOBUF_REQUEST.test(type)) {
        if (notModified(req, res, etag)) return;
        const body = this.service.v2Protobuf();
        res.writeHead(200, { 'Content-Type': V2_PROTOBUF, 'Content-Length': body.length });
        res.end(body);
        return;
      }
    }
    throw notAcceptable(['application/json', V2_PROTOBUF]);
  }
}

function notModified(req: IncomingMessage, res: ServerResponse, hash: string): boolean {
  const etag = `"${hash}"`;
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] !== etag) return false;
  res.writeHead(304);
  res.end();
  return true;
}

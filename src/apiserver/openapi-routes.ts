// HTTP routes of the OpenAPI documents: /openapi/v2 (JSON only; protobuf-only clients get 406) and
// /openapi/v3 with its per-group-version documents addressed by content hash, which clients cache
// immutably, as kube-apiserver serves them. The documents come from openapi/ and are rebuilt when
// the resource registry changes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notAcceptable, pathNotFound } from '../machinery/errors.js';
import { sendJSON } from './http.js';
import { OpenAPIService } from './openapi/index.js';
import type { ResourceRegistry } from './resource-registry.js';

export class OpenAPIRoutes {
  private readonly service: OpenAPIService;

  constructor(registry: ResourceRegistry) {
    this.service = new OpenAPIService(() => registry.resources());
    registry.onChange(() => this.service.invalidate());
  }

  serve(path: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (path === '/openapi/v2') {
      const accept = req.headers.accept ?? '*/*';
      if (!/application\/json|\*\/\*|application\/\*/.test(accept)) throw notAcceptable(['application/json']);
      sendJSON(res, 200, this.service.v2Document());
      return;
    }
    if (path === '/openapi/v3') {
      res.setHeader('Cache-Control', 'no-cache, private');
      sendJSON(res, 200, this.service.v3Index());
      return;
    }
    if (path.startsWith('/openapi/v3/')) {
      const doc = this.service.v3Document(path.slice('/openapi/v3/'.length));
      if (!doc) throw pathNotFound();
      const hash = url.searchParams.get('hash');
      // A request for the current hash may be cached forever; anything else must revalidate.
      res.setHeader('Cache-Control', hash === doc.hash ? 'public, immutable' : 'no-cache, private');
      res.setHeader('ETag', `"${doc.hash}"`);
      if (req.headers['if-none-match'] === `"${doc.hash}"`) {
        res.writeHead(304);
        res.end();
        return;
      }
      sendJSON(res, 200, doc.body);
      return;
    }
    throw pathNotFound();
  }
}

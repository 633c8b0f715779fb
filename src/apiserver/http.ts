// Low-level HTTP helpers shared by every route: writing JSON and Status responses, reading a body
// under kube-apiserver's 3 MiB limit (413), and decoding it by Content-Type (415 otherwise).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { decodeKubernetesProtobuf } from '../machinery/protobuf/envelope.js';
import { badRequest, entityTooLarge, internalError, isStatusError, StatusError, unsupportedMediaType } from '../machinery/errors.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function sendJSON(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const status = isStatusError(err) ? err : internalError(err);
  if (!isStatusError(err)) console.error('internal error:', err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJSON(res, status.code, status.status);
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    throw entityTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw entityTooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** Decodes a create/update body (JSON, YAML, or the protobuf of kubectl's typed clients: ADR 0005). */
export function decodeObject(body: Buffer, type: string): unknown {
  if (type === '' || type === 'application/json' || type === '*/*') return parseJSON(body);
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') return parseYAML(body);
  if (type === 'application/vnd.kubernetes.protobuf') {
    const decoded = decodeKubernetesProtobuf(body);
    return { apiVersion: decoded.apiVersion, kind: decoded.kind, ...decoded.object };
  }
  throw unsupportedMediaType(type, OBJECT_MEDIA_TYPES);
}

export function parseJSON(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`error decoding from json: ${(err as Error).message}`);
  }
}

export function parseYAML(body: Buffer): unknown {
  const docs = parseAllDocuments(body.toString('utf8'));
  const list = Array.isArray(docs) ? docs : [docs];
  const first = list[0];
  if (!first) throw badRequest('Object \'Kind\' is missing in \'null\'');
  if (first.errors.length > 0) {
    throw badRequest(`error converting YAML to JSON: yaml: ${first.errors[0]!.message.split('\n')[0]}`);
  }
  return first.toJS({ maxAliasCount: 100 });
}

export function requireObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StatusError(400, 'BadRequest', `Object 'Kind' is missing in '${JSON.stringify(value)}'`);
  }
  return value as Record<string, unknown>;
}

// A raw HTTPS client built from a kubeconfig, for tests that must send what kubectl never sends
// (bad media types, oversized or malformed bodies, no credentials).
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string; json(): any }

interface KubeconfigFile {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
}

export function rawClient(kubeconfigPath: string, opts: { anonymous?: boolean } = {}) {
  const kc = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigFile;
  const cluster = kc.clusters[0]!.cluster;
  const user = kc.users[0]!.user;
  const b64 = (s?: string) => (s ? Buffer.from(s, 'base64').toString('utf8') : undefined);
  const server = new URL(cluster.server);
  return (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request({
        host: server.hostname, port: server.port, method, path, headers,
        ca: b64(cluster['certificate-authority-data']),
        ...(opts.anonymous ? {} : { cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) }),
      }, (res) => {
        let data = '';
        res.on('data', (d: Buffer) => { data += d.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, json: () => JSON.parse(data) }));
      });
      req.on('error', reject);
      req.end(body);
    });
}

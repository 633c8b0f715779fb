// Test support: a real HTTPS admission webhook server on loopback, with its own CA, answering
// AdmissionReviews through a handler function. It records every review it receives.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdmissionRequest, AdmissionResponse } from '../../src/api/admission-review.js';
import { createCertificateAuthority, createServingCertificate } from '../../src/machinery/pki.js';

export type ReviewHandler = (req: AdmissionRequest, path: string) => Partial<AdmissionResponse> | 'hang' | 'not-json';

export interface WebhookServer {
  port: number;
  /** base64 of the CA's PEM, for clientConfig.caBundle. */
  caBundle: string;
  url(path: string): string;
  requests: { path: string; request: AdmissionRequest }[];
  close(): Promise<void>;
}

export async function startWebhookServer(handler: ReviewHandler, dnsNames: string[] = []): Promise<WebhookServer> {
  const ca = await createCertificateAuthority({ commonName: 'webhook-test-ca' });
  const serving = await createServingCertificate(ca, { ips: ['127.0.0.1'], dnsNames });
  const requests: WebhookServer['requests'] = [];
  const server: Server = createServer({ cert: serving.cert, key: serving.key }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      const request = (JSON.parse(body) as { request: AdmissionRequest }).request;
      requests.push({ path, request });
      const verdict = handler(request, path);
      if (verdict === 'hang') return;
      res.setHeader('content-type', 'application/json');
      if (verdict === 'not-json') {
        res.end('<html>oops</html>');
        return;
      }
      res.end(JSON.stringify({
        apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
        response: { uid: request.uid, allowed: true, ...verdict },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    caBundle: Buffer.from(ca.cert).toString('base64'),
    url: (path) => `https://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A JSON patch as a webhook returns it (base64). */
export function jsonPatch(ops: unknown[]): Pick<AdmissionResponse, 'patch' | 'patchType'> {
  return { patch: Buffer.from(JSON.stringify(ops)).toString('base64'), patchType: 'JSONPatch' };
}

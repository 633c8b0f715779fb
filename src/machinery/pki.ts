// The certificates of a local cluster, the way kubeadm lays them out: a self-signed CA (CN
// kubernetes), the API server's serving certificate, client certificates whose subject carries the
// user (CN) and groups (O), the service-account signing keypair, and signClientCertificate for the
// kube-apiserver-client CSR signer of a later issue. Everything goes in and out as PEM.
// Keys are ECDSA P-256 (generation is instant, unlike RSA) except the service-account key, which is
// RSA 2048 because RS256 is what service-account tokens are signed with.
// Deliberately not here: revocation, rotation, intermediate CAs.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, generateKeyPair, KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

x509.cryptoProvider.set(globalThis.crypto);

export interface CertificateAndKey {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

const DAY_MS = 86_400_000;
export const CA_VALIDITY_DAYS = 3650;
/** kubeadm's validity for leaf certificates. */
export const LEAF_VALIDITY_DAYS = 365;
/** kube-controller-manager's default --cluster-signing-duration (8760h). */
export const MAX_SIGNING_SECONDS = 365 * 86_400;
/** The minimum a CertificateSigningRequest may ask for in spec.expirationSeconds. */
export const MIN_SIGNING_SECONDS = 600;
/** The CSR signer backdates certificates so that small clock skews do not make them not-yet-valid. */
const BACKDATE_MS = 5 * 60_000;

export const API_SERVER_DNS_NAMES = [
  'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local',
];

const EC_KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

interface Signer {
  cert: x509.X509Certificate;
  key: CryptoKey;
  algorithm: Algorithm | EcdsaParams;
}

function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f; // a positive INTEGER, as RFC 5280 asks
  return bytes.toString('hex');
}

async function newKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
}

function privateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** Imports a PEM private key (PKCS#8, SEC1 or PKCS#1; EC or RSA) as a WebCrypto signing key. */
async function importSigningKey(pem: string): Promise<{ key: CryptoKey; algorithm: Algorithm | EcdsaParams }> {
  const keyObject = createPrivateKey(pem);
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  if (keyObject.asymmetricKeyType === 'ec') {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256';
    const hash = namedCurve === 'P-256' ? 'SHA-256' : namedCurve === 'P-384' ? 'SHA-384' : 'SHA-512';
    const key = await globalThis.crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve }, false, ['sign']);
    return { key, algorithm: { name: 'ECDSA', hash } as EcdsaParams };
  }
  if (keyObject.asymmetricKeyType === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const key = await globalThis.crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
    return { key, algorithm };
  }
  throw new Error(`unsupported CA key type ${keyObject.asymmetricKeyType ?? 'unknown'}`);
}

async function loadSigner(ca: CertificateAndKey): Promise<Signer> {
  const { key, algorithm } = await importSigningKey(ca.key);
  return { cert: new x509.X509Certificate(ca.cert), key, algorithm };
}

function subjectOf(commonName: string, organizations: readonly string[] = []): x509.JsonName {
  return [{ CN: [commonName] }, ...organizations.map((o) => ({ O: [o] }))];
}

/** The self-signed cluster CA: CN kubernetes, valid 10 years, like kubeadm's ca.crt. */
export async function createCertificateAuthority(opts: { commonName?: string; validityDays?: number; now?: Date } = {}): Promise<CertificateAndKey> {
  const keys = await newKeyPair();
  const now = opts.now ?? new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: subjectOf(opts.commonName ?? 'kubernetes'),
    notBefore: now,
    notAfter: new Date(now.getTime() + (opts.validityDays ?? CA_VALIDITY_DAYS) * DAY_MS),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: privateKeyPem(keys.privateKey) };
}

interface LeafParams {
  subject: x509.JsonName | x509.Name;
  publicKey: x509.PublicKeyType;
  usage: x509.ExtendedKeyUsage;
  notBefore: Date;
  notAfter: Date;
  sans?: x509.JsonGeneralNames;
}

async function issue(signer: Signer, params: LeafParams): Promise<x509.X509Certificate> {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([params.usage]),
    await x509.AuthorityKeyIdentifierExtension.create(signer.cert),
  ];
  if (params.sans?.length) extensions.push(new x509.SubjectAlternativeNameExtension(params.sans));
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: params.subject,
    issuer: signer.cert.subjectName,
    notBefore: params.notBefore,
    // A certificate never outlives the CA that signed it.
    notAfter: new Date(Math.min(params.notAfter.getTime(), signer.cert.notAfter.getTime())),
    signingAlgorithm: signer.algorithm,
    publicKey: params.publicKey,
    signingKey: signer.key,
    extensions,
  });
}

async function issueWithNewKey(ca: CertificateAndKey, params: Omit<LeafParams, 'publicKey'>): Promise<CertificateAndKey> {
  const [signer, keys] = await Promise.all([loadSigner(ca), newKeyPair()]);
  const cert = await issue(signer, { ...params, publicKey: keys.publicKey });
  return { cert: cert.toString('pem'), key: privateKeyPem(keys.privateKey) };
}

function validity(days: number, now = new Date()): { notBefore: Date; notAfter: Date } {
  return { notBefore: now, notAfter: new Date(now.getTime() + days * DAY_MS) };
}

/** A serving certificate for the given IP addresses and DNS names (CN = the first DNS name or IP). */
export async function createServingCertificate(
  ca: CertificateAndKey,
  opts: { commonName?: string; ips: readonly string[]; dnsNames: readonly string[]; validityDays?: number },
): Promise<CertificateAndKey> {
  const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
  const sans: x509.JsonGeneralNames = [
    ...unique(opts.dnsNames).map((value) => ({ type: 'dns' as const, value })),
    ...unique(opts.ips).map((value) => ({ type: 'ip' as const, value })),
  ];
  const commonName = opts.commonName ?? opts.dnsNames[0] ?? opts.ips[0] ?? 'localhost';
  return issueWithNewKey(ca, {
    subject: subjectOf(commonName), usage: x509.ExtendedKeyUsage.serverAuth, sans,
    ...validity(opts.validityDays ?? LEAF_VALIDITY_DAYS),
  });
}

/**
 * The API server's serving certificate, with kubeadm's SANs: loopback, the cluster's listen
 * address, the first IP of the service subnet (the `kubernetes` Service) and its DNS names.
 */
export async function createApiServerCertificate(ca: CertificateAndKey, opts: { host: string; serviceIP: string }): Promise<CertificateAndKey> {
  return createServingCertificate(ca, {
    commonName: 'kube-apiserver', dnsNames: API_SERVER_DNS_NAMES, ips: ['127.0.0.1', opts.host, opts.serviceIP],
  });
}

/** A client certificate: CN = user, one O per group (how kube-apiserver's x509 authenticator reads it). */
export async function createClientCertificate(
  ca: CertificateAndKey,
  opts: { user: string; groups?: readonly string[]; validityDays?: number },
): Promise<CertificateAndKey> {
  return issueWithNewKey(ca, {
    subject: subjectOf(opts.user, opts.groups), usage: x509.ExtendedKeyUsage.clientAuth,
    ...validity(opts.validityDays ?? LEAF_VALIDITY_DAYS),
  });
}

/** The cluster admin's credential, as kubeadm's admin.conf carries it. */
export function createAdminCertificate(ca: CertificateAndKey): Promise<CertificateAndKey> {
  return createClientCertificate(ca, { user: 'kubernetes-admin', groups: ['system:masters'] });
}

/** The service-account token signing keypair (sa.key: PKCS#1 RSA, sa.pub: SPKI), like kubeadm's. */
export async function createServiceAccountKeyPair(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

export interface SignOptions {
  /** spec.expirationSeconds of the CSR; clamped to [600s, 1 year] like the kube-controller-manager signer. */
  expirationSeconds?: number;
  now?: Date;
}

/**
 * Signs a PKCS#10 request as the kubernetes.io/kube-apiserver-client signer does: the subject and
 * public key come from the request (whose self-signature must verify), the usage is client auth.
 */
export async function signClientCertificate(caCert: string, caKey: string, csrPem: string, opts: SignOptions = {}): Promise<string> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (err) {
    throw new Error(`invalid certificate request: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!(await csr.verify().catch(() => false))) throw new Error('invalid certificate request: the request signature does not verify');
  const requested = opts.expirationSeconds ?? MAX_SIGNING_SECONDS;
  const seconds = Math.min(Math.max(requested, MIN_SIGNING_SECONDS), MAX_SIGNING_SECONDS);
  const now = opts.now ?? new Date();
  const signer = await loadSigner({ cert: caCert, key: caKey });
  const cert = await issue(signer, {
    subject: csr.subjectName, publicKey: csr.publicKey, usage: x509.ExtendedKeyUsage.clientAuth,
    notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + seconds * 1000),
  });
  return cert.toString('pem');
}

/** Builds a PKCS#10 request (for tests and for clients of the CSR API): CN = user, O = groups. */
export async function createCertificateRequest(opts: { user: string; groups?: readonly string[] }): Promise<{ csr: string; key: string }> {
  const keys = await newKeyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectOf(opts.user, opts.groups), keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
  });
  return { csr: csr.toString('pem'), key: privateKeyPem(keys.privateKey) };
}

/** Whether text is a PEM `CERTIFICATE REQUEST` that parses (validation of CSR objects). */
export function isCertificateRequestPem(pem: string): boolean {
  if (!/-----BEGIN CERTIFICATE REQUEST-----/.test(pem)) return false;
  try {
    new x509.Pkcs10CertificateRequest(pem);
    return true;
  } catch {
    return false;
  }
}

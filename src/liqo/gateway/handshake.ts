// The gateway handshake: mutual authentication of two gateways with the Ed25519 keys their
// clusters exchanged in NetworkConfigs (what WireGuard's handshake does with its static keys).
// Each side proves it holds its private key by signing a transcript of both cluster IDs, both
// process instances and two fresh nonces, one from each side, so a signature can neither be
// replayed nor relayed to another gateway:
//
//   dialer   -> hello     {protocol, from, to, instance, nonce}
//   listener -> challenge {instance, nonce, signature(listener transcript)} | refused {reason}
//   dialer   -> auth      {signature(dialer transcript)}                   | refused {reason}
//   listener -> welcome                                                    | refused {reason}
//
// The listener knows which key to expect from `from` (the TunnelEndpoint of that cluster); the
// dialer from the TunnelEndpoint it dials for. A peer without a TunnelEndpoint, or whose signature
// does not verify with the key of its cluster, is refused. Deliberately not here: encryption of
// what follows (pod traffic over the connection comes later).
import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { Channel, Frame } from './channel.js';

export const PROTOCOL = 'liqo-ts-gateway/1';
export const HANDSHAKE_TIMEOUT_MS = 5000;

export interface LocalEnd {
  clusterID: string;
  /** Random per gateway process: tells a restarted peer from a stale connection of its predecessor. */
  instance: string;
  privateKey: KeyObject;
}

export interface Established {
  channel: Channel;
  peerID: string;
  peerInstance: string;
  /** The cluster ID of the side that dialed. */
  dialer: string;
}

/**
 * Why a handshake was refused: `unknown-peer` (the listener has no TunnelEndpoint for the dialer
 * yet: peering still being set up), `auth` (a key does not match: a configuration problem),
 * `protocol` (not the same protocol).
 */
export type RefusalCode = 'unknown-peer' | 'auth' | 'protocol';

/** The handshake was refused by one side (as opposed to failing on the network). */
export class HandshakeRefused extends Error {
  constructor(message: string, readonly code: RefusalCode) {
    super(message);
  }
}

function refusalCode(v: unknown): RefusalCode {
  return v === 'unknown-peer' || v === 'protocol' ? v : 'auth';
}

interface Transcript {
  dialer: string;
  listener: string;
  dialerInstance: string;
  listenerInstance: string;
  dialerNonce: string;
  listenerNonce: string;
}

export function transcript(role: 'dialer' | 'listener', t: Transcript): Buffer {
  return Buffer.from([PROTOCOL, role, t.dialer, t.listener, t.dialerInstance, t.listenerInstance, t.dialerNonce, t.listenerNonce].join('\n'));
}

export function newNonce(): string {
  return randomBytes(32).toString('base64');
}

function str(frame: Frame, field: string): string {
  const v = frame[field];
  if (typeof v !== 'string' || v === '' || v.length > 1024) throw new Error(`protocol error: ${frame.type} without ${field}`);
  return v;
}

function signatureOk(publicKey: KeyObject, data: Buffer, signature: string): boolean {
  try {
    return verify(null, data, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The next frame, which must be `type` (a `refused` frame becomes HandshakeRefused). */
async function expect(channel: Channel, type: string): Promise<Frame> {
  const frame = await channel.receive(HANDSHAKE_TIMEOUT_MS);
  if (frame.type === 'refused') throw new HandshakeRefused(`refused by the peer: ${typeof frame.reason === 'string' ? frame.reason : 'no reason given'}`, refusalCode(frame.code));
  if (frame.type !== type) throw new Error(`protocol error: expected ${type}, got ${frame.type}`);
  return frame;
}

function refuse(channel: Channel, reason: string, code: RefusalCode = 'auth'): never {
  const err = new HandshakeRefused(reason, code);
  channel.close(err, { type: 'refused', reason, code });
  throw err;
}

/** The dialing side, towards the gateway of `remote` whose key the local TunnelEndpoint holds. */
export async function dialHandshake(channel: Channel, local: LocalEnd, remote: { clusterID: string; publicKey: KeyObject }): Promise<Established> {
  try {
    const dialerNonce = newNonce();
    channel.send({ type: 'hello', protocol: PROTOCOL, from: local.clusterID, to: remote.clusterID, instance: local.instance, nonce: dialerNonce });
    const challenge = await expect(channel, 'challenge');
    const t: Transcript = {
      dialer: local.clusterID, listener: remote.clusterID, dialerInstance: local.instance,
      listenerInstance: str(challenge, 'instance'), dialerNonce, listenerNonce: str(challenge, 'nonce'),
    };
    if (!signatureOk(remote.publicKey, transcript('listener', t), str(challenge, 'signature'))) {
      refuse(channel, `the gateway's signature does not match the public key of cluster ${remote.clusterID}`);
    }
    channel.send({ type: 'auth', signature: sign(null, transcript('dialer', t), local.privateKey).toString('base64') });
    await expect(channel, 'welcome');
    return { channel, peerID: remote.clusterID, peerInstance: t.listenerInstance, dialer: local.clusterID };
  } catch (err) {
    channel.close(err as Error);
    throw err;
  }
}

/** What the listener knows of a dialing cluster: its key, or why it is refused. */
export type PeerLookup = (clusterID: string) => { publicKey: KeyObject } | { refuse: string; code: RefusalCode };

/** The listening side: the dialer says who it is, `lookup` says which key it must prove. */
export async function acceptHandshake(channel: Channel, local: LocalEnd, lookup: PeerLookup): Promise<Established> {
  try {
    const hello = await expect(channel, 'hello');
    if (hello.protocol !== PROTOCOL) refuse(channel, `unsupported protocol ${String(hello.protocol)}, this gateway speaks ${PROTOCOL}`, 'protocol');
    const from = str(hello, 'from');
    if (str(hello, 'to') !== local.clusterID) refuse(channel, `this gateway belongs to cluster ${local.clusterID}, not ${String(hello.to)}`);
    const peer = lookup(from);
    if ('refuse' in peer) refuse(channel, peer.refuse, peer.code);
    const t: Transcript = {
      dialer: from, listener: local.clusterID, dialerInstance: str(hello, 'instance'),
      listenerInstance: local.instance, dialerNonce: str(hello, 'nonce'), listenerNonce: newNonce(),
    };
    const signature = sign(null, transcript('listener', t), local.privateKey).toString('base64');
    channel.send({ type: 'challenge', instance: local.instance, nonce: t.listenerNonce, signature });
    const auth = await expect(channel, 'auth');
    if (!signatureOk(peer.publicKey, transcript('dialer', t), str(auth, 'signature'))) {
      refuse(channel, `authentication failed: the signature does not match the public key of cluster ${from}`);
    }
    channel.send({ type: 'welcome' });
    return { channel, peerID: from, peerInstance: t.dialerInstance, dialer: from };
  } catch (err) {
    channel.close(err as Error);
    throw err;
  }
}

// The pod-template-hash of a Deployment's ReplicaSet, computed as kube-controller-manager's
// controller.ComputeHash does: FNV-32a over the pod template, then the collisionCount (as 8 bytes,
// little-endian uint32 and zero padding) when the Deployment has one, then the decimal value of
// the sum rendered with rand.SafeEncodeString (each digit mapped into the vowel-free alphabet).
//
// What it deliberately does not do: kube hashes a spew dump of the Go PodTemplateSpec struct,
// which we cannot reproduce without Go's field order of every core/v1 type; we hash the template's
// canonical JSON (keys sorted) instead. Hashes therefore have kube's shape and properties (stable
// for equal templates, different for different ones, salted by collisionCount) but not the same
// values as a real cluster for the same template.
import type { PodTemplateSpec } from '../../api/core-v1.js';

/** apimachinery's rand alphabet: no vowels, no confusable characters. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

export function fnv32a(bytes: Uint8Array, seed = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, FNV32_PRIME) >>> 0;
  return h;
}

/** rand.SafeEncodeString: each character's code point modulo the alphabet's length picks a letter. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[ch.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level and undefined values dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const salt = new Uint8Array(8);
    new DataView(salt.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(salt, h);
  }
  return safeEncodeString(String(h));
}

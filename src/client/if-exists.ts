// Reads and deletes where a missing object is an answer, not an error (client-go callers write
// `if apierrors.IsNotFound(err)` for both): shared by the Liqo components and liqoctl.
import type { KubeObject } from '../api/types.js';
import { isStatusError } from '../machinery/errors.js';
import type { Client } from './rest-client.js';
import type { ResourceRef } from './resource.js';

/** Deletes with background propagation; true when it was there. */
export async function deleteIfExists(client: Client, ref: ResourceRef, namespace: string, name: string): Promise<boolean> {
  try {
    await client.delete(ref, namespace, name, { propagationPolicy: 'Background' });
    return true;
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return false;
    throw err;
  }
}

export async function getIfExists<T extends KubeObject>(client: Client, ref: ResourceRef, namespace: string, name: string): Promise<T | undefined> {
  try {
    return await client.get<T>(ref, namespace, name);
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return undefined;
    throw err;
  }
}

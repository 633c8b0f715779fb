// The parts of a pod's spec that running it for real needs (env, volumes, probes, commands), typed
// as they travel on the wire. core-v1.ts types only what every controller reads; these are the
// kubelet's alone. No behaviour.
import type { Container, Pod } from '../../../api/core-v1.js';

export interface KeySelector { name?: string; key: string; optional?: boolean }
export interface ObjectFieldSelector { apiVersion?: string; fieldPath: string }
export interface ResourceFieldSelector { containerName?: string; resource: string; divisor?: string }

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: ObjectFieldSelector;
    resourceFieldRef?: ResourceFieldSelector;
    configMapKeyRef?: KeySelector;
    secretKeyRef?: KeySelector;
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface VolumeMount { name: string; mountPath: string; subPath?: string; readOnly?: boolean }

export interface KeyToPath { key: string; path: string; mode?: number }
export interface DownwardAPIFile { path: string; fieldRef?: ObjectFieldSelector; resourceFieldRef?: ResourceFieldSelector; mode?: number }

export interface ProjectionSource {
  serviceAccountToken?: { audience?: string; expirationSeconds?: number; path: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardAPIFile[] };
}

export interface Volume {
  name: string;
  emptyDir?: Record<string, unknown>;
  hostPath?: { path: string; type?: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean; defaultMode?: number };
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean; defaultMode?: number };
  downwardAPI?: { items?: DownwardAPIFile[]; defaultMode?: number };
  projected?: { sources?: ProjectionSource[]; defaultMode?: number };
  [source: string]: unknown;
}

export interface HTTPGetAction { path?: string; port: number | string; host?: string; scheme?: 'HTTP' | 'HTTPS'; httpHeaders?: { name: string; value: string }[] }

export interface Probe {
  httpGet?: HTTPGetAction;
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface RunContainer extends Container {
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  volumeMounts?: VolumeMount[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}

export interface RunPodSpec {
  volumes?: Volume[];
  serviceAccountName?: string;
  hostname?: string;
  enableServiceLinks?: boolean;
}

export function containersOf(pod: Pod): RunContainer[] {
  return pod.spec.containers as RunContainer[];
}

export function initContainersOf(pod: Pod): RunContainer[] {
  return (pod.spec.initContainers ?? []) as RunContainer[];
}

export function runSpec(pod: Pod): RunPodSpec {
  return pod.spec as RunPodSpec;
}

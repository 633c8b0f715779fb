// admissionregistration.k8s.io/v1: MutatingWebhookConfiguration and ValidatingWebhookConfiguration
// as they travel on the wire. One Webhook type serves both kinds; reinvocationPolicy exists only on
// mutating webhooks.
import type { KubeObject } from './types.js';

export interface LabelSelectorRequirement { key: string; operator: string; values?: string[] }
export interface LabelSelector { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] }

export interface ServiceReference { namespace: string; name: string; path?: string; port?: number }

export interface WebhookClientConfig {
  url?: string;
  service?: ServiceReference;
  /** base64 of the PEM bundle that verifies the webhook's serving certificate. */
  caBundle?: string;
}

export interface RuleWithOperations {
  operations?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  scope?: 'Cluster' | 'Namespaced' | '*';
}

export interface MatchCondition { name: string; expression: string }

export interface Webhook {
  name: string;
  clientConfig: WebhookClientConfig;
  rules?: RuleWithOperations[];
  failurePolicy?: 'Fail' | 'Ignore';
  matchPolicy?: 'Exact' | 'Equivalent';
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  sideEffects?: 'None' | 'NoneOnDryRun' | 'Some' | 'Unknown';
  timeoutSeconds?: number;
  admissionReviewVersions?: string[];
  /** Mutating webhooks only. */
  reinvocationPolicy?: 'Never' | 'IfNeeded';
  matchConditions?: MatchCondition[];
}

export interface WebhookConfiguration extends KubeObject {
  webhooks?: Webhook[];
}

// Which name rule each built-in kind's validation passes to ValidateObjectMeta (the per-kind
// Validate<Kind>Name variables of pkg/apis/*/validation). Most kinds, and every custom resource,
// use DNS subdomains. Kinds whose name has more structure (CRDs: <plural>.<group>, APIServices:
// <version>.<group>) check it in their own validation on top of the subdomain rule returned here.
import {
  anyName, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validatePathSegmentName, type NameValidator,
} from './names.js';

const RULES: Record<string, NameValidator> = {
  '/Namespace': nameIsDNSLabel,
  '/Service': nameIsDNS1035Label,
  'rbac.authorization.k8s.io/Role': validatePathSegmentName,
  'rbac.authorization.k8s.io/ClusterRole': validatePathSegmentName,
  'rbac.authorization.k8s.io/RoleBinding': validatePathSegmentName,
  'rbac.authorization.k8s.io/ClusterRoleBinding': validatePathSegmentName,
  'certificates.k8s.io/CertificateSigningRequest': anyName,
};

/** The name rule for a kind; `group` is '' for the core group. */
export function nameValidatorFor(group: string, kind: string): NameValidator {
  return RULES[`${group}/${kind}`] ?? nameIsDNSSubdomain;
}

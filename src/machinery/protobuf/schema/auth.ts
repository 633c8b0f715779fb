// rbac.authorization.k8s.io/v1, authentication.k8s.io/v1, authorization.k8s.io/v1 and
// certificates.k8s.io/v1.
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const rbacSchema: SchemaTable = {
  package: 'rbac',
  messages: {
    Role: 'metadata=1:meta.ObjectMeta! rules=2:PolicyRule[]!',
    PolicyRule: 'verbs=1:s[]! apiGroups=2:s[] resources=3:s[] resourceNames=4:s[] nonResourceURLs=5:s[]',
    ClusterRole: 'metadata=1:meta.ObjectMeta! rules=2:PolicyRule[]! aggregationRule=3:AggregationRule?',
    AggregationRule: 'clusterRoleSelectors=1:meta.LabelSelector[]',
    RoleBinding: 'metadata=1:meta.ObjectMeta! subjects=2:Subject[] roleRef=3:RoleRef!',
    Subject: 'kind=1:s! apiGroup=2:s name=3:s! namespace=4:s',
    RoleRef: 'apiGroup=1:s! kind=2:s! name=3:s!',
    ClusterRoleBinding: 'metadata=1:meta.ObjectMeta! subjects=2:Subject[] roleRef=3:RoleRef!',
  },
};

export const authnSchema: SchemaTable = {
  package: 'authn',
  messages: {
    TokenRequest: 'metadata=1:meta.ObjectMeta! spec=2:TokenRequestSpec! status=3:TokenRequestStatus!',
    TokenRequestSpec: `audiences=1:s[]! expirationSeconds=4:i64~ boundObjectRef=3:BoundObjectReference~
      attestations=5:{s:AttestationValue}`,
    BoundObjectReference: 'kind=1:s apiVersion=2:s name=3:s uid=4:s',
    AttestationValue: '@items items=1:s[]!',
    TokenRequestStatus: 'token=1:s! expirationTimestamp=2:meta.Time!',
    TokenReview: 'metadata=1:meta.ObjectMeta! spec=2:TokenReviewSpec! status=3:TokenReviewStatus!',
    TokenReviewSpec: 'token=1:s audiences=2:s[]',
    TokenReviewStatus: 'authenticated=1:b user=2:UserInfo! audiences=4:s[] error=3:s',
    UserInfo: 'username=1:s uid=2:s groups=3:s[] extra=4:{s:ExtraValue}',
    ExtraValue: '@items items=1:s[]!',
    SelfSubjectReview: 'metadata=1:meta.ObjectMeta! status=2:SelfSubjectReviewStatus!',
    SelfSubjectReviewStatus: 'userInfo=1:UserInfo!',
  },
};

export const authzSchema: SchemaTable = {
  package: 'authz',
  messages: {
    SelfSubjectAccessReview: `metadata=1:meta.ObjectMeta! spec=2:SelfSubjectAccessReviewSpec!
      status=3:SubjectAccessReviewStatus!`,
    SelfSubjectAccessReviewSpec: `resourceAttributes=1:ResourceAttributes?
      nonResourceAttributes=2:NonResourceAttributes?`,
    ResourceAttributes: `namespace=1:s verb=2:s group=3:s version=4:s resource=5:s subresource=6:s name=7:s
      fieldSelector=8:FieldSelectorAttributes? labelSelector=9:LabelSelectorAttributes?`,
    FieldSelectorAttributes: 'rawSelector=1:s requirements=2:meta.FieldSelectorRequirement[]',
    LabelSelectorAttributes: 'rawSelector=1:s requirements=2:meta.LabelSelectorRequirement[]',
    NonResourceAttributes: 'path=1:s verb=2:s',
    SubjectAccessReviewStatus: 'allowed=1:b! denied=4:b reason=2:s evaluationError=3:s',
    SelfSubjectRulesReview: `metadata=1:meta.ObjectMeta! spec=2:SelfSubjectRulesReviewSpec!
      status=3:SubjectRulesReviewStatus!`,
    SelfSubjectRulesReviewSpec: 'namespace=1:s',
    SubjectRulesReviewStatus: `resourceRules=1:ResourceRule[]! nonResourceRules=2:NonResourceRule[]!
      incomplete=3:b! evaluationError=4:s`,
    ResourceRule: 'verbs=1:s[]! apiGroups=2:s[] resources=3:s[] resourceNames=4:s[]',
    NonResourceRule: 'verbs=1:s[]! nonResourceURLs=2:s[]',
    SubjectAccessReview: `metadata=1:meta.ObjectMeta! spec=2:SubjectAccessReviewSpec!
      status=3:SubjectAccessReviewStatus!`,
    SubjectAccessReviewSpec: `resourceAttributes=1:ResourceAttributes?
      nonResourceAttributes=2:NonResourceAttributes? user=3:s groups=4:s[] extra=5:{s:ExtraValue} uid=6:s`,
    ExtraValue: '@items items=1:s[]!',
    LocalSubjectAccessReview: `metadata=1:meta.ObjectMeta! spec=2:SubjectAccessReviewSpec!
      status=3:SubjectAccessReviewStatus!`,
  },
};

export const certsSchema: SchemaTable = {
  package: 'certs',
  messages: {
    CertificateSigningRequest: `metadata=1:meta.ObjectMeta! spec=2:CertificateSigningRequestSpec!
      status=3:CertificateSigningRequestStatus!`,
    CertificateSigningRequestSpec: `request=1:y! signerName=7:s! expirationSeconds=8:i32? usages=5:s[]
      username=2:s uid=3:s groups=4:s[] extra=6:{s:ExtraValue}`,
    ExtraValue: '@items items=1:s[]!',
    CertificateSigningRequestStatus: 'conditions=1:CertificateSigningRequestCondition[] certificate=2:y',
    CertificateSigningRequestCondition: `type=1:s! status=6:s! reason=2:s message=3:s
      lastUpdateTime=4:meta.Time! lastTransitionTime=5:meta.Time!`,
  },
};

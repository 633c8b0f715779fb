// batch/v1 Job and CronJob (with the scheduling.k8s.io/v1alpha3 types Job refers to) and
// networking.k8s.io/v1 Ingress, IngressClass, NetworkPolicy.
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const batchSchema: SchemaTable = {
  package: 'batch',
  messages: {
    Job: 'metadata=1:meta.ObjectMeta! spec=2:JobSpec! status=3:JobStatus!',
    JobSpec: `parallelism=1:i32? completions=2:i32? activeDeadlineSeconds=3:i64?
      podFailurePolicy=11:PodFailurePolicy? successPolicy=16:SuccessPolicy? backoffLimit=7:i32?
      backoffLimitPerIndex=12:i32? maxFailedIndexes=13:i32? selector=4:meta.LabelSelector? manualSelector=5:b?
      template=6:core.PodTemplateSpec! ttlSecondsAfterFinished=8:i32? completionMode=9:s? suspend=10:b?
      podReplacementPolicy=14:s? managedBy=15:s? scheduling=17:JobSchedulingConfiguration?`,
    PodFailurePolicy: 'rules=1:PodFailurePolicyRule[]!',
    PodFailurePolicyRule: `action=1:s! onExitCodes=2:PodFailurePolicyOnExitCodesRequirement?
      onPodConditions=3:PodFailurePolicyOnPodConditionsPattern[]`,
    PodFailurePolicyOnExitCodesRequirement: 'containerName=1:s? operator=2:s! values=3:i32[]!',
    PodFailurePolicyOnPodConditionsPattern: 'type=1:s! status=2:s!',
    SuccessPolicy: 'rules=1:SuccessPolicyRule[]!',
    SuccessPolicyRule: 'succeededIndexes=1:s? succeededCount=2:i32?',
    JobSchedulingConfiguration: `schedulingPolicy=1:schedalpha.WorkloadPodGroupSchedulingPolicy?
      schedulingConstraints=2:schedalpha.WorkloadPodGroupSchedulingConstraints?
      disruptionMode=3:schedalpha.WorkloadPodGroupDisruptionMode?
      resourceClaims=4:schedalpha.WorkloadPodGroupResourceClaim[]`,
    JobStatus: `conditions=1:JobCondition[] startTime=2:meta.Time? completionTime=3:meta.Time? active=4:i32
      succeeded=5:i32 failed=6:i32 terminating=11:i32? completedIndexes=7:s failedIndexes=10:s?
      uncountedTerminatedPods=8:UncountedTerminatedPods? ready=9:i32?`,
    JobCondition: `type=1:s! status=2:s! lastProbeTime=3:meta.Time! lastTransitionTime=4:meta.Time! reason=5:s
      message=6:s`,
    UncountedTerminatedPods: 'succeeded=1:s[] failed=2:s[]',
    CronJob: 'metadata=1:meta.ObjectMeta! spec=2:CronJobSpec! status=3:CronJobStatus!',
    CronJobSpec: `schedule=1:s! timeZone=8:s? startingDeadlineSeconds=2:i64? concurrencyPolicy=3:s
      suspend=4:b? jobTemplate=5:JobTemplateSpec! successfulJobsHistoryLimit=6:i32?
      failedJobsHistoryLimit=7:i32?`,
    JobTemplateSpec: 'metadata=1:meta.ObjectMeta! spec=2:JobSpec!',
    CronJobStatus: `active=1:core.ObjectReference[] lastScheduleTime=4:meta.Time?
      lastSuccessfulTime=5:meta.Time?`,
  },
};

export const schedalphaSchema: SchemaTable = {
  package: 'schedalpha',
  messages: {
    WorkloadPodGroupSchedulingPolicy: `basic=1:WorkloadPodGroupBasicSchedulingPolicy?
      gang=2:WorkloadPodGroupGangSchedulingPolicy?`,
    WorkloadPodGroupBasicSchedulingPolicy: '',
    WorkloadPodGroupGangSchedulingPolicy: 'minCount=1:i32?',
    WorkloadPodGroupSchedulingConstraints: 'topology=1:TopologyConstraint[]',
    TopologyConstraint: 'key=1:s!',
    WorkloadPodGroupDisruptionMode: `single=1:WorkloadPodGroupSingleDisruptionMode?
      all=2:WorkloadPodGroupAllDisruptionMode?`,
    WorkloadPodGroupSingleDisruptionMode: '',
    WorkloadPodGroupAllDisruptionMode: '',
    WorkloadPodGroupResourceClaim: 'name=1:s! resourceClaimName=2:s? resourceClaimTemplateName=3:s?',
  },
};

export const networkingSchema: SchemaTable = {
  package: 'networking',
  messages: {
    Ingress: 'metadata=1:meta.ObjectMeta! spec=2:IngressSpec! status=3:IngressStatus!',
    IngressSpec: `ingressClassName=4:s? defaultBackend=1:IngressBackend? tls=2:IngressTLS[]
      rules=3:IngressRule[]`,
    IngressBackend: 'service=4:IngressServiceBackend? resource=3:core.TypedLocalObjectReference?',
    IngressServiceBackend: 'name=1:s! port=2:ServiceBackendPort!',
    ServiceBackendPort: 'name=1:s number=2:i32',
    IngressTLS: 'hosts=1:s[] secretName=2:s',
    IngressRule: 'host=1:s ingressRuleValue=2:IngressRuleValue^',
    IngressRuleValue: 'http=1:HTTPIngressRuleValue?',
    HTTPIngressRuleValue: 'paths=1:HTTPIngressPath[]!',
    HTTPIngressPath: 'path=1:s pathType=3:s~ backend=2:IngressBackend!',
    IngressStatus: 'loadBalancer=1:IngressLoadBalancerStatus!',
    IngressLoadBalancerStatus: 'ingress=1:IngressLoadBalancerIngress[]',
    IngressLoadBalancerIngress: 'ip=1:s hostname=2:s ports=4:IngressPortStatus[]',
    IngressPortStatus: 'port=1:i32! protocol=2:s! error=3:s?',
    IngressClass: 'metadata=1:meta.ObjectMeta! spec=2:IngressClassSpec!',
    IngressClassSpec: 'controller=1:s parameters=2:IngressClassParametersReference?',
    IngressClassParametersReference: 'apiGroup=1:s? kind=2:s! name=3:s! scope=4:s~ namespace=5:s?',
    NetworkPolicy: 'metadata=1:meta.ObjectMeta! spec=2:NetworkPolicySpec!',
    NetworkPolicySpec: `podSelector=1:meta.LabelSelector! ingress=2:NetworkPolicyIngressRule[]
      egress=3:NetworkPolicyEgressRule[] policyTypes=4:s[]`,
    NetworkPolicyIngressRule: 'ports=1:NetworkPolicyPort[] from=2:NetworkPolicyPeer[]',
    NetworkPolicyPort: 'protocol=1:s? port=2:intstr.IntOrString? endPort=3:i32?',
    NetworkPolicyPeer: `podSelector=1:meta.LabelSelector? namespaceSelector=2:meta.LabelSelector?
      ipBlock=3:IPBlock?`,
    IPBlock: 'cidr=1:s! except=2:s[]',
    NetworkPolicyEgressRule: 'ports=1:NetworkPolicyPort[] to=2:NetworkPolicyPeer[]',
  },
};

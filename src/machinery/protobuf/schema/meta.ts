// meta/v1 (ObjectMeta, DeleteOptions, LabelSelector...) and the apimachinery value types whose JSON
// form is special (Time, MicroTime, Duration, FieldsV1, Quantity, IntOrString, RawExtension).
// Field numbers, JSON names and emptiness rules mirror k8s.io/api and k8s.io/apimachinery (generated.proto
// and the Go struct tags); the notation is explained in ../descriptor.ts. Wire facts only, no docs.
// Only messages reachable from the kinds in ./index.ts are listed; fields newer than 1.32 are
// included (numbers never change), so a newer client decodes too.
import type { SchemaTable } from '../descriptor.js';

export const metaSchema: SchemaTable = {
  package: 'meta',
  messages: {
    ObjectMeta: `name=1:s generateName=2:s namespace=3:s selfLink=4:s uid=5:s resourceVersion=6:s
      generation=7:i64 creationTimestamp=8:Time! deletionTimestamp=9:Time? deletionGracePeriodSeconds=10:i64?
      labels=11:{s:s} annotations=12:{s:s} ownerReferences=13:OwnerReference[] finalizers=14:s[]
      managedFields=17:ManagedFieldsEntry[]`,
    Time: '@time seconds=1:i64! nanos=2:i32!',
    OwnerReference: 'apiVersion=5:s! kind=1:s! name=3:s! uid=4:s! controller=6:b? blockOwnerDeletion=7:b?',
    ManagedFieldsEntry: `manager=1:s operation=2:s apiVersion=3:s time=4:Time? fieldsType=6:s
      fieldsV1=7:FieldsV1? subresource=8:s`,
    FieldsV1: '@rawjson Raw=1:y!',
    Condition: `type=1:s! status=2:s! observedGeneration=3:i64 lastTransitionTime=4:Time! reason=5:s!
      message=6:s!`,
    LabelSelector: 'matchLabels=1:{s:s} matchExpressions=2:LabelSelectorRequirement[]',
    LabelSelectorRequirement: 'key=1:s! operator=2:s! values=3:s[]',
    MicroTime: '@microtime seconds=1:i64! nanos=2:i32!',
    FieldSelectorRequirement: 'key=1:s! operator=2:s! values=3:s[]',
    DeleteOptions: `gracePeriodSeconds=1:i64? preconditions=2:Preconditions? orphanDependents=3:b?
      propagationPolicy=4:s? dryRun=5:s[] ignoreStoreReadErrorWithClusterBreakingPotential=6:b?`,
    Preconditions: 'uid=1:s? resourceVersion=2:s?',
  },
};

export const intstrSchema: SchemaTable = {
  package: 'intstr',
  messages: {
    IntOrString: '@intorstr type=1:i64! intVal=2:i32! strVal=3:s!',
  },
};

export const resourceSchema: SchemaTable = {
  package: 'resource',
  messages: {
    Quantity: '@quantity string=1:s!',
  },
};

export const runtimeSchema: SchemaTable = {
  package: 'runtime',
  messages: {
    RawExtension: '@rawext raw=1:y!',
  },
};

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCRD, validateCRDUpdate } from './crd-validation.js';
import { crdControllerStatus, defaultCRD, prepareCRDForCreate, prepareCRDForUpdate } from './crd-defaults.js';
import type { Obj } from './schema-types.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function widgetCRD(): Any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
      versions: [{
        name: 'v1', served: true, storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        additionalPrinterColumns: [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer', default: 1 },
                  port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                  tpl: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
              status: { type: 'object', properties: { replicas: { type: 'integer' } } },
            },
          },
        },
      }],
    },
  };
}

function validate(mutate: (crd: Any) => void): string[] {
  const crd = widgetCRD();
  mutate(crd);
  defaultCRD(crd);
  prepareCRDForCreate(crd);
  return validateCRD(crd).map((e) => e.message);
}

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const V1_NO_STORAGE = '[]apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}';

test('validateCRD messages', () => {
  const cases: { name: string; mutate: (crd: Any) => void; want: string[] }[] = [
    { name: 'valid', mutate: () => {}, want: [] },
    {
      name: 'name must be plural.group',
      mutate: (c) => { c.metadata.name = 'foo.example.com'; },
      want: ['metadata.name: Invalid value: "foo.example.com": must be spec.names.plural+"."+spec.group'],
    },
    {
      name: 'group',
      mutate: (c) => { c.spec.group = 'example'; c.metadata.name = 'widgets.example'; },
      want: ['spec.group: Invalid value: "example": should be a domain with at least one dot'],
    },
    { name: 'scope', mutate: (c) => { c.spec.scope = 'Global'; }, want: ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'] },
    { name: 'scope required', mutate: (c) => { delete c.spec.scope; }, want: ['spec.scope: Required value'] },
    {
      name: 'names',
      mutate: (c) => { c.spec.names.kind = 'Wid_get'; c.spec.names.listKind = 'Wid_get'; c.spec.names.singular = 'widget'; },
      want: [
        `spec.names.kind: Invalid value: "Wid_get": may have mixed case, but should otherwise match: ${DNS1035}`,
        `spec.names.listKind: Invalid value: "Wid_get": may have mixed case, but should otherwise match: ${DNS1035}`,
        'spec.names.listKind: Invalid value: "Wid_get": kind and listKind may not be the same',
      ],
    },
    {
      name: 'plural required',
      mutate: (c) => { delete c.spec.names.plural; c.metadata.name = '.example.com'; },
      want: [
        "metadata.name: Invalid value: \".example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        'spec.names.plural: Required value',
      ],
    },
    {
      name: 'no storage version',
      mutate: (c) => { c.spec.versions[0].storage = false; },
      want: [
        `spec.versions: Invalid value: ${V1_NO_STORAGE}: must have exactly one version marked as storage version`,
        'status.storedVersions: Invalid value: []string(nil): must have at least one stored version',
      ],
    },
    {
      name: 'schema required',
      mutate: (c) => { delete c.spec.versions[0].schema; },
      want: ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    },
    {
      name: 'bad version name appears twice',
      mutate: (c) => { c.spec.versions[0].name = 'V1'; },
      want: [`spec.versions[0].name: Invalid value: "V1": ${DNS1035}`, `spec.version: Invalid value: "V1": ${DNS1035}`],
    },
    {
      name: 'structural: type required (hoisted schema path)',
      mutate: (c) => { delete c.spec.versions[0].schema.openAPIV3Schema.properties.spec.type; },
      want: ['spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'],
    },
    {
      name: 'structural: array items and root type',
      mutate: (c) => {
        const root = c.spec.versions[0].schema.openAPIV3Schema;
        root.properties.spec.properties.list = { type: 'array' };
        root.properties.spec.properties.meta = { type: 'object', properties: { metadata: { type: 'object' } } };
      },
      want: ['spec.validation.openAPIV3Schema.properties[spec].properties[list].items: Required value: must be specified'],
    },
    {
      name: 'default must match its schema (double space is kube\'s)',
      mutate: (c) => { c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.replicas.default = 'x'; },
      want: ['spec.validation.openAPIV3Schema.properties[spec].properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string"'],
    },
    {
      name: 'default must be pruned',
      mutate: (c) => { c.spec.versions[0].schema.openAPIV3Schema.properties.spec.default = { bogus: 1 }; },
      want: ['spec.validation.openAPIV3Schema.properties[spec].default: Invalid value: map[string]interface {}{"bogus":1}: must not have unknown fields'],
    },
    {
      name: 'openapi keyword checks',
      mutate: (c) => {
        const props = c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
        props.u = { type: 'array', items: { type: 'string' }, uniqueItems: true };
        props.r = { type: 'string', $ref: '#/x' };
        props.m = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } };
        props.t = { type: 'strin' };
      },
      want: [
        'spec.validation.openAPIV3Schema.properties[spec].properties[u].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
        'spec.validation.openAPIV3Schema.properties[spec].properties[r].$ref: Forbidden: $ref is not supported',
        'spec.validation.openAPIV3Schema.properties[spec].properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
        'spec.validation.openAPIV3Schema.properties[spec].properties[t].type: Unsupported value: "strin": supported values: "array", "boolean", "integer", "number", "object", "string"',
      ],
    },
    {
      name: 'list-type map needs keys that are required or defaulted',
      mutate: (c) => {
        c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.ports = {
          type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port'],
          items: { type: 'object', properties: { port: { type: 'integer' } } },
        };
      },
      want: ['spec.validation.openAPIV3Schema.properties[spec].properties[ports].items.properties[port].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'],
    },
    {
      name: 'printer columns and scale paths',
      mutate: (c) => {
        const v = c.spec.versions[0];
        v.additionalPrinterColumns = [{ name: '', type: 'int', jsonPath: 'spec.replicas' }];
        v.subresources.scale.specReplicasPath = '.status.replicas';
        v.subresources.scale.labelSelectorPath = 'spec.selector';
      },
      want: [
        'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
        'spec.subresources.scale.labelSelectorPath: Invalid value: "spec.selector": must be a simple json path starting with .',
        'spec.additionalPrinterColumns[0].name: Required value',
        'spec.additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string',
        'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.replicas": must be a simple json path starting with .',
      ],
    },
    {
      name: 'status subresource restricts the root schema',
      mutate: (c) => { c.spec.versions[0].schema.openAPIV3Schema.type = 'array'; c.spec.versions[0].schema.openAPIV3Schema.items = { type: 'string' }; },
      want: [
        'spec.validation.openAPIV3Schema.type: Invalid value: "array": only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
        'spec.validation.openAPIV3Schema.type: Invalid value: "array": must be object at the root',
      ],
    },
    {
      name: 'per-version paths when schemas differ',
      mutate: (c) => {
        const v2 = JSON.parse(JSON.stringify(c.spec.versions[0]));
        v2.name = 'v2';
        v2.storage = false;
        delete v2.schema.openAPIV3Schema.properties.status.type;
        c.spec.versions.push(v2);
      },
      want: ['spec.versions[1].schema.openAPIV3Schema.properties[status].type: Required value: must not be empty for specified object fields'],
    },
    {
      name: 'protected group needs approval',
      mutate: (c) => { c.spec.group = 'widgets.k8s.io'; c.metadata.name = 'widgets.widgets.k8s.io'; },
      want: ['metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111'],
    },
    {
      name: 'webhook conversion',
      mutate: (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { url: 'http://x/y?z=1' }, conversionReviewVersions: ['v2'] } }; },
      want: [
        "spec.conversion.webhookClientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
        'spec.conversion.webhookClientConfig.url: Invalid value: "z=1": query parameters are not permitted in the URL',
        'spec.conversion.conversionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1',
      ],
    },
    {
      name: 'preserveUnknownFields true',
      mutate: (c) => { c.spec.preserveUnknownFields = true; },
      want: [
        'spec.preserveUnknownFields: Invalid value: true: must be false in order to use defaults in the schema',
        'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(validate(c.mutate), c.want, c.name);
});

test('defaultCRD and prepare', () => {
  const crd = widgetCRD();
  crd.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 's', namespace: 'n' } }, conversionReviewVersions: ['v1'] } };
  defaultCRD(crd);
  assert.deepEqual(crd.spec.names, { plural: 'widgets', kind: 'Widget', shortNames: ['wd'], singular: 'widget', listKind: 'WidgetList' });
  assert.equal(crd.spec.conversion.webhook.clientConfig.service.port, 443);
  assert.deepEqual(crd.status, { storedVersions: ['v1'] });
  const plain = widgetCRD();
  defaultCRD(plain);
  assert.deepEqual(plain.spec.conversion, { strategy: 'None' });
  prepareCRDForCreate(plain);
  assert.deepEqual(plain.status, { acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
  assert.equal(plain.metadata.generation, 1);
  const next = JSON.parse(JSON.stringify(plain));
  next.spec.versions.push({ ...next.spec.versions[0], name: 'v2', storage: true });
  next.spec.versions[0].storage = false;
  prepareCRDForUpdate(next, plain);
  assert.equal(next.metadata.generation, 2);
  assert.deepEqual(next.status.storedVersions, ['v1', 'v2']);
});

test('controller status: accepted names and conditions', () => {
  const crd = widgetCRD();
  defaultCRD(crd);
  prepareCRDForCreate(crd);
  const status = crdControllerStatus(crd, [], '2024-05-01T00:00:00Z') as Any;
  assert.deepEqual(status.acceptedNames, { plural: 'widgets', kind: 'Widget', singular: 'widget', shortNames: ['wd'], listKind: 'WidgetList' });
  assert.deepEqual(status.conditions, [
    { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2024-05-01T00:00:00Z', reason: 'NoConflicts', message: 'no conflicts found' },
    { type: 'Established', status: 'True', lastTransitionTime: '2024-05-01T00:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
  ]);
  const clash = crdControllerStatus(crd, [{ plural: 'gadgets', shortNames: ['wd'], kind: 'Gadget' }], '2024-05-01T00:00:00Z') as Any;
  assert.deepEqual(clash.conditions.map((c: Obj) => [c.type, c.status, c.reason, c.message]), [
    ['NamesAccepted', 'False', 'ShortNamesConflict', '"wd" is already in use'],
    ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
  ]);
  const later = crdControllerStatus({ ...crd, status }, [], '2024-06-01T00:00:00Z') as Any;
  assert.equal(later.conditions[0].lastTransitionTime, '2024-05-01T00:00:00Z');
});

test('validateCRDUpdate: immutable group and plural', () => {
  const old = widgetCRD();
  defaultCRD(old);
  prepareCRDForCreate(old);
  old.metadata.resourceVersion = '1';
  const next = JSON.parse(JSON.stringify(old));
  next.spec.names.plural = 'gizmos';
  next.metadata.name = 'gizmos.example.com';
  assert.deepEqual(validateCRDUpdate(next, old).map((e) => e.message), [
    'metadata.name: Invalid value: "gizmos.example.com": field is immutable',
    'spec.names.plural: Invalid value: "gizmos": field is immutable',
  ]);
});

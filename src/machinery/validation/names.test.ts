import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain,
  regexError, validatePathSegmentName,
} from './names.js';
import { nameValidatorFor } from './kind-names.js';

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('regexError formats examples like Go', () => {
  assert.equal(regexError('m', 'f'), "m (regex used for validation is 'f')");
  assert.equal(regexError('m', 'f', 'a', 'b'), "m (e.g. 'a',  or 'b', regex used for validation is 'f')");
});

test('DNS-1123 subdomains', () => {
  const cases: [string, string[]][] = [
    ['example.com', []],
    ['a', []],
    ['Foo_bar', [SUBDOMAIN]],
    ['-a', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    [`${'a'.repeat(254)}-`, ['must be no more than 253 characters', SUBDOMAIN]],
  ];
  for (const [value, want] of cases) assert.deepEqual(isDNS1123Subdomain(value), want, value);
});

test('DNS-1123 labels', () => {
  const cases: [string, string[]][] = [
    ['my-name', []],
    ['a.b', ['must not contain dots']],
    ['UPPER', [LABEL]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isDNS1123Label(value), want, value);
});

test('DNS-1035 labels', () => {
  assert.deepEqual(isDNS1035Label('abc-1'), []);
  assert.deepEqual(isDNS1035Label('1abc'), [DNS1035]);
});

test('qualified names (label keys, finalizers)', () => {
  const cases: [string, string[]][] = [
    ['app', []],
    ['example.com/MyName', []],
    ['/x', ['prefix part must be non-empty']],
    ['Example.com/x', [`prefix part ${SUBDOMAIN}`]],
    ['example.com/', ['name part must be non-empty', NAME_PART]],
    ['a/b/c', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['-bad', [NAME_PART]],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isQualifiedName(value), want, value);
});

test('label values', () => {
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('v1.2_x'), []);
  assert.deepEqual(isValidLabelValue('bad value'), [LABEL_VALUE]);
  assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('name functions mask the trailing dash of generateName prefixes', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.deepEqual(nameIsDNSSubdomain('web-', false), [SUBDOMAIN]);
  assert.deepEqual(nameIsDNSSubdomain('-', true), [SUBDOMAIN]);
});

test('path segment names', () => {
  assert.deepEqual(validatePathSegmentName('system:admin', false), []);
  assert.deepEqual(validatePathSegmentName('..', false), ["may not be '..'"]);
  assert.deepEqual(validatePathSegmentName('a/b%', false), ["may not contain '/'", "may not contain '%'"]);
});

test('per-kind name rules', () => {
  assert.deepEqual(nameValidatorFor('', 'Service')('1svc', false), [DNS1035]);
  assert.deepEqual(nameValidatorFor('', 'Namespace')('a.b', false), ['must not contain dots']);
  assert.deepEqual(nameValidatorFor('rbac.authorization.k8s.io', 'ClusterRole')('system:x', false), []);
  assert.deepEqual(nameValidatorFor('apps', 'Deployment')('Foo', false), [SUBDOMAIN]);
});

// Real request bodies captured from kubectl 1.32 (against a recording HTTPS server), each paired
// with the JSON that kubectl prints for the same command with `--dry-run=client -o json`. Decoding
// must give that JSON exactly, key order included (compared as compact JSON text). Commands without
// a client-side dry run have their expected JSON written out by hand from the Go types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeKubernetesProtobuf } from './envelope.js';
import { ProtobufSchemaError, ProtobufWireError } from './errors.js';
import { envelope, pb } from './test-support.js';

const FIXTURES: [name: string, command: string, handWritten?: 'hand-written JSON'][] = [
  ['namespace', 'create namespace x'],
  ['configmap', 'create configmap c --from-literal=a=b --from-literal=c=d'],
  ['configmap-binary', 'create configmap cb --from-file=bin.dat --from-literal=t=x   (bin.dat = 00 01 02 ff)'],
  ['secret-generic', 'create secret generic s --from-literal=a=b --type=Opaque'],
  ['secret-docker-registry',
    'create secret docker-registry d --docker-username=u --docker-password=p --docker-server=r.example --docker-email=e@x'],
  ['serviceaccount', 'create serviceaccount sa'],
  ['service-clusterip', 'create service clusterip svc --tcp=80:8080'],
  ['service-nodeport', 'create service nodeport np --tcp=80:http --node-port=30080'],
  ['deployment', 'create deployment d --image=nginx:1.25 --replicas=3 --port=80'],
  ['job', 'create job j --image=busybox -- echo hi'],
  ['cronjob', "create cronjob cj --image=busybox --schedule='*/1 * * * *' -- date"],
  ['ingress', 'create ingress ing --rule=foo.com/bar=svc:8080,tls=sec --class=nginx --annotation=a=b'],
  ['poddisruptionbudget', 'create poddisruptionbudget pdb --selector=app=x --min-available=50%'],
  ['priorityclass', 'create priorityclass pc --value=1000 --description=hello --preemption-policy=Never'],
  ['quota', 'create quota q --hard=cpu=1,memory=1G,pods=2 --scopes=BestEffort'],
  ['role', 'create role r --verb=get --verb=list --resource=pods --resource=deployments.apps --resource-name=a'],
  ['rolebinding', 'create rolebinding rb --role=r --user=u --serviceaccount=default:sa --group=g'],
  ['clusterrole', 'create clusterrole cr --verb=get --non-resource-url=/logs/*'],
  ['clusterrole-aggregation', 'create clusterrole cra --aggregation-rule=rbac.example.com/aggregate=true'],
  ['clusterrolebinding', 'create clusterrolebinding crb --clusterrole=cr --group=g'],
  ['token', 'create token default --duration=1h --audience=a --audience=b', 'hand-written JSON'],
  ['token-bound', 'create token default -n ns1 --bound-object-kind=Pod --bound-object-name=p --bound-object-uid=…', 'hand-written JSON'],
  ['auth-can-i', 'auth can-i get pods --subresource=log -n kube-system', 'hand-written JSON'],
  ['auth-can-i-list', 'auth can-i --list', 'hand-written JSON'],
  ['certificate-approve', 'certificate approve csr1   (GET answered with a full CSR; PUT …/approval)', 'hand-written JSON'],
  ['certificate-deny', 'certificate deny csr1', 'hand-written JSON'],
  // The rich Pod is `kubectl run --overrides=… --dry-run=client -o json` output, served back to
  // `kubectl debug rich --copy-to=rich2 --keep-* --same-node --share-processes=false`.
  ['debug-copy-to', 'debug rich --copy-to=rich2 --set-image=rich=nginx:1.25 (full PodSpec)', 'hand-written JSON'],
  ['debug-node', 'debug node/n1 --image=busybox --profile=general', 'hand-written JSON'],
];

const fixture = (name: string, ext: string): Buffer => readFileSync(new URL(`./testdata/${name}.${ext}`, import.meta.url));

for (const [name, command, handWritten] of FIXTURES) {
  test(`kubectl ${command}${handWritten ? ` [${handWritten}]` : ''}`, () => {
    const expected = JSON.parse(fixture(name, 'json').toString('utf8')) as Record<string, unknown>;
    const decoded = decodeKubernetesProtobuf(fixture(name, 'pb'));
    assert.equal(decoded.apiVersion, expected.apiVersion);
    assert.equal(decoded.kind, expected.kind);
    assert.equal(JSON.stringify(decoded.object), JSON.stringify(expected));
  });
}

test('the envelope: magic, kind lookup and content type are checked', () => {
  assert.throws(() => decodeKubernetesProtobuf(Buffer.from('{"kind":"Pod"}')), (err: unknown) =>
    err instanceof ProtobufWireError && err.code === 400 && /expected prefix \[107 56 115 0\]/.test(err.message));
  for (const [apiVersion, kind] of [['v1', 'Frobnicator'], ['example.com/v1', 'Widget'], ['v1', 'PodSpec']] as const) {
    assert.throws(() => decodeKubernetesProtobuf(envelope(apiVersion, kind)), (err: unknown) => {
      assert.ok(err instanceof ProtobufSchemaError);
      assert.equal(err.code, 415);
      assert.equal(err.status.reason, 'UnsupportedMediaType');
      assert.match(err.message, new RegExp(`${apiVersion}, Kind=${kind}`));
      return true;
    });
  }
  const withEncoding = Buffer.concat([envelope('v1', 'Namespace'), pb.str(3, 'gzip')]);
  assert.throws(() => decodeKubernetesProtobuf(withEncoding), ProtobufSchemaError);
  const withType = Buffer.concat([envelope('v1', 'Namespace'), pb.str(4, 'application/json')]);
  assert.throws(() => decodeKubernetesProtobuf(withType), ProtobufSchemaError);
  const explicitType = Buffer.concat([envelope('v1', 'Namespace'), pb.str(4, 'application/vnd.kubernetes.protobuf')]);
  assert.equal(decodeKubernetesProtobuf(explicitType).kind, 'Namespace');
});

test('an unknown field deep inside a known kind names where it is', () => {
  // Deployment.spec(2).template(3).spec(2) with a field number PodSpec does not have.
  const body = envelope('apps/v1', 'Deployment', pb.msg(2, pb.msg(3, pb.msg(2, pb.str(999, 'x')))));
  assert.throws(() => decodeKubernetesProtobuf(body), (err: unknown) => {
    assert.ok(err instanceof ProtobufSchemaError);
    assert.match(err.message, /field number 999 of core\.PodSpec \(at spec\.template\.spec\)/);
    return true;
  });
});

test('DeleteOptions is accepted under any served group version', () => {
  for (const apiVersion of ['v1', 'apps/v1', 'meta.k8s.io/v1', 'batch/v1']) {
    const body = envelope(apiVersion, 'DeleteOptions', pb.int(1, 0), pb.str(4, 'Foreground'), pb.str(5, 'All'),
      pb.msg(2, pb.str(1, 'uid-1')));
    assert.deepEqual(decodeKubernetesProtobuf(body).object, {
      kind: 'DeleteOptions', apiVersion, gracePeriodSeconds: 0, preconditions: { uid: 'uid-1' },
      propagationPolicy: 'Foreground', dryRun: ['All'],
    });
  }
});

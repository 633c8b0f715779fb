import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goDuration } from './convert.js';
import { MessageDecoder } from './decode.js';
import { buildRegistry } from './descriptor.js';
import { decodeKubernetesProtobuf } from './envelope.js';
import { ProtobufSchemaError, ProtobufWireError } from './errors.js';
import { envelope, pb } from './test-support.js';

// A made-up schema exercising every scalar kind, mode and converter independently of k8s' tables.
const registry = buildRegistry([{
  package: 't',
  messages: {
    All: `s=1:s i32=2:i32 i64=3:i64 u32=4:u32 u64=5:u64 b=6:b y=7:y f64=8:f64 f32=9:f32
      ptr=10:i32? must=11:s! nul=12:s~ nulMsg=13:Sub~ ptrMsg=14:Sub? sub=15:Sub! inl=16:Sub^
      list=17:i64[] must_list=18:s[]! subs=19:Sub[] m=20:{s:i32} mm=21:{s:Sub} dur=22:Duration?
      mustBytes=23:y! doubles=24:f64[]`,
    Sub: 'x=1:s y=2:i32?',
    Duration: '@duration duration=1:i64!',
  },
}]);
const decoder = new MessageDecoder(registry, () => assert.fail('no embedded objects here'));
const decode = (...fields: Buffer[]): unknown => decoder.decode('t.All', Buffer.concat(fields), '');

test('absent fields: only no-omitempty and non-pointer structs print, as Go zero values', () => {
  assert.deepEqual(decode(), { must: '', nul: null, nulMsg: null, sub: {}, must_list: null, mustBytes: null });
});

test('present zero values: omitempty drops them, pointers keep them', () => {
  const got = decode(pb.str(1, ''), pb.int(2, 0), pb.bool(6, false), pb.bytes(7, Buffer.alloc(0)), pb.int(10, 0),
    pb.str(12, ''), pb.msg(14), pb.msg(13));
  assert.deepEqual(got, { ptr: 0, must: '', nul: '', nulMsg: {}, ptrMsg: {}, sub: {}, must_list: null, mustBytes: null });
});

test('scalars of every kind, negative integers and floats', () => {
  const f32 = Buffer.alloc(4);
  f32.writeFloatLE(1.5);
  const got = decode(pb.str(1, 'héllo'), pb.int(2, -7), pb.int(3, -(2 ** 40)), pb.int(4, 2 ** 32 - 1), pb.int(5, 2 ** 50),
    pb.bool(6, true), pb.bytes(7, Buffer.from([0, 1, 0xff])), pb.double(8, -2.25), Buffer.concat([Buffer.from([0x4d]), f32]),
    pb.bytes(23, Buffer.from('hi'))) as Record<string, unknown>;
  assert.deepEqual(
    [got.s, got.i32, got.i64, got.u32, got.u64, got.b, got.y, got.f64, got.f32, got.mustBytes],
    ['héllo', -7, -(2 ** 40), 2 ** 32 - 1, 2 ** 50, true, 'AAH/', -2.25, 1.5, 'aGk='],
  );
});

test('repeated fields, packed or not; maps sorted by key; inline structs merged in place', () => {
  const packed = pb.bytes(17, Buffer.from([1, 0x96, 0x01]));
  const doubles = Buffer.alloc(16);
  doubles.writeDoubleLE(0.5, 0);
  doubles.writeDoubleLE(2, 8);
  const got = decode(pb.int(17, 7), packed, pb.str(18, 'a'), pb.msg(19, pb.str(1, 'p')), pb.msg(19),
    pb.entry(20, pb.str(1, 'zeta'), pb.int(2, 1)), pb.entry(20, pb.str(1, 'Alpha'), pb.int(2, 2)),
    pb.entry(20, pb.str(1, 'ä'), Buffer.alloc(0)), pb.entry(20, pb.str(1, 'zeta'), pb.int(2, 3)),
    pb.entry(21, pb.str(1, 'k'), Buffer.alloc(0)), pb.msg(16, pb.str(1, 'in'), pb.int(2, 0)), pb.bytes(24, doubles));
  assert.equal(JSON.stringify(got), JSON.stringify({
    must: '', nul: null, nulMsg: null, sub: {}, x: 'in', y: 0, list: [7, 1, 150], must_list: ['a'], subs: [{ x: 'p' }, {}],
    m: { Alpha: 2, zeta: 3, 'ä': 0 }, mm: { k: {} }, mustBytes: null, doubles: [0.5, 2],
  }));
});

test('a singular message sent twice merges, as protobuf concatenation does', () => {
  const got = decode(pb.msg(15, pb.str(1, 'a')), pb.msg(15, pb.int(2, 5))) as Record<string, unknown>;
  assert.deepEqual(got.sub, { x: 'a', y: 5 });
});

test('schema mismatches are 415 ProtobufSchemaError', () => {
  const cases: [Buffer, RegExp][] = [
    [pb.str(99, 'x'), /field number 99 of t\.All is not known/],
    [pb.int(1, 5), /field t\.All\.s \(number 1\) has wire type 0/],
    [pb.str(2, 'x'), /field t\.All\.i32 \(number 2\) has wire type 2/],
    [pb.msg(20, pb.str(3, 'x')), /map entry of t\.All\.m has field number 3/],
    [pb.msg(19, pb.int(1, 5)), /field t\.Sub\.x \(number 1\)/],
  ];
  for (const [body, message] of cases) {
    assert.throws(() => decode(body), (err: unknown) => {
      assert.ok(err instanceof ProtobufSchemaError);
      assert.equal(err.code, 415);
      assert.match(err.message, message);
      return true;
    });
  }
});

test('metav1.Duration prints like time.Duration.String()', () => {
  const got = decode(pb.msg(22, pb.int(1, 90_500_000_000))) as Record<string, unknown>;
  assert.equal(got.dur, '1m30.5s');
  const cases: [bigint, string][] = [
    [0n, '0s'], [1n, '1ns'], [1500n, '1.5µs'], [2_000_000n, '2ms'], [1_000_000_000n, '1s'], [3_600_000_000_000n, '1h0m0s'],
    [-5_400_000_000_000n, '-1h30m0s'], [90_061_000_000_001n, '25h1m1.000000001s'],
  ];
  for (const [ns, want] of cases) assert.equal(goDuration(ns), want);
});

const isSchemaError = (re: RegExp) => (err: unknown): boolean => err instanceof ProtobufSchemaError && re.test(err.message);
const isWireError = (re: RegExp) => (err: unknown): boolean => err instanceof ProtobufWireError && re.test(err.message);
const time = (seconds: number, nanos = 0): Buffer => Buffer.concat([pb.int(1, seconds), pb.int(2, nanos)]);

test('Deployment: pointer replicas 0 kept, nil selector null, conditions with Time (nanos dropped)', () => {
  const condition = pb.msg(6, pb.str(1, 'Available'), pb.str(2, 'True'), pb.msg(6, time(1704164645, 999)), pb.msg(7),
    pb.str(4, 'MinimumReplicasAvailable'), pb.str(5, ''));
  const body = envelope('apps/v1', 'Deployment', pb.msg(1, pb.str(1, 'd'), pb.int(7, 0)),
    pb.msg(2, pb.int(1, 0), pb.bool(7, false)), pb.msg(3, pb.int(1, 0), pb.int(2, 0), condition));
  assert.equal(JSON.stringify(decodeKubernetesProtobuf(body).object), JSON.stringify({
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: 'd', creationTimestamp: null },
    spec: {
      replicas: 0,
      selector: null,
      template: { metadata: { creationTimestamp: null }, spec: { containers: null } },
      strategy: {},
    },
    status: {
      conditions: [{
        type: 'Available', status: 'True', lastUpdateTime: '2024-01-02T03:04:05Z', lastTransitionTime: null,
        reason: 'MinimumReplicasAvailable',
      }],
    },
  }));
});

test('Lease and events.k8s.io Event: MicroTime keeps microseconds', () => {
  const lease = envelope('coordination.k8s.io/v1', 'Lease', pb.msg(1, pb.str(1, 'l'), pb.str(3, 'kube-node-lease')),
    pb.msg(2, pb.str(1, 'n1'), pb.int(2, 40), pb.msg(3, time(1704164645, 123456789)), pb.msg(4, time(0)), pb.int(5, 0)));
  assert.deepEqual(decodeKubernetesProtobuf(lease).object, {
    kind: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    metadata: { name: 'l', namespace: 'kube-node-lease', creationTimestamp: null },
    spec: {
      holderIdentity: 'n1', leaseDurationSeconds: 40, acquireTime: '2024-01-02T03:04:05.123456Z',
      renewTime: '1970-01-01T00:00:00.000000Z', leaseTransitions: 0,
    },
  });
  const event = envelope('events.k8s.io/v1', 'Event', pb.msg(1, pb.str(1, 'e')), pb.msg(2, time(1704164645, 5000)),
    pb.msg(3, pb.int(1, 2), pb.msg(2, time(1704164646))), pb.str(7, 'Pulled'),
    pb.msg(8, pb.str(1, 'Pod'), pb.str(3, 'p')), pb.int(15, -1));
  assert.deepEqual(decodeKubernetesProtobuf(event).object, {
    kind: 'Event',
    apiVersion: 'events.k8s.io/v1',
    metadata: { name: 'e', creationTimestamp: null },
    eventTime: '2024-01-02T03:04:05.000005Z',
    series: { count: 2, lastObservedTime: '2024-01-02T03:04:06.000000Z' },
    reason: 'Pulled',
    regarding: { kind: 'Pod', name: 'p' },
    deprecatedSource: {},
    deprecatedFirstTimestamp: null,
    deprecatedLastTimestamp: null,
    deprecatedCount: -1,
  });
});

test('Service ports: IntOrString as a number, a string, or 0 when unset', () => {
  const port = (n: number, target?: Buffer): Buffer => pb.msg(1, pb.int(3, n), ...(target ? [pb.msg(4, target)] : []));
  const body = envelope('v1', 'Service', pb.msg(2,
    port(80, Buffer.concat([pb.int(1, 0), pb.int(2, 8080)])),
    port(443, Buffer.concat([pb.int(1, 1), pb.str(3, 'https')])),
    port(53)));
  const spec = decodeKubernetesProtobuf(body).object.spec as { ports: unknown[] };
  assert.deepEqual(spec.ports, [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 'https' }, { port: 53, targetPort: 0 }]);
  const bad = envelope('v1', 'Service', pb.msg(2, port(1, pb.int(1, 7))));
  assert.throws(() => decodeKubernetesProtobuf(bad), isWireError(/IntOrString/));
});

test('RawExtension holds JSON or a nested protobuf object; FieldsV1 must be JSON', () => {
  const revision = (raw: Buffer): Record<string, unknown> => decodeKubernetesProtobuf(
    envelope('apps/v1', 'ControllerRevision', pb.msg(1, pb.str(1, 'r')), pb.msg(2, pb.bytes(1, raw)), pb.int(3, 2)),
  ).object;
  const json = revision(Buffer.from('{"spec":{"template":{}}}'));
  assert.deepEqual(json.data, { spec: { template: {} } });
  assert.equal(json.revision, 2);
  const configMap = envelope('v1', 'ConfigMap', pb.msg(1, pb.str(1, 'c')), pb.entry(2, pb.str(1, 'k'), pb.str(2, 'v')));
  assert.deepEqual(revision(configMap).data, {
    kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', creationTimestamp: null }, data: { k: 'v' },
  });
  assert.equal(revision(Buffer.alloc(0)).data, null);
  const cbor = Buffer.from([0xa1, 0x01]);
  const managed = envelope('v1', 'ConfigMap', pb.msg(1, pb.msg(17, pb.str(1, 'm'), pb.msg(7, pb.bytes(1, cbor)))));
  assert.throws(() => decodeKubernetesProtobuf(managed), isSchemaError(/FieldsV1/));
});

test('Secret bytes, Eviction with DeleteOptions, autoscaling Scale with omitempty replicas', () => {
  const secret = envelope('v1', 'Secret', pb.msg(1, pb.str(1, 's')),
    pb.entry(2, pb.str(1, 'k'), pb.bytes(2, Buffer.from([0xfb, 0xff]))), pb.str(3, 'Opaque'));
  assert.deepEqual(decodeKubernetesProtobuf(secret).object.data, { k: '+/8=' });
  const eviction = envelope('policy/v1', 'Eviction', pb.msg(1, pb.str(1, 'p'), pb.str(3, 'ns')), pb.msg(2, pb.int(1, 30)));
  assert.deepEqual(decodeKubernetesProtobuf(eviction).object, {
    kind: 'Eviction',
    apiVersion: 'policy/v1',
    metadata: { name: 'p', namespace: 'ns', creationTimestamp: null },
    deleteOptions: { gracePeriodSeconds: 30 },
  });
  const scale = envelope('autoscaling/v1', 'Scale', pb.msg(1, pb.str(1, 'd')), pb.msg(2, pb.int(1, 0)),
    pb.msg(3, pb.int(1, 3), pb.str(2, 'app=d')));
  assert.deepEqual(decodeKubernetesProtobuf(scale).object, {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: 'd', creationTimestamp: null },
    spec: {},
    status: { replicas: 3, selector: 'app=d' },
  });
});

test('map keys are data, even __proto__; timestamps outside years 0000-9999 are refused', () => {
  const got = decode(pb.entry(21, pb.str(1, '__proto__'), pb.msg(2, pb.str(1, 'x')))) as Record<string, unknown>;
  const mm = got.mm as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(mm), Object.prototype);
  assert.deepEqual(Object.keys(mm), ['__proto__']);
  assert.equal(JSON.stringify(mm), '{"__proto__":{"x":"x"}}');
  const lease = envelope('coordination.k8s.io/v1', 'Lease', pb.msg(2, pb.msg(3, pb.int(1, 253402300800))));
  assert.throws(() => decodeKubernetesProtobuf(lease), isWireError(/outside years/));
});

// Tables of the smaller cluster-level kinds: endpointslices, leases, certificatesigningrequests,
// role and cluster role bindings, and admission webhook configurations. Mirrors their print
// functions in k8s.io/kubernetes/pkg/printers/internalversion. Roles and cluster roles have no
// printer upstream and fall back to the default table (see default.ts).
import { asObject } from '../../machinery/json.js';
import type { KubeObject } from '../../api/types.js';
import { humanDuration, since } from './duration.js';
import { listWithMore } from './format.js';
import { AGE_COLUMN, column, NAME_COLUMN, nameOf, wide, type Printer } from './printer.js';

const age = (obj: KubeObject, now: Date): string => since(obj.metadata.creationTimestamp, now);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', 'Kind of addresses in the slice: IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'Port numbers (or names) the endpoints expose.'),
    column('Endpoints', 'string', 'Addresses of the endpoints.'),
    AGE_COLUMN,
  ],
  row: (obj, { now }) => {
    const ports = list(obj.ports).map((p) => {
      const port = asObject(p);
      if (typeof port.port === 'number') return String(port.port);
      return typeof port.name === 'string' ? port.name : '*';
    });
    const addresses = list(obj.endpoints).flatMap((e) => list(asObject(e).addresses).map(String));
    const addressType = typeof obj.addressType === 'string' ? obj.addressType : '';
    return { cells: [nameOf(obj), addressType, listWithMore(ports), listWithMore(addresses), age(obj, now)] };
  },
};

export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'string', 'Identity currently holding the lease.'), AGE_COLUMN],
  row: (obj, { now }) => {
    const holder = asObject(obj.spec).holderIdentity;
    return { cells: [nameOf(obj), typeof holder === 'string' ? holder : '', age(obj, now)] };
  },
};

export const csrPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('SignerName', 'string', 'Signer asked to issue the certificate.'),
    column('Requestor', 'string', 'User that created the request.'),
    column('RequestedDuration', 'string', 'Validity period asked for, if any.'),
    column('Condition', 'string', 'Approval state, and whether the certificate was issued.'),
  ],
  row: (obj, { now }) => {
    const spec = asObject(obj.spec);
    const signer = typeof spec.signerName === 'string' && spec.signerName ? spec.signerName : '<none>';
    const seconds = spec.expirationSeconds;
    const duration = typeof seconds === 'number' ? humanDuration(seconds * 1000) : '<none>';
    const username = typeof spec.username === 'string' ? spec.username : '';
    return { cells: [nameOf(obj), age(obj, now), signer, username, duration, csrCondition(asObject(obj.status))] };
  },
};

/** Denied beats Approved beats Pending; ",Failed" and ",Issued" are appended when they apply. */
export function csrCondition(status: Record<string, unknown>): string {
  const types = new Set(list(status.conditions).map((c) => asObject(c).type));
  let text = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) text += ',Failed';
  if (typeof status.certificate === 'string' && status.certificate.length > 0) text += ',Issued';
  return text;
}

function bindingPrinter(what: string): Printer {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', 'The role granted, as Kind/name.'),
      AGE_COLUMN,
      wide('Users', 'string', `Users bound by the ${what}.`),
      wide('Groups', 'string', `Groups bound by the ${what}.`),
      wide('ServiceAccounts', 'string', `Service accounts bound by the ${what}, as namespace/name.`),
    ],
    row: (obj, { now }) => {
      const roleRef = asObject(obj.roleRef);
      const subjects = bindingSubjects(list(obj.subjects));
      return {
        cells: [
          nameOf(obj),
          `${String(roleRef.kind ?? '')}/${String(roleRef.name ?? '')}`,
          age(obj, now),
          subjects.users.join(', '),
          subjects.groups.join(', '),
          subjects.serviceAccounts.join(', '),
        ],
      };
    },
  };
}

/** rbac.SubjectsStrings: subjects of other kinds are dropped from the table. */
export function bindingSubjects(subjects: unknown[]): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const out = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of subjects.map(asObject)) {
    const name = String(s.name ?? '');
    if (s.kind === 'User') out.users.push(name);
    else if (s.kind === 'Group') out.groups.push(name);
    else if (s.kind === 'ServiceAccount') out.serviceAccounts.push(`${String(s.namespace ?? '')}/${name}`);
  }
  return out;
}

export const roleBindingPrinter = bindingPrinter('role binding');
export const clusterRoleBindingPrinter = bindingPrinter('cluster role binding');

export const webhookConfigurationPrinter: Printer = {
  columns: [NAME_COLUMN, column('Webhooks', 'integer', 'Number of webhooks in the configuration.'), AGE_COLUMN],
  row: (obj, { now }) => ({ cells: [nameOf(obj), list(obj.webhooks).length, age(obj, now)] }),
};

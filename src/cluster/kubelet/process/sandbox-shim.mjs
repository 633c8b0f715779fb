// The sandbox of a process pod (ADR 0009), loaded with `node --import` before the pod's own code:
// what a container runtime's namespaces would give a real container, done in-process so no root
// is needed. Plain JS (it loads before tsx), tiny (every process pod pays for it).
//  - Files: paths under each volumeMount's mountPath are served from the pod's volume directory
//    (the fs functions taking paths are wrapped; ESM named imports see it after
//    syncBuiltinESMExports), so /var/run/secrets/kubernetes.io/serviceaccount/token is the pod's.
//  - Network: listening on a wildcard or loopback host binds the pod's own loopback address, and
//    connecting to localhost reaches a port the pod itself listens on (a pod's localhost is its
//    own); other loopback ports (the API server, other clusters' node ports) stay the host's.
//    Connections to another process pod's IP go to that pod's loopback address.
//  - Lifetime: fd 3 is a pipe from the kubelet; when it closes (the cluster process died, even by
//    kill -9) the pod's processes end, so no orphan outlives its cluster.
// The description comes in LKIND_SANDBOX, removed from the environment at once.
import fs from 'node:fs';
import module from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const sandbox = JSON.parse(process.env.LKIND_SANDBOX ?? '{}');
delete process.env.LKIND_SANDBOX;
const orig = { existsSync: fs.existsSync, writeFileSync: fs.writeFileSync, unlinkSync: fs.unlinkSync, readFileSync: fs.readFileSync };

// ---- files -------------------------------------------------------------------------------------
const mounts = (sandbox.mounts ?? []).slice().sort((a, b) => b.path.length - a.path.length);

function remap(p) {
  let path = p;
  if (path instanceof URL && path.protocol === 'file:') path = fileURLToPath(path);
  if (typeof path !== 'string' || !path.startsWith('/')) return p;
  for (const m of mounts) {
    if (path === m.path || path.startsWith(`${m.path}/`)) return m.host + path.slice(m.path.length);
  }
  return p;
}

const ONE_PATH = ['access', 'appendFile', 'chmod', 'chown', 'exists', 'lchown', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open',
  'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat', 'statfs', 'truncate', 'unlink', 'utimes',
  'writeFile', 'watch', 'watchFile', 'unwatchFile', 'createReadStream', 'createWriteStream'];
const TWO_PATHS = ['copyFile', 'cp', 'rename', 'link'];

function wrap(target, name, paths) {
  const fn = target[name];
  if (typeof fn !== 'function') return;
  const wrapped = function (...args) {
    for (const i of paths) if (i < args.length) args[i] = remap(args[i]);
    return fn.apply(this, args);
  };
  Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(fn));
  target[name] = wrapped;
}

if (mounts.length > 0) {
  for (const name of ONE_PATH) {
    wrap(fs, name, [0]);
    wrap(fs, `${name}Sync`, [0]);
    wrap(fs.promises, name, [0]);
  }
  for (const name of TWO_PATHS) {
    wrap(fs, name, [0, 1]);
    wrap(fs, `${name}Sync`, [0, 1]);
    wrap(fs.promises, name, [0, 1]);
  }
  for (const name of ['symlink', 'symlinkSync']) wrap(fs, name, [1]);
  wrap(fs.promises, 'symlink', [1]);
  if (fs.realpathSync.native) wrap(fs.realpathSync, 'native', [0]);
}

// ---- hostname ----------------------------------------------------------------------------------
if (sandbox.hostname) os.hostname = () => sandbox.hostname;

// ---- network -----------------------------------------------------------------------------------
const address = sandbox.address;
const LOOPBACK = new Set([undefined, null, '', 'localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);
const WILDCARD = new Set([...LOOPBACK, '0.0.0.0', '::']);
const passthrough = new Set(sandbox.passthrough ?? []);
const subnet = parseCidr(sandbox.podSubnet);

function parseIPv4(text) {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (parts.length !== 4 || !parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) < 256)) return undefined;
  return parts.reduce((n, x) => n * 256 + Number(x), 0);
}

function parseCidr(text) {
  const [ip, bits] = typeof text === 'string' ? text.split('/') : [];
  const n = parseIPv4(ip);
  if (n === undefined) return undefined;
  const size = 2 ** (32 - Number(bits));
  return { network: n - (n % size), size };
}

/** Where a connection to host:port really goes, or undefined to leave it alone. */
function redirect(host, port) {
  if (LOOPBACK.has(host)) {
    if (passthrough.has(`127.0.0.1:${port}`)) return undefined;
    return orig.existsSync(`${sandbox.ports}/${port}`) ? address : undefined;
  }
  const n = parseIPv4(host);
  if (!subnet || n === undefined || n < subnet.network || n >= subnet.network + subnet.size) return undefined;
  try {
    return orig.readFileSync(`${sandbox.byIP}/${host}`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

if (address) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    const [first] = args;
    if (first && typeof first === 'object' && !('_handle' in first) && !('fd' in first) && !first.path) {
      if (WILDCARD.has(first.host)) args[0] = { ...first, host: address };
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      if (typeof args[1] === 'string') { if (WILDCARD.has(args[1])) args[1] = address; } else args.splice(1, 0, address);
    } else if (first === undefined || first === null || typeof first === 'function') {
      args.splice(0, first === undefined || first === null ? 1 : 0, 0, address);
    }
    this.once('listening', () => registerPort(this));
    return listen.apply(this, args);
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    let opts;
    let cb;
    if (Array.isArray(args[0])) [opts, cb] = args[0];
    else if (args[0] && typeof args[0] === 'object') [opts, cb] = args;
    else if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
      opts = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
      cb = args.find((a) => typeof a === 'function');
    }
    if (!opts || opts.path) return connect.apply(this, args);
    const to = redirect(opts.host, Number(opts.port));
    if (to === undefined) return connect.apply(this, args);
    const next = { ...opts, host: to };
    return typeof cb === 'function' ? connect.call(this, next, cb) : connect.call(this, next);
  };
}

/** Records a port the pod listens on, so that the pod's connections to localhost reach it. */
function registerPort(server) {
  const bound = server.address();
  if (!bound || typeof bound !== 'object' || bound.address !== address || !sandbox.ports) return;
  const file = `${sandbox.ports}/${bound.port}`;
  try {
    orig.writeFileSync(file, String(process.pid));
    server.once('close', () => { try { orig.unlinkSync(file); } catch { /* gone already */ } });
  } catch {
    // the registry is a convenience for localhost connections; listening works without it
  }
}

module.syncBuiltinESMExports();

// ---- lifetime ----------------------------------------------------------------------------------
if (typeof sandbox.lifeline === 'number') {
  try {
    const line = new net.Socket({ fd: sandbox.lifeline, readable: true, writable: false });
    const die = () => {
      try { process.kill(-process.pid, 'SIGTERM'); } catch { process.kill(process.pid, 'SIGTERM'); }
      setTimeout(() => { try { process.kill(-process.pid, 'SIGKILL'); } catch { process.kill(process.pid, 'SIGKILL'); } }, 2000).unref();
    };
    line.on('end', die);
    line.on('error', die);
    line.resume();
    line.unref();
  } catch {
    // no lifeline (started by hand): nothing to watch
  }
}

// Port helpers: say clearly when a fixed port is taken, and hand tests free ports.
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** Thrown when a fixed port is busy; `message` is the one line to print. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly service: string,
    readonly flag: string,
  ) {
    super(`port ${port} (${service}) is already in use — stop what uses it or pass ${flag}`);
    this.name = 'PortInUseError';
  }
}

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    // exclusive: do not share a handle with cluster workers — we want the real answer.
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Resolve when `port` is free, else reject with a PortInUseError naming the service and the
 * command-line flag that moves it, e.g. `port 8000 (DynamoDB Local) is already in use — ...`.
 * Also probes 0.0.0.0, so a server on all interfaces (DynamoDB Local's default) counts as a clash.
 */
export async function assertPortFree(port: number, service: string, flag: string, host = LOOPBACK): Promise<void> {
  const free = (await isPortFree(port, host)) && (await isPortFree(port, '0.0.0.0'));
  if (!free) throw new PortInUseError(port, service, flag);
}

/**
 * A free port for a test or benchmark service. Picked at random below the kernel's ephemeral range
 * (32768-60999 on Linux): a port the OS hands out for "listen on 0" is also what outgoing connections use, so
 * in the second or two before a JVM binds it, some HTTP client's socket could take it. Falls back to the OS's
 * choice if no random port is free.
 */
export async function freePort(host = LOOPBACK): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_100 + Math.floor(Math.random() * 12_000);
    if ((await isPortFree(port, host)) && (await isPortFree(port, '0.0.0.0'))) return port;
  }
  return osFreePort(host);
}

function osFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not read a free port'))));
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number, host = LOOPBACK): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort(host));
  return [...ports];
}

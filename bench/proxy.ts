/**
 * A loopback TCP proxy in front of PostgreSQL that reads the wire protocol as it forwards it, to
 * count round trips from outside the client, and that can delay every server→client burst to
 * stand in for a distant database.
 *
 * A round trip is one client turn: the client sends one or more messages, then waits for the
 * server, which ends the exchange with ReadyForQuery (or, while connecting, with an SSL answer or
 * an authentication request the client must answer). Connecting (SSLRequest, startup,
 * authentication) and querying are counted apart. The proxy listens on 127.0.0.1 and forwards to
 * 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

export interface ProxyStats {
  connections: number;
  /** Client turns while connecting: SSL negotiation, startup, authentication steps. */
  connectRoundTrips: number;
  /** Client turns after the connection is ready: each ends with ReadyForQuery. */
  queryRoundTrips: number;
  /** Simple-protocol Query and extended-protocol Parse messages. */
  queries: number;
  clientBytes: number;
  serverBytes: number;
  /** Connections whose traffic could not be read (TLS): their round trips are not counted. */
  opaqueConnections: number;
  /**
   * CPU time (user + system, ms) of the server processes that served the connections, read from
   * /proc when the client says goodbye or closes its socket; null when /proc is not readable
   * (another host, no rights).
   * Parallel workers are separate processes and are not included.
   */
  serverCpuMs: number | null;
  /** Each query round trip: ms from the client's first message to ReadyForQuery, and bytes. */
  turns: Array<{ ms: number; clientBytes: number; serverBytes: number }>;
}

export interface Proxy {
  port: number;
  stats(): ProxyStats;
  reset(): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** CPU time of a local process in ms (utime + stime, in clock ticks of 10 ms), or null. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Splits a byte stream into protocol messages across chunk boundaries, without copying bodies:
 * it reads each header and the first bytes of the body (all the counting needs), then skips.
 */
class MessageReader {
  private readonly bytes = Buffer.alloc(9);
  private have = 0;
  private headerSize = 0;
  private bodyLength = -1;
  private skip = 0;
  /** Single bytes still expected from the server in answer to SSLRequest / GSSENCRequest. */
  singleBytes = 0;
  onSingleByte: (byte: number) => void = () => undefined;

  /**
   * @param untyped  how many coming messages have no type byte (the client's startup packets)
   * @param onMessage  the type ('' for an untyped packet) and up to 4 first bytes of the body
   */
  constructor(
    public untyped: number,
    private readonly onMessage: (type: string, head: Buffer) => void,
  ) {}

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      if (this.have === 0 && this.singleBytes > 0) {
        this.singleBytes -= 1;
        this.onSingleByte(chunk[i] as number);
        i += 1;
        continue;
      }
      if (this.have === 0) this.headerSize = this.untyped > 0 ? 4 : 5;
      const want = this.bodyLength < 0 ? this.headerSize : this.headerSize + Math.min(4, this.bodyLength);
      const n = Math.min(want - this.have, chunk.length - i);
      chunk.copy(this.bytes, this.have, i, i + n);
      this.have += n;
      i += n;
      if (this.have < want) continue;
      if (this.bodyLength < 0) {
        this.bodyLength = this.bytes.readInt32BE(this.headerSize - 4) - 4;
        if (this.bodyLength > 0) continue;
      }
      const typed = this.headerSize === 5;
      if (!typed) this.untyped -= 1;
      const head = this.bytes.subarray(this.headerSize, this.have);
      this.skip = this.bodyLength - head.length;
      this.have = 0;
      this.bodyLength = -1;
      this.onMessage(typed ? String.fromCharCode(this.bytes[0] as number) : '', head);
    }
  }
}

/** Starts the proxy on an ephemeral loopback port, forwarding to 127.0.0.1:`targetPort`. */
export async function startProxy(targetPort: number, latencyMs = 0): Promise<Proxy> {
  let latency = latencyMs;
  const zero = (): ProxyStats => ({
    connections: 0,
    connectRoundTrips: 0,
    queryRoundTrips: 0,
    queries: 0,
    clientBytes: 0,
    serverBytes: 0,
    opaqueConnections: 0,
    serverCpuMs: 0,
    turns: [],
  });
  let stats = zero();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    stats.connections += 1;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);

    let ready = false;
    let waiting = false;
    let opaque = false;
    let current: { started: number; clientBytes: number; serverBytes: number } | undefined;
    let backendPid: number | undefined;
    let cpuRead = false;
    // Once per connection, while the backend still runs: at Terminate, or when a client that exits
    // without saying goodbye closes its socket (read before the proxy passes the close on).
    const readServerCpu = (): void => {
      if (cpuRead || backendPid === undefined) return;
      cpuRead = true;
      const ms = processCpuMs(backendPid);
      stats.serverCpuMs = ms === null || stats.serverCpuMs === null ? null : stats.serverCpuMs + ms;
    };
    const turn = (): void => {
      if (waiting) return;
      waiting = true;
      if (ready) {
        stats.queryRoundTrips += 1;
        current = { started: performance.now(), clientBytes: 0, serverBytes: 0 };
      } else stats.connectRoundTrips += 1;
    };
    const fromClient = new MessageReader(1, (type, head) => {
      if (type === '') {
        const code = head.length >= 4 ? head.readInt32BE(0) : 0;
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          fromClient.untyped += 1;
          fromServer.singleBytes += 1;
        }
        turn();
        return;
      }
      if (type === 'X') {
        readServerCpu();
        return;
      }
      if (type === 'Q' || type === 'P') stats.queries += 1;
      turn();
    });
    const fromServer = new MessageReader(0, (type, head) => {
      if (type === 'Z') {
        waiting = false;
        ready = true;
        if (current)
          stats.turns.push({ ms: performance.now() - current.started, clientBytes: current.clientBytes, serverBytes: current.serverBytes });
        current = undefined;
      } else if (type === 'K' && head.length >= 4) {
        backendPid = head.readInt32BE(0);
      } else if (type === 'R' && head.length >= 4 && head.readInt32BE(0) !== 0) {
        waiting = false;
      }
    });
    fromServer.onSingleByte = (byte) => {
      waiting = false;
      if (byte === 0x53 || byte === 0x47) opaque = true;
      if (opaque) stats.opaqueConnections += 1;
    };

    client.on('data', (chunk: Buffer) => {
      stats.clientBytes += chunk.length;
      if (!opaque) fromClient.feed(chunk);
      if (current) current.clientBytes += chunk.length;
      upstream.write(chunk);
    });

    // Server→client bursts are held back by `latency` ms each, keeping their order.
    const queue: Array<{ at: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && (queue[0] as { at: number }).at <= now + 0.5) client.write(queue.shift()!.chunk);
      if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0]!.at - performance.now()));
      else if (upstreamEnded) client.end();
    };
    let upstreamEnded = false;
    upstream.on('data', (chunk: Buffer) => {
      stats.serverBytes += chunk.length;
      if (current) current.serverBytes += chunk.length;
      if (!opaque) fromServer.feed(chunk);
      if (latency <= 0 && queue.length === 0) {
        client.write(chunk);
        return;
      }
      queue.push({ at: performance.now() + latency, chunk });
      timer ??= setTimeout(flush, latency);
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      if (queue.length === 0 && timer === undefined) client.end();
    });
    client.on('end', () => {
      readServerCpu();
      upstream.end();
    });
    const drop = (): void => {
      // A connection torn down before its backend's CPU was read: the total would be short.
      if (!cpuRead && backendPid !== undefined) {
        cpuRead = true;
        stats.serverCpuMs = null;
      }
      if (timer) clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    stats: () => ({ ...stats, turns: [...stats.turns] }),
    reset: () => {
      stats = zero();
    },
    setLatency: (ms) => {
      latency = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

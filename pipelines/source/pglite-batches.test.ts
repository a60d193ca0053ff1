import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedPglite, servePglite, type ServedPglite } from './embedded.ts';

/** A frontend message: type byte, int32 length (itself included), body. */
function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };

const parse = (sql: string) => message('P', cstring(''), cstring(sql), int16(0));
const bind = (values: string[]) => message('B', cstring(''), cstring(''), int16(0), int16(values.length), ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]), int16(0));
const execute = () => message('E', cstring(''), int32(0));
const sync = () => message('S');

/** A raw protocol connection that collects the backend's messages (type + body). */
class RawConnection {
  private buffer = Buffer.alloc(0);
  readonly messages: { type: string; body: Buffer }[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 5 && this.buffer.length >= 1 + this.buffer.readInt32BE(1)) {
        const length = this.buffer.readInt32BE(1);
        this.messages.push({ type: String.fromCharCode(this.buffer[0]!), body: this.buffer.subarray(5, 1 + length) });
        this.buffer = this.buffer.subarray(1 + length);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(url: string): Promise<RawConnection> {
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const connection = new RawConnection(socket);
    const params = Buffer.concat([cstring('user'), cstring('postgres'), cstring('database'), cstring('postgres'), Buffer.from([0])]);
    const startup = Buffer.concat([int32(params.length + 8), int32(196608), params]);
    socket.write(startup);
    await connection.readyCount(1);
    connection.messages.length = 0;
    return connection;
  }

  /** Resolves once `n` ReadyForQuery messages have arrived. */
  async readyCount(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.filter((m) => m.type === 'Z').length < n) {
      if (Date.now() > deadline) throw new Error(`no ReadyForQuery after ${timeoutMs} ms: ${this.messages.map((m) => m.type).join('')}`);
      await new Promise<void>((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 50); });
    }
  }

  errors(): string[] {
    return this.messages.filter((m) => m.type === 'E').map((m) => m.body.toString('utf8').replaceAll('\0', ' '));
  }

  /** The first column of each DataRow, as text. */
  values(): string[] {
    return this.messages.filter((m) => m.type === 'D').map((m) => m.body.subarray(6, 6 + m.body.readInt32BE(2)).toString('utf8'));
  }
}

describe('a served PGlite with several connections', () => {
  let served: ServedPglite;
  beforeAll(async () => {
    served = await servePglite(await openEmbeddedPglite(null));
  });
  afterAll(async () => {
    await served?.stop();
  });

  it("runs one connection's extended-protocol query from Parse to Sync before another's, even when its Bind comes later", async () => {
    const [a, b] = [await RawConnection.open(served.url), await RawConnection.open(served.url)];
    try {
      // A's Parse arrives alone (as when a large Bind spans the next TCP chunks); B sends a whole query meanwhile.
      a.socket.write(parse('SELECT $1::int + $2::int'));
      await new Promise((r) => setTimeout(r, 100));
      b.socket.write(Buffer.concat([parse('SELECT $1::text'), bind(['from b']), execute(), sync()]));
      await new Promise((r) => setTimeout(r, 200));
      a.socket.write(Buffer.concat([bind(['40', '2']), execute(), sync()]));
      await Promise.all([a.readyCount(1), b.readyCount(1)]);
      expect({ a: a.errors(), b: b.errors() }).toEqual({ a: [], b: [] });
      expect({ a: a.values(), b: b.values() }).toEqual({ a: ['42'], b: ['from b'] });
    } finally {
      a.socket.destroy();
      b.socket.destroy();
    }
  });

  it('gives the session back when a connection goes away in the middle of a query', async () => {
    const [a, b] = [await RawConnection.open(served.url), await RawConnection.open(served.url)];
    try {
      a.socket.write(parse('SELECT 1'));
      await new Promise((r) => setTimeout(r, 100));
      a.socket.destroy();
      b.socket.write(Buffer.concat([parse('SELECT $1::text'), bind(['still served']), execute(), sync()]));
      await b.readyCount(1);
      expect(b.errors()).toEqual([]);
      expect(b.values()).toEqual(['still served']);
    } finally {
      b.socket.destroy();
    }
  });
});

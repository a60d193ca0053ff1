/**
 * Keeps each connection's extended-protocol query together on a served PGlite.
 *
 * pglite-socket (0.2.x) queues the wire-protocol messages of all connections one by one into the
 * single PGlite session, and keeps one connection's messages together only while a transaction is
 * open. An extended-protocol query (Parse, Bind, Describe, Execute … Sync) is not a transaction
 * between its messages: when its Bind arrives in a later TCP chunk than its Parse (a large insert),
 * another connection's Parse can run in between and replace the unnamed prepared statement, and the
 * Bind then fails ("bind message supplies 11000 parameters, but prepared statement "" requires 2")
 * or binds to the wrong query (electric-sql/pglite#1046). A failed message also left the queue
 * stopped for good. This replaces the queue's scheduling: once a connection has sent a message of an
 * unfinished query, only that connection's messages run until its Sync (or a simple Query ends it).
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  readonly handlerId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  resolve(bytes: number): void;
  reject(error: Error): void;
}

/** The fields of pglite-socket's QueryQueueManager that this module drives (private in its typings). */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Message types that end a query: Sync (extended protocol), Query (simple protocol), Terminate. */
const ENDS_QUERY = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));

/** Whether `message` leaves its connection in the middle of a query (a startup message has no type byte: its first byte is 0). */
function opensQuery(message: Uint8Array): boolean {
  return message.length > 0 && message[0] !== 0 && !ENDS_QUERY.has(message[0]!);
}

export function keepQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  /** The connection whose query is unfinished; only its messages run until it ends the query. */
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const keep = owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = keep === null ? 0 : this.queue.findIndex((q) => q.handlerId === keep);
        // The owner's next message has not arrived yet: it resumes the queue when it is enqueued.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          // PGlite answers SQL errors in the stream; a throw here is the session's own failure: the
          // query is over for its connection, the others go on.
          if (owner === item.handlerId) owner = null;
          item.reject(err instanceof Error ? err : new Error(String(err)));
          continue;
        }
        this.lastHandlerId = item.handlerId;
        owner = opensQuery(item.message) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away mid-query gives the session back to the others.
    if (owner === handlerId) {
      owner = null;
      void queue.processQueue();
    }
  };
}

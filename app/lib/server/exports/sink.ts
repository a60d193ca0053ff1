import fs from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Writes bytes to a Node Writable with backpressure: `write` resolves once the destination can
 * take more, so a slow client holds the producer back instead of filling memory. Rejects when the
 * destination fails or is closed before the export ends (a client that went away).
 */
export class ByteSink {
  bytes = 0;
  constructor(readonly out: Writable) {}

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.byteLength === 0) return;
    this.bytes += chunk.byteLength;
    if (!this.out.write(chunk)) await this.drained();
  }

  /** Resolves when the destination's buffer is below its high-water mark. */
  async drained(): Promise<void> {
    if (!this.out.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        this.out.off('drain', onDrain);
        this.out.off('error', onError);
        this.out.off('close', onClose);
      };
      const onDrain = () => (cleanup(), resolve());
      const onError = (err: Error) => (cleanup(), reject(err));
      const onClose = () => (cleanup(), reject(new Error('the export destination closed before the export ended')));
      this.out.on('drain', onDrain);
      this.out.on('error', onError);
      this.out.on('close', onClose);
    });
  }

  /** Ends the destination and waits until it has flushed. */
  async end(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => {
        this.out.off('error', reject);
        resolve();
      });
    });
  }
}

/** Copies a file to the sink in 1 MiB reads. */
export async function copyFileTo(file: string, sink: ByteSink): Promise<void> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) await sink.write(chunk as Buffer);
}

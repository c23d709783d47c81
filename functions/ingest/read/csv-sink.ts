import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvLines } from '#core/contract/csv.ts';

/**
 * Rows per write: one CSV writer call per batch (a call per row cost more than the parsing), and a batch's
 * text small enough (~50 KB for a survey row) to stay out of V8's large-object space (see zip.ts).
 */
const BATCH_ROWS = 500;

/** A CSV file written row by row, in batches, waiting when the disk is behind. */
export class CsvSink {
  private readonly stream;
  private batch: unknown[][] = [];

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async add(row: unknown[]): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= BATCH_ROWS) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const text = csvLines(this.batch);
    this.batch = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

import {
  CreatePartitionCommand,
  DeletePartitionCommand,
  GetPartitionCommand,
  GetTableCommand,
  type GlueClient,
  paginateGetPartitions,
  type StorageDescriptor,
  UpdatePartitionCommand,
} from '@aws-sdk/client-glue';
import { type Period, periodOf } from '#core/period.ts';

const values = (p: Period) => [String(p.year), String(p.quarter)];
const named = (e: unknown, name: string) => (e as Error).name === name;

/**
 * Mart partitions as Glue partitions (no projection): each period's partition names the folder one run
 * wrote, so switching readers to a new build is one `UpdatePartition` — a reader sees the old folder or
 * the new one, never a half-written or empty partition.
 */
export class MartPartitions {
  private readonly descriptors = new Map<string, StorageDescriptor>();

  constructor(
    private readonly glue: GlueClient,
    private readonly database: string,
  ) {}

  /** The partition's current location, or undefined when the period has none. */
  async location(table: string, period: Period): Promise<string | undefined> {
    try {
      const r = await this.glue.send(
        new GetPartitionCommand({
          DatabaseName: this.database,
          TableName: table,
          PartitionValues: values(period),
        }),
      );
      return r.Partition?.StorageDescriptor?.Location;
    } catch (e) {
      if (named(e, 'EntityNotFoundException')) return undefined;
      throw e;
    }
  }

  /** Point the period's partition at `location` (create it, or switch an existing one in one call). */
  async point(table: string, period: Period, location: string): Promise<void> {
    const input = {
      Values: values(period),
      StorageDescriptor: { ...(await this.descriptor(table)), Location: location },
    };
    const key = { DatabaseName: this.database, TableName: table };
    if ((await this.location(table, period)) === undefined) {
      try {
        await this.glue.send(new CreatePartitionCommand({ ...key, PartitionInput: input }));
        return;
      } catch (e) {
        if (!named(e, 'AlreadyExistsException')) throw e;
      }
    }
    await this.glue.send(
      new UpdatePartitionCommand({ ...key, PartitionValueList: values(period), PartitionInput: input }),
    );
  }

  /** Periods with a partition, in period order. */
  async list(table: string): Promise<Period[]> {
    const out: Period[] = [];
    const pages = paginateGetPartitions(
      { client: this.glue },
      { DatabaseName: this.database, TableName: table },
    );
    for await (const page of pages) {
      for (const p of page.Partitions ?? []) {
        const [year, quarter] = (p.Values ?? []).map(Number);
        if (Number.isInteger(year) && quarter! >= 1 && quarter! <= 4) out.push(periodOf(year!, quarter!));
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Remove the period's partition from the catalog (no error when absent). */
  async remove(table: string, period: Period): Promise<void> {
    try {
      await this.glue.send(
        new DeletePartitionCommand({
          DatabaseName: this.database,
          TableName: table,
          PartitionValues: values(period),
        }),
      );
    } catch (e) {
      if (!named(e, 'EntityNotFoundException')) throw e;
    }
  }

  /** The table's storage descriptor (columns, formats, SerDe): a new partition repeats it. */
  private async descriptor(table: string): Promise<StorageDescriptor> {
    const cached = this.descriptors.get(table);
    if (cached) return cached;
    const r = await this.glue.send(new GetTableCommand({ DatabaseName: this.database, Name: table }));
    const sd = r.Table?.StorageDescriptor;
    if (!sd) throw new Error(`table ${this.database}.${table} is not in the Glue catalog`);
    this.descriptors.set(table, sd);
    return sd;
  }
}

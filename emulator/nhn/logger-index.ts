import type { Stamp } from "./dates";

/** What the index reads of a logger record. */
export interface IndexedLogger {
  id: string;
  created: Stamp;
  spec: { name: string };
  ports: ReadonlyArray<{ id: string }>;
}

// List order: created, then id (ids of one shape, so plain comparison is enough and cheaper than locale).
const compare = (a: IndexedLogger, b: IndexedLogger) =>
  a.created.ms - b.created.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A region's loggers by id, by name, by logging-port id, and in list order, kept so as records come and
 * go: a list over tens of thousands neither sorts nor scans to find an id, a name or a marker.
 */
export class LoggerIndex<R extends IndexedLogger> {
  private readonly byId = new Map<string, R>();
  private readonly byName = new Map<string, Set<R>>();
  private readonly byPort = new Map<string, R>();
  private readonly ordered: R[] = [];

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  named(name: string): ReadonlySet<R> {
    return this.byName.get(name) ?? new Set();
  }

  /** The logger that logs through this logging port. */
  portOwner(loggingPortId: string): R | undefined {
    return this.byPort.get(loggingPortId);
  }

  /** Every record, in list order. */
  inOrder(): readonly R[] {
    return this.ordered;
  }

  /** A record's place in list order (its index there now). */
  rank(record: R): number {
    return this.lowerBound(record);
  }

  add(record: R): void {
    this.byId.set(record.id, record);
    const named = this.byName.get(record.spec.name);
    if (named) named.add(record);
    else this.byName.set(record.spec.name, new Set([record]));
    for (const port of record.ports) this.byPort.set(port.id, record);
    // Creates and seeding arrive in order: appending is the common case.
    const last = this.ordered[this.ordered.length - 1];
    if (!last || compare(last, record) < 0) this.ordered.push(record);
    else this.ordered.splice(this.lowerBound(record), 0, record);
  }

  remove(record: R): void {
    if (this.byId.get(record.id) !== record) return;
    this.byId.delete(record.id);
    const named = this.byName.get(record.spec.name);
    named?.delete(record);
    if (named?.size === 0) this.byName.delete(record.spec.name);
    for (const port of record.ports) this.byPort.delete(port.id);
    const at = this.lowerBound(record);
    if (this.ordered[at] === record) this.ordered.splice(at, 1);
  }

  /** Runs a change of a record's name, created time or ports, filing it again afterwards. */
  refile(record: R, change: () => void): void {
    this.remove(record);
    change();
    this.add(record);
  }

  private lowerBound(record: R): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(this.ordered[mid], record) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

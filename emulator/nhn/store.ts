import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Readings } from "../readings";
import type { NhnRegionSeed } from "../seed";
import { nowWithMicros, parseStamp, type Stamp } from "./dates";
import { badRequest, loggerNotFound, nameInUse, type Outcome } from "./errors";
import type { Narrowing } from "./list";
import { LoggerIndex } from "./logger-index";
import { type ApiLoggingPort, type LoggerSpec, StoredLogger } from "./model";
import type { Listed, Listing } from "./paging";
import { type LoggerRecord, type LoggingPortRecord, loggerView, loggingPortView } from "./records";
import { Topology } from "./topology";
import type { UpdateLoggerRequest } from "./validation";

/** A console edit may change any attribute but the id. */
export const ConsoleEdit = z.strictObject(StoredLogger.omit({ id: true }).partial().shape);

export interface Settings {
  activationMs: number;
  latencyMs: number;
}

/** A view made on first use: a list renders only what it filters on or answers. */
function lazy<T extends object>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * One region's loggers and logging ports. Status and eventual deletion are derived from timestamps when
 * read, so no timers run. The readings are the emulator's live ones: a change applies at once.
 */
export class RegionStore {
  private readonly index = new LoggerIndex<LoggerRecord>();
  /** Loggers deleted under deleteMode "eventual", forgotten once their time has come. */
  private readonly pending = new Set<LoggerRecord>();
  private readonly topology: Topology;

  constructor(
    readonly region: string,
    private readonly seed: NhnRegionSeed,
    private readonly settings: Settings,
    private readonly readings: Readings,
  ) {
    this.topology = new Topology(seed);
  }

  create(spec: LoggerSpec, tenantId: string): Outcome<StoredLogger> {
    if (!this.topology.ports(spec.resource_type, spec.resource_id)) {
      const reason = `${spec.resource_type} ${spec.resource_id} does not exist in region ${this.region}`;
      return { ok: false, error: badRequest(`Invalid input for resource_id. Reason: ${reason}.`) };
    }
    const holder = this.nameHolder(spec.name, tenantId, spec.resource_id);
    if (holder) return { ok: false, error: nameInUse(spec.name, holder.id) };
    const now = Date.now();
    const record = this.record(spec, tenantId, now);
    record.buildUntil = now + this.settings.activationMs;
    this.index.add(record);
    return { ok: true, value: this.view(record) };
  }

  /** A logger made before the emulator started (seeding): past BUILD already, and not checked. */
  adopt(spec: LoggerSpec, tenantId: string, createdMs: number): void {
    this.index.add(this.record(spec, tenantId, createdMs));
  }

  /** Loggers visible to a tenant (all tenants when undefined), by created_at then id. */
  list(tenantId?: string): StoredLogger[] {
    this.sweep();
    return this.index
      .inOrder()
      .filter((r) => tenantId === undefined || r.tenantId === tenantId)
      .map((record) => this.view(record));
  }

  /** A tenant's loggers for GET of the list, in list order; narrowed by id or name through the index. */
  loggers(tenantId: string, narrowed?: Narrowing): Listing<StoredLogger> {
    this.sweep();
    const ranked = this.ranked(tenantId, narrowed && this.lookUp(narrowed));
    const items = ranked.map(({ record, rank }) => ({
      rank,
      id: record.id,
      view: lazy(() => this.view(record)),
    }));
    const rankOf = (id: string) => {
      const record = this.index.get(id);
      return record?.tenantId === tenantId ? this.index.rank(record) : undefined;
    };
    return { items, rankOf };
  }

  /** A tenant's logging ports for GET of the list: by their logger's order, then the logger's own. */
  loggingPorts(tenantId: string, narrowed?: Narrowing): Listing<ApiLoggingPort> {
    this.sweep();
    const ranked = this.ranked(tenantId, narrowed && this.lookUpPorts(narrowed));
    const items = ranked.flatMap(({ record, rank }) =>
      record.ports.map(
        (port, i): Listed<ApiLoggingPort> => ({
          // A logger's ports fall between its rank and the next logger's.
          rank: rank + i / record.ports.length,
          id: port.id,
          view: lazy(() => loggingPortView(record, port, this.readings)),
        }),
      ),
    );
    const rankOf = (id: string) => {
      const record = this.index.portOwner(id);
      if (record?.tenantId !== tenantId) return undefined;
      return this.index.rank(record) + record.ports.findIndex((p) => p.id === id) / record.ports.length;
    };
    return { items, rankOf };
  }

  loggingPort(id: string, tenantId: string): ApiLoggingPort | undefined {
    this.sweep();
    const record = this.index.portOwner(id);
    const port = record?.tenantId === tenantId ? record.ports.find((p) => p.id === id) : undefined;
    return record && port && loggingPortView(record, port, this.readings);
  }

  get(id: string, tenantId?: string): StoredLogger | undefined {
    const record = this.find(id, tenantId);
    return record && this.view(record);
  }

  /** A PUT: 404 while a deletion is pending, 409 for a rename the uniqueNames reading forbids. */
  update(id: string, patch: UpdateLoggerRequest, tenantId?: string): Outcome<StoredLogger> {
    const record = this.find(id, tenantId);
    if (!record || record.deleting) return { ok: false, error: loggerNotFound(id) };
    const holder =
      patch.name !== record.spec.name &&
      this.nameHolder(patch.name, record.tenantId, record.spec.resource_id);
    if (holder) return { ok: false, error: nameInUse(patch.name, holder.id) };
    const changed = Object.entries(patch).some(([k, v]) => record.spec[k as keyof LoggerSpec] !== v);
    if (patch.admin_state_up !== undefined) this.setAdminState(record, patch.admin_state_up);
    this.index.refile(record, () => {
      record.spec = { ...record.spec, ...patch };
    });
    if (changed) record.updated = nowWithMicros();
    return { ok: true, value: this.view(record) };
  }

  /** Out-of-band console edit; throws when the logger is unknown or the patch is malformed. */
  edit(id: string, patch: Record<string, unknown>): StoredLogger {
    const record = this.find(id);
    if (!record) throw new Error(`no logger ${id} in region ${this.region}`);
    const edit = ConsoleEdit.parse(patch);
    const { status, error_type, tenant_id, project_id, created_at, updated_at, ...spec } = edit;
    // Dates are read in the zone the API writes them in now, as the console shows them.
    const created = created_at === undefined ? record.created : this.stamp(created_at);
    const updated = updated_at === undefined ? nowWithMicros() : this.stamp(updated_at);
    if (spec.admin_state_up !== undefined) this.setAdminState(record, spec.admin_state_up);
    this.index.refile(record, () => {
      record.spec = { ...record.spec, ...spec };
      record.created = created;
      if (spec.resource_id !== undefined || spec.resource_type !== undefined) {
        record.ports = this.placePorts(record, Date.now());
      }
    });
    record.tenantId = tenant_id ?? record.tenantId;
    record.projectId = project_id ?? record.projectId;
    if (status !== undefined) {
      record.pinned = { status, error_type: status === "ERROR" ? "OBSServiceNotAvailableError" : "" };
    }
    if (error_type !== undefined) record.pinned = { ...record.pinned, error_type };
    record.updated = updated;
    return this.view(record);
  }

  /** An API DELETE, as the deleteMode reading says; a DELETE of a logger pending deletion succeeds again. */
  delete(id: string, tenantId: string): boolean {
    const record = this.find(id, tenantId);
    if (!record) return false;
    if (this.readings.deleteMode === "immediate") this.forget(record);
    else if (!record.deleting) {
      record.deleting = { goneAt: Date.now() + this.readings.deleteDelayMs, shown: this.view(record) };
      this.pending.add(record);
    }
    return true;
  }

  /** A console delete: gone at once, whatever the readings. */
  remove(id: string): boolean {
    const record = this.find(id);
    if (record) this.forget(record);
    return record !== undefined;
  }

  private record(spec: LoggerSpec, tenantId: string, createdMs: number): LoggerRecord {
    const record: LoggerRecord = {
      id: randomUUID(),
      tenantId,
      projectId: tenantId,
      spec,
      created: { ms: createdMs },
      updated: { ms: createdMs },
      buildUntil: createdMs,
      ports: [],
    };
    record.ports = this.placePorts(record, createdMs);
    return record;
  }

  /** The tenant's records, in list order, with their ranks: all of them, or just `only` (swept first). */
  private ranked(
    tenantId: string,
    only?: Iterable<LoggerRecord>,
  ): Array<{ record: LoggerRecord; rank: number }> {
    if (only) {
      return [...new Set(only)]
        .filter((record) => record.tenantId === tenantId)
        .map((record) => ({ record, rank: this.index.rank(record) }))
        .sort((a, b) => a.rank - b.rank);
    }
    const all = this.index.inOrder();
    const ranked: Array<{ record: LoggerRecord; rank: number }> = [];
    for (let rank = 0; rank < all.length; rank++) {
      if (all[rank].tenantId === tenantId) ranked.push({ record: all[rank], rank });
    }
    return ranked;
  }

  /** Loggers whose id (param "id") or name (param "name") is one of the values. */
  private lookUp({ param, values }: Narrowing): LoggerRecord[] {
    if (param === "name") return values.flatMap((name) => [...this.index.named(name)]);
    return values.map((id) => this.index.get(id)).filter((r): r is LoggerRecord => r !== undefined);
  }

  /** Loggers with a logging port of one of the ids (param "id"), or of one of the logger ids ("logger_id"). */
  private lookUpPorts({ param, values }: Narrowing): LoggerRecord[] {
    const find = (id: string) => (param === "id" ? this.index.portOwner(id) : this.index.get(id));
    return values.map(find).filter((r): r is LoggerRecord => r !== undefined);
  }

  private find(id: string, tenantId?: string): LoggerRecord | undefined {
    this.sweep();
    const record = this.index.get(id);
    return record && (tenantId === undefined || record.tenantId === tenantId) ? record : undefined;
  }

  private forget(record: LoggerRecord): void {
    this.index.remove(record);
    this.pending.delete(record);
  }

  /** Forgets the loggers whose eventual deletion has come. */
  private sweep(): void {
    if (this.pending.size === 0) return;
    const now = Date.now();
    for (const record of this.pending) {
      if (record.deleting && record.deleting.goneAt <= now) this.forget(record);
    }
  }

  /** The tenant's logger that already holds `name` where the uniqueNames reading forbids a second. */
  private nameHolder(name: string, tenantId: string, resourceId: string): LoggerRecord | undefined {
    const scope = this.readings.uniqueNames;
    if (scope === "none") return undefined;
    this.sweep();
    return [...this.index.named(name)].find(
      (r) => r.tenantId === tenantId && (scope === "tenant" || r.spec.resource_id === resourceId),
    );
  }

  private setAdminState(record: LoggerRecord, up: boolean): void {
    if (up === record.spec.admin_state_up) return;
    record.pinned = undefined;
    // Re-enabling goes through BUILD again, as after create.
    if (up) record.buildUntil = Date.now() + this.settings.activationMs;
  }

  /** Keeps the ids of ports still covered, so a logging port's id is stable. */
  private placePorts(record: LoggerRecord, at: number): LoggingPortRecord[] {
    const placements = this.topology.ports(record.spec.resource_type, record.spec.resource_id) ?? [];
    return placements.map((placement) => {
      const kept = record.ports.find((p) => p.port_id === placement.port_id);
      return kept ?? { id: randomUUID(), ...placement, created: { ms: at } };
    });
  }

  private view(record: LoggerRecord): StoredLogger {
    return loggerView(record, this.seed.grantedContainers, this.readings);
  }

  private stamp(text: string): Stamp {
    const parsed = parseStamp(text, this.readings.timeZone);
    if (!parsed) throw new Error(`not a date in the API's format (2024-08-04 05:22:57): ${text}`);
    return parsed;
  }
}

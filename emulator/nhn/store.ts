import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Readings } from "../readings";
import type { NhnRegionSeed } from "../seed";
import { formatStamp, nowWithMicros, parseStamp, type Stamp } from "./dates";
import { badRequest, loggerNotFound, nameInUse, type Outcome } from "./errors";
import { type ApiLoggingPort, type LoggerSpec, StoredLogger } from "./model";
import { Topology } from "./topology";
import { STORAGE_URL, type UpdateLoggerRequest } from "./validation";

interface LoggingPortRecord {
  id: string;
  port_id: string;
  network_id: string;
  created: Stamp;
}

interface LoggerRecord {
  id: string;
  tenantId: string;
  projectId: string;
  spec: LoggerSpec;
  created: Stamp;
  updated: Stamp;
  /** BUILD lasts until this instant (epoch ms) while admin_state_up is true. */
  buildUntil: number;
  /** Status pinned by a console edit; cleared when admin_state_up changes. */
  pinned?: Partial<Pick<StoredLogger, "status" | "error_type">>;
  ports: LoggingPortRecord[];
  /** Set by a DELETE under deleteMode "eventual": shown as it was, until goneAt (epoch ms). */
  deleting?: { goneAt: number; shown: StoredLogger };
}

/** A console edit may change any attribute but the id. */
export const ConsoleEdit = z.strictObject(StoredLogger.omit({ id: true }).partial().shape);

export interface Settings {
  activationMs: number;
  latencyMs: number;
}

/**
 * One region's loggers and logging ports. Status and eventual deletion are derived from timestamps when
 * read, so no timers run. The readings are the emulator's live ones: a change applies at once.
 */
export class RegionStore {
  private readonly loggers = new Map<string, LoggerRecord>();
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
    const placements = this.topology.ports(spec.resource_type, spec.resource_id);
    if (!placements) {
      const reason = `${spec.resource_type} ${spec.resource_id} does not exist in region ${this.region}`;
      return { ok: false, error: badRequest(`Invalid input for resource_id. Reason: ${reason}.`) };
    }
    const holder = this.nameHolder(spec.name, tenantId, spec.resource_id);
    if (holder) return { ok: false, error: nameInUse(spec.name, holder.id) };
    const now = Date.now();
    const record: LoggerRecord = {
      id: randomUUID(),
      tenantId,
      projectId: tenantId,
      spec,
      created: { ms: now },
      updated: { ms: now },
      buildUntil: now + this.settings.activationMs,
      ports: [],
    };
    record.ports = this.placePorts(record);
    this.loggers.set(record.id, record);
    return { ok: true, value: this.view(record) };
  }

  /** Loggers visible to a tenant (all tenants when undefined), by created_at then id. */
  list(tenantId?: string): StoredLogger[] {
    return this.visible(tenantId)
      .sort((a, b) => a.created.ms - b.created.ms || a.id.localeCompare(b.id))
      .map((record) => this.view(record));
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
    record.spec = { ...record.spec, ...patch };
    if (changed) record.updated = nowWithMicros();
    return { ok: true, value: this.view(record) };
  }

  /** Out-of-band console edit; throws when the logger is unknown or the patch is malformed. */
  edit(id: string, patch: Record<string, unknown>): StoredLogger {
    const record = this.find(id);
    if (!record) throw new Error(`no logger ${id} in region ${this.region}`);
    const edit = ConsoleEdit.parse(patch);
    const { status, error_type, tenant_id, project_id, created_at, updated_at, ...spec } = edit;
    if (spec.admin_state_up !== undefined) this.setAdminState(record, spec.admin_state_up);
    record.spec = { ...record.spec, ...spec };
    record.tenantId = tenant_id ?? record.tenantId;
    record.projectId = project_id ?? record.projectId;
    if (status !== undefined) {
      record.pinned = { status, error_type: status === "ERROR" ? "OBSServiceNotAvailableError" : "" };
    }
    if (error_type !== undefined) record.pinned = { ...record.pinned, error_type };
    if (spec.resource_id !== undefined || spec.resource_type !== undefined)
      record.ports = this.placePorts(record);
    record.created = created_at === undefined ? record.created : stamp(created_at);
    record.updated = updated_at === undefined ? nowWithMicros() : stamp(updated_at);
    return this.view(record);
  }

  /** An API DELETE, as the deleteMode reading says; a DELETE of a logger pending deletion succeeds again. */
  delete(id: string, tenantId: string): boolean {
    const record = this.find(id, tenantId);
    if (!record) return false;
    if (this.readings.deleteMode === "immediate") this.loggers.delete(id);
    else record.deleting ??= { goneAt: Date.now() + this.readings.deleteDelayMs, shown: this.view(record) };
    return true;
  }

  /** A console delete: gone at once, whatever the readings. */
  remove(id: string): boolean {
    return this.find(id) !== undefined && this.loggers.delete(id);
  }

  loggingPorts(tenantId?: string): ApiLoggingPort[] {
    return this.list(tenantId).flatMap((logger) => {
      const record = this.loggers.get(logger.id)!;
      return record.ports.map((port) => ({
        id: port.id,
        logger_id: record.id,
        port_id: port.port_id,
        network_id: port.network_id,
        tenant_id: record.tenantId,
        project_id: record.projectId,
        created_at: formatStamp(port.created),
        updated_at: formatStamp(port.created),
      }));
    });
  }

  private visible(tenantId?: string): LoggerRecord[] {
    this.sweep();
    return [...this.loggers.values()].filter((r) => tenantId === undefined || r.tenantId === tenantId);
  }

  private find(id: string, tenantId?: string): LoggerRecord | undefined {
    this.sweep();
    const record = this.loggers.get(id);
    return record && (tenantId === undefined || record.tenantId === tenantId) ? record : undefined;
  }

  /** Forgets the loggers whose eventual deletion has come. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, record] of this.loggers) {
      if (record.deleting && record.deleting.goneAt <= now) this.loggers.delete(id);
    }
  }

  /** The tenant's logger that already holds `name` where the uniqueNames reading forbids a second. */
  private nameHolder(name: string, tenantId: string, resourceId: string): LoggerRecord | undefined {
    const scope = this.readings.uniqueNames;
    if (scope === "none") return undefined;
    return this.visible(tenantId).find(
      (r) => r.spec.name === name && (scope === "tenant" || r.spec.resource_id === resourceId),
    );
  }

  private setAdminState(record: LoggerRecord, up: boolean): void {
    if (up === record.spec.admin_state_up) return;
    record.pinned = undefined;
    // Re-enabling goes through BUILD again, as after create.
    if (up) record.buildUntil = Date.now() + this.settings.activationMs;
  }

  /** Keeps the ids of ports still covered, so a logging port's id is stable. */
  private placePorts(record: LoggerRecord): LoggingPortRecord[] {
    const placements = this.topology.ports(record.spec.resource_type, record.spec.resource_id) ?? [];
    return placements.map((placement) => {
      const kept = record.ports.find((p) => p.port_id === placement.port_id);
      return kept ?? { id: randomUUID(), ...placement, created: { ms: Date.now() } };
    });
  }

  private view(record: LoggerRecord): StoredLogger {
    if (record.deleting) return record.deleting.shown;
    const now = Date.now();
    let updated = record.updated;
    let state: Pick<StoredLogger, "status" | "error_type">;
    if (!record.spec.admin_state_up) state = { status: "INACTIVE", error_type: "" };
    else if (now < record.buildUntil) state = { status: "BUILD", error_type: "" };
    else {
      const container = STORAGE_URL.exec(record.spec.storage_url)?.[1];
      state = this.seed.grantedContainers.includes(container ?? "")
        ? { status: "ACTIVE", error_type: "" }
        : { status: "ERROR", error_type: "OBSConfigurationError" };
      // Leaving BUILD is itself an update.
      if (record.buildUntil > updated.ms) updated = { ms: record.buildUntil };
    }
    return {
      id: record.id,
      ...record.spec,
      ...state,
      ...record.pinned,
      tenant_id: record.tenantId,
      project_id: record.projectId,
      created_at: formatStamp(record.created),
      updated_at: formatStamp(updated),
    };
  }
}

function stamp(text: string): Stamp {
  const parsed = parseStamp(text);
  if (!parsed) throw new Error(`not a date in the API's format (2024-08-04 05:22:57): ${text}`);
  return parsed;
}

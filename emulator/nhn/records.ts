import type { Readings } from "../readings";
import { formatStamp, type Stamp } from "./dates";
import type { ApiLoggingPort, LoggerSpec, StoredLogger } from "./model";
import { STORAGE_URL } from "./validation";

export interface LoggingPortRecord {
  id: string;
  port_id: string;
  network_id: string;
  created: Stamp;
}

export interface LoggerRecord {
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

/** A logger as GET shows it now: status derived from the clock and the granted containers, dates in the zone. */
export function loggerView(
  record: LoggerRecord,
  granted: readonly string[],
  readings: Readings,
): StoredLogger {
  if (record.deleting) return record.deleting.shown;
  let updated = record.updated;
  let state: Pick<StoredLogger, "status" | "error_type">;
  if (!record.spec.admin_state_up) state = { status: "INACTIVE", error_type: "" };
  else if (Date.now() < record.buildUntil) state = { status: "BUILD", error_type: "" };
  else {
    const container = STORAGE_URL.exec(record.spec.storage_url)?.[1];
    state = granted.includes(container ?? "")
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
    created_at: formatStamp(record.created, readings.timeZone),
    updated_at: formatStamp(updated, readings.timeZone),
  };
}

export function loggingPortView(
  record: LoggerRecord,
  port: LoggingPortRecord,
  readings: Readings,
): ApiLoggingPort {
  const at = formatStamp(port.created, readings.timeZone);
  return {
    id: port.id,
    logger_id: record.id,
    port_id: port.port_id,
    network_id: port.network_id,
    tenant_id: record.tenantId,
    project_id: record.projectId,
    created_at: at,
    updated_at: at,
  };
}

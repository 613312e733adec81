import { empty, json, type LogNotes, type ParsedRequest, parseJson } from "../http";
import type { Readings } from "../readings";
import { badRequest, loggerNotFound, type NhnReply } from "./errors";
import { type ListSource, listReply } from "./list";
import type { StoredLogger } from "./model";
import { present } from "./present";
import type { ListFilters } from "./query";
import type { RegionStore } from "./store";
import { unwrap, validateCreate, validateUpdate } from "./validation";

/** What a handler needs: the region's store, the caller's tenant, the readings, the lost-create counter. */
export interface LoggerCall {
  store: RegionStore;
  tenantId: string;
  req: ParsedRequest;
  notes: LogNotes;
  readings: Readings;
  /** Decrements and returns true when this create's response must be lost. */
  loseCreateResponse: () => boolean;
  /** The emulator's URL, for links when a request has no Host. */
  url: string;
}

// The document spells the list filter "partitioned_period" but the attribute "partition_period".
const LIST_FILTERS: ListFilters<StoredLogger> = {
  fields: {
    id: "id",
    name: "name",
    description: "description",
    resource_type: "resource_type",
    resource_id: "resource_id",
    filter: "filter",
    aggregation_interval: "aggregation_interval",
    connection_setup_only: "connection_setup_only",
    storage_type: "storage_type",
    storage_url: "storage_url",
    log_format: "log_format",
    compression_type: "compression_type",
    partition_period: "partition_period",
    partitioned_period: "partition_period",
    admin_state_up: "admin_state_up",
    status: "status",
    error_type: "error_type",
    tenant_id: "tenant_id",
    project_id: "project_id",
  },
  // The document's table; its typo'd labels "Resource ID" and "String" stand for resource_id and status.
  documented: [
    "id",
    "name",
    "resource_type",
    "resource_id",
    "filter",
    "aggregation_interval",
    "storage_type",
    "log_format",
    "compression_type",
    "partitioned_period",
    "status",
  ],
};

export function listLoggers({ store, tenantId, req, readings, url }: LoggerCall): NhnReply {
  const source: ListSource<StoredLogger> = {
    key: "flowlog_loggers",
    filters: LIST_FILTERS,
    indexed: ["id", "name"],
    listing: (narrowed) => store.loggers(tenantId, narrowed),
    present: (logger) => present(logger, readings, "read"),
  };
  return listReply(source, req, readings, url);
}

export function showLogger({ store, tenantId, notes, readings }: LoggerCall, id: string): NhnReply {
  notes.loggerId = id;
  const logger = store.get(id, tenantId);
  return logger ? json(200, { flowlog_logger: present(logger, readings, "read") }) : loggerNotFound(id);
}

export function createLogger(call: LoggerCall): NhnReply {
  const body = unwrap(parseJson(call.req.body));
  if (!body.ok) return badRequest(body.message);
  const spec = validateCreate(body.value);
  if (!spec.ok) return badRequest(spec.message);
  const created = call.store.create(spec.value, call.tenantId);
  if (!created.ok) return created.error;
  call.notes.loggerId = created.value.id;
  if (call.loseCreateResponse()) {
    call.notes.fault = "lost-create";
    return { kind: "drop" };
  }
  return json(201, { flowlog_logger: present(created.value, call.readings, "write") });
}

export function updateLogger({ store, tenantId, req, notes, readings }: LoggerCall, id: string): NhnReply {
  notes.loggerId = id;
  if (!store.get(id, tenantId)) return loggerNotFound(id);
  const body = unwrap(parseJson(req.body));
  if (!body.ok) return badRequest(body.message);
  const patch = validateUpdate(body.value);
  if (!patch.ok) return badRequest(patch.message);
  const updated = store.update(id, patch.value, tenantId);
  return updated.ok
    ? json(200, { flowlog_logger: present(updated.value, readings, "write") })
    : updated.error;
}

export function deleteLogger({ store, tenantId, notes }: LoggerCall, id: string): NhnReply {
  notes.loggerId = id;
  return store.delete(id, tenantId) ? empty(204) : loggerNotFound(id);
}

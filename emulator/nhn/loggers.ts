import { empty, json, type LogNotes, type ParsedRequest, parseJson, type Reply } from "../http";
import { badRequest, loggerNotFound } from "./errors";
import type { ApiLogger } from "./model";
import { filterByQuery } from "./query";
import type { RegionStore } from "./store";
import { unwrap, validateCreate, validateUpdate } from "./validation";

/** What a logger handler needs: the region's store, the caller's tenant, and the lost-create counter. */
export interface LoggerCall {
  store: RegionStore;
  tenantId: string;
  req: ParsedRequest;
  notes: LogNotes;
  /** Decrements and returns true when this create's response must be lost. */
  loseCreateResponse: () => boolean;
}

// The document spells the list filter "partitioned_period" but the attribute "partition_period".
const LIST_FILTERS: Record<string, keyof ApiLogger> = {
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
};

export function listLoggers({ store, tenantId, req }: LoggerCall): Reply {
  return json(200, { flowlog_loggers: filterByQuery(store.list(tenantId), req.params, LIST_FILTERS) });
}

export function showLogger({ store, tenantId, notes }: LoggerCall, id: string): Reply {
  notes.loggerId = id;
  const logger = store.get(id, tenantId);
  return logger ? json(200, { flowlog_logger: logger }) : loggerNotFound(id);
}

export function createLogger(call: LoggerCall): Reply {
  const body = unwrap(parseJson(call.req.body));
  if (!body.ok) return badRequest(body.message);
  const spec = validateCreate(body.value);
  if (!spec.ok) return badRequest(spec.message);
  const created = call.store.create(spec.value, call.tenantId);
  if (!created.ok) return badRequest(created.message);
  call.notes.loggerId = created.value.id;
  if (call.loseCreateResponse()) {
    call.notes.fault = "lost-create";
    return { kind: "drop" };
  }
  return json(201, { flowlog_logger: created.value });
}

export function updateLogger({ store, tenantId, req, notes }: LoggerCall, id: string): Reply {
  notes.loggerId = id;
  if (!store.get(id, tenantId)) return loggerNotFound(id);
  const body = unwrap(parseJson(req.body));
  if (!body.ok) return badRequest(body.message);
  const patch = validateUpdate(body.value);
  if (!patch.ok) return badRequest(patch.message);
  return json(200, { flowlog_logger: store.update(id, patch.value, tenantId) });
}

export function deleteLogger({ store, tenantId, notes }: LoggerCall, id: string): Reply {
  notes.loggerId = id;
  return store.delete(id, tenantId) ? empty(204) : loggerNotFound(id);
}

import { json, type Reply } from "../http";
import { loggingPortNotFound } from "./errors";
import type { LoggerCall } from "./loggers";
import type { ApiLoggingPort } from "./model";
import { filterByQuery } from "./query";

const LIST_FILTERS: Record<string, keyof ApiLoggingPort> = {
  id: "id",
  logger_id: "logger_id",
  port_id: "port_id",
  network_id: "network_id",
  tenant_id: "tenant_id",
  project_id: "project_id",
};

export function listLoggingPorts({ store, tenantId, req }: LoggerCall): Reply {
  return json(200, {
    flowlog_logging_ports: filterByQuery(store.loggingPorts(tenantId), req.params, LIST_FILTERS),
  });
}

export function showLoggingPort({ store, tenantId }: LoggerCall, id: string): Reply {
  const port = store.loggingPorts(tenantId).find((p) => p.id === id);
  return port ? json(200, { flowlog_logging_port: port }) : loggingPortNotFound(id);
}

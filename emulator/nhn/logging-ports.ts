import { json } from "../http";
import { loggingPortNotFound, type NhnReply } from "./errors";
import type { LoggerCall } from "./loggers";
import type { ApiLoggingPort } from "./model";
import { filterByQuery, type ListFilters } from "./query";

const LIST_FILTERS: ListFilters<ApiLoggingPort> = {
  fields: {
    id: "id",
    logger_id: "logger_id",
    port_id: "port_id",
    network_id: "network_id",
    tenant_id: "tenant_id",
    project_id: "project_id",
  },
  documented: ["id", "logger_id", "port_id", "network_id"],
};

export function listLoggingPorts({ store, tenantId, req, readings }: LoggerCall): NhnReply {
  const listed = filterByQuery(store.loggingPorts(tenantId), req.params, LIST_FILTERS, readings);
  return listed.ok ? json(200, { flowlog_logging_ports: listed.value }) : listed.error;
}

export function showLoggingPort({ store, tenantId }: LoggerCall, id: string): NhnReply {
  const port = store.loggingPorts(tenantId).find((p) => p.id === id);
  return port ? json(200, { flowlog_logging_port: port }) : loggingPortNotFound(id);
}

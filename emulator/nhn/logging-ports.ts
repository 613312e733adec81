import { json } from "../http";
import { loggingPortNotFound, type NhnReply } from "./errors";
import { type ListSource, listReply } from "./list";
import type { LoggerCall } from "./loggers";
import type { ApiLoggingPort } from "./model";
import type { ListFilters } from "./query";

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

export function listLoggingPorts({ store, tenantId, req, readings, url }: LoggerCall): NhnReply {
  const source: ListSource<ApiLoggingPort> = {
    key: "flowlog_logging_ports",
    filters: LIST_FILTERS,
    indexed: ["id", "logger_id"],
    listing: (narrowed) => store.loggingPorts(tenantId, narrowed),
    present: (port) => port,
  };
  return listReply(source, req, readings, url);
}

export function showLoggingPort({ store, tenantId }: LoggerCall, id: string): NhnReply {
  const port = store.loggingPort(id, tenantId);
  return port ? json(200, { flowlog_logging_port: port }) : loggingPortNotFound(id);
}

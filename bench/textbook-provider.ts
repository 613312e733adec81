import type * as pulumi from "@pulumi/pulumi";
import { defaultTransport, type HttpMethod, send, type Transport } from "../provider/common/http";
import { sleep } from "../provider/common/retry";
import { joinUrl } from "../provider/common/urls";
import { TokenSource } from "../provider/nhncloud/api/auth";
import type { ApiLogger } from "../provider/nhncloud/api/model";
import type { NhnSettings } from "../provider/nhncloud/config";

/** The textbook poll: a fixed interval, whatever the resource's usual activation time. */
export const TEXTBOOK_POLL_MS = 2000;

type Props = Record<string, unknown>;

/**
 * The baseline the benchmark compares against: a dynamic provider as it is usually first written, on the
 * same HTTP layer (keep-alive agent, retries) but with a fresh token for every call, fixed-interval
 * polling and one GET per read. Benchmarks only.
 */
export function textbookProvider(
  settings: NhnSettings,
  transport: Transport = defaultTransport(),
): pulumi.dynamic.ResourceProvider {
  async function call(method: HttpMethod, path: string, body?: unknown): Promise<Props | undefined> {
    // A new token source per call, as when a client is constructed inside each operation.
    const token = await new TokenSource(settings, transport).current();
    const network = token.catalog.find((entry) => entry.type === "network");
    const endpoint = network?.endpoints.find((e) => e.region.toUpperCase() === settings.region);
    const res = await send(
      {
        method,
        url: joinUrl(settings.networkUrl ?? endpoint?.publicURL ?? "", path),
        headers: { "x-auth-token": token.id, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        operation: `${method} ${path}`,
        idempotent: method !== "POST",
      },
      transport,
    );
    if (res.status === 404) return undefined;
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status}: ${res.text}`);
    return res.text ? (JSON.parse(res.text) as Props) : {};
  }

  const get = async (id: string): Promise<ApiLogger | undefined> =>
    (await call("GET", `/v2.0/flowlog-loggers/${id}`))?.flowlog_logger as ApiLogger | undefined;

  return {
    async create(inputs) {
      const body = {
        flowlog_logger: {
          name: inputs.name,
          resource_type: "PORT",
          resource_id: inputs.resourceId,
          storage_type: "OBS",
          storage_url: inputs.storageUrl,
        },
      };
      let logger = (await call("POST", "/v2.0/flowlog-loggers", body))?.flowlog_logger as ApiLogger;
      while (logger.status === "BUILD") {
        await sleep(TEXTBOOK_POLL_MS);
        logger = (await get(logger.id)) as ApiLogger;
      }
      return { id: logger.id, outs: logger };
    },
    async read(id) {
      const logger = await get(id);
      return logger ? { id, props: logger } : { id: "", props: {} };
    },
    async delete(id) {
      await call("DELETE", `/v2.0/flowlog-loggers/${id}`);
      while (await get(id)) await sleep(TEXTBOOK_POLL_MS);
    },
  };
}

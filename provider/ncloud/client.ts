import { PerProcess } from "../common/cache";
import { clip, ErrorCodes, FlowLogError, isFlowLogError, registerSecret, shorten } from "../common/errors";
import { type HttpResponse, send, sharedTransport, type Transport } from "../common/http";
import { parseResponse } from "../common/parse";
import {
  ApiActionResult,
  type ApiEnableFlowLog,
  type ApiError,
  type ApiFlowLogConfiguration,
  parseApiError,
} from "./api";
import { NCLOUD_TIMEOUT_SETTING, type NcloudSettings } from "./config";
import { type ActionContext, explainReturnCode } from "./errors";
import { signedHeaders } from "./signer";

/** disableFlowLog's answer for an interface that has no flow log. */
export const NOT_ENABLED = "14016";
/** The gateway accepts a signature timestamp this far from its own clock. */
const MAX_SKEW_MS = 5 * 60_000;

type Action = "enableFlowLog" | "disableFlowLog" | "getFlowLogConfigurationList";

interface Call {
  action: Action;
  params: Record<string, string | number>;
  operation: string;
  /** Reads go as GET with a query and are retried; changes go as POST with a form body and are not. */
  idempotent: boolean;
}

const mentionsTimestamp = (error: ApiError) => /timestamp/i.test(error.message);

/** The transport of clients made without one: shared by every client with the same request timeout. */
const transportFor = (settings: NcloudSettings): Transport =>
  sharedTransport(settings.requestTimeoutMs, NCLOUD_TIMEOUT_SETTING);

/** What an action was about, from its parameters, for explaining its failure. */
function contextOf(params: Call["params"]): ActionContext {
  const text = (key: string) => (params[key] === undefined ? undefined : String(params[key]));
  return {
    networkInterfaceNo: text("networkInterfaceNo") ?? text("networkInterfaceNoList.1"),
    regionCode: text("regionCode"),
    storageBucketName: text("storageBucketName"),
    storageBucketDirectoryName: text("storageBucketDirectoryName"),
  };
}

/** "`operation`: plain words (NCloud `code`: its own message)", or NCloud's words alone for an unknown code. */
function describeFailure(operation: string, call: Call, said: string, code: string | undefined): string {
  const plain = explainReturnCode(code, contextOf(call.params));
  return plain ? `${operation}: ${plain} (${said})` : `${operation}: ${said}`;
}

/** The NCloud VPC server API (vserver v2) flow log actions, for one set of credentials. */
export class NcloudClient {
  /** Server clock minus local clock, learnt from a `Date` header after the gateway refused our timestamp. */
  private clockOffsetMs = 0;

  constructor(
    private readonly settings: NcloudSettings,
    private readonly transport: Transport = transportFor(settings),
    private readonly now: () => number = Date.now,
  ) {
    registerSecret(settings.secretKey);
  }

  /** The interface's flow log configuration, or undefined when it has none. */
  async getFlowLog(
    networkInterfaceNo: string,
    regionCode: string,
  ): Promise<ApiFlowLogConfiguration | undefined> {
    const result = await this.call({
      action: "getFlowLogConfigurationList",
      params: { regionCode, "networkInterfaceNoList.1": networkInterfaceNo },
      operation: `get the flow log of network interface ${networkInterfaceNo} in ${regionCode}`,
      idempotent: true,
    });
    return result.flowLogConfigurationList.find((cfg) => cfg.networkInterfaceNo === networkInterfaceNo);
  }

  /** Enables a flow log. NCloud silently replaces an existing one: callers look first. */
  async enableFlowLog(params: ApiEnableFlowLog): Promise<void> {
    await this.call({
      action: "enableFlowLog",
      params: { ...params },
      operation: `enable the flow log of network interface ${params.networkInterfaceNo} in ${params.regionCode}`,
      idempotent: false,
    });
  }

  /** Disables a flow log; false when the interface had none (returnCode 14016). */
  async disableFlowLog(networkInterfaceNo: string, regionCode: string): Promise<boolean> {
    try {
      await this.call({
        action: "disableFlowLog",
        params: { regionCode, networkInterfaceNo },
        operation: `disable the flow log of network interface ${networkInterfaceNo} in ${regionCode}`,
        idempotent: false,
      });
      return true;
    } catch (error) {
      if (isFlowLogError(error) && error.apiCode === NOT_ENABLED) return false;
      throw error;
    }
  }

  /** One action: sign, send (retries live in `send`), one clock correction after a timestamp 401, validate. */
  private async call(call: Call): Promise<ApiActionResult> {
    const { operation } = call;
    const params = new URLSearchParams({ responseFormatType: "json" });
    for (const [key, value] of Object.entries(call.params)) params.set(key, String(value));
    const method = call.idempotent ? "GET" : "POST";
    const url = new URL(`${this.settings.apiUrl}/vserver/v2/${call.action}`);
    if (method === "GET") url.search = params.toString();
    for (let corrected = false; ; corrected = true) {
      const timestamp = this.now() + this.clockOffsetMs;
      const res = await send(
        {
          method,
          url: url.href,
          headers: {
            accept: "application/json",
            ...signedHeaders({
              method,
              pathWithQuery: url.pathname + url.search,
              timestamp,
              accessKey: this.settings.accessKey,
              secretKey: this.settings.secretKey,
            }),
            ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
          },
          body: method === "POST" ? params.toString() : undefined,
          operation,
          idempotent: call.idempotent,
        },
        this.transport,
      );
      if (res.status === 401 && !corrected && mentionsTimestamp(parseApiError(res.text))) {
        const serverNow = Date.parse(res.headers.date ?? "");
        if (!Number.isNaN(serverNow)) {
          // A gateway rejection never reaches the API, so even a change is safe to re-send.
          this.clockOffsetMs = serverNow - this.now();
          continue;
        }
      }
      if (res.status < 200 || res.status >= 300) throw this.httpError(call, res);
      return this.parse(call, res);
    }
  }

  private parse(call: Call, res: HttpResponse): ApiActionResult {
    const { operation, action } = call;
    const result = parseResponse(ApiActionResult, res.text, {
      operation,
      status: res.status,
      service: "NCloud",
      pick: (json) => (json as Record<string, unknown> | null)?.[`${action}Response`],
    });
    const { returnCode } = result;
    if (returnCode !== "0") {
      const returnMessage = result.returnMessage === undefined ? undefined : clip(result.returnMessage);
      const said = `NCloud returned ${shorten(returnCode, 16)}${returnMessage ? `: ${returnMessage}` : ""}`;
      throw new FlowLogError(ErrorCodes.api, describeFailure(operation, call, said, returnCode), {
        operation,
        status: res.status,
        apiCode: returnCode,
        ...(returnMessage === undefined ? {} : { apiMessage: returnMessage }),
      });
    }
    return result;
  }

  private httpError(call: Call, res: HttpResponse): FlowLogError {
    const { operation } = call;
    const error = parseApiError(res.text);
    const details = {
      operation,
      status: res.status,
      apiMessage: error.message,
      ...(error.code ? { apiCode: error.code } : {}),
    };
    const said = `HTTP ${res.status}: ${error.code ? `${shorten(error.code, 16)} ` : ""}${error.message}`;
    if (res.status === 401 && mentionsTimestamp(error)) {
      const serverNow = Date.parse(res.headers.date ?? "");
      const skew = Number.isNaN(serverNow)
        ? ""
        : ` (this machine's clock is ${describeSkew(this.now() - serverNow)} the server's)`;
      return new FlowLogError(
        ErrorCodes.auth,
        `${operation}: the NCloud API gateway refused the request's timestamp (${said}). Requests must be signed within ` +
          `${MAX_SKEW_MS / 60_000} minutes of the gateway's clock${skew}: check this machine's clock (NTP).`,
        details,
      );
    }
    if (res.status === 401) {
      return new FlowLogError(
        ErrorCodes.auth,
        `${operation}: NCloud refused the access key / secret key (${said}). Check ncloud:accessKey (or NCLOUD_ACCESS_KEY) ` +
          "and ncloud:secretKey (or NCLOUD_SECRET_KEY): they must be an active API authentication key pair of the same account.",
        details,
      );
    }
    if (res.status === 403) {
      return new FlowLogError(
        ErrorCodes.auth,
        `${operation}: NCloud denied the request (${said}); the key pair is valid but not allowed to call this API (check the sub account's policies).`,
        details,
      );
    }
    return new FlowLogError(
      res.status === 404 ? ErrorCodes.notFound : ErrorCodes.api,
      describeFailure(operation, call, said, error.code),
      details,
    );
  }
}

function describeSkew(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${minutes === 0 ? "less than a minute" : `about ${minutes} minute(s)`} ${ms >= 0 ? "ahead of" : "behind"}`;
}

const clients = new PerProcess<NcloudClient>();

/**
 * One client per credentials, endpoint and transport per process, so the clock correction is learnt once.
 * Without a transport, the one shared by every client with the same request timeout.
 */
export function ncloudClientFor(
  settings: NcloudSettings,
  transport: Transport = transportFor(settings),
): NcloudClient {
  return clients.get(transport, settings, () => new NcloudClient(settings, transport));
}

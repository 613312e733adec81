import { z } from "zod";
import { PerProcess } from "../../common/cache";
import { ErrorCodes, FlowLogError, quoted, registerSecret, shorten } from "../../common/errors";
import { send, type Transport } from "../../common/http";
import { describeSetting } from "../../common/settings";
import { joinUrl } from "../../common/urls";
import { NHN_SETTINGS, type NhnCredentials } from "../config";
import { parseApiError } from "./errors";

const CatalogEntry = z.object({
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(z.object({ region: z.string(), publicURL: z.string() })),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

const TokenResponse = z.object({
  access: z.object({
    token: z.object({ id: z.string().min(1), expires: z.string(), issued_at: z.string().optional() }),
    serviceCatalog: z.array(CatalogEntry).default([]),
  }),
});

export interface IssuedToken {
  id: string;
  /** Local clock time after which the token is renewed before use. */
  renewAt: number;
  catalog: CatalogEntry[];
}

/** Renew this long before `expires` (at most a tenth of the lifetime); tokens last about 12 h. */
const RENEW_MARGIN_MS = 5 * 60_000;

const parseUtc = (value: string): number =>
  Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);

/** When to renew, on the local clock: the server's lifetime (expires - issued_at) is immune to clock skew. */
function renewTime(issuedLocal: number, expires: string, issuedAt: string | undefined): number {
  const serverIssued = issuedAt ? parseUtc(issuedAt) : Number.NaN;
  const lifetime = Number.isNaN(serverIssued)
    ? parseUtc(expires) - issuedLocal
    : parseUtc(expires) - serverIssued;
  if (Number.isNaN(lifetime) || lifetime <= 0) return issuedLocal;
  return issuedLocal + lifetime - Math.min(RENEW_MARGIN_MS, lifetime / 10);
}

/**
 * One token per set of credentials for the whole process (a whole `pulumi up`), renewed before it expires
 * and after a 401. Concurrent callers share one in-flight issue.
 */
export class TokenSource {
  private cached?: IssuedToken;
  private inflight?: Promise<IssuedToken>;

  constructor(
    private readonly credentials: NhnCredentials,
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {
    // Settings resolved from config register these already; credentials built by hand must be safe too.
    registerSecret(credentials.password);
    registerSecret(credentials.token);
  }

  async current(): Promise<IssuedToken> {
    const cached = this.cached;
    if (cached && this.now() < cached.renewAt) return cached;
    this.inflight ??= this.issue().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops `tokenId` after the API rejected it; a newer token already cached is kept. */
  invalidate(tokenId: string): void {
    if (this.cached?.id === tokenId) this.cached = undefined;
  }

  /** Identity's refusal: the API's own words, the user and tenant cut short, never the password or token. */
  private refusal(status: number, text: string): FlowLogError {
    const { authUrl, tenantId, username, token } = this.credentials;
    const operation = "issue NHN Cloud token";
    const error = parseApiError(text);
    const details = {
      operation,
      status,
      apiMessage: error.message,
      ...(error.type ? { apiCode: error.type } : {}),
    };
    if (status === 401 || status === 403) {
      const who = token ? "the given token (nhncloud:token / OS_TOKEN)" : `user ${quoted(username)}`;
      return new FlowLogError(
        ErrorCodes.auth,
        `${operation}: NHN Cloud identity rejected ${who} for tenant ${shorten(tenantId)} (HTTP ${status}: ${error.message}). ` +
          "Check nhncloud:tenantId, nhncloud:username and nhncloud:password (the API password set under " +
          "Compute > Instance > Set API Endpoint, not the console password).",
        details,
      );
    }
    const where = status === 404 || status === 405 ? " (this is not the identity v2.0 endpoint?)" : "";
    return new FlowLogError(
      ErrorCodes.api,
      `${operation}: HTTP ${status} from ${authUrl}${where}: ${error.message}. Check ${describeSetting(NHN_SETTINGS.authUrl)}`,
      details,
    );
  }

  private async issue(): Promise<IssuedToken> {
    const { authUrl, tenantId, username, password, token } = this.credentials;
    const issuedLocal = this.now();
    const operation = "issue NHN Cloud token";
    const auth = token
      ? { tenantId, token: { id: token } }
      : { tenantId, passwordCredentials: { username, password } };
    const res = await send(
      {
        method: "POST",
        url: joinUrl(authUrl, "tokens"),
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ auth }),
        operation,
        // Issuing a token has no side effect worth guarding: re-sending is harmless.
        idempotent: true,
        endpointSetting: describeSetting(NHN_SETTINGS.authUrl),
      },
      this.transport,
    );
    if (res.status < 200 || res.status >= 300) throw this.refusal(res.status, res.text);
    let parsed: z.infer<typeof TokenResponse>;
    try {
      parsed = TokenResponse.parse(JSON.parse(res.text));
    } catch (cause) {
      throw new FlowLogError(
        ErrorCodes.response,
        `${operation}: the identity service sent an unexpected response`,
        { operation, status: res.status, cause },
      );
    }
    const { token: issued, serviceCatalog } = parsed.access;
    registerSecret(issued.id);
    this.cached = {
      id: issued.id,
      renewAt: renewTime(issuedLocal, issued.expires, issued.issued_at),
      catalog: serviceCatalog,
    };
    return this.cached;
  }
}

const sources = new PerProcess<TokenSource>();

/**
 * The process-wide token source for these credentials and this transport, whatever the region: one token
 * for a whole run. Clients of every region share one transport (see `sharedTransport`), hence one token.
 */
export function tokenSourceFor(credentials: NhnCredentials, transport: Transport): TokenSource {
  const { authUrl, tenantId, username, password, token } = credentials;
  return sources.get(
    transport,
    [authUrl, tenantId, username, password, token],
    () => new TokenSource(credentials, transport),
  );
}

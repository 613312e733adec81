import { createHash } from "node:crypto";
import { z } from "zod";
import { isRecord, json, type LogNotes, type ParsedRequest, parseJson, type Reply } from "../http";
import type { EmulatorOptions } from "../types";
import type { TokenStore } from "./tokens";

// Loose on purpose: missing values are a 401 (wrong credentials), only wrong shapes are a 400.
const TokenRequest = z.object({
  auth: z.object({
    tenantId: z.string().optional(),
    passwordCredentials: z
      .object({ username: z.string().optional(), password: z.string().optional() })
      .optional(),
    token: z.object({ id: z.string().optional() }).optional(),
  }),
});

const keystoneError = (code: number, title: string, message: string): Reply =>
  json(code, { error: { message, code, title } });

const unauthorized = (): Reply =>
  keystoneError(401, "Unauthorized", "The request you have made requires authentication.");

export interface IdentityContext {
  url: string;
  tokens: TokenStore;
  regions: string[];
  credentials: EmulatorOptions["credentials"];
}

// Keystone v2 style: "2026-11-21T17:11:07Z".
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function catalog(ctx: IdentityContext) {
  return [
    {
      type: "network",
      name: "neutron",
      endpoints: ctx.regions.map((region) => ({
        region,
        publicURL: `${ctx.url}/network/${region.toLowerCase()}`,
      })),
    },
    {
      type: "identity",
      name: "keystone",
      endpoints: ctx.regions.map((region) => ({ region, publicURL: `${ctx.url}/identity/v2.0` })),
    },
  ];
}

/** Who the request authenticates as, or undefined when the credentials are wrong or missing. */
function authenticate(ctx: IdentityContext, auth: z.infer<typeof TokenRequest>["auth"]) {
  const tenantId = auth.tenantId ?? "";
  const pinned = ctx.credentials;
  if (tenantId === "" || (pinned && pinned.tenantId !== tenantId)) return undefined;
  if (auth.token) {
    const token = ctx.tokens.valid(auth.token.id);
    return token && { tenantId, username: token.username };
  }
  const username = auth.passwordCredentials?.username ?? "";
  const password = auth.passwordCredentials?.password ?? "";
  if (username === "" || password === "") return undefined;
  if (pinned && (pinned.username !== username || pinned.password !== password)) return undefined;
  return { tenantId, username };
}

/** POST /identity/v2.0/tokens */
export function issueToken(ctx: IdentityContext, req: ParsedRequest, notes: LogNotes): Reply {
  const parsed = TokenRequest.safeParse(parseJson(req.body));
  if (!parsed.success || !isRecord(parsed.data.auth)) {
    return keystoneError(400, "Bad Request", "Expecting to find auth in request body.");
  }
  const rescoping = parsed.data.auth.token?.id;
  if (rescoping !== undefined) {
    notes.tokenId = rescoping;
    notes.tokenValid = ctx.tokens.valid(rescoping) !== undefined;
  }
  const who = authenticate(ctx, parsed.data.auth);
  if (!who) return unauthorized();
  const token = ctx.tokens.issue(who.tenantId, who.username);
  const userId = createHash("sha256").update(who.username).digest("hex").slice(0, 32);
  return json(200, {
    access: {
      token: {
        id: token.id,
        expires: isoSeconds(token.expiresAt),
        issued_at: isoSeconds(token.issuedAt),
        tenant: { id: who.tenantId, name: `tenant-${who.tenantId.slice(0, 8)}`, enabled: true },
      },
      serviceCatalog: catalog(ctx),
      user: { id: userId, name: who.username, username: who.username, roles: [{ name: "_member_" }] },
      metadata: { is_admin: 0, roles: [] },
    },
  });
}

import { randomBytes } from "node:crypto";

export interface Token {
  id: string;
  tenantId: string;
  username: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

/** Issued tokens; a token is valid while issued, unexpired and unrevoked. */
export class TokenStore {
  private tokens = new Map<string, Token>();
  private issued = 0;

  constructor(private readonly ttlSeconds: number) {}

  issue(tenantId: string, username: string): Token {
    const now = Date.now();
    const token: Token = {
      id: randomBytes(16).toString("hex"),
      tenantId,
      username,
      issuedAt: now,
      expiresAt: now + this.ttlSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(token.id, token);
    this.issued += 1;
    return token;
  }

  /** The token when it is currently valid. */
  valid(id: string | undefined): Token | undefined {
    const token = id === undefined ? undefined : this.tokens.get(id);
    return token && !token.revoked && Date.now() < token.expiresAt ? token : undefined;
  }

  /** The tenant of the most recently issued token, if any. */
  lastTenant(): string | undefined {
    return [...this.tokens.values()].at(-1)?.tenantId;
  }

  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, Date.now() - 1);
  }

  revokeAll(): void {
    for (const token of this.tokens.values()) token.revoked = true;
  }

  revoke(id: string): void {
    const token = this.tokens.get(id);
    if (token) token.revoked = true;
  }

  count(): number {
    return this.issued;
  }
}

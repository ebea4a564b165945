import type { KeyVault, PrismaClient } from "@premiumcdkeys/core";
import type { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";

type SessionRow = Awaited<ReturnType<PrismaClient["shopifySession"]["findUnique"]>> & {};

/**
 * Shopify's session storage on our own schema (Shopify's Prisma storage refuses Prisma 7).
 * Access and refresh tokens are sealed with the vault, bound to the session id, so a copied
 * row does not open under another id.
 */
export class PrismaSessionStorage implements SessionStorage {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
  ) {}

  async storeSession(session: Session): Promise<boolean> {
    const data = {
      shop: session.shop,
      state: session.state,
      isOnline: session.isOnline,
      scope: session.scope ?? null,
      expires: session.expires ?? null,
      accessTokenSeal: this.#seal(session.accessToken, session.id, "access"),
      refreshTokenSeal: this.#seal(session.refreshToken, session.id, "refresh"),
      refreshTokenExpires: session.refreshTokenExpires ?? null,
      onlineAccessInfo: session.onlineAccessInfo
        ? (JSON.parse(JSON.stringify(session.onlineAccessInfo)) as object)
        : undefined,
    };
    await this.prisma.shopifySession.upsert({
      where: { id: session.id },
      create: { id: session.id, ...data },
      update: data,
    });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.prisma.shopifySession.findUnique({ where: { id } });
    return row ? this.#toSession(row, await sessionClass()) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.prisma.shopifySession.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.prisma.shopifySession.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.prisma.shopifySession.findMany({ where: { shop } });
    const SessionClass = await sessionClass();
    return rows.map((row) => this.#toSession(row, SessionClass));
  }

  #seal(token: string | undefined, id: string, kind: string): Uint8Array<ArrayBuffer> | null {
    return token ? this.vault.seal(token, `shopify-session:${kind}:${id}`) : null;
  }

  #toSession(row: SessionRow, SessionClass: typeof Session): Session {
    const open = (seal: Uint8Array | null, kind: string) =>
      seal ? this.vault.openText(seal, `shopify-session:${kind}:${row.id}`) : undefined;

    return new SessionClass({
      id: row.id,
      shop: row.shop,
      state: row.state,
      isOnline: row.isOnline,
      scope: row.scope ?? undefined,
      expires: row.expires ?? undefined,
      accessToken: open(row.accessTokenSeal, "access"),
      refreshToken: open(row.refreshTokenSeal, "refresh"),
      refreshTokenExpires: row.refreshTokenExpires ?? undefined,
      onlineAccessInfo: (row.onlineAccessInfo ?? undefined) as Session["onlineAccessInfo"],
    });
  }
}

/**
 * Shopify's Session class, loaded on first use: its library takes a while to import, and servers
 * without the Shopify app never need it.
 */
async function sessionClass(): Promise<typeof Session> {
  return (await import("@shopify/shopify-api")).Session;
}

/** The id Shopify's libraries give a shop's offline session. */
export function offlineSessionId(shop: string): string {
  return `offline_${shop}`;
}

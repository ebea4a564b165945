// The battery Shopify runs against its own session storage adapters, written anew for ours:
// store, load, update, delete, find by shop, online sessions with their user, expiring tokens.
import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyVault } from "../../packages/core/src/vault/key-vault.ts";
import { PrismaSessionStorage } from "../../packages/shopify/src/sessions/prisma-session-storage.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let database: TestDatabase;
let storage: PrismaSessionStorage;
beforeAll(async () => {
  database = await openTestDatabase();
  storage = new PrismaSessionStorage(database.prisma, new KeyVault(randomBytes(32)));
});
afterAll(() => database.close());

function offline(shop: string, token = "shpat_offline_token") {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "state-1",
    isOnline: false,
    scope: "write_orders,read_customers",
    accessToken: token,
  });
}

function online(shop: string, userId: number) {
  return new Session({
    id: `${shop}_${userId}`,
    shop,
    state: "state-2",
    isOnline: true,
    scope: "write_orders",
    expires: new Date(Date.now() + 3_600_000),
    accessToken: "shpua_online_token",
    onlineAccessInfo: {
      expires_in: 3600,
      associated_user_scope: "write_orders",
      associated_user: {
        id: userId,
        first_name: "Ada",
        last_name: "Merchant",
        email: "ada@shop.example",
        email_verified: true,
        account_owner: true,
        locale: "en",
        collaborator: false,
      },
    },
  });
}

describe("PrismaSessionStorage", () => {
  it("stores and loads an offline session unchanged", async () => {
    const session = offline("one.myshopify.com");
    expect(await storage.storeSession(session)).toBe(true);
    const loaded = await storage.loadSession(session.id);
    expect(loaded).toBeInstanceOf(Session);
    expect(loaded!.equals(session)).toBe(true);
    expect(loaded!.isActive("write_orders")).toBe(true);
  });

  it("stores and loads an online session with its user and expiry", async () => {
    const session = online("one.myshopify.com", 1234);
    await storage.storeSession(session);
    const loaded = await storage.loadSession(session.id);
    expect(loaded!.equals(session)).toBe(true);
    expect(loaded!.onlineAccessInfo?.associated_user.email).toBe("ada@shop.example");
    expect(loaded!.expires?.getTime()).toBe(session.expires!.getTime());
  });

  it("keeps expiring offline tokens' refresh token and its expiry", async () => {
    const session = offline("refresh.myshopify.com");
    session.expires = new Date(Date.now() + 3_600_000);
    session.refreshToken = "shprt_refresh";
    session.refreshTokenExpires = new Date(Date.now() + 86_400_000);
    await storage.storeSession(session);
    const loaded = await storage.loadSession(session.id);
    expect(loaded!.refreshToken).toBe("shprt_refresh");
    expect(loaded!.refreshTokenExpires?.getTime()).toBe(session.refreshTokenExpires.getTime());
  });

  it("overwrites a session stored again under the same id", async () => {
    await storage.storeSession(offline("two.myshopify.com", "first"));
    await storage.storeSession(offline("two.myshopify.com", "second"));
    expect((await storage.loadSession("offline_two.myshopify.com"))!.accessToken).toBe("second");
    expect(
      await database.prisma.shopifySession.count({ where: { shop: "two.myshopify.com" } }),
    ).toBe(1);
  });

  it("answers undefined for an unknown id", async () => {
    expect(await storage.loadSession("offline_nobody.myshopify.com")).toBeUndefined();
  });

  it("finds every session of a shop and only that shop's", async () => {
    await storage.storeSession(offline("three.myshopify.com"));
    await storage.storeSession(online("three.myshopify.com", 1));
    await storage.storeSession(online("three.myshopify.com", 2));
    const found = await storage.findSessionsByShop("three.myshopify.com");
    expect(found.map((session) => session.id).sort()).toEqual([
      "offline_three.myshopify.com",
      "three.myshopify.com_1",
      "three.myshopify.com_2",
    ]);
    expect(await storage.findSessionsByShop("four.myshopify.com")).toEqual([]);
  });

  it("deletes one session, and several at once, and deleting twice is fine", async () => {
    await storage.storeSession(offline("five.myshopify.com"));
    await storage.storeSession(online("five.myshopify.com", 1));
    await storage.storeSession(online("five.myshopify.com", 2));
    expect(await storage.deleteSession("offline_five.myshopify.com")).toBe(true);
    expect(await storage.deleteSession("offline_five.myshopify.com")).toBe(true);
    expect(await storage.deleteSessions(["five.myshopify.com_1", "five.myshopify.com_2"])).toBe(
      true,
    );
    expect(await storage.findSessionsByShop("five.myshopify.com")).toEqual([]);
  });

  it("never writes an access token in the clear, and binds it to its session id", async () => {
    const session = offline("six.myshopify.com", "shpat_secret_value_6");
    await storage.storeSession(session);
    const row = await database.prisma.shopifySession.findUniqueOrThrow({
      where: { id: session.id },
    });
    expect(Buffer.from(row.accessTokenSeal!).toString("latin1")).not.toContain("shpat_secret");

    // The sealed token copied onto another session's row does not open there.
    await storage.storeSession(offline("seven.myshopify.com", "other"));
    await database.prisma.shopifySession.update({
      where: { id: "offline_seven.myshopify.com" },
      data: { accessTokenSeal: row.accessTokenSeal },
    });
    await expect(storage.loadSession("offline_seven.myshopify.com")).rejects.toThrow();
  });
});

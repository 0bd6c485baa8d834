import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset } from "../testing/deal-factories";
import { makeUser } from "../testing/factories";
import { rawPost } from "../testing/raw-post";
import { loginToken, type TestServer } from "../testing/server";
import { openTestWorkspace } from "../testing/test-workspace";
import { KB, MB } from "./body-limit";

let server: TestServer;
let rep: string;
let marketer: string;

beforeAll(async () => {
  ({
    server,
    tokens: { rep, marketer },
  } = await openTestWorkspace({
    env: { CRM_WEBHOOK_SECRET: "a-webhook-secret-of-enough-length" },
    users: { rep: { role: "rep" }, marketer: { role: "marketer" } },
  }));
});
afterAll(() => server?.close());

/** A deals CSV of about `bytes` bytes: ten deals and a long column the mapping ignores. */
function csvOf(bytes: number): string {
  const notes = "n".repeat(Math.ceil(bytes / 10));
  const rows = Array.from({ length: 10 }, (_, i) => `ext-${i},Deal ${i},discovery,${notes}`);
  return ["externalId,name,stage,notes", ...rows].join("\n");
}

const postJson = (path: string, body: unknown, token: string) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe("tRPC bodies", () => {
  it("refuses a declared 300 MB anonymous login with 413 before reading it", async () => {
    const answer = await rawPost(`${server.url}/trpc/auth.login`, { bytes: 300 * MB });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(50 * MB);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: {
        message: "Request body larger than 1 MB, the limit for auth.login",
        data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 },
      },
    });
  });

  it("refuses a chunked body once it passes 1 MB, without waiting for the rest", async () => {
    const answer = await rawPost(`${server.url}/trpc/auth.login`, { bytes: 300 * MB, chunked: true });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(50 * MB);
  });

  it("holds a batch to its largest procedure's limit, which only its callers get", async () => {
    const csv = csvOf(1.5 * MB);
    const byRep = await postJson(
      "/trpc/deals.importCsv",
      { csv, mapping: { notes: "ignore" }, dryRun: true },
      rep,
    );
    expect(byRep.status).toBe(413);
    expect(((await byRep.json()) as { error: { message: string } }).error.message).toBe(
      "Request body larger than 1 MB, the limit for deals.importCsv",
    );
    const byMarketer = await postJson(
      "/trpc/deals.importCsv",
      { csv, mapping: { notes: "ignore" }, dryRun: true },
      marketer,
    );
    expect(byMarketer.status).toBe(200);
    const batch = await postJson(
      "/trpc/deals.importCsv,deals.importCsv?batch=1",
      { "0": { csv: "name\nA", dryRun: true }, "1": { csv, mapping: { notes: "ignore" }, dryRun: true } },
      marketer,
    );
    expect(batch.status).toBe(200);
  });

  it("still takes ordinary calls, with and without a body", async () => {
    const res = await postJson("/trpc/auth.logout", undefined, await loginToken(server, ...(await aRep())));
    expect(res.status).toBe(200);
  });
});

async function aRep(): Promise<[string, string]> {
  const u = await makeUser(server.deps.database.db, { role: "rep" });
  return [u.email, u.password];
}

describe("Express JSON routes", () => {
  it("gives the CRM webhook 5 MB and no more", async () => {
    const answer = await rawPost(`${server.url}/api/integrations/crm/deals`, { bytes: 6 * MB });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: "body: larger than 5 MB; send fewer deals per request",
    });
  });

  it("gives the viewer's beacon 16 KB", async () => {
    const { db } = server.deps.database;
    const asset = await makeAsset(db, server.deps.storage);
    const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
    const answer = await rawPost(`${server.url}/api/v/${share.token}/events`, {
      bytes: 17 * KB,
      headers: { "user-agent": BROWSER_UA },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "body: larger than 16 KB" });
  });
});

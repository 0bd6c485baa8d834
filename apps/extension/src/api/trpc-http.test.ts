import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, callProcedure } from "./trpc-http";

let server: Server | undefined;

/** A server that answers with the given statuses in turn (a flaky network in front of the API). */
async function flaky(statuses: number[]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""} ${body}`);
    const status = statuses.shift() ?? 200;
    const answer =
      status === 200
        ? { result: { data: { ok: true } } }
        : {
            error: {
              message: `failed ${status}`,
              data: { code: status === 401 ? "UNAUTHORIZED" : "X", httpStatus: status },
            },
          };
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, seen };
}

/** Something other than the API answering: a proxy's error page, or another web server. */
async function plain(status: number): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "text/html" }).end("<html><body>nope</body></html>");
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe("tRPC over HTTP with retries", () => {
  it("retries 5xx and 429 with backoff, then returns the data; a query's input goes in the POST body", async () => {
    const { url, seen } = await flaky([503, 429]);
    const data = await callProcedure(
      "deals.match",
      { recipientEmails: ["a@b.test"] },
      {
        serverUrl: url,
        token: "psx_test",
        baseDelayMs: 5,
      },
    );
    expect(data).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe(
      `POST /trpc/deals.match Bearer psx_test ${JSON.stringify({ recipientEmails: ["a@b.test"] })}`,
    );
  });

  it("does not retry a client error and reports its tRPC code", async () => {
    const { url, seen } = await flaky([401]);
    const error = await callProcedure(
      "events.track",
      { events: [] },
      { serverUrl: url, baseDelayMs: 5 },
    ).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("UNAUTHORIZED");
    expect(seen).toEqual([`POST /trpc/events.track  ${JSON.stringify({ events: [] })}`]);
  });

  it("gives up after the retries when nothing answers", async () => {
    const error = await callProcedure(
      "taxonomy.list",
      {},
      {
        serverUrl: "http://127.0.0.1:9",
        retries: 2,
        baseDelayMs: 5,
      },
    ).catch((err: unknown) => err);
    expect((error as ApiError).code).toBe("NETWORK");
  });

  it("names the server it could not reach", async () => {
    const error = await callProcedure(
      "taxonomy.list",
      {},
      {
        serverUrl: "http://127.0.0.1:9",
        retries: 0,
      },
    ).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: "NETWORK", serverUrl: "http://127.0.0.1:9" });
  });

  it("counts a proxy's 502 page as the server being down, and another web server as not Pitchside", async () => {
    const proxy = await plain(502);
    const down = await callProcedure("taxonomy.list", {}, { serverUrl: proxy, baseDelayMs: 1 }).catch(
      (err: unknown) => err,
    );
    expect(down).toMatchObject({ code: "NETWORK", status: 502, serverUrl: proxy });
    await new Promise((resolve) => server?.close(resolve));

    const other = await plain(404);
    const wrong = await callProcedure("auth.login", {}, { serverUrl: other, retries: 0 }).catch(
      (err: unknown) => err,
    );
    expect(wrong).toMatchObject({
      code: "NOT_PITCHSIDE",
      status: 404,
      message: "HTTP 404",
      serverUrl: other,
    });
  });
});

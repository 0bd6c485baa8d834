import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay, ConnectionMonitor } from "./connection-monitor";

describe("reconnection backoff", () => {
  it("waits 1 s, then doubles up to 30 s", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, undefined, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("spreads each wait by ±20 % and never goes over the ceiling", () => {
    expect(backoffDelay(0, undefined, () => 0)).toBe(800);
    expect(backoffDelay(0, undefined, () => 0.999_999)).toBe(1_200);
    expect(backoffDelay(5, undefined, () => 0)).toBe(24_000);
    expect(backoffDelay(5, undefined, () => 0.999_999)).toBe(30_000);
  });
});

/** A server that answers its health check, and can go down and come back on the same port. */
class FlakyServer {
  private server: Server | undefined;
  port = 0;
  async up(): Promise<void> {
    this.server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
}

let flaky = new FlakyServer();
let monitor: ConnectionMonitor | undefined;

afterEach(async () => {
  monitor?.stop();
  await flaky.down();
});

/** A monitor whose probe is a real request to the flaky server; remembers when each attempt was made. */
function monitorFor(server: FlakyServer, backoff = { firstMs: 20, maxMs: 80, jitter: 0 }) {
  const attempts: number[] = [];
  const probe = async () => {
    attempts.push(performance.now());
    const res = await fetch(`${server.url}/health`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  };
  const made = new ConnectionMonitor(probe, backoff);
  monitor = made;
  return { monitor: made, attempts };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("connection monitor", () => {
  it("retries on a growing backoff while the server is down and recovers on its own when it returns", async () => {
    flaky = new FlakyServer();
    await flaky.up();
    await flaky.down();
    const { monitor, attempts } = monitorFor(flaky);
    const seen: boolean[] = [];
    monitor.subscribe(() => seen.push(monitor.current().reconnecting));

    monitor.unreachable(flaky.url);
    expect(monitor.current()).toEqual({ reconnecting: true, serverUrl: flaky.url, recoveries: 0 });
    // more failures while reconnecting neither restart the backoff nor notify again
    monitor.unreachable(flaky.url);
    await until(() => attempts.length >= 5);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    // 20, 40, 80, 80 ms (timers fire no earlier than asked; allow for the request's own time)
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeLessThan(400);
    expect(monitor.current().reconnecting).toBe(true);

    await flaky.up();
    await until(() => !monitor.current().reconnecting, 2_000);
    expect(monitor.current()).toEqual({ reconnecting: false, serverUrl: flaky.url, recoveries: 1 });
    expect(seen).toEqual([true, false]);
    // no attempts once the server is back
    const made = attempts.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts).toHaveLength(made);
  });

  it("ends an outage at the first answer to any call, and tries at once when asked", async () => {
    flaky = new FlakyServer();
    await flaky.up();
    const { monitor, attempts } = monitorFor(flaky);
    monitor.answered();
    expect(monitor.current().recoveries).toBe(0);

    monitor.unreachable(null);
    monitor.answered();
    expect(monitor.current()).toMatchObject({ reconnecting: false, recoveries: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempts).toHaveLength(0);

    // the backoff would wait a minute; the browser coming back online does not
    const patient = monitorFor(flaky, { firstMs: 60_000, maxMs: 60_000, jitter: 0 });
    patient.monitor.unreachable(flaky.url);
    patient.monitor.retryNow();
    await until(() => !patient.monitor.current().reconnecting, 2_000);
    expect(patient.attempts).toHaveLength(1);
    expect(patient.monitor.current().recoveries).toBe(1);
  });
});

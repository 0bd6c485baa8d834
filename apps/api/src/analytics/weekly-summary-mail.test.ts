import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeAsset, makeDeal } from "../../testing/deal-factories";
import { makeUser } from "../../testing/factories";
import { startTestServer, type TestServer } from "../../testing/server";
import { type SmtpInbox, startSmtpInbox } from "../../testing/smtp-inbox";
import { type Database, type Db, openPostgres } from "../db/client";
import { jobs, users } from "../db/schema";
import { JobRunner } from "../jobs/runner";
import { createLogger } from "../logger";
import { sendMailJob } from "../tracking/alert-mail";
import { ingestEvents } from "../tracking/events-service";
import { scheduleWeeklySummary, weeklySummaryJob } from "./weekly-summary";

/** Week 46 of 2026 (9–15 November), due on Monday 16 November at 08:00 UTC. */
const DUE = new Date("2026-11-16T08:05:00Z");
const schedule = { day: 1, hour: 8 };
let server: TestServer;
let smtp: SmtpInbox;
let peer: Database | null = null;

beforeAll(async () => {
  // a real SMTP server on a free port; each message parsed as a mail client would
  smtp = await startSmtpInbox();
  server = await startTestServer({
    SMTP_URL: smtp.url,
    MAIL_FROM: "Pitchside <summary@example.test>",
    PUBLIC_URL: "https://pitchside.example.test",
  });
  const { db } = server.deps.database;
  const url = process.env.DATABASE_URL;
  if (url) {
    // a second process has a connection pool of its own
    const result = await db.execute(sql`select current_database() as name`);
    const target = new URL(url);
    target.pathname = `/${(result as unknown as { rows: { name: string }[] }).rows[0]?.name}`;
    peer = await openPostgres(target.toString());
  }
  const speaking = async (locale: string, u: { id: string }) => {
    await db.update(users).set({ locale }).where(eq(users.id, u.id));
    return u;
  };
  await speaking("en", await makeUser(db, { role: "marketer", email: "emma@example.test" }));
  await speaking("ja", await makeUser(db, { role: "marketer", email: "haruka@example.test" }));
  await makeUser(db, { role: "admin", email: "ada@example.test" });
  const rep = await makeUser(db, { role: "rep", email: "rex@example.test" });
  const gone = await makeUser(db, { role: "marketer", email: "gone@example.test" });
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
  const { assetId } = await makeAsset(db, server.deps.storage, { title: "ROI calculator" });
  await makeAsset(db, server.deps.storage, { title: "Dusty deck" });
  const deal = await makeDeal(db, {
    ownerId: rep.id,
    status: "won",
    amount: "12500",
    currency: "USD",
    closedAt: new Date("2026-11-12T12:00:00Z"),
  });
  await ingestEvents(db, [
    {
      id: randomUUID(),
      type: "link_inserted",
      userId: rep.id,
      assetId,
      dealId: deal.id,
      shareId: null,
      surface: "gmail",
      props: {},
      at: new Date("2026-11-10T09:00:00Z"),
    },
  ]);
});
afterAll(async () => {
  await peer?.close();
  await server?.close();
  await smtp?.close();
});

describe("the weekly summary mail", () => {
  it("reaches each marketer and admin once, in their language, when two processes race", async () => {
    const dbs: [Db, Db] = [server.deps.database.db, peer?.db ?? server.deps.database.db];
    const { config } = server.deps;
    // both processes' clocks tick at once, twice
    const ticks = await Promise.all([...dbs, ...dbs].map((db) => scheduleWeeklySummary(db, schedule, DUE)));
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(1);
    const logger = createLogger("silent");
    const runners = dbs.map(
      (db) =>
        new JobRunner(
          db,
          { weekly_summary: weeklySummaryJob(db, config), send_mail: sendMailJob(db, config) },
          logger,
          // two lanes each: four claimers racing for the same rows
          {
            idleMs: 20,
            lanes: [
              ["weekly_summary", "send_mail"],
              ["weekly_summary", "send_mail"],
            ],
          },
        ),
    );
    for (const r of runners) r.start();
    try {
      await vi.waitFor(
        async () => {
          const pending = await server.deps.database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(jobs)
            .where(sql`${jobs.status} <> 'done'`);
          expect(smtp.mails.length).toBe(3);
          expect(pending[0]?.n).toBe(0);
        },
        { timeout: 60_000, interval: 100 },
      );
      // a later tick, in either process, and the app's own runner: nothing more goes out
      expect(await scheduleWeeklySummary(dbs[1], schedule, new Date("2026-11-16T09:00:00Z"))).toBe(0);
      await server.settle();
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([
      "ada@example.test",
      "emma@example.test",
      "haruka@example.test",
    ]);

    const expected = {
      "emma@example.test": {
        subject: "Pitchside weekly summary: 9 Nov 2026 – 15 Nov 2026",
        lines: [
          "Top content by influenced revenue\n  - ROI calculator: $12,500.00 (won 1 of 1 deals touched)",
          "Published assets nobody used in the last 28 days: 1\n  - Dusty deck",
          "See the summary: https://pitchside.example.test/analytics/summary?week=2026-W46",
        ],
      },
      "haruka@example.test": {
        subject: "Pitchside 週次サマリー: 2026年11月9日～2026年11月15日",
        lines: [
          "影響した売上の多いコンテンツ\n  - ROI calculator: $12,500.00 (使われた商談 1 件中 1 件受注)",
          "過去28日間に使われていない公開資料: 1 件\n  - Dusty deck",
          "サマリーを見る: https://pitchside.example.test/analytics/summary?week=2026-W46",
        ],
      },
    };
    for (const [to, { subject, lines }] of Object.entries(expected)) {
      const mail = smtp.mails.find((m) => m.to === to);
      expect(mail?.subject).toBe(subject);
      for (const line of lines) expect(mail?.text).toContain(line);
    }
    // no locale saved: English
    expect(smtp.mails.find((m) => m.to === "ada@example.test")?.subject).toBe(
      expected["emma@example.test"].subject,
    );
    expect(smtp.mails.find((m) => m.to === "haruka@example.test")?.text).not.toMatch(/Top content|2026-11-/);
  });
});

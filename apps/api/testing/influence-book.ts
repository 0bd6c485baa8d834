import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { assets } from "../src/db/schema";
import type { AppDeps } from "../src/deps";
import { ingestEvents, type NewEvent } from "../src/tracking/events-service";
import { makeAsset, makeDeal } from "./deal-factories";
import { makeTeam, makeUser } from "./factories";

/**
 * A small book of deals whose figures are worked out by hand in
 * influence.test.ts (period: 2026). Rates: USD base, JPY 150.
 *
 * D1 won 1,000 USD (closed 03-01, rep1): A 02-01…02-10, B 02-05…02-20
 * D2 won 300,000 JPY = 2,000 USD (04-01, rep1): B 03-01…03-05, C 03-10…03-15, A 03-20…04-10 (past close)
 * D3 lost (05-01, rep2): A 04-01
 * D4 won 4,000 USD (06-01, rep2): C 06-05 only, after it closed (does not count)
 * D5 won 800 USD (07-01, rep1): no touches (baseline only)
 * D6 open (rep2): A 08-01
 * D7 won 5,000 USD closed 2025-06-01 (outside the period): A 2025-05-01
 * D8 lost (09-01, rep1): C 08-15…08-20
 *
 * A second year, 2024, for the minimum sample (no touch or close in 2025–2026):
 * P1…P4 won, P5 lost (1,000 USD, closed 03-01…03-05, rep1): E 02-01 each
 * Q1 won (rep2, 04-01): F 03-01 — one lucky win; Q2 won, Q3…Q5 lost (rep2, 04-02…04-05): no touches
 */
export async function seedInfluenceBook(deps: AppDeps) {
  const { db } = deps.database;
  const team1 = await makeTeam(db, "Influence East");
  const team2 = await makeTeam(db, "Influence West");
  const rep1 = await makeUser(db, { role: "rep", teamId: team1.id, name: "Rep One" });
  const rep2 = await makeUser(db, { role: "rep", teamId: team2.id, name: "Rep Two" });
  const asset = async (title: string, over: Partial<typeof assets.$inferInsert>) => {
    const { assetId } = await makeAsset(db, deps.storage, { title });
    await db.update(assets).set(over).where(eq(assets.id, assetId));
    return assetId;
  };
  const A = await asset("Asset A", { type: "case_study", stages: ["discovery"], personas: ["cfo"] });
  const B = await asset("Asset B", {
    type: "battle_card",
    stages: ["discovery", "proposal"],
    personas: ["cto"],
  });
  const C = await asset("Asset C", { type: "case_study", stages: ["proposal"], personas: ["cfo"] });
  const E = await asset("Asset E", { type: "one_pager", stages: ["negotiation"], personas: ["ceo"] });
  const F = await asset("Asset F", { type: "other", stages: [], personas: [] });
  const deal = async (
    status: "open" | "won" | "lost",
    closedAt: string | null,
    ownerId: string,
    amount: string,
    currency = "USD",
  ) =>
    (
      await makeDeal(db, {
        status,
        closedAt: closedAt ? new Date(closedAt) : null,
        ownerId,
        amount,
        currency,
        stage: status === "open" ? "proposal" : `closed_${status}`,
      })
    ).id;
  const D1 = await deal("won", "2026-03-01T00:00:00Z", rep1.id, "1000");
  const D2 = await deal("won", "2026-04-01T00:00:00Z", rep1.id, "300000", "JPY");
  const D3 = await deal("lost", "2026-05-01T00:00:00Z", rep2.id, "500");
  const D4 = await deal("won", "2026-06-01T00:00:00Z", rep2.id, "4000");
  const D5 = await deal("won", "2026-07-01T00:00:00Z", rep1.id, "800");
  const D6 = await deal("open", null, rep2.id, "999");
  const D7 = await deal("won", "2025-06-01T00:00:00Z", rep1.id, "5000");
  const D8 = await deal("lost", "2026-09-01T00:00:00Z", rep1.id, "700");
  const P: string[] = [];
  for (const [n, status] of (["won", "won", "won", "won", "lost"] as const).entries())
    P.push(await deal(status, `2024-03-0${n + 1}T00:00:00Z`, rep1.id, "1000"));
  const Q: string[] = [];
  for (const [n, status] of (["won", "won", "lost", "lost", "lost"] as const).entries())
    Q.push(await deal(status, `2024-04-0${n + 1}T00:00:00Z`, rep2.id, "1000"));
  const uses: [string, string, string, string][] = [
    [A, D1, "2026-02-01", rep1.id],
    [A, D1, "2026-02-10", rep1.id],
    [B, D1, "2026-02-05", rep1.id],
    [B, D1, "2026-02-20", rep1.id],
    [B, D2, "2026-03-01", rep1.id],
    [B, D2, "2026-03-05", rep1.id],
    [C, D2, "2026-03-10", rep1.id],
    [C, D2, "2026-03-15", rep1.id],
    [A, D2, "2026-03-20", rep1.id],
    [A, D2, "2026-04-10", rep1.id],
    [A, D3, "2026-04-01", rep2.id],
    [C, D4, "2026-06-05", rep2.id],
    [A, D6, "2026-08-01", rep2.id],
    [A, D7, "2025-05-01", rep1.id],
    [C, D8, "2026-08-15", rep1.id],
    [C, D8, "2026-08-20", rep1.id],
    ...P.map((dealId): [string, string, string, string] => [E, dealId, "2024-02-01", rep1.id]),
    [F, Q[0] as string, "2024-03-01", rep2.id],
  ];
  const rows: NewEvent[] = uses.map(([assetId, dealId, day, userId], i) => ({
    id: randomUUID(),
    type: i % 2 === 0 ? "link_inserted" : "asset_viewed",
    userId,
    assetId,
    dealId,
    shareId: null,
    surface: "gmail",
    at: new Date(`${day}T00:00:00Z`),
    props: {},
  }));
  await ingestEvents(db, rows);
  return {
    assets: { A, B, C, E, F },
    deals: { D1, D2, D3, D4, D5, D6, D7, D8, P, Q },
    reps: { rep1, rep2 },
    teams: { team1, team2 },
  };
}

/**
 * Where analytics.fieldSignals spends its time: each statement of a one-year report under
 * `explain (analyze, buffers)`, per grouping and kind, on a database bench/field-signals.ts generated and kept.
 *
 *   BENCH_KEEP_DB=bench_signals node --import tsx bench/field-signals-explain.ts [week|stage|industry|team] [competitor|objection]
 *
 * Prints each statement's plan and its execution time, then the sum.
 */

import {
  type Db,
  fieldSignals,
  fieldSignalsInputSchema,
  openNamedDatabase,
  rowsOf,
} from "@pitchside/api/testing";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

const ANCHOR = new Date("2026-11-01T00:00:00Z");
const DAY_MS = 86_400_000;
const keep = process.env.BENCH_KEEP_DB;
if (!keep) throw new Error("BENCH_KEEP_DB: the kept bench database to explain on");
const groupBy = (process.argv[2] ?? "week") as "week" | "stage" | "industry" | "team";
const kind = process.argv[3] as "competitor" | "objection" | undefined;
const database = await openNamedDatabase(
  process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  keep,
);

const dialect = new PgDialect();

/** The report's transaction, each statement explained before it runs. */
let total = 0;
const explaining = new Proxy(database.db, {
  get(target, prop, receiver) {
    if (prop !== "transaction") return Reflect.get(target, prop, receiver);
    return (body: (tx: Db) => Promise<unknown>) =>
      target.transaction((tx) =>
        body(
          new Proxy(tx, {
            get(t, p, r) {
              if (p !== "execute") return Reflect.get(t, p, r);
              return async (query: SQL) => {
                const text = dialect.sqlToQuery(query).sql;
                if (!/^\s*set /i.test(text)) {
                  const plan = rowsOf<{ "QUERY PLAN": string }>(
                    await t.execute(sql`explain (analyze, buffers) ${query}`),
                  ).map((row) => row["QUERY PLAN"]);
                  const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.join("\n"))?.[1] ?? 0);
                  total += ms;
                  console.log(`\n-- ${text.replace(/\s+/g, " ").slice(0, 140)}…\n${plan.join("\n")}`);
                }
                return t.execute(query);
              };
            },
          }) as Db,
        ),
      );
  },
}) as Db;

try {
  const period = { from: new Date(ANCHOR.getTime() - 365 * DAY_MS).toISOString(), to: ANCHOR.toISOString() };
  const input = fieldSignalsInputSchema.parse({ ...period, groupBy, ...(kind ? { kind } : {}) });
  await fieldSignals(database.db, input, ANCHOR); // warm
  await fieldSignals(explaining, input, ANCHOR);
  console.log(`\nby ${groupBy} ${kind ?? "all"}: statements' execution time ${total.toFixed(1)} ms in all`);
} finally {
  await database.close();
}

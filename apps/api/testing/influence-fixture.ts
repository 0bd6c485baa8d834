/** The influence book on a test server of its own, for the API tests (the portal's browser test seeds the book itself). */

import type { InfluenceRequest } from "../src/analytics/influence-service";
import { makeUser } from "./factories";
import { seedInfluenceBook } from "./influence-book";
import { loginToken, startTestServer } from "./server";

/** The rates the book is reported with: USD base, JPY 150. */
export const bookRates = { USD: 1, JPY: 150 };

/**
 * A test server holding the book, a marketer, an admin and rep1 signed in,
 * reporting in USD, and `influence` asking for a report of 2026 as the marketer.
 */
export async function openInfluenceBook() {
  const server = await startTestServer();
  const { db } = server.deps.database;
  const book = await seedInfluenceBook(server.deps);
  const m = await makeUser(db, { role: "marketer" });
  const a = await makeUser(db, { role: "admin" });
  const marketer = await loginToken(server, m.email, m.password);
  const admin = await loginToken(server, a.email, a.password);
  const rep = await loginToken(server, book.reps.rep1.email, book.reps.rep1.password);
  await server
    .client({ token: admin })
    .analytics.settings.update.mutate({ reportingCurrency: "USD", rates: bookRates });
  const influence = (input: InfluenceRequest) =>
    server
      .client({ token: marketer })
      .analytics.contentInfluence.query({ from: "2026-01-01", to: "2026-12-31", ...input });
  return { server, book, tokens: { marketer, admin, rep }, influence };
}

/** The real API on its own Meilisearch and a throwaway data directory, with the demo taxonomy, for a benchmark. */

import {
  demoTaxonomy,
  makeUser,
  startServerOnOwnMeili,
  type TestServer,
  upsertTerms,
} from "@pitchside/api/testing";

export async function startBenchServer(name: string) {
  const started = await startServerOnOwnMeili(`bench-${name}`, { LOG_LEVEL: "silent" });
  const { server } = started;
  await upsertTerms(server.deps.database.db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  return started;
}

/** A new user of `role`, as the API sees them, and the bearer token the extension would hold for them. */
export async function bearerFor(server: TestServer, role: "rep" | "marketer" | "admin") {
  const user = await makeUser(server.deps.database.db, { role });
  const { token } = (await server
    .client()
    .auth.login.mutate({ email: user.email, password: user.password, client: "extension" })) as {
    token: string;
  };
  const session = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    teamId: user.teamId,
    locale: null,
  };
  return { user: session, headers: { authorization: `Bearer ${token}` } };
}

import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FromProvider, TestAccount, ToProvider } from "./oidc-provider-process";

export type { TestAccount } from "./oidc-provider-process";

export interface TestOidcProvider {
  issuer: string;
  /** Registers the one client; the API's redirect URI is known only once it listens. */
  start(client: { id: string; secret: string; redirectUri: string }, accounts: TestAccount[]): Promise<void>;
  addAccount(account: TestAccount): Promise<void>;
  /** Shifts the provider's clock (seconds; negative: behind), as a provider with a wrong clock. */
  setClock(offsetSeconds: number): Promise<void>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Starts oidc-provider in a child process (its own clock) listening on a free port of 127.0.0.1. */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./oidc-provider-process.ts", import.meta.url)), {
    execArgv: ["--import", pathToFileURL(require.resolve("tsx")).href],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<FromProvider>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`test OpenID provider exited (${code})`));
      child.once("exit", exited);
      child.once("message", (m) => {
        child.off("exit", exited);
        resolve(m as FromProvider);
      });
    });
  const ask = async (message: ToProvider) => {
    const answer = next();
    child.send(message);
    await answer;
  };
  const first = await next();
  if (first.kind !== "listening") throw new Error("test OpenID provider did not start");
  return {
    issuer: first.issuer,
    start: (client, accounts) => ask({ kind: "start", client, accounts }),
    addAccount: (account) => ask({ kind: "account", account }),
    setClock: (offsetSeconds) => ask({ kind: "clock", offsetSeconds }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

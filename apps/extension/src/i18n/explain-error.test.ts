import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { ApiError, callProcedure } from "../api/trpc-http";
import { explainError } from "./explain-error";
import { translator } from "./translate";

const UNREACHABLE = "http://127.0.0.1:9";
const failure = (serverUrl: string) =>
  callProcedure("taxonomy.list", {}, { serverUrl, retries: 0 }).catch((err: unknown) => err);

describe("what a rep reads when a call fails", () => {
  it("names the server that cannot be reached and what to do, in the page's language", async () => {
    const err = await failure(UNREACHABLE);
    expect(explainError(err, translator("en"))).toBe(
      `Can't reach Pitchside at ${UNREACHABLE}. Check that the server is running or change the address in the extension's options.`,
    );
    expect(explainError(err, translator("ja"))).toBe(
      `${UNREACHABLE} の Pitchside に接続できません。サーバーが起動しているか確認するか、拡張機能のオプションでアドレスを変更してください。`,
    );
    expect(explainError(err, translator("en"))).not.toContain("Failed to fetch");
  });

  it("says when the address answers but is not Pitchside", async () => {
    const other = createServer((_req, res) => res.writeHead(404).end("not here"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const address = other.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      expect(explainError(await failure(url), translator("en"))).toBe(
        `${url} did not answer as a Pitchside server (HTTP 404). Check the address in the extension's options.`,
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it("shows the server's own message for other errors, and asks for a new sign-in for UNAUTHORIZED", () => {
    const t = translator("en");
    expect(explainError(new ApiError("No asset with id 42", "NOT_FOUND", 404, UNREACHABLE), t)).toBe(
      "No asset with id 42",
    );
    expect(explainError(new ApiError("Token revoked", "UNAUTHORIZED", 401), translator("ja"))).toBe(
      "サインインが無効になりました。ツールバーの Pitchside ボタンからもう一度サインインしてください。",
    );
    expect(explainError(new Error("boom"), t)).toBe("Something went wrong: boom");
  });
});

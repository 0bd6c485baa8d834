import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError } from "../errors";

/** zxcvbn's score from 0 (guessed at once) to 4; below this a password is refused. */
export const MIN_PASSWORD_SCORE = 3;

type Warnings = Record<string, string>;

// The dictionaries are a few MB: loaded on the first password set, not at every start.
let estimator: Promise<{ zxcvbn: ZxcvbnFactory; english: Warnings }> | undefined;

function loadEstimator() {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    // no translations: feedback comes back as zxcvbn's keys (`simpleRepeat`), which UIs localize
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return { zxcvbn, english: en.translations.warnings };
  })();
  return estimator;
}

/** Letters and digits only, lower case: "Ana.Lee" and "ana lee" are the same thing to a guesser. */
const bare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

export interface PasswordOwner {
  email: string;
  name: string;
}

/** Why a password is refused, or null: the owner's email or name in it, or too easy to guess. */
export async function passwordProblem(password: string, owner: PasswordOwner): Promise<AppError | null> {
  const candidate = bare(password);
  const localPart = bare(owner.email.split("@")[0] ?? "");
  const refuse = (reason: string, message: string, params?: Record<string, string>) =>
    new AppError("BAD_REQUEST", message, { reason, field: "password", ...(params ? { params } : {}) });
  if (candidate.includes(bare(owner.email)) || (localPart.length >= 4 && candidate.includes(localPart))) {
    return refuse("passwordHasEmail", "Password must not contain your email address");
  }
  const name = bare(owner.name);
  if (name.length >= 4 && candidate.includes(name)) {
    return refuse("passwordHasName", "Password must not contain your name");
  }
  const { zxcvbn, english } = await loadEstimator();
  const nameWords = owner.name.split(/\s+/).filter((w) => w.length >= 3);
  const result = zxcvbn.check(password, [owner.email, localPart, owner.name, ...nameWords]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning;
  const why = warning ? english[warning] : undefined;
  return refuse(
    "passwordWeak",
    `Password is too easy to guess${why ? `: ${why}` : ""}. Use a longer passphrase of unrelated words`,
    warning ? { kind: warning } : undefined,
  );
}

/** Throws the reason a password is refused (BAD_REQUEST on the `password` field). */
export async function assertStrongPassword(password: string, owner: PasswordOwner): Promise<void> {
  const problem = await passwordProblem(password, owner);
  if (problem) throw problem;
}

import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiAs, newUser, TEST_PASSWORD } from "../../test/api";
import { renderApp } from "../../test/render-app";

async function fillAndSubmit(user: ReturnType<typeof renderApp>["user"], email: string, password: string) {
  await user.type(await screen.findByLabelText(/^Email/), email);
  await user.type(screen.getByLabelText(/^Password/), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

/** Five wrong passwords for `email` from this address: the sixth attempt is throttled. */
async function failFiveSignIns(email: string) {
  for (let i = 0; i < 5; i++) {
    await apiAs()
      .auth.login.mutate({ email, password: "guess" })
      .catch(() => undefined);
  }
}

describe("sign-in", () => {
  it("sends a signed-out visitor to sign-in, and shows the server's reason when sign-in fails", async () => {
    const rep = await newUser("rep");
    const { user, router } = renderApp({ path: "/admin/users" });

    await fillAndSubmit(user, rep.email, "not-my-password");

    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong email or password");
    expect(router.state.location.pathname).toBe("/sign-in");
  });

  it("says a wrong password in the user's language", async () => {
    const rep = await newUser("rep");
    const { user } = renderApp({ path: "/sign-in", language: "ja" });

    await user.type(await screen.findByLabelText(/^メールアドレス/), rep.email);
    await user.type(screen.getByLabelText(/^パスワード/), "not-my-password");
    await user.click(screen.getByRole("button", { name: "ログイン" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "メールアドレスまたはパスワードが正しくありません。",
    );
  });

  it("shows the throttle message when there were too many attempts", async () => {
    const rep = await newUser("rep");
    await failFiveSignIns(rep.email);
    const { user } = renderApp({ path: "/sign-in" });

    await fillAndSubmit(user, rep.email, "guess");

    expect(await screen.findByRole("alert")).toHaveTextContent(/try again in \d+ (seconds|minutes)/);
  });

  it("says so in the user's language when the throttle refuses", async () => {
    const rep = await newUser("rep");
    await failFiveSignIns(rep.email);
    const { user } = renderApp({ path: "/sign-in", language: "ja" });

    await user.type(await screen.findByLabelText(/^メールアドレス/), rep.email);
    await user.type(screen.getByLabelText(/^パスワード/), TEST_PASSWORD);
    await user.click(screen.getByRole("button", { name: "ログイン" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      /ログインの失敗が続いたため、しばらくログインできません。\d+ 秒後にもう一度お試しください。/,
    );
  });

  it("asks for both fields before calling the server", async () => {
    const { user } = renderApp({ path: "/sign-in" });

    await user.click(await screen.findByRole("button", { name: "Sign in" }));

    expect(screen.getByText("Enter your email address")).toBeInTheDocument();
    expect(screen.getByText("Enter your password")).toBeInTheDocument();
  });

  it("returns to the page asked for, in the language saved on the account", async () => {
    const admin = await newUser("admin");
    await apiAs(admin.token).users.setLocale.mutate({ locale: "ja" });
    const { user, router } = renderApp({ path: "/admin/teams" });

    await fillAndSubmit(user, admin.email, TEST_PASSWORD);

    expect(await screen.findByRole("heading", { level: 1, name: "チーム" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/admin/teams");
    expect(document.documentElement.lang).toBe("ja");
    expect(localStorage.getItem("pitchside.language")).toBe("ja");
  });
});

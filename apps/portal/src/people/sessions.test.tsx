import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiAs, newUser, TEST_PASSWORD } from "../../test/api";
import { renderApp } from "../../test/render-app";

const sessionsSection = async () =>
  within(
    (await screen.findByRole("heading", { level: 2, name: "Sessions and tokens" })).closest(
      "section",
    ) as HTMLElement,
  );

describe("My account → Sessions and tokens", () => {
  it("lists my portal sessions, ends one, and signs out everywhere else (extension tokens too)", async () => {
    const rep = await newUser("rep");
    // two portal sign-ins elsewhere, and a second extension token
    for (let i = 0; i < 2; i += 1)
      await apiAs().auth.login.mutate({ email: rep.email, password: TEST_PASSWORD });
    const extension = await apiAs().auth.login.mutate({
      email: rep.email,
      password: TEST_PASSWORD,
      client: "extension",
    });
    if (!("token" in extension)) throw new Error("no token");
    const { user } = renderApp({ token: rep.token, path: "/account" });
    const section = await sessionsSection();
    const table = await section.findByRole("table", { name: "Portal sessions" });
    await waitFor(() =>
      expect(within(table).getAllByRole("button", { name: /^End session in / })).toHaveLength(2),
    );

    await user.click(within(table).getAllByRole("button", { name: /^End session in / })[0] as HTMLElement);
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "End" }));
    await waitFor(() =>
      expect(within(table).getAllByRole("button", { name: /^End session in / })).toHaveLength(1),
    );
    expect(await apiAs(rep.token).sessions.mine.query()).toHaveLength(1);

    await user.click(section.getByRole("button", { name: "Sign out everywhere else" }));
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Sign out everywhere else" }),
    );
    expect(await screen.findByText("Signed out everywhere else")).toBeInTheDocument();
    expect(await apiAs(rep.token).sessions.mine.query()).toEqual([]);
    await expect(apiAs(extension.token).auth.me.query()).rejects.toThrow();
    // the page's own credential stays
    expect((await apiAs(rep.token).auth.me.query()).user.id).toBe(rep.user.id);
  });

  it("shows the page in Japanese", async () => {
    const rep = await newUser("rep");
    renderApp({ token: rep.token, path: "/account", language: "ja" });
    expect(
      await screen.findByRole("heading", { level: 2, name: "セッションとトークン" }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole("button", { name: "他のすべての場所からサインアウト" }),
    ).toBeInTheDocument();
  });
});

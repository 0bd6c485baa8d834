import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiAs, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

describe("language switch", () => {
  it("switches the signed-in UI to Japanese, remembers it here and saves it to the account", async () => {
    const rep = await newUser("rep");
    const { user } = renderApp({ token: rep.token, path: "/account" });
    expect(await screen.findByRole("heading", { level: 1, name: "My account" })).toBeInTheDocument();

    await user.click(screen.getAllByRole("radio", { name: "日本語" })[0] as HTMLElement);

    expect(await screen.findByRole("heading", { level: 1, name: "アカウント設定" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "アカウント設定" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("ja");
    expect(localStorage.getItem("pitchside.language")).toBe("ja");
    await waitFor(async () => expect((await apiAs(rep.token).auth.me.query()).user.locale).toBe("ja"));
  });

  it("switches the sign-in page", async () => {
    const { user } = renderApp({ path: "/sign-in", language: "ja" });
    expect(await screen.findByRole("heading", { level: 1, name: "ログイン" })).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "English" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiAs, newUser, TEST_PASSWORD } from "../../test/api";
import { renderApp } from "../../test/render-app";

const NEW_PASSWORD = "saffron-glacier-nine-44";

const passwordSection = async () =>
  within(
    (await screen.findByRole("heading", { level: 2, name: /^(Password|パスワード)$/ })).closest(
      "section",
    ) as HTMLElement,
  );

describe("My account → Password", () => {
  it("changes the password with the current one, ending the other tokens and keeping this one", async () => {
    const rep = await newUser("rep");
    const other = await apiAs().auth.login.mutate({
      email: rep.email,
      password: TEST_PASSWORD,
      client: "extension",
    });
    if (!("token" in other)) throw new Error("no token");
    const { user } = renderApp({ token: rep.token, path: "/account" });
    const form = await passwordSection();

    await user.type(form.getByLabelText(/^Current password/), "not-my-password");
    await user.type(form.getByLabelText(/^New password/), NEW_PASSWORD);
    await user.type(form.getByLabelText(/^Repeat the new password/), NEW_PASSWORD);
    await user.click(form.getByRole("button", { name: "Change password" }));
    expect(await form.findByText("That is not your current password.")).toBeInTheDocument();
    // on the field, not in a banner
    expect(form.queryByRole("alert")).not.toBeInTheDocument();

    await user.clear(form.getByLabelText(/^Current password/));
    await user.type(form.getByLabelText(/^Current password/), TEST_PASSWORD);
    await user.click(form.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText(/^Password changed\./)).toBeInTheDocument();
    await expect(apiAs(other.token).auth.me.query()).rejects.toThrow();
    expect((await apiAs(rep.token).auth.me.query()).user.id).toBe(rep.user.id);
    await expect(
      apiAs().auth.login.mutate({ email: rep.email, password: NEW_PASSWORD }),
    ).resolves.toBeTruthy();
  });

  it("checks the repeat and length before sending", async () => {
    const rep = await newUser("rep");
    const { user } = renderApp({ token: rep.token, path: "/account" });
    const form = await passwordSection();

    await user.type(form.getByLabelText(/^Current password/), TEST_PASSWORD);
    await user.type(form.getByLabelText(/^New password/), "short");
    await user.type(form.getByLabelText(/^Repeat the new password/), "shorter");
    await user.click(form.getByRole("button", { name: "Change password" }));

    expect(form.getByText("Use at least 12 characters")).toBeInTheDocument();
    expect(form.getByText("The two new passwords differ")).toBeInTheDocument();
  });

  it("says why a password is refused in the user's language", async () => {
    const rep = await newUser("rep");
    const { user } = renderApp({ token: rep.token, path: "/account", language: "ja" });
    const form = await passwordSection();

    await user.type(form.getByLabelText(/^現在のパスワード/), TEST_PASSWORD);
    await user.type(form.getByLabelText(/^新しいパスワード(?!（)/), "aaaaaaaaaaaa");
    await user.type(form.getByLabelText(/^新しいパスワード（確認）/), "aaaaaaaaaaaa");
    await user.click(form.getByRole("button", { name: "パスワードを変更" }));

    expect(
      await form.findByText(/^「aaa」のような同じ文字の繰り返しは推測されやすいパスワードです。/),
    ).toBeInTheDocument();

    const email = rep.email;
    for (const field of [/^新しいパスワード(?!（)/, /^新しいパスワード（確認）/]) {
      await user.clear(form.getByLabelText(field));
      await user.type(form.getByLabelText(field), `${email}-x`);
    }
    await user.click(form.getByRole("button", { name: "パスワードを変更" }));
    expect(await form.findByText("パスワードにメールアドレスを含めないでください。")).toBeInTheDocument();
    await waitFor(async () =>
      expect((await apiAs().auth.login.mutate({ email, password: TEST_PASSWORD })).user.id).toBe(rep.user.id),
    );
  });
});

import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { asAdmin, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

describe("session expiry", () => {
  it("returns to sign-in, remembering the page, when any call says UNAUTHORIZED", async () => {
    const tokenName = unique("Expiring");
    const admin = await newUser("admin", { tokenName });
    const { router } = renderApp({ token: admin.token, path: "/account" });
    expect(await screen.findByRole("heading", { level: 1, name: "My account" })).toBeInTheDocument();

    // the token is revoked elsewhere while the page is open
    const tokens = await asAdmin().tokens.list.query({ all: true });
    const id = tokens.find((t) => t.name === tokenName)?.id ?? "";
    await asAdmin().tokens.revoke.mutate({ id });
    await router.navigate("/admin/teams");

    expect(await screen.findByText("Your session has ended. Sign in again to continue.")).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(router.state.location.state).toMatchObject({ from: "/admin/teams", expired: true });
  });

  it("does not treat a refusal (FORBIDDEN) as a lost session", async () => {
    const admin = await newUser("admin");
    const { router } = renderApp({ token: admin.token, path: "/account" });
    expect(await screen.findByRole("heading", { level: 1, name: "My account" })).toBeInTheDocument();

    // demoted elsewhere: the page still thinks it is an admin, the API knows better
    await asAdmin().users.update.mutate({ id: admin.user.id, role: "rep" });
    await router.navigate("/admin/users");

    expect(await screen.findByRole("alert")).toHaveTextContent("This needs the role admin");
    expect(router.state.location.pathname).toBe("/admin/users");
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiAs, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

describe("extension tokens", () => {
  it("lets an admin see everyone's tokens and revoke one after confirming", async () => {
    const admin = await newUser("admin");
    const laptop = unique("Riley's laptop");
    const riley = await newUser("rep", { tokenName: laptop });
    const { user } = renderApp({ token: admin.token, path: "/admin/tokens" });

    const row = (await screen.findByRole("cell", { name: laptop })).closest("tr") as HTMLElement;
    expect(within(row).getByText(riley.email)).toBeInTheDocument();
    expect(within(row).getByText("Active")).toBeInTheDocument();

    await user.click(within(row).getByRole("button", { name: `Revoke ${laptop} of ${riley.email}` }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Revoke" }));

    await waitFor(() => expect(within(row).getByText(/^Revoked /)).toBeInTheDocument());
    await expect(apiAs(riley.token).auth.me.query()).rejects.toThrow();
  });

  it("shows a user only their own tokens on My account", async () => {
    const mine = unique("My laptop");
    const rep = await newUser("rep", { tokenName: mine });
    const other = unique("Someone else's");
    await newUser("rep", { tokenName: other });
    renderApp({ token: rep.token, path: "/account" });

    expect(await screen.findByRole("cell", { name: mine })).toBeInTheDocument();
    expect(screen.queryByRole("cell", { name: other })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  admin = await newUser("admin", { name: unique("Iris Admin") });
});

const dialog = () => screen.findByRole("dialog");

describe("Admin → Users: invitations and reset links (no mail server)", () => {
  it("invites with a role and language, shows the link to copy, lists the invitation, and revokes it", async () => {
    const email = `${unique("guest").replace(" ", "-")}@portal.test`;
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await screen.findByRole("cell", { name: admin.email });
    await user.click(screen.getByRole("button", { name: "Invite" }));
    const form = within(await dialog());
    await user.type(form.getByLabelText(/^Email/), email);
    await user.selectOptions(form.getByLabelText(/^Role/), "marketer");
    await user.selectOptions(form.getByLabelText(/^Language of the invitation/), "ja");
    await user.click(form.getByRole("button", { name: "Invite" }));

    const link = (await screen.findByLabelText("Link to send")) as HTMLInputElement;
    expect(link.value).toMatch(/\/invite#[A-Za-z0-9_-]{43}$/);
    const pending = (await asAdmin().invitations.list.query()).find((i) => i.email === email);
    expect(pending).toMatchObject({ role: "marketer", locale: "ja", mailedAt: null });

    await user.click(screen.getByRole("button", { name: "Done" }));
    await user.click(await screen.findByRole("button", { name: `Revoke the invitation to ${email}` }));
    await user.click(within(await dialog()).getByRole("button", { name: "Revoke" }));
    await waitFor(async () =>
      expect((await asAdmin().invitations.list.query()).map((i) => i.email)).not.toContain(email),
    );
  });

  it("the reset-password dialog makes a reset link to copy", async () => {
    const rep = await newUser("rep", { name: unique("Rob Rep") });
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await user.click(await screen.findByRole("button", { name: `Reset password of ${rep.user.name}` }));
    const modal = within(await dialog());
    await user.click(modal.getByRole("button", { name: "Copy a reset link" }));
    const link = (await modal.findByLabelText("Link to send")) as HTMLInputElement;
    expect(link.value).toMatch(/\/reset-password#[A-Za-z0-9_-]{43}$/);
  });
});

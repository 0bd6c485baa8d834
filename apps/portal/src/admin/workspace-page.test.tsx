import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;
let marketer: string;

beforeAll(async () => {
  admin = (await newUser("admin")).token;
  marketer = (await newUser("marketer")).token;
});

// The portal's tests share one API: this file saves the settings as they are, never different ones.
describe("Admin → Workspace", () => {
  it("shows the review rule and each type's audience, and saves them", async () => {
    const before = await asAdmin().admin.workspace.query();
    const { user } = renderApp({ token: admin, path: "/admin/workspace" });
    await screen.findByRole("heading", { level: 1, name: "Workspace settings" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Workspace" })).toHaveAttribute("aria-current", "page");

    const review = await screen.findByRole("switch", {
      name: /^Require review for new versions of published assets/,
    });
    expect((review as HTMLInputElement).checked).toBe(before.reviewNewVersions);
    const battleCard = within(screen.getByRole("radiogroup", { name: "Battle card" }));
    expect(battleCard.getByRole("radio", { name: "Internal" })).toBeChecked();
    const caseStudy = within(screen.getByRole("radiogroup", { name: "Case study" }));
    expect(caseStudy.getByRole("radio", { name: "External" })).toBeChecked();

    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved");
    expect(await asAdmin().admin.workspace.query()).toEqual(before);
  });

  it("is for admins only", async () => {
    renderApp({ token: marketer, path: "/admin/workspace" });
    expect(await screen.findByRole("heading", { level: 1, name: "Not allowed" })).toBeInTheDocument();
  });

  it("shows single sign-on as configured and not required, naming the break-glass addresses (none here)", async () => {
    // switching it on would refuse every other file's password sign-ins on the shared API: the API's
    // oidc.test.ts turns it on and off
    renderApp({ token: admin, path: "/admin/workspace" });
    const required = await screen.findByRole("switch", { name: /^Require SSO: turn password sign-in off/ });
    expect(required).not.toBeChecked();
    expect(required).toBeEnabled();
    expect(
      screen.getByText(/none set — with SSO required, nobody could sign in with a password/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Single sign-on isn't configured/)).not.toBeInTheDocument();
  });
});

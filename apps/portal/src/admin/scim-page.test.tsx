import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;

beforeAll(async () => {
  admin = (await newUser("admin")).token;
});

describe("Admin → Provisioning (SCIM)", () => {
  it("shows the base URL, creates a token shown once, replaces it after asking, and revokes it", async () => {
    const { baseUrl } = await asAdmin().scim.status.query();
    const { user } = renderApp({ token: admin, path: "/admin/scim" });
    await screen.findByRole("heading", { level: 1, name: "Provisioning (SCIM)" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Provisioning (SCIM)" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(await screen.findByDisplayValue(baseUrl)).toHaveAccessibleName("SCIM base URL");

    const create = screen.queryByRole("button", { name: "Create token" });
    if (create) await user.click(create);
    else {
      await user.click(screen.getByRole("button", { name: "Replace token" }));
      await user.click(
        within(await screen.findByRole("dialog")).getByRole("button", { name: "Replace token" }),
      );
    }
    const shown = (await screen.findByLabelText("New token")) as HTMLInputElement;
    expect(shown.value).toMatch(/^pss_/);
    expect(await screen.findByText("Configured")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Revoke token" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Revoke token" }));
    expect(await screen.findByText("No token: SCIM refuses every request")).toBeInTheDocument();
    expect(screen.queryByLabelText("New token")).not.toBeInTheDocument();
  });
});

import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

const tokens: Record<"admin" | "marketer" | "rep", string> = { admin: "", marketer: "", rep: "" };

beforeAll(async () => {
  for (const role of ["admin", "marketer", "rep"] as const) tokens[role] = (await newUser(role)).token;
});

const navigation = async () => screen.findByRole("navigation", { name: "Main" });

describe("role-based navigation", () => {
  it("shows Admin to admins", async () => {
    renderApp({ token: tokens.admin, path: "/account" });
    const nav = await navigation();
    expect(within(nav).getByText("Admin")).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "My account" })).toHaveAttribute("aria-current", "page");
  });

  it.each(["marketer", "rep"] as const)("hides Admin from a %s", async (role) => {
    renderApp({ token: tokens[role], path: "/account" });
    const nav = await navigation();
    expect(within(nav).getByRole("link", { name: "My account" })).toBeInTheDocument();
    expect(within(nav).queryByText("Admin")).not.toBeInTheDocument();
    expect(within(nav).queryByRole("link", { name: "Users" })).not.toBeInTheDocument();
  });

  it("tells a rep who opens /admin that it is not allowed", async () => {
    renderApp({ token: tokens.rep, path: "/admin/users" });
    expect(await screen.findByRole("heading", { level: 1, name: "Not allowed" })).toBeInTheDocument();
    expect(screen.getByText(/Your role \(Sales rep\) can't open this page/)).toBeInTheDocument();
  });

  it("sends each role to the first page its navigation offers", async () => {
    const { router } = renderApp({ token: tokens.rep, path: "/" });
    const nav = await navigation();
    const first = within(nav).getAllByRole("link")[0];
    await screen.findByRole("heading", { level: 1 });
    expect(first).toHaveAttribute("aria-current", "page");
    expect(router.state.location.pathname).toBe(first?.getAttribute("href"));
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, asAdmin, newUser, TEST_PASSWORD } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  admin = await newUser("admin");
});

describe("Admin → Users: deactivated users", () => {
  it("shows a deactivated user apart and reactivates them", async () => {
    const leaver = await newUser("rep");
    await asAdmin().users.disable.mutate({ id: leaver.user.id });
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    const row = (await screen.findByText(leaver.user.name)).closest("tr") as HTMLElement;
    expect(within(row).getByText("Deactivated")).toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: `Reactivate ${leaver.user.name}` }));
    expect(await screen.findByText(`${leaver.user.name} can sign in again`)).toBeInTheDocument();
    await waitFor(() => expect(within(row).queryByText("Deactivated")).not.toBeInTheDocument());
    const again = await apiAs().auth.login.mutate({ email: leaver.email, password: TEST_PASSWORD });
    expect(again.user.id).toBe(leaver.user.id);
  });
});

const rowsNaming = async (name: string) =>
  (await screen.findAllByText(name)).map((cell) => cell.closest("tr"));

describe("Admin → Audit log", () => {
  it("lists people changes with who did them and localized action names", async () => {
    const someone = await newUser("rep");
    await apiAs(admin.token).users.disable.mutate({ id: someone.user.id });
    const { user } = renderApp({ token: admin.token, path: "/admin/audit" });
    await user.click(await screen.findByText("Users and teams"));
    // newest first: the deactivation, then the creation
    const [row] = await rowsNaming(someone.user.name);
    expect(within(row as HTMLElement).getByText("Deactivated user")).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText(admin.user.name)).toBeInTheDocument();
  });

  it("speaks Japanese", async () => {
    const someone = await newUser("rep");
    await apiAs(admin.token).users.enable.mutate({ id: someone.user.id });
    renderApp({ token: admin.token, path: "/admin/audit", language: "ja" });
    expect(await screen.findByRole("heading", { name: "監査ログ" })).toBeInTheDocument();
    const [row] = await rowsNaming(someone.user.name);
    expect(within(row as HTMLElement).getByText("ユーザーを再有効化")).toBeInTheDocument();
  });
});

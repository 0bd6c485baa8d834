import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, asAdmin, newUser, TEST_PASSWORD, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: Awaited<ReturnType<typeof newUser>>;
let japan: { id: string; name: string };

beforeAll(async () => {
  admin = await newUser("admin", { name: unique("Alex Admin") });
  japan = await asAdmin().users.createTeam.mutate({ name: unique("Japan") });
});

const dialog = () => screen.findByRole("dialog");
const rowOf = async (text: string) => (await screen.findByText(text)).closest("tr") as HTMLElement;
const userNamed = async (name: string) => (await asAdmin().users.list.query()).find((u) => u.name === name);

describe("Admin → Users", () => {
  it("lists users with their role and team", async () => {
    const riley = await newUser("rep", { name: unique("Riley Rep"), teamId: japan.id });
    renderApp({ token: admin.token, path: "/admin/users" });
    const row = await rowOf(riley.user.name);
    expect(within(row).getByText(riley.email)).toBeInTheDocument();
    expect(within(row).getByText("Sales rep")).toBeInTheDocument();
    expect(within(row).getByText(japan.name)).toBeInTheDocument();
  });

  it("creates a user with a role and team, then shows them in the list", async () => {
    const name = unique("Mia Marketer");
    const email = `${name.replace(/\W+/g, ".").toLowerCase()}@portal.test`;
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await screen.findByRole("cell", { name: admin.email }); // the list and teams have loaded
    await user.click(screen.getByRole("button", { name: "Create user" }));
    const form = within(await dialog());

    await user.type(form.getByLabelText(/^Name/), name);
    await user.type(form.getByLabelText(/^Email/), email);
    await user.selectOptions(form.getByLabelText(/^Role/), "marketer");
    await user.selectOptions(form.getByLabelText(/^Team/), japan.name);
    await user.type(form.getByLabelText(/^Initial password/), "a-long-enough-secret");
    await user.click(form.getByRole("button", { name: "Create user" }));

    expect(await screen.findByText(name)).toBeInTheDocument();
    expect(await userNamed(name)).toMatchObject({ email, role: "marketer", teamId: japan.id });
    await expect(
      apiAs().auth.login.mutate({ email, password: "a-long-enough-secret" }),
    ).resolves.toBeTruthy();
  });

  it("checks the password length before sending, and shows the server's field errors on the field", async () => {
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await screen.findByRole("cell", { name: admin.email });
    await user.click(screen.getByRole("button", { name: "Create user" }));
    const form = within(await dialog());
    const name = unique("Sam");
    await user.type(form.getByLabelText(/^Name/), name);
    await user.type(form.getByLabelText(/^Email/), "sam@example..com");
    await user.type(form.getByLabelText(/^Initial password/), "short");
    await user.click(form.getByRole("button", { name: "Create user" }));

    expect(form.getByText("Use at least 12 characters")).toBeInTheDocument();

    await user.type(form.getByLabelText(/^Initial password/), "-but-longer-now");
    await user.click(form.getByRole("button", { name: "Create user" }));

    expect(await form.findByText("Not a valid email address")).toBeInTheDocument();
    expect(form.getByLabelText(/^Email/)).toHaveAttribute("aria-invalid", "true");
    expect(await userNamed(name)).toBeUndefined();
  });

  it("shows why the server refused an easily guessed password, on the password field", async () => {
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await screen.findByRole("cell", { name: admin.email });
    await user.click(screen.getByRole("button", { name: "Create user" }));
    const form = within(await dialog());
    const name = unique("Pia");
    await user.type(form.getByLabelText(/^Name/), name);
    await user.type(form.getByLabelText(/^Email/), `${name.replace(/\W+/g, ".").toLowerCase()}@portal.test`);
    await user.type(form.getByLabelText(/^Initial password/), "password1234");
    await user.click(form.getByRole("button", { name: "Create user" }));

    expect(
      await form.findByText(
        "This is too close to a commonly used password. Use a longer passphrase of unrelated words.",
      ),
    ).toBeInTheDocument();
    expect(form.queryByRole("alert")).not.toBeInTheDocument();
    expect(await userNamed(name)).toBeUndefined();
  });

  it("disables a user only after confirmation", async () => {
    const riley = await newUser("rep", { name: unique("Riley Rep") });
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });

    await user.click(await screen.findByRole("button", { name: `Disable ${riley.user.name}` }));
    const confirm = within(await dialog());
    expect(confirm.getByText(/can no longer sign in/)).toBeInTheDocument();
    expect((await userNamed(riley.user.name))?.disabledAt).toBeNull();
    await user.click(confirm.getByRole("button", { name: "Disable" }));

    expect(await within(await rowOf(riley.user.name)).findByText("Deactivated")).toBeInTheDocument();
    expect((await userNamed(riley.user.name))?.disabledAt).not.toBeNull();
  });

  it("does not offer to disable or demote yourself", async () => {
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });
    await screen.findByRole("cell", { name: admin.email });
    expect(screen.queryByRole("button", { name: `Disable ${admin.user.name}` })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: `Edit ${admin.user.name}` }));
    expect(within(await dialog()).getByLabelText(/^Role/)).toBeDisabled();
  });

  it("changes a user's role and team", async () => {
    const riley = await newUser("rep", { name: unique("Riley Rep"), teamId: japan.id });
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });

    await user.click(await screen.findByRole("button", { name: `Edit ${riley.user.name}` }));
    const form = within(await dialog());
    await user.selectOptions(form.getByLabelText(/^Role/), "marketer");
    await user.selectOptions(form.getByLabelText(/^Team/), "No team");
    await user.click(form.getByRole("button", { name: "Save" }));

    await waitFor(async () =>
      expect(await userNamed(riley.user.name)).toMatchObject({ role: "marketer", teamId: null }),
    );
  });

  it("resets a password", async () => {
    const riley = await newUser("rep", { name: unique("Riley Rep") });
    const { user } = renderApp({ token: admin.token, path: "/admin/users" });

    await user.click(await screen.findByRole("button", { name: `Reset password of ${riley.user.name}` }));
    const form = within(await dialog());
    expect(form.getByText(/signed out everywhere/)).toBeInTheDocument();
    await user.type(form.getByLabelText(/^New password/), "a-brand-new-secret");
    await user.click(form.getByRole("button", { name: "Reset password" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await expect(
      apiAs().auth.login.mutate({ email: riley.email, password: "a-brand-new-secret" }),
    ).resolves.toBeTruthy();
    await expect(
      apiAs().auth.login.mutate({ email: riley.email, password: TEST_PASSWORD }),
    ).rejects.toThrow();
  });
});

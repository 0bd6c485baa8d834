import { screen, waitFor } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;

beforeAll(async () => {
  admin = (await newUser("admin")).token;
});

describe("Admin → Teams", () => {
  it("creates a team, counting active members per team", async () => {
    const enterprise = await asAdmin().users.createTeam.mutate({ name: unique("Enterprise") });
    await newUser("rep", { teamId: enterprise.id });
    const gone = await newUser("rep", { teamId: enterprise.id });
    await asAdmin().users.disable.mutate({ id: gone.user.id });
    const { user } = renderApp({ token: admin, path: "/admin/teams" });
    const enterpriseRow = (await screen.findByRole("cell", { name: enterprise.name })).closest("tr");
    expect(enterpriseRow).toHaveTextContent("1");

    const name = unique("Mid-Market");
    await user.type(screen.getByLabelText(/^Team name/), `  ${name} `);
    await user.click(screen.getByRole("button", { name: "Create team" }));

    expect(await screen.findByRole("cell", { name })).toBeInTheDocument();
    expect((await asAdmin().users.teams.query()).map((t) => t.name)).toContain(name);
    await waitFor(() => expect(screen.getByLabelText(/^Team name/)).toHaveValue(""));
  });

  it("shows a duplicate name on the field", async () => {
    const japan = await asAdmin().users.createTeam.mutate({ name: unique("Japan") });
    const { user } = renderApp({ token: admin, path: "/admin/teams" });
    await user.type(await screen.findByLabelText(/^Team name/), japan.name);
    await user.click(screen.getByRole("button", { name: "Create team" }));

    expect(await screen.findByText(new RegExp(`${japan.name}.*already exists`))).toBeInTheDocument();
  });
});

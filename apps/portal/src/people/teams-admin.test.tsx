import { screen, waitFor, within } from "@testing-library/react";
import type { userEvent } from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;

beforeAll(async () => {
  admin = (await newUser("admin")).token;
});

type User = ReturnType<typeof userEvent.setup>;

/**
 * Picks a Mantine Select's option (happy-dom lays nothing out, so the dropdown counts as hidden); the
 * dialog's two selects list the same teams, so the option is looked up in the list this one controls.
 */
async function choose(user: User, label: RegExp, option: string) {
  const select = screen.getByRole("combobox", { name: label });
  await user.click(select);
  const list = await waitFor(() => {
    const id = select.getAttribute("aria-controls");
    const found = id ? document.getElementById(id) : null;
    if (!found) throw new Error("no listbox yet");
    return found;
  });
  await user.click(await within(list).findByRole("option", { name: option, hidden: true }));
}

describe("Admin → Teams: rename and delete", () => {
  it("renames a team, and says in the field when another team has the name", async () => {
    const team = await asAdmin().users.createTeam.mutate({ name: unique("Nordics") });
    const taken = await asAdmin().users.createTeam.mutate({ name: unique("Benelux") });
    const { user } = renderApp({ token: admin, path: "/admin/teams" });
    await user.click(await screen.findByRole("button", { name: `Rename ${team.name}` }));
    const dialog = await screen.findByRole("dialog");
    const field = within(dialog).getByLabelText(/^Team name/);
    await user.clear(field);
    await user.type(field, taken.name.toUpperCase());
    await user.click(within(dialog).getByRole("button", { name: "Rename" }));
    expect(
      await within(dialog).findByText(
        `A team named ${taken.name.toUpperCase()} already exists. Pick another name.`,
      ),
    ).toBeInTheDocument();

    const name = unique("Nordic countries");
    await user.clear(field);
    await user.type(field, name);
    await user.click(within(dialog).getByRole("button", { name: "Rename" }));
    expect(await screen.findByRole("cell", { name })).toBeInTheDocument();
    expect((await asAdmin().users.teams.query()).find((t) => t.id === team.id)?.name).toBe(name);
  });

  it("deletes a team after saying how many users and team-only assets move where", async () => {
    const gone = await asAdmin().users.createTeam.mutate({ name: unique("Old EMEA") });
    const emea = await asAdmin().users.createTeam.mutate({ name: unique("EMEA") });
    const members = [await newUser("rep", { teamId: gone.id }), await newUser("rep", { teamId: gone.id })];
    const asset = await asAdmin().assets.createLink.mutate({
      meta: { title: unique("EMEA pricing"), type: "one_pager", teams: [gone.id] },
      url: "https://example.com/emea",
    });
    const { user } = renderApp({ token: admin, path: "/admin/teams" });
    await user.click(await screen.findByRole("button", { name: `Delete ${gone.name}` }));
    const dialog = await screen.findByRole("dialog");
    // with no team picked, the team-only asset would be opened to everyone: it says so
    expect(
      await within(dialog).findByText("1 team-only asset becomes visible to every team."),
    ).toBeInTheDocument();
    expect(within(dialog).getByText("2 users will have no team.")).toBeInTheDocument();

    await choose(user, /^Its users move to/, emea.name);
    expect(await within(dialog).findByText(`2 users move to ${emea.name}.`)).toBeInTheDocument();
    expect(within(dialog).getByText(`1 team-only asset moves to ${emea.name}.`)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Delete team" }));

    await waitFor(() => expect(screen.queryByRole("cell", { name: gone.name })).not.toBeInTheDocument());
    const users = await asAdmin().users.list.query();
    for (const m of members) expect(users.find((u) => u.id === m.user.id)?.teamId).toBe(emea.id);
    expect((await asAdmin().assets.get.query({ id: asset.assetId })).teams).toEqual([emea.id]);
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;
const suffix = Math.random().toString(36).slice(2, 8);
const stageKey = `negotiation-${suffix}`;

beforeAll(async () => {
  admin = (await newUser("admin")).token;
  await asAdmin().taxonomy.upsert.mutate({
    terms: [{ kind: "stage", key: stageKey, label: { en: `Negotiation ${suffix}`, ja: "交渉" }, order: 40 }],
  });
});

const termOf = async (kind: "stage" | "competitor", key: string) =>
  (await asAdmin().taxonomy.list.query({ kind })).find((term) => term.key === key);

describe("Admin → Taxonomy", () => {
  it("edits a stage's Japanese label and order", async () => {
    const { user } = renderApp({ token: admin, path: "/admin/taxonomy" });
    await user.click(await screen.findByRole("button", { name: `Edit Negotiation ${suffix}` }));
    const form = within(await screen.findByRole("dialog"));
    expect(form.getByLabelText(/^Key/)).toBeDisabled();
    await user.clear(form.getByLabelText(/^Japanese label/));
    await user.type(form.getByLabelText(/^Japanese label/), "価格交渉");
    await user.clear(form.getByLabelText(/^Order/));
    await user.type(form.getByLabelText(/^Order/), "35");
    await user.click(form.getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("cell", { name: "価格交渉" })).toBeInTheDocument();
    expect(await termOf("stage", stageKey)).toMatchObject({ label: { ja: "価格交渉" }, order: 35 });
  });

  it("adds a competitor with aliases, and checks the key first", async () => {
    const { user } = renderApp({ token: admin, path: "/admin/taxonomy" });
    await user.click(await screen.findByRole("tab", { name: "Competitors" }));
    await user.click(await screen.findByRole("button", { name: "Add competitor" }));
    const form = within(await screen.findByRole("dialog"));
    await user.type(form.getByLabelText(/^Key/), "Globex Corp");
    await user.type(form.getByLabelText(/^English label/), `Globex ${suffix}`);
    await user.type(form.getByLabelText(/^Japanese label/), "グローベックス");
    await user.type(form.getByLabelText(/^Aliases/), "Globex Inc{Enter}グロ{Enter}");
    await user.click(form.getByRole("button", { name: "Save" }));
    expect(form.getByText(/lowercase letters, digits/)).toBeInTheDocument();

    await user.clear(form.getByLabelText(/^Key/));
    await user.type(form.getByLabelText(/^Key/), `globex-${suffix}`);
    await user.click(form.getByRole("button", { name: "Save" }));

    await waitFor(async () =>
      expect(await termOf("competitor", `globex-${suffix}`)).toMatchObject({
        label: { en: `Globex ${suffix}`, ja: "グローベックス" },
        patterns: ["Globex Inc", "グロ"],
      }),
    );
    expect(await screen.findByRole("cell", { name: "Globex Inc, グロ" })).toBeInTheDocument();
  });
});

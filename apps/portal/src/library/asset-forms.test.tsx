import { defaultAudienceByType } from "@pitchside/shared";
import { screen, waitFor, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";
import { shownAudience } from "./metadata-fields";

let marketer: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  marketer = await newUser("marketer");
});

type User = ReturnType<typeof userEvent.setup>;

/** Picks a Mantine Select's option (happy-dom lays nothing out, so the dropdown counts as hidden). */
async function choose(user: User, label: string, option: string) {
  await user.click(screen.getByRole("combobox", { name: label }));
  await user.click(await screen.findByRole("option", { name: option, hidden: true }));
}

const audienceField = () => screen.getByRole("combobox", { name: "Audience" });

describe("shownAudience", () => {
  const byType = { ...defaultAudienceByType, deck: "internal" } as const;

  it("follows a new asset's type until the marketer picks one", () => {
    expect(shownAudience({ type: "battle_card", audience: null }, byType)).toBe("internal");
    expect(shownAudience({ type: "deck", audience: null }, byType)).toBe("internal");
    expect(shownAudience({ type: "case_study", audience: null }, byType)).toBe("external");
    expect(shownAudience({ type: "battle_card", audience: "external" }, byType)).toBe("external");
  });

  it("keeps a saved asset's own audience, following a new type only when it was the old type's default", () => {
    const saved = { type: "case_study", audience: "external" } as const;
    expect(shownAudience({ type: "case_study", audience: null }, byType, saved)).toBe("external");
    expect(shownAudience({ type: "battle_card", audience: null }, byType, saved)).toBe("internal");
    const overridden = { type: "case_study", audience: "internal" } as const;
    expect(shownAudience({ type: "whitepaper", audience: null }, byType, overridden)).toBe("internal");
  });
});

describe("asset forms", () => {
  it("start a battle card internal, follow the type until the audience is picked, and save it", async () => {
    const title = unique("Beat Globex");
    const { user, router } = renderApp({ token: marketer.token, path: "/library/new/markdown" });
    await screen.findByRole("heading", { level: 1, name: "Write a battle card" });
    await waitFor(() => expect(audienceField()).toHaveValue("Internal — for sellers only"));
    expect(screen.getByText("The type's default until you pick one.")).toBeInTheDocument();

    await choose(user, "Type", "Case study");
    expect(audienceField()).toHaveValue("External — can be sent to buyers");
    await choose(user, "Audience", "Internal — for sellers only");
    await choose(user, "Type", "Deck");
    expect(audienceField()).toHaveValue("Internal — for sellers only");

    await user.type(screen.getByLabelText(/^Title/), title);
    await user.type(screen.getByRole("textbox", { name: "Markdown" }), "# Why we win");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/library\/assets\/[0-9a-f-]{36}$/));
    const id = router.state.location.pathname.split("/").pop() ?? "";
    expect(await apiAs(marketer.token).assets.get.query({ id })).toMatchObject({
      title,
      type: "deck",
      audience: "internal",
    });
    // the asset page says so, in place of the Share button
    expect(await screen.findByText("Internal — not for sending")).toBeInTheDocument();
  });

  it("moves a saved asset's default audience with its type on edit", async () => {
    const api = apiAs(marketer.token);
    const { assetId } = await api.assets.createLink.mutate({
      url: "https://example.com/pricing",
      meta: { title: unique("Pricing notes"), type: "one_pager" },
    });
    expect((await api.assets.get.query({ id: assetId })).audience).toBe("external");

    const { user } = renderApp({ token: marketer.token, path: `/library/assets/${assetId}/edit` });
    const details = within(await screen.findByRole("region", { name: "Details" }));
    await waitFor(() => expect(audienceField()).toHaveValue("External — can be sent to buyers"));
    await choose(user, "Type", "Objection guide");
    expect(audienceField()).toHaveValue("Internal — for sellers only");
    await user.click(details.getByRole("button", { name: "Save details" }));
    await details.findByText("Saved");
    expect(await api.assets.get.query({ id: assetId })).toMatchObject({
      type: "objection_guide",
      audience: "internal",
    });
  });
});

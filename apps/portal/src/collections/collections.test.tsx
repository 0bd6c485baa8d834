import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, newUser, publishedAsset, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let marketer: string;
let rep: string;

beforeAll(async () => {
  marketer = (await newUser("marketer")).token;
  rep = (await newUser("rep")).token;
});

const titlesIn = (list: HTMLElement) =>
  within(list)
    .getAllByRole("listitem")
    .map((item) => within(item).getByRole("link").textContent);

describe("collections", () => {
  it("lets a marketer create a collection and add content to it by title", async () => {
    const title = unique("Acme case study");
    await publishedAsset(marketer, title);
    const name = unique("Q3 renewals");
    const { user, router } = renderApp({ token: marketer, path: "/collections" });

    await user.click(await screen.findByRole("button", { name: "New collection" }));
    const form = within(await screen.findByRole("dialog"));
    await user.type(form.getByLabelText(/^Name/), name);
    await user.type(form.getByLabelText(/^Description/), "For renewal calls");
    await user.click(form.getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("heading", { level: 1, name })).toBeInTheDocument();
    expect(router.state.location.pathname).toMatch(/^\/collections\/[0-9a-f-]{36}$/);
    await user.type(screen.getByRole("searchbox", { name: "Add content" }), title.split(" ").pop() ?? "");
    await user.click(await screen.findByRole("button", { name: `Add ${title} to the collection` }));

    expect(await screen.findByRole("link", { name: title })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/library\/assets\//),
    );
    const id = router.state.location.pathname.split("/").pop() ?? "";
    await waitFor(async () =>
      expect((await apiAs(rep).collections.get.query({ id })).items.map((i) => i.title)).toEqual([title]),
    );
  });

  it("shows a rep the items in order, without curating controls", async () => {
    const titles = [unique("First"), unique("Second")];
    const assetIds = [
      await publishedAsset(marketer, titles[0] ?? ""),
      await publishedAsset(marketer, titles[1] ?? ""),
    ];
    const { id } = await apiAs(marketer).collections.save.mutate({ name: unique("For reps") });
    await apiAs(marketer).collections.setItems.mutate({ id, assetIds: assetIds.reverse() });
    renderApp({ token: rep, path: `/collections/${id}` });

    await screen.findByRole("link", { name: titles[0] });
    expect(titlesIn(screen.getByRole("list"))).toEqual([titles[1], titles[0]]);
    expect(screen.queryByRole("button", { name: /^Move / })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
  });
});

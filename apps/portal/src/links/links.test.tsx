import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, newUser, publishedAsset, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let marketer: string;

beforeAll(async () => {
  marketer = (await newUser("marketer")).token;
});

const word = (title: string) => title.split(" ").pop() ?? "";

describe("My links", () => {
  it("tells a rep with no links how to make one, in English and Japanese", async () => {
    const rep = (await newUser("rep")).token;
    const en = renderApp({ token: rep, path: "/links" });
    expect(await screen.findByRole("heading", { level: 1, name: "My links" })).toBeInTheDocument();
    expect(await screen.findByText("You haven't shared anything yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the library" })).toHaveAttribute("href", "/library");
    expect(
      within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "My links" }),
    ).toHaveAttribute("aria-current", "page");
    en.unmount();

    renderApp({ token: rep, path: "/links", language: "ja" });
    expect(await screen.findByRole("heading", { level: 1, name: "共有リンク" })).toBeInTheDocument();
    expect(await screen.findByText("まだ何も共有していません")).toBeInTheDocument();
  });

  it("lists a rep's links with their status, says why one ended, and revokes one after asking", async () => {
    const rep = (await newUser("rep")).token;
    const live = unique("Live story");
    const gone = unique("Retired story");
    const liveId = await publishedAsset(marketer, live);
    const goneId = await publishedAsset(marketer, gone);
    const repApi = apiAs(rep);
    await repApi.shares.create.mutate({ assetId: liveId, recipientEmail: "kim@acme.example" });
    await repApi.shares.create.mutate({ assetId: goneId });
    await apiAs(marketer).assets.setStatus.mutate({ id: goneId, status: "archived" });

    const { user, router } = renderApp({ token: rep, path: "/links" });
    const singles = await screen.findByRole("table", { name: "Single links" });
    const row = (title: string) =>
      within(singles)
        .getAllByTestId("share-row")
        .find((r) => within(r).queryByText(title)) as HTMLElement;
    await within(singles).findByText(gone);
    expect(within(row(gone)).getByText("Ended: asset archived")).toBeInTheDocument();
    expect(within(row(gone)).queryByRole("button", { name: /^Copy/ })).toBeNull();
    expect(within(row(live)).getByText("Active")).toBeInTheDocument();
    expect(within(row(live)).getByText("kim@acme.example")).toBeInTheDocument();
    expect(within(row(live)).getByText("Not yet")).toBeInTheDocument();

    // the details drawer, reachable by address (where the bell sends the rep)
    await user.click(within(row(live)).getByRole("button", { name: `Details of the link to ${live}` }));
    const drawer = await screen.findByRole("dialog", { name: `Link to ${live}` });
    expect(router.state.location.search).toMatch(/^\?link=[0-9a-f-]{36}$/);
    expect(within(drawer).getByText("No reading time yet.")).toBeInTheDocument();
    expect((within(drawer).getByRole("textbox", { name: "Link" }) as HTMLInputElement).value).toMatch(
      /\/s\/[A-Za-z0-9_-]{22,}$/,
    );
    await user.click(within(drawer).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(router.state.location.search).toBe(""));

    await user.click(within(row(live)).getByRole("button", { name: `Revoke the link to ${live}` }));
    const confirm = await screen.findByRole("dialog", { name: "Revoke this link?" });
    await user.click(within(confirm).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(within(row(live)).getByText("Revoked")).toBeInTheDocument());
    const listed = await repApi.shares.list.query({ mine: true });
    expect(listed.find((s) => s.assetId === liveId)?.state).toBe("revoked");
  });
});

describe("deal rooms", () => {
  it("makes a deal room from the library's content, refusing internal content with the API's reason", async () => {
    const rep = (await newUser("rep")).token;
    const titles = [unique("Room story one"), unique("Room story two")];
    for (const title of titles) await publishedAsset(marketer, title);
    const internal = unique("Secret battle card");
    const { assetId: internalId } = await apiAs(marketer).assets.createLink.mutate({
      url: "https://example.com/internal",
      meta: { title: internal, type: "battle_card", audience: "internal" },
    });
    await apiAs(marketer).assets.setStatus.mutate({ id: internalId, status: "published" });

    const { user } = renderApp({ token: rep, path: "/links" });
    await user.click(await screen.findByRole("button", { name: "New deal room" }));
    const form = within(await screen.findByRole("dialog", { name: "New deal room" }));
    await user.click(form.getByRole("button", { name: "Create deal room" }));
    expect(await form.findByText("Add at least one asset.")).toBeInTheDocument();

    const search = form.getByRole("searchbox", { name: "Assets" });
    for (const title of [...titles, internal]) {
      await user.type(search, word(title));
      await user.click(await form.findByRole("button", { name: `Add ${title} to the deal room` }));
    }
    await user.type(form.getByRole("textbox", { name: /^Name/ }), "Acme pack");
    await user.click(form.getByRole("button", { name: "Create deal room" }));
    expect(await form.findByRole("alert")).toHaveTextContent(`"${internal}" is internal`);

    await user.click(form.getByRole("button", { name: `Remove ${internal}` }));
    await user.click(form.getByRole("button", { name: "Create deal room" }));
    const url = (await form.findByRole("textbox", { name: "Deal room link" })) as HTMLInputElement;
    expect(url.value).toMatch(/\/s\/[A-Za-z0-9_-]{22,}$/);
    const [room] = await apiAs(rep).rooms.list.query({ mine: true });
    expect(room?.name).toBe("Acme pack");
    expect(room?.items.map((i) => i.assetTitle)).toEqual(titles);
    expect(room?.url).toBe(url.value);
  });

  it("shows a room's assets, and adds and removes assets after sending", async () => {
    const rep = (await newUser("rep")).token;
    const [first, second, third] = [unique("Deck alpha"), unique("Deck beta"), unique("Deck gamma")];
    const ids = [await publishedAsset(marketer, first), await publishedAsset(marketer, second)];
    await publishedAsset(marketer, third);
    const room = await apiAs(rep).rooms.create.mutate({ assetIds: ids, name: "Harbor pack" });

    const { user } = renderApp({ token: rep, path: `/links/rooms/${room.id}` });
    expect(await screen.findByRole("heading", { level: 1, name: "Harbor pack" })).toBeInTheDocument();
    expect(screen.getByTestId("room-totals")).toHaveTextContent("Opened 0 of 2 assets · 0 opens");
    const items = () =>
      screen.getAllByTestId("room-item").map((r) => within(r).getAllByRole("cell")[0]?.textContent);
    expect(items()).toEqual([first, second]);

    await user.type(screen.getByRole("searchbox", { name: "Add assets" }), word(third));
    await user.click(await screen.findByRole("button", { name: `Add ${third} to the deal room` }));
    await waitFor(() => expect(items()).toEqual([first, second, third]));
    await user.click(screen.getByRole("button", { name: `Remove ${first} from the deal room` }));
    await waitFor(() => expect(items()).toEqual([second, third]));

    await user.click(screen.getByRole("button", { name: "Edit" }));
    const edit = within(await screen.findByRole("dialog", { name: "Edit deal room" }));
    await user.type(edit.getByRole("textbox", { name: "Personal note" }), "Kim, as promised.");
    await user.click(edit.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Kim, as promised.")).toBeInTheDocument();
    const saved = await apiAs(rep).rooms.get.query({ id: room.id });
    expect(saved.note).toBe("Kim, as promised.");
    expect(saved.items.map((i) => i.assetTitle)).toEqual([second, third]);
  });
});

describe("notification bell", () => {
  it("counts unread news, lists it, and marks one read as it leads to it", async () => {
    const rep = await newUser("rep");
    const answer = unique("Answer deck");
    const assetId = await publishedAsset(marketer, answer);
    const request = await apiAs(rep.token).requests.create.mutate({ title: unique("Need a bank story") });
    await apiAs(marketer).requests.answer.mutate({ id: request.id, assetId });

    const { user, router } = renderApp({ token: rep.token, path: "/links" });
    const bell = await screen.findByRole("button", { name: "Notifications, 1 unread" });
    await user.click(bell);
    const item = await screen.findByRole("menuitem", {
      name: new RegExp(`Your request “${request.title}” was answered with “${answer}”`),
    });
    await user.click(item);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/library/assets/${assetId}`));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
    expect((await apiAs(rep.token).notifications.unreadCount.query()).unread).toBe(0);
  });

  it("marks everything read at once, and speaks Japanese", async () => {
    const rep = await newUser("rep");
    for (const title of [unique("First ask"), unique("Second ask")]) {
      const request = await apiAs(rep.token).requests.create.mutate({ title });
      await apiAs(marketer).requests.decline.mutate({ id: request.id, reason: "Not planned" });
    }
    const { user } = renderApp({ token: rep.token, path: "/links", language: "ja" });
    await user.click(await screen.findByRole("button", { name: "通知、未読 2 件" }));
    expect(await screen.findAllByText(/は見送られました$/)).toHaveLength(2);
    await user.click(screen.getByRole("menuitem", { name: "すべて既読にする" }));
    expect(await screen.findByRole("button", { name: "通知" })).toBeInTheDocument();
    expect((await apiAs(rep.token).notifications.unreadCount.query()).unread).toBe(0);
  });
});

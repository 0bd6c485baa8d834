import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, asAdmin, newUser, publishedAsset, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let marketer: Awaited<ReturnType<typeof newUser>>;
let rep: Awaited<ReturnType<typeof newUser>>;
const suffix = Math.random().toString(36).slice(2, 8);
const stage = `share_stage_${suffix}`;

beforeAll(async () => {
  marketer = await newUser("marketer");
  rep = await newUser("rep");
  await asAdmin().taxonomy.upsert.mutate({
    terms: [
      { kind: "stage", key: stage, label: { en: `Scoping ${suffix}`, ja: `要件定義 ${suffix}` }, order: 7 },
    ],
  });
});

describe("share dialog", () => {
  it("gives a rep every link control, creating a deal inline, and the link carries them all", async () => {
    const id = await publishedAsset(marketer.token, unique("Shareable case study"));
    const repApi = apiAs(rep.token);
    // a won deal and an open one whose name already says its account
    const won = await repApi.deals.create.mutate({
      name: `Zephyr ${suffix} expansion`,
      accountName: "Zephyr",
      stage,
    });
    await repApi.deals.update.mutate({ id: won.id, patch: { stage: "closed_won", status: "won" } });
    await repApi.deals.create.mutate({
      name: `Acme ${suffix} renewal`,
      accountName: `Acme ${suffix}`,
      stage,
    });

    const { user } = renderApp({ token: rep.token, path: `/library/assets/${id}` });
    await user.click(await screen.findByRole("button", { name: "Create share link" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Create a share link" }));

    // each deal's name once, open deals before won and lost ones, stage and status beside the open ones
    await user.click(dialog.getByRole("combobox", { name: "Deal" }));
    await user.type(dialog.getByRole("combobox", { name: "Deal" }), suffix);
    // happy-dom lays nothing out, so the dropdown counts as hidden: its options are found regardless
    const acme = await screen.findByRole("option", {
      name: new RegExp(`^Acme ${suffix} renewal`),
      hidden: true,
    });
    expect(acme).toHaveTextContent(`Acme ${suffix} renewal`);
    expect(acme.textContent).not.toContain("—");
    expect(acme).toHaveTextContent(`Scoping ${suffix} · Open`);
    const zephyr = screen.getByRole("option", {
      name: new RegExp(`^Zephyr ${suffix} expansion`),
      hidden: true,
    });
    // a closed deal's stage says what its status does: the status once
    expect(zephyr).toHaveTextContent(`Zephyr ${suffix} expansion`);
    expect(zephyr.textContent?.endsWith("Won")).toBe(true);
    expect(zephyr.textContent).not.toContain("Closed won");
    const options = screen.getAllByRole("option", { hidden: true }).map((o) => o.textContent ?? "");
    expect(options.findIndex((o) => o.startsWith("Acme"))).toBeLessThan(
      options.findIndex((o) => o.startsWith("Zephyr")),
    );
    await user.keyboard("{Escape}");

    // a deal made on the spot is picked
    await user.click(dialog.getByRole("button", { name: "New deal…" }));
    const newDeal = within(dialog.getByRole("group", { name: "New deal" }));
    await user.clear(newDeal.getByLabelText(/^Deal name/));
    await user.type(newDeal.getByLabelText(/^Deal name/), `Initech ${suffix} pilot`);
    await user.type(newDeal.getByLabelText(/^Account/), "Initech Global");
    await user.click(newDeal.getByRole("button", { name: "Create deal" }));
    expect(await newDeal.findByText("Pick a stage")).toBeInTheDocument();
    await user.click(newDeal.getByRole("combobox", { name: /^Stage/ }));
    await user.click(await screen.findByRole("option", { name: `Scoping ${suffix}`, hidden: true }));
    await user.click(newDeal.getByRole("button", { name: "Create deal" }));
    await waitFor(() =>
      expect(dialog.getByRole("combobox", { name: "Deal" })).toHaveValue(
        `Initech ${suffix} pilot — Initech Global`,
      ),
    );
    expect(dialog.getByTestId("deal-details")).toHaveTextContent(`Scoping ${suffix} · Open`);

    await user.type(dialog.getByLabelText("Recipient email"), "buyer@initech.test");
    await user.type(dialog.getByLabelText("Link name"), "Pilot follow-up");
    await user.type(dialog.getByLabelText("Expires after"), "2099-12-31");
    expect(dialog.getByRole("switch", { name: /^Allow download/ })).not.toBeChecked();
    await user.click(dialog.getByRole("switch", { name: /^Require email before viewing/ }));
    expect(dialog.getByText("The address is not verified")).toBeInTheDocument();
    await user.type(dialog.getByLabelText("Passcode"), "abc");
    await user.click(dialog.getByRole("radio", { name: /This version only \(v1\)/ }));
    await user.click(dialog.getByRole("button", { name: "Create link" }));
    expect(await dialog.findByText("At least 4 characters")).toBeInTheDocument();
    await user.type(dialog.getByLabelText("Passcode"), "d");
    await user.click(dialog.getByRole("button", { name: "Create link" }));
    const link = await dialog.findByRole("textbox", { name: "Share link" });
    expect((link as HTMLInputElement).value).toMatch(/\/s\/[A-Za-z0-9_-]+$/);

    const [share] = await repApi.shares.list.query({ assetId: id });
    expect(share).toMatchObject({
      url: (link as HTMLInputElement).value,
      dealName: `Initech ${suffix} pilot`,
      recipientEmail: "buyer@initech.test",
      name: "Pilot follow-up",
      allowDownload: false,
      requireEmail: true,
      hasPasscode: true,
      pinned: true,
    });
    expect(share?.expiresAt?.slice(0, 4)).toBe("2099");
  });

  it("shows an internal asset as not for sending, in place of the Share button", async () => {
    const { assetId } = await apiAs(marketer.token).assets.createLink.mutate({
      url: "https://example.com/battle",
      meta: { title: unique("Battle card"), type: "battle_card" },
    });
    await apiAs(marketer.token).assets.setStatus.mutate({ id: assetId, status: "published" });
    const view = renderApp({ token: rep.token, path: `/library/assets/${assetId}` });
    expect(await screen.findByText("Internal — not for sending")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Create share link" })).toBeNull();
    view.unmount();

    renderApp({ token: rep.token, path: `/library/assets/${assetId}`, language: "ja" });
    expect(await screen.findByText("社内用 — 送付不可")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "共有リンクを作成" })).toBeNull();
  });

  it("disables sharing of a draft and says why", async () => {
    const { assetId } = await apiAs(marketer.token).assets.createLink.mutate({
      url: "https://example.com/draft",
      meta: { title: unique("Draft deck"), type: "deck" },
    });
    renderApp({ token: marketer.token, path: `/library/assets/${assetId}` });
    const share = await screen.findByRole("button", { name: "Create share link" });
    expect(share).toBeDisabled();
    expect(share).toHaveAccessibleDescription("A draft: it can be shared once it is published");
  });
});

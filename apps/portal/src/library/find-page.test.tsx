import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, asAdmin, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

const s = Math.random().toString(36).slice(2, 8);
// terms of this file only: the API is shared with the other test files
const terms = {
  stage: `fp_eval_${s}`,
  later: `fp_prop_${s}`,
  persona: `fp_fin_${s}`,
  competitor: `fp_zorb_${s}`,
  objection: `fp_cost_${s}`,
};
const names = {
  stage: `Evaluation ${s}`,
  later: `Proposal ${s}`,
  persona: `Finance ${s}`,
  competitor: `Zorbex${s}`,
  objection: `Cost ${s}`,
};
const TITLE = `Treasurer${s}`;
const domain = `buyer-${s}.test`;

let rep: Awaited<ReturnType<typeof newUser>>;
let marketer: Awaited<ReturnType<typeof newUser>>;
let dealName = "";
const assets = { guide: "", card: "", roi: "" };

beforeAll(async () => {
  rep = await newUser("rep");
  marketer = await newUser("marketer");
  await asAdmin().taxonomy.upsert.mutate({
    terms: [
      { kind: "stage", key: terms.stage, label: { en: names.stage, ja: `評価 ${s}` }, order: 50 },
      { kind: "stage", key: terms.later, label: { en: names.later, ja: `提案 ${s}` }, order: 51 },
      {
        kind: "persona",
        key: terms.persona,
        label: { en: names.persona, ja: `財務 ${s}` },
        patterns: [TITLE],
      },
      {
        kind: "competitor",
        key: terms.competitor,
        label: { en: names.competitor, ja: `ゾーベックス${s}` },
      },
      {
        kind: "objection",
        key: terms.objection,
        label: { en: names.objection, ja: `費用 ${s}` },
        patterns: [`budget${s}`],
      },
    ],
  });
  dealName = `Harbor ${s} renewal`;
  await apiAs(rep.token).deals.create.mutate({
    name: dealName,
    accountName: `Harbor ${s}`,
    accountDomain: domain,
    stage: terms.stage,
    contacts: [{ email: `dana@${domain}`, name: "Dana", title: TITLE }],
  });
  const curator = apiAs(marketer.token);
  const publish = async (title: string, meta: Record<string, unknown>) => {
    const { assetId } = await curator.assets.createLink.mutate({
      url: `https://example.com/${s}/${encodeURIComponent(title)}`,
      meta: { title, ...meta },
    });
    await curator.assets.setStatus.mutate({ id: assetId, status: "published" });
    return assetId;
  };
  assets.guide = await publish(`Answering ${names.competitor} on cost`, {
    type: "objection_guide",
    audience: "external",
    competitors: [terms.competitor],
    objections: [terms.objection],
  });
  assets.card = await publish(`${names.competitor} battle card`, {
    type: "battle_card",
    audience: "internal",
    competitors: [terms.competitor],
  });
  assets.roi = await publish(`ROI model ${s}`, { type: "one_pager", stages: [terms.later] });
});

describe("find content", () => {
  it("marks a suggestion helped or not helpful, in Japanese too, and takes a mark back", async () => {
    const marker = await newUser("rep");
    const { user } = renderApp({ token: marker.token, path: "/library/find", language: "ja" });
    await user.click(await screen.findByLabelText("メールまたはメッセージ"));
    await user.paste(`${names.competitor} の件で相談です。`);
    await user.click(screen.getByRole("button", { name: "コンテンツを探す" }));
    const guide = await screen.findByRole("article", { name: `Answering ${names.competitor} on cost` });
    const marks = within(guide).getByRole("group", { name: "この候補は役に立ちましたか？" });
    expect(marks).toHaveAccessibleDescription(`Answering ${names.competitor} on cost`);
    const helped = within(marks).getByRole("button", { name: "役に立った" });
    const notHelpful = within(marks).getByRole("button", { name: "役に立たなかった" });
    expect(helped).toHaveAttribute("aria-pressed", "false");

    const votes = async () =>
      (await apiAs(marker.token).feedback.forAsset.query({ assetId: assets.guide })).marks;
    await user.click(helped);
    await waitFor(() => expect(helped).toHaveAttribute("aria-pressed", "true"));
    expect(await votes()).toMatchObject({ helpedVotes: 1, mine: true });
    // the other button changes the mark
    await user.click(notHelpful);
    await waitFor(() => expect(notHelpful).toHaveAttribute("aria-pressed", "true"));
    expect(helped).toHaveAttribute("aria-pressed", "false");
    expect(await votes()).toMatchObject({ helpedVotes: 0, notHelpfulVotes: 1, mine: false });
    // pressing it again takes it back
    await user.click(notHelpful);
    await waitFor(() => expect(notHelpful).toHaveAttribute("aria-pressed", "false"));
    expect(await votes()).toMatchObject({ helpedVotes: 0, notHelpfulVotes: 0, mine: null });
  }, 60_000);

  it("matches the deal from the recipients, shows what the email says, and copies a tracked link for the deal", async () => {
    const { user } = renderApp({ token: rep.token, path: "/library/find" });
    await user.click(await screen.findByLabelText("Email or message"));
    await user.paste(`We are comparing you with ${names.competitor} and our budget${s} is tight.`);
    const recipients = screen.getByLabelText("Recipients", { selector: "input" });
    await user.type(recipients, "not-an-address,");
    expect(await screen.findByText("Not an email address: not-an-address")).toBeInTheDocument();
    await user.keyboard("{Backspace}");
    await user.type(recipients, `dana@${domain}, ${rep.email},`);
    expect(await screen.findByTestId("ignored-recipients")).toHaveTextContent(rep.email);
    expect(await screen.findByTestId("matched-deal")).toHaveTextContent(dealName);

    const context = within(screen.getByTestId("find-context"));
    await waitFor(() =>
      expect(context.getByRole("combobox", { name: "Deal stage" })).toHaveValue(names.stage),
    );
    expect(context.getByText(`From deal ${dealName}`)).toBeInTheDocument();
    expect(context.getByRole("combobox", { name: "Persona" })).toHaveValue(names.persona);
    expect(context.getByText(`From the title “${TITLE}”`)).toBeInTheDocument();
    expect(context.getByText(names.competitor)).toBeInTheDocument();
    expect(context.getByText(names.objection)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Find content" }));
    const guide = await screen.findByRole("article", { name: `Answering ${names.competitor} on cost` });
    const card = await screen.findByRole("article", { name: `${names.competitor} battle card` });
    expect(screen.queryByText(`Stage: ${names.later}`)).toBeNull();
    // an internal asset is for reading: no link to send
    expect(within(card).getByText("Internal — not for sending")).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: /Copy a tracked link/ })).toBeNull();
    const open = within(card).getByRole("link", { name: "Open" });
    expect(open).toHaveAttribute("href", `/library/assets/${assets.card}`);
    expect(open).toHaveAccessibleDescription(`${names.competitor} battle card`);

    await user.click(within(guide).getByRole("button", { name: /^Copy a tracked link/ }));
    expect(await within(guide).findByText(`Tracked link for ${dealName} copied.`)).toBeInTheDocument();
    const url = within(guide).getByRole("textbox", { name: /^Tracked link to/ });
    expect((url as HTMLInputElement).value).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
    expect(await navigator.clipboard.readText()).toBe((url as HTMLInputElement).value);
    const [share] = await apiAs(rep.token).shares.list.query({ assetId: assets.guide });
    expect(share).toMatchObject({
      url: (url as HTMLInputElement).value,
      dealName,
      recipientEmail: `dana@${domain}`,
    });

    // a correction is the rep's, says so, and ranks again
    await user.click(context.getByRole("combobox", { name: "Deal stage" }));
    await user.click(await screen.findByRole("option", { name: names.later, hidden: true }));
    expect(context.getByText("Changed by you")).toBeInTheDocument();
    const roi = await screen.findByRole("article", { name: `ROI model ${s}` });
    expect(await within(roi).findByText(`Stage: ${names.later}`)).toBeInTheDocument();
  }, 60_000);

  it("asks which deal when several open deals of the account match equally well", async () => {
    const other = `Harbor ${s} expansion`;
    await apiAs(rep.token).deals.create.mutate({
      name: other,
      accountName: `Harbor ${s}`,
      accountDomain: domain,
      stage: terms.later,
    });
    const { user } = renderApp({ token: rep.token, path: "/library/find", language: "ja" });
    await user.type(await screen.findByLabelText("宛先", { selector: "input" }), `someone@${domain},`);
    const question = await screen.findByTestId("which-deal");
    expect(question).toHaveTextContent("この宛先に合う進行中の商談が複数あります");
    await user.click(within(question).getByRole("button", { name: new RegExp(other) }));
    await waitFor(() => expect(screen.queryByTestId("which-deal")).toBeNull());
    const context = within(screen.getByTestId("find-context"));
    expect(await context.findByText(`商談「${other}」から`)).toBeInTheDocument();
  });
});

import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, asAdmin, newUser, publishedAsset, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let marketer: Awaited<ReturnType<typeof newUser>>;
let rep: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  marketer = await newUser("marketer", { name: unique("Mara") });
  rep = await newUser("rep", { name: unique("Rex") });
});

/** A web-link asset (no file to process), made through the API as the marketer. */
async function makeLinkAsset(title: string) {
  const { assetId } = await apiAs(marketer.token).assets.createLink.mutate({
    url: "https://example.com/northwind",
    meta: { title, summary: "How Northwind cut onboarding time", type: "case_study", language: "en" },
  });
  return assetId;
}

describe("asset page", () => {
  it("shows marketers the deals the asset touched before they closed, and not reps", async () => {
    const id = await publishedAsset(marketer.token, unique("Won with it"));
    const stage = `stage_${Math.random().toString(36).slice(2, 8)}`;
    await asAdmin().taxonomy.upsert.mutate({
      terms: [{ kind: "stage", key: stage, label: { en: "Pilot", ja: "パイロット" }, order: 9 }],
    });
    const repApi = apiAs(rep.token);
    const deal = await repApi.deals.create.mutate({
      name: unique("Harbor"),
      stage,
      amount: 5000,
      currency: "USD",
    });
    await repApi.shares.create.mutate({ assetId: id, dealId: deal.id });
    await repApi.deals.update.mutate({
      id: deal.id,
      patch: { stage: "closed_won", status: "won" },
    });

    renderApp({ token: marketer.token, path: `/library/assets/${id}` });
    const usage = await screen.findByRole("region", { name: "Use in deals" });
    expect(await within(usage).findByText("$5,000")).toBeInTheDocument();
    expect(within(usage).getByText("1 / 0")).toBeInTheDocument();
    expect(within(usage).getByText("100%")).toBeInTheDocument();
    expect(within(usage).getByRole("link", { name: "All deals" })).toHaveAttribute(
      "href",
      `/analytics/assets/${id}`,
    );
  });

  it("shows reps no usage figures", async () => {
    const id = await publishedAsset(marketer.token, unique("Plain"));
    renderApp({ token: rep.token, path: `/library/assets/${id}` });
    await screen.findByRole("region", { name: "Ratings and comments" });
    expect(screen.queryByRole("region", { name: "Use in deals" })).toBeNull();
  });

  it("takes a draft through review to published, showing who did each step and when", async () => {
    const title = unique("Northwind link");
    const id = await makeLinkAsset(title);
    const { user } = renderApp({ token: marketer.token, path: `/library/assets/${id}` });
    const workflow = await screen.findByRole("region", { name: "Review and publishing" });
    expect(within(workflow).getByText("Draft")).toBeInTheDocument();

    await user.click(within(workflow).getByRole("button", { name: "Submit for review" }));
    expect(
      await within(workflow).findByText(new RegExp(`Submitted for review by ${marketer.user.name}`)),
    ).toBeInTheDocument();
    await user.click(within(workflow).getByRole("button", { name: "Approve and publish" }));
    expect(
      await within(workflow).findByText(new RegExp(`Published by ${marketer.user.name}`)),
    ).toBeInTheDocument();
    expect((await apiAs(rep.token).assets.get.query({ id })).status).toBe("published");
    expect(screen.getByRole("link", { name: "https://example.com/northwind" })).toBeInTheDocument();
  });

  it("keeps a draft from reps and shows them no workflow buttons once it is published", async () => {
    const title = unique("Rep view");
    const id = await makeLinkAsset(title);
    const draft = renderApp({ token: rep.token, path: `/library/assets/${id}` });
    expect(await screen.findByRole("alert")).toHaveTextContent(`No asset with id ${id}`);
    draft.unmount();

    await apiAs(marketer.token).assets.setStatus.mutate({ id, status: "published" });
    renderApp({ token: rep.token, path: `/library/assets/${id}` });
    expect(await screen.findByRole("heading", { name: title })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Review and publishing" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Edit" })).toBeNull();
    expect(await screen.findByText("No ratings yet")).toBeInTheDocument();
  });

  it("lets a marketer link the Japanese version and unlink it; a rep sees the link, not the controls", async () => {
    const title = unique("Harbor story");
    const id = await publishedAsset(marketer.token, title);
    const jaTitle = unique("ハーバー導入事例");
    const jaId = await publishedAsset(marketer.token, jaTitle);
    await apiAs(marketer.token).assets.update.mutate({ id: jaId, patch: { language: "ja" } });

    const curatorView = renderApp({ token: marketer.token, path: `/library/assets/${id}` });
    const section = await screen.findByRole("region", { name: "Language versions" });
    expect(within(section).getByText("No version in another language is linked.")).toBeInTheDocument();
    await curatorView.user.type(
      within(section).getByRole("searchbox", { name: "Link a version in another language" }),
      jaTitle,
    );
    await curatorView.user.click(
      await within(section).findByRole("button", { name: `Link ${jaTitle} as a language version` }),
    );
    expect(await within(section).findByRole("link", { name: jaTitle })).toHaveAttribute(
      "href",
      `/library/assets/${jaId}`,
    );
    curatorView.unmount();

    renderApp({ token: rep.token, path: `/library/assets/${id}` });
    const repSection = await screen.findByRole("region", { name: "Language versions" });
    expect(within(repSection).getByRole("link", { name: jaTitle })).toBeInTheDocument();
    expect(within(repSection).queryByRole("button")).toBeNull();
    expect((await apiAs(rep.token).assets.get.query({ id: jaId })).languageVersions.map((v) => v.id)).toEqual(
      [id],
    );

    await apiAs(marketer.token).assets.unlinkLanguageVersion.mutate({ id: jaId });
    expect((await apiAs(rep.token).assets.get.query({ id })).languageVersions).toEqual([]);
  });
});

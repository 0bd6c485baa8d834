import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { apiAs, newUser, publishedAsset, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

let rep: string;
let marketer: string;

beforeAll(async () => {
  rep = (await newUser("rep")).token;
  marketer = (await newUser("marketer")).token;
});

const cardOf = async (title: string) =>
  (await screen.findByText(title, { selector: "p" })).closest("li") as HTMLElement;

describe("content requests", () => {
  it("opens the form prefilled from a library search that found nothing, and lists the request", async () => {
    const query = unique("銀行 事例");
    const { user, router } = renderApp({
      token: rep,
      path: `/requests?new=1&q=${encodeURIComponent(query)}`,
    });
    const form = within(await screen.findByRole("dialog", { name: "Request content" }));
    expect(form.getByLabelText(/^What do you need/)).toHaveValue(query);
    expect(form.getByLabelText(/^Details/)).toHaveValue(
      `I searched the library for “${query}” and found nothing.`,
    );
    await user.click(form.getByRole("button", { name: "Send request" }));

    const card = await cardOf(query);
    expect(within(card).getByText("Open")).toBeInTheDocument();
    expect(router.state.location.search).toBe("");
    expect((await apiAs(rep).requests.mine.query()).map((r) => r.title)).toContain(query);
  });

  it("lets a marketer answer from the queue with content, which the rep then sees", async () => {
    const title = unique("Battle card vs Acme");
    await apiAs(rep).requests.create.mutate({ title });
    const asset = unique("Acme battle card");
    await publishedAsset(marketer, asset);
    const { user } = renderApp({ token: marketer, path: "/requests" });

    await user.click(within(await cardOf(title)).getByRole("button", { name: `Answer ${title}` }));
    const dialog = within(await screen.findByRole("dialog"));
    await user.type(dialog.getByRole("searchbox"), asset.split(" ").pop() ?? "");
    await user.click(await dialog.findByRole("button", { name: `Answer with ${asset}` }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const mine = await apiAs(rep).requests.mine.query({ status: ["answered"] });
    expect(mine.find((r) => r.title === title)?.answer?.title).toBe(asset);
  });

  it("lets a marketer decline with a reason", async () => {
    const title = unique("Everything about X");
    await apiAs(rep).requests.create.mutate({ title });
    const { user } = renderApp({ token: marketer, path: "/requests" });

    await user.click(within(await cardOf(title)).getByRole("button", { name: `Decline ${title}` }));
    const dialog = within(await screen.findByRole("dialog"));
    await user.click(dialog.getByRole("button", { name: "Decline" }));
    expect(dialog.getByText("Give the requester a reason")).toBeInTheDocument();
    await user.type(dialog.getByLabelText(/^Reason/), "Too broad");
    await user.click(dialog.getByRole("button", { name: "Decline" }));

    await waitFor(async () =>
      expect((await apiAs(rep).requests.mine.query()).find((r) => r.title === title)?.declineReason).toBe(
        "Too broad",
      ),
    );
  });

  it("shows a rep no queue", async () => {
    renderApp({ token: rep, path: "/requests" });
    expect(await screen.findByRole("heading", { level: 1, name: "Content requests" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Queue" })).not.toBeInTheDocument();
  });
});

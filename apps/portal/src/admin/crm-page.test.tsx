import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

let admin: string;
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  admin = (await newUser("admin")).token;
});

const csvFile = (text: string) => new File([text], "deals.csv", { type: "text/csv" });
const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;

describe("Admin → CRM", () => {
  it("shows the webhook URL, that no secret is set (never a value), and a curl example", async () => {
    const { webhookUrl } = await asAdmin().admin.crmStatus.query();
    expect(webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/integrations\/crm\/deals$/);
    renderApp({ token: admin, path: "/admin/crm" });
    expect(await screen.findByDisplayValue(webhookUrl)).toHaveAccessibleName("Webhook URL");
    expect(await screen.findByText("Not configured")).toBeInTheDocument();
    expect(screen.getByLabelText("Example: send one deal with curl")).toHaveTextContent(
      /X-Pitchside-Signature: sha256=\$SIG/,
    );
  });

  it("maps an unknown column, dry-runs, then imports", async () => {
    const { user } = renderApp({ token: admin, path: "/admin/crm" });
    await screen.findByText("Import deals from CSV");
    const csv = `Opp Ref,Deal,Stage,Amount\n${run}-1,Acme renewal ${run},proposal,12000\n${run}-2,Globex pilot ${run},discovery,5000\n`;
    await user.upload(fileInput(), csvFile(csv));

    const problems = await screen.findByRole("table", { name: "Errors" });
    expect(problems).toHaveTextContent("no column for externalId");
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();

    await user.selectOptions(screen.getByLabelText("Import column Opp Ref as"), "externalId");
    await user.click(screen.getByRole("button", { name: "Dry run" }));
    expect(await screen.findByText("Dry run passed: nothing was written")).toBeInTheDocument();
    expect(screen.getByText("2 rows, 2 deals: 2 new, 0 updated, 0 unchanged.")).toBeInTheDocument();
    expect((await asAdmin().deals.list.query({ q: run })).total).toBe(0);

    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("Imported")).toBeInTheDocument();
    const deals = await asAdmin().deals.list.query({ externalId: `${run}-1` });
    expect(JSON.stringify(deals)).toContain(`Acme renewal ${run}`);
  });

  it("lists each bad row with its line and column, and writes nothing", async () => {
    const { user } = renderApp({ token: admin, path: "/admin/crm" });
    await screen.findByText("Import deals from CSV");
    const csv = `Deal ID,Deal Name,Stage,Amount\n${run}-9,Fine,proposal,100\n${run}-10,Broken,proposal,lots\n`;
    await user.upload(fileInput(), csvFile(csv));

    const problems = await screen.findByRole("table", { name: "Errors" });
    const [row, ...others] = within(problems).getAllByRole("row").slice(1);
    expect(others).toEqual([]);
    const cells = within(row as HTMLElement).getAllByRole("cell");
    expect(cells.map((cell) => cell.textContent?.slice(0, 6))).toEqual(["3", "Amount", "Amount"]);
    expect(screen.getByText(/Nothing was written/)).toBeInTheDocument();
    expect((await asAdmin().deals.list.query({ externalId: `${run}-9` })).total).toBe(0);
  });
});

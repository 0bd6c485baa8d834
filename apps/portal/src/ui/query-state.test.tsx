import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { QueryState } from "./query-state";

function Teams({ load }: { load: () => Promise<string[]> }) {
  const query = useQuery({ queryKey: ["teams"], queryFn: load, retry: false });
  return (
    <QueryState query={query} what="teams">
      {(names) => <p>{names.join(", ")}</p>}
    </QueryState>
  );
}

describe("QueryState", () => {
  it("shows what failed with a Retry button, and loads on retry", async () => {
    let attempts = 0;
    const load = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("network down");
      return ["Enterprise"];
    };
    render(
      <I18nextProvider i18n={createBundledI18n("en")}>
        <MantineProvider>
          <QueryClientProvider client={new QueryClient()}>
            <Teams load={load} />
          </QueryClientProvider>
        </MantineProvider>
      </I18nextProvider>,
    );

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't load teams");
    expect(alert).toHaveTextContent("The server didn't answer as expected");
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));

    expect(await screen.findByText("Enterprise")).toBeInTheDocument();
  });
});

import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/render-app";

// a file of its own: a signed-out window (another file's sign-in leaves its session cookie behind)
describe("single sign-on on the sign-in page", () => {
  it("offers single sign-on, starting at the API with the page the visitor wanted", async () => {
    renderApp({ path: "/admin/users" });
    const sso = await screen.findByRole("link", { name: "Sign in with SSO" });
    expect(sso).toHaveAttribute("href", "/api/auth/oidc/start?return=%2Fadmin%2Fusers");
    // the password form stays while SSO is not required
    expect(screen.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  it("says why single sign-on failed, in the user's language", async () => {
    renderApp({ path: "/sign-in?sso_error=sso_domain_not_allowed", language: "ja" });
    expect(await screen.findByRole("link", { name: "SSOでサインイン" })).toBeInTheDocument();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "このメールアドレスはこのワークスペースで許可されていません。",
    );
  });

  it("names a failure it does not know as the generic one", async () => {
    renderApp({ path: "/sign-in?sso_error=%3Cscript%3E" });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Single sign-on failed. Start again, or ask your admin.",
    );
  });
});

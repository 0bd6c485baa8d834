import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { asAdmin, newUser, unique } from "../../test/api";
import { renderApp } from "../../test/render-app";

const NEW_PASSWORD = "marble-falcon-orchard-31";

/** The token of a copied link (the test API has no mail server, so the admin gets the links). */
const hashOf = (link: string | null) => `#${link?.split("#")[1] ?? ""}`;

async function choosePassword(user: ReturnType<typeof renderApp>["user"], password: string) {
  await user.type(await screen.findByLabelText(/^Password/), password);
  await user.type(screen.getByLabelText(/^Repeat the password/), password);
}

describe("invitation and reset pages", () => {
  // first: the tests below sign in, and the sign-in page sends a signed-in visitor on
  it("without a mail server, sign-in and the forgot-password page say to ask an admin", async () => {
    const signIn = renderApp({ path: "/sign-in" });
    expect(
      await screen.findByText("Forgot your password? Ask an admin for a reset link."),
    ).toBeInTheDocument();
    signIn.unmount();
    renderApp({ path: "/forgot-password", language: "ja" });
    expect(await screen.findByText(/メールでの再設定は設定されていません。/)).toBeInTheDocument();
  });

  it("an invitee chooses a name and password, lands signed in, in the invitation's language; the link then says it was used", async () => {
    const email = `${unique("invitee").replace(" ", "-")}@portal.test`;
    const { link } = await asAdmin().invitations.create.mutate({ email, role: "marketer", locale: "ja" });
    const first = renderApp({ path: `/invite${hashOf(link)}` });
    const { user, router } = first;

    expect(
      await screen.findByText(new RegExp(`You're invited as Marketer with ${email}`)),
    ).toBeInTheDocument();
    // SSO is configured for the test API: the invitee may accept through it instead
    expect(await screen.findByRole("link", { name: "Sign in with SSO" })).toHaveAttribute(
      "href",
      "/api/auth/oidc/start?return=%2F",
    );
    await user.type(screen.getByLabelText(/^Your name/), "Mika Tanabe");
    await choosePassword(user, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create my account" }));

    await waitFor(() => expect(router.state.location.pathname).not.toBe("/invite"));
    await waitFor(() => expect(document.documentElement.lang).toBe("ja"));

    first.unmount();
    renderApp({ path: `/invite${hashOf(link)}`, language: "ja" });
    expect(
      await screen.findByText(
        "このリンクはすでに使用されています。ログインするか、新しいリンクを依頼してください。",
      ),
    ).toBeInTheDocument();
  });

  it("a mistyped confirmation is caught before the server is asked", async () => {
    const email = `${unique("typo").replace(" ", "-")}@portal.test`;
    const { link } = await asAdmin().invitations.create.mutate({ email, role: "rep", locale: "en" });
    const { user } = renderApp({ path: `/invite${hashOf(link)}` });
    await user.type(await screen.findByLabelText(/^Your name/), "Theo Typo");
    await user.type(screen.getByLabelText(/^Password/), NEW_PASSWORD);
    await user.type(screen.getByLabelText(/^Repeat the password/), `${NEW_PASSWORD}x`);
    await user.click(screen.getByRole("button", { name: "Create my account" }));
    expect(await screen.findByText("The passwords don't match")).toBeInTheDocument();
  });

  it("a reset link sets a new password and signs in; used again, it says so", async () => {
    const rep = await newUser("rep");
    const { link } = await asAdmin().passwordReset.createLink.mutate({ userId: rep.user.id });
    const first = renderApp({ path: `/reset-password${hashOf(link)}` });
    const { user, router } = first;

    expect(await screen.findByText(new RegExp(`For ${rep.email}`))).toBeInTheDocument();
    await choosePassword(user, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Set the password and sign in" }));
    await waitFor(() => expect(router.state.location.pathname).not.toBe("/reset-password"));

    first.unmount();
    renderApp({ path: `/reset-password${hashOf(link)}` });
    expect(
      await screen.findByText("This link has already been used. Sign in, or ask for a new link."),
    ).toBeInTheDocument();
  });

  it("a link without a token is not valid", async () => {
    renderApp({ path: "/reset-password" });
    expect(await screen.findByText("This link is not valid. Ask for a new one.")).toBeInTheDocument();
  });
});

/**
 * What a browser does with cookies and redirects, enough to walk a sign-in across two servers with
 * fetch: a jar per origin, Set-Cookie obeyed (including deletion), redirects followed one by one.
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  /** One request, no redirect followed; Set-Cookie lands in the jar. */
  async get(url: string): Promise<Response> {
    const cookie = this.cookieHeader(url);
    const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((p) => p.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const gone = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      if (gone) jar.delete(name);
      else jar.set(name, pair.slice(at + 1));
    }
    return res;
  }

  /** Follows redirects from `url` until `stop` says a URL is where to stop (not fetched), or a non-redirect. */
  async follow(url: string, stop: (next: URL) => boolean, rewrite: (next: URL) => URL = (u) => u) {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.get(current);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { stoppedAt: undefined, last: res };
      const next = rewrite(new URL(location, current));
      if (stop(next)) return { stoppedAt: next, last: res };
      current = next.href;
    }
    throw new Error("too many redirects");
  }
}

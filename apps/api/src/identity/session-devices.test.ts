import { describe, expect, it } from "vitest";
import { coarseAddress, describeUserAgent } from "./session-devices";

describe("describeUserAgent", () => {
  it("names the browser and its major version, and the system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toEqual({ browser: "Chrome 131", os: "macOS" });
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
      ),
    ).toEqual({ browser: "Edge 131", os: "Windows" });
    expect(
      describeUserAgent("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
    ).toEqual({ browser: "Firefox 133", os: "Linux" });
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Safari 18", os: "iOS" });
  });

  it("names nothing for a client that is no browser", () => {
    expect(describeUserAgent("curl/8.5.0")).toEqual({ browser: null, os: null });
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null });
  });
});

describe("coarseAddress", () => {
  it("keeps an IPv4 address's /24 and an IPv6 address's /48", () => {
    expect(coarseAddress("203.0.113.77")).toBe("203.0.113.0/24");
    expect(coarseAddress("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
    expect(coarseAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::/48");
    expect(coarseAddress("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(coarseAddress("::1")).toBe("0:0:0::/48");
  });

  it("keeps nothing that is no address", () => {
    expect(coarseAddress("unknown")).toBeNull();
    expect(coarseAddress(undefined)).toBeNull();
  });
});

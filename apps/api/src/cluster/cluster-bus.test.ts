import { describe, expect, it } from "vitest";
import { startTestServer } from "../../testing/server";
import { openPglite } from "../db/client";
import { changeAndNotify, forgetOnChange } from "./change-notices";
import { localBus } from "./cluster-bus";

describe("the local bus", () => {
  it("delivers to this process's subscribers until they unsubscribe, and a failing handler spares the rest", async () => {
    const failures: string[] = [];
    const bus = localBus((_err, channel) => failures.push(channel));
    const heard: string[] = [];
    bus.subscribe("pitchside_test", () => {
      throw new Error("broken handler");
    });
    const off = bus.subscribe("pitchside_test", (payload) => heard.push(payload));
    await bus.publish("pitchside_test", "one");
    off();
    await bus.publish("pitchside_test", "two");
    expect(heard).toEqual(["one"]);
    expect(failures).toEqual(["pitchside_test", "pitchside_test"]);
    expect(() => bus.subscribe("Not A Channel;", () => undefined)).toThrow(/plain channel name/);
  });

  it("is what an app on the embedded database gets", async () => {
    const server = await startTestServer();
    try {
      if (!server.deps.database.url) expect(server.deps.bus.kind).toBe("local");
    } finally {
      await server.close();
    }
  });
});

describe("changeAndNotify", () => {
  it("announces nothing for a change that rolls back", async () => {
    const database = await openPglite(undefined);
    try {
      const bus = localBus();
      const heard: string[] = [];
      bus.subscribe("pitchside_taxonomy", () => heard.push("bus"));
      forgetOnChange((db, notice) => {
        if (db === database.db && notice?.kind === "taxonomy") heard.push("cache");
      });
      await expect(
        changeAndNotify(database.db, bus, [{ kind: "taxonomy" }], async () => {
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(heard).toEqual([]);
      await changeAndNotify(database.db, bus, [{ kind: "taxonomy" }], async () => undefined);
      expect(heard).toEqual(["cache", "bus"]);
    } finally {
      await database.close();
    }
  });
});

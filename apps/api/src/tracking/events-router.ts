import { clientSurfaces } from "@pitchside/shared";
import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { eventTypes, trackEvents } from "./events-service";

/** Prospect engagement comes only from the public viewer's beacons; a signed-in client cannot claim it. */
const clientEventTypes = eventTypes.filter((t) => !t.startsWith("prospect_")) as [
  Exclude<(typeof eventTypes)[number], "prospect_opened" | "prospect_page">,
  ...Exclude<(typeof eventTypes)[number], "prospect_opened" | "prospect_page">[],
];

const eventSchema = z.object({
  id: z.uuid("id: a client-generated uuid, the same on a retry"),
  type: z.enum(clientEventTypes),
  assetId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  shareId: z.uuid().optional(),
  surface: z.enum(clientSurfaces),
  at: z.iso.datetime({ offset: true }).optional(),
  props: z
    .record(z.string().max(100), z.unknown())
    .refine((p) => JSON.stringify(p).length <= 4000, "must be at most 4,000 characters of JSON")
    .optional(),
});

export const MAX_EVENTS_PER_BATCH = 100;

export const eventsRouter = router({
  track: authedProcedure
    .input(z.object({ events: z.array(eventSchema).min(1).max(MAX_EVENTS_PER_BATCH) }))
    .mutation(async ({ ctx, input }) => {
      const result = await trackEvents(ctx.db, ctx.user, input.events);
      ctx.deps.metrics.eventsIngested.inc({ source: "api" }, result.accepted);
      return result;
    }),
});

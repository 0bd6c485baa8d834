CREATE TABLE "prospect_engagement" (
	"asset_id" uuid NOT NULL,
	"share_id" uuid,
	"visitor" text NOT NULL,
	"day" date NOT NULL,
	"page" integer NOT NULL,
	"opens" integer DEFAULT 0 NOT NULL,
	"active_ms" bigint DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prospect_engagement_key" UNIQUE NULLS NOT DISTINCT("asset_id","share_id","visitor","day","page")
);
--> statement-breakpoint
ALTER TABLE "prospect_engagement" ADD CONSTRAINT "prospect_engagement_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospect_engagement" ADD CONSTRAINT "prospect_engagement_share_id_share_links_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prospect_engagement_day_idx" ON "prospect_engagement" USING btree ("day","asset_id");--> statement-breakpoint
CREATE INDEX "prospect_engagement_share_idx" ON "prospect_engagement" USING btree ("share_id","day");--> statement-breakpoint
-- Events are appended, never changed: each statement's prospect events are added set at a time,
-- in key order so concurrent beacons lock rows alike.
CREATE FUNCTION "prospect_engagement_follow_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prospect_engagement AS p (asset_id, share_id, visitor, day, page, opens, active_ms, first_at, last_at)
  SELECT asset_id, share_id, visitor, day, page, sum(opens)::int, sum(active_ms)::bigint, min(at), max(at)
  FROM (
    SELECT n.asset_id, n.share_id, coalesce(n.props->>'visitorId', '') AS visitor,
      (n.at AT TIME ZONE 'UTC')::date AS day,
      CASE WHEN n.type = 'prospect_page' THEN coalesce((n.props->>'page')::int, 0) ELSE 0 END AS page,
      CASE WHEN n.type = 'prospect_opened' THEN 1 ELSE 0 END AS opens,
      CASE WHEN n.type = 'prospect_page' THEN coalesce((n.props->>'activeMs')::float8, 0) ELSE 0 END AS active_ms,
      n.at
    FROM new_rows n
    WHERE n.type IN ('prospect_opened', 'prospect_page') AND n.asset_id IS NOT NULL
  ) e
  GROUP BY asset_id, share_id, visitor, day, page
  ORDER BY asset_id, share_id, visitor, day, page
  ON CONFLICT (asset_id, share_id, visitor, day, page) DO UPDATE SET
    opens = p.opens + EXCLUDED.opens,
    active_ms = p.active_ms + EXCLUDED.active_ms,
    first_at = least(p.first_at, EXCLUDED.first_at),
    last_at = greatest(p.last_at, EXCLUDED.last_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "prospect_engagement_on_event_insert" AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION prospect_engagement_follow_events();
--> statement-breakpoint
-- Builds the rollup from the events from scratch: here for the events already recorded, and for
-- data loaded with triggers off (the benchmark).
CREATE FUNCTION "rebuild_prospect_engagement"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM prospect_engagement;
  INSERT INTO prospect_engagement (asset_id, share_id, visitor, day, page, opens, active_ms, first_at, last_at)
  SELECT asset_id, share_id, visitor, day, page, sum(opens)::int, sum(active_ms)::bigint, min(at), max(at)
  FROM (
    SELECT e.asset_id, e.share_id, coalesce(e.props->>'visitorId', '') AS visitor,
      (e.at AT TIME ZONE 'UTC')::date AS day,
      CASE WHEN e.type = 'prospect_page' THEN coalesce((e.props->>'page')::int, 0) ELSE 0 END AS page,
      CASE WHEN e.type = 'prospect_opened' THEN 1 ELSE 0 END AS opens,
      CASE WHEN e.type = 'prospect_page' THEN coalesce((e.props->>'activeMs')::float8, 0) ELSE 0 END AS active_ms,
      e.at
    FROM events e
    WHERE e.type IN ('prospect_opened', 'prospect_page') AND e.asset_id IS NOT NULL
  ) e
  GROUP BY asset_id, share_id, visitor, day, page;
END $$;
--> statement-breakpoint
SELECT rebuild_prospect_engagement();

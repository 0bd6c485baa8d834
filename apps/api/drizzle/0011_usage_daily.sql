CREATE TABLE "usage_daily" (
	"day" date NOT NULL,
	"asset_id" uuid,
	"rep_id" uuid,
	"surface" "surface" NOT NULL,
	"rep_acted" boolean NOT NULL,
	"viewed" integer DEFAULT 0 NOT NULL,
	"downloaded" integer DEFAULT 0 NOT NULL,
	"shared" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"copied" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_cell" UNIQUE NULLS NOT DISTINCT("day","asset_id","rep_id","surface","rep_acted")
);
--> statement-breakpoint
CREATE INDEX "usage_daily_asset_idx" ON "usage_daily" USING btree ("asset_id","day");--> statement-breakpoint
CREATE INDEX "events_suggestion_requests_idx" ON "events" USING btree ("at") WHERE type = 'suggestion_shown' and coalesce((props->>'rank')::int, 1) = 1;--> statement-breakpoint
CREATE INDEX "searches_zero_idx" ON "searches" USING btree ("at") WHERE result_count = 0;--> statement-breakpoint
-- Each event the usage reports count, as usage_daily counts it: its UTC day, its rep (the user who
-- acted, or for a prospect's event the maker of the link it came through) and a 1 in its type's column.
-- The refresh and the rebuild read it; the insert trigger repeats it over the inserted rows.
CREATE VIEW "usage_daily_events" AS
  SELECT e.at, (e.at AT TIME ZONE 'UTC')::date AS day, e.asset_id, coalesce(e.user_id, s.created_by) AS rep_id,
    e.surface, e.user_id IS NOT NULL AS rep_acted,
    (e.type = 'asset_viewed')::int AS viewed, (e.type = 'asset_downloaded')::int AS downloaded,
    (e.type = 'shared')::int AS shared, (e.type = 'link_inserted')::int AS inserted,
    (e.type = 'link_copied')::int AS copied, (e.type = 'suggestion_clicked')::int AS clicked,
    (e.type = 'prospect_opened')::int AS opened
  FROM events e LEFT JOIN share_links s ON s.id = e.share_id
  WHERE e.type IN ('asset_viewed', 'asset_downloaded', 'shared', 'link_inserted', 'link_copied',
    'suggestion_clicked', 'prospect_opened');
--> statement-breakpoint
-- Recounts some (day, asset) cells from the events: their rows go and come back as the events now say.
-- Writers that add to usage_daily wait (their row-exclusive lock conflicts with this share row
-- exclusive one) till this transaction ends, and this waits for those under way, so a recount never
-- misses an insert's counts nor adds them twice; deletes, and a link's new maker, are rare.
CREATE FUNCTION "refresh_usage_daily"(days date[], asset_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE usage_daily IN SHARE ROW EXCLUSIVE MODE;
  -- by asset through the indexes; the cells of no asset (a deleted asset's events) by day
  DELETE FROM usage_daily u USING unnest(days, asset_ids) c(day, asset_id)
    WHERE u.day = c.day AND u.asset_id = c.asset_id;
  DELETE FROM usage_daily u USING unnest(days, asset_ids) c(day, asset_id)
    WHERE u.day = c.day AND u.asset_id IS NULL AND c.asset_id IS NULL;
  INSERT INTO usage_daily (day, asset_id, rep_id, surface, rep_acted, viewed, downloaded, shared, inserted,
      copied, clicked, opened)
  SELECT v.day, v.asset_id, v.rep_id, v.surface, v.rep_acted, sum(v.viewed), sum(v.downloaded), sum(v.shared),
    sum(v.inserted), sum(v.copied), sum(v.clicked), sum(v.opened)
  FROM (SELECT DISTINCT c.day, c.asset_id FROM unnest(days, asset_ids) c(day, asset_id)) c
  JOIN LATERAL (
    SELECT * FROM usage_daily_events v WHERE c.asset_id IS NOT NULL AND v.asset_id = c.asset_id
      AND v.at >= c.day::timestamp AT TIME ZONE 'UTC' AND v.at < (c.day + 1)::timestamp AT TIME ZONE 'UTC'
    UNION ALL
    SELECT * FROM usage_daily_events v WHERE c.asset_id IS NULL AND v.asset_id IS NULL
      AND v.at >= c.day::timestamp AT TIME ZONE 'UTC' AND v.at < (c.day + 1)::timestamp AT TIME ZONE 'UTC'
  ) v ON true
  GROUP BY 1, 2, 3, 4, 5;
END $$;
--> statement-breakpoint
-- Every row from scratch (the migration, a benchmark that loads with triggers off, the tests' check).
CREATE FUNCTION "rebuild_usage_daily"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE usage_daily IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM usage_daily;
  INSERT INTO usage_daily (day, asset_id, rep_id, surface, rep_acted, viewed, downloaded, shared, inserted,
      copied, clicked, opened)
  SELECT day, asset_id, rep_id, surface, rep_acted, sum(viewed), sum(downloaded), sum(shared), sum(inserted),
    sum(copied), sum(clicked), sum(opened)
  FROM usage_daily_events GROUP BY 1, 2, 3, 4, 5;
END $$;
--> statement-breakpoint
-- An insert (event ingestion, the viewer's beacons, the write-behind, a download, the demo seed) adds
-- its counts set at a time, in key order so concurrent batches lock shared rows alike.
CREATE FUNCTION "usage_daily_follow_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_daily AS u (day, asset_id, rep_id, surface, rep_acted, viewed, downloaded, shared, inserted,
      copied, clicked, opened)
  SELECT (n.at AT TIME ZONE 'UTC')::date, n.asset_id, coalesce(n.user_id, s.created_by), n.surface,
    n.user_id IS NOT NULL,
    count(*) FILTER (WHERE n.type = 'asset_viewed'), count(*) FILTER (WHERE n.type = 'asset_downloaded'),
    count(*) FILTER (WHERE n.type = 'shared'), count(*) FILTER (WHERE n.type = 'link_inserted'),
    count(*) FILTER (WHERE n.type = 'link_copied'), count(*) FILTER (WHERE n.type = 'suggestion_clicked'),
    count(*) FILTER (WHERE n.type = 'prospect_opened')
  FROM new_rows n LEFT JOIN share_links s ON s.id = n.share_id
  WHERE n.type IN ('asset_viewed', 'asset_downloaded', 'shared', 'link_inserted', 'link_copied',
    'suggestion_clicked', 'prospect_opened')
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT usage_daily_cell DO UPDATE SET
    viewed = u.viewed + excluded.viewed, downloaded = u.downloaded + excluded.downloaded,
    shared = u.shared + excluded.shared, inserted = u.inserted + excluded.inserted,
    copied = u.copied + excluded.copied, clicked = u.clicked + excluded.clicked,
    opened = u.opened + excluded.opened;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "usage_daily_on_event_insert" AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_follow_insert();
--> statement-breakpoint
-- Events change only by cascades (an asset, user, deal or link deleted sets its column null): the cells
-- of the rows whose day, asset, user, link, type or surface changed are recounted, before and after.
CREATE FUNCTION "usage_daily_follow_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days date[];
  asset_ids uuid[];
BEGIN
  SELECT array_agg(c.day), array_agg(c.asset_id) INTO days, asset_ids FROM (
    SELECT (o.at AT TIME ZONE 'UTC')::date AS day, o.asset_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.at, o.asset_id, o.user_id, o.share_id, o.type, o.surface)
        IS DISTINCT FROM (n.at, n.asset_id, n.user_id, n.share_id, n.type, n.surface)
    UNION
    SELECT (n.at AT TIME ZONE 'UTC')::date, n.asset_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.at, o.asset_id, o.user_id, o.share_id, o.type, o.surface)
        IS DISTINCT FROM (n.at, n.asset_id, n.user_id, n.share_id, n.type, n.surface)
  ) c;
  IF days IS NOT NULL THEN
    PERFORM refresh_usage_daily(days, asset_ids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "usage_daily_on_event_update" AFTER UPDATE ON "events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_follow_update();
--> statement-breakpoint
CREATE FUNCTION "usage_daily_follow_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days date[];
  asset_ids uuid[];
BEGIN
  SELECT array_agg(c.day), array_agg(c.asset_id) INTO days, asset_ids
    FROM (SELECT DISTINCT (o.at AT TIME ZONE 'UTC')::date AS day, o.asset_id FROM old_rows o) c;
  IF days IS NOT NULL THEN
    PERFORM refresh_usage_daily(days, asset_ids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "usage_daily_on_event_delete" AFTER DELETE ON "events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_follow_delete();
--> statement-breakpoint
-- A prospect's events belong to the link's maker: when that changes (the maker deleted), their cells
-- are recounted.
CREATE FUNCTION "usage_daily_follow_links"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days date[];
  asset_ids uuid[];
BEGIN
  -- most link updates (a revocation, a new name) keep the maker: nothing to read
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.created_by IS DISTINCT FROM n.created_by) THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(c.day), array_agg(c.asset_id) INTO days, asset_ids FROM (
    SELECT DISTINCT (e.at AT TIME ZONE 'UTC')::date AS day, e.asset_id
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN events e ON e.share_id = n.id
    WHERE o.created_by IS DISTINCT FROM n.created_by AND e.user_id IS NULL
  ) c;
  IF days IS NOT NULL THEN
    PERFORM refresh_usage_daily(days, asset_ids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "usage_daily_on_link_update" AFTER UPDATE ON "share_links"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_daily_follow_links();
--> statement-breakpoint
SELECT rebuild_usage_daily();

CREATE TABLE "engagement_daily" (
	"asset_id" uuid NOT NULL,
	"share_id" uuid,
	"day" date NOT NULL,
	"rows" integer NOT NULL,
	"opens" integer NOT NULL,
	"active_ms" bigint NOT NULL,
	CONSTRAINT "engagement_daily_key" UNIQUE NULLS NOT DISTINCT("asset_id","share_id","day")
);
--> statement-breakpoint
CREATE INDEX "engagement_daily_day_idx" ON "engagement_daily" USING btree ("day","asset_id","share_id","opens","active_ms");--> statement-breakpoint
-- a rep's own usage (myUsage) ranks and buckets their cells only
CREATE INDEX "usage_daily_rep_idx" ON "usage_daily" USING btree ("rep_id","day");--> statement-breakpoint
-- prospect_engagement summed per (asset, link, UTC day): what engagement ranks its assets and links by
-- (opens, active time) without reading every visitor's every page; `rows` is how many
-- prospect_engagement rows a cell sums (a cell goes when none are left).
-- Kept by statement triggers on prospect_engagement, so whatever changes it (the events trigger's
-- upserts, the cascades of a deleted asset or link, a rebuild) changes this too; no foreign keys of its
-- own: an asset's or a link's cells go with its prospect_engagement rows.
-- Empty cells (no rows left) go; a link's cells and a link-less asset's cells are probed apart, so both
-- go through the key's index.
CREATE FUNCTION "engagement_daily_drop_empty"(asset_ids uuid[], share_ids uuid[], days date[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM engagement_daily d USING unnest(asset_ids, share_ids, days) c(asset_id, share_id, day)
    WHERE d.asset_id = c.asset_id AND d.share_id = c.share_id AND d.day = c.day AND d.rows = 0;
  DELETE FROM engagement_daily d USING unnest(asset_ids, share_ids, days) c(asset_id, share_id, day)
    WHERE d.asset_id = c.asset_id AND d.share_id IS NULL AND c.share_id IS NULL AND d.day = c.day AND d.rows = 0;
$$;
--> statement-breakpoint
-- Each statement's rows are added (inserted), taken off (deleted) or both (updated) per cell, upserted in
-- key order so concurrent beacons lock cells alike; an update (the events trigger adding to a row) keeps
-- its rows' cells, so only a delete can empty one.
CREATE FUNCTION "engagement_daily_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  asset_ids uuid[];
  share_ids uuid[];
  days date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO engagement_daily AS d (asset_id, share_id, day, rows, opens, active_ms)
    SELECT asset_id, share_id, day, count(*)::int, sum(opens)::int, sum(active_ms)::bigint
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT engagement_daily_key DO UPDATE SET
      rows = d.rows + excluded.rows, opens = d.opens + excluded.opens, active_ms = d.active_ms + excluded.active_ms;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO engagement_daily AS d (asset_id, share_id, day, rows, opens, active_ms)
    SELECT asset_id, share_id, day, sum(n)::int, sum(opens)::int, sum(active_ms)::bigint
    FROM (
      SELECT asset_id, share_id, day, 1 AS n, opens, active_ms FROM new_rows
      UNION ALL
      SELECT asset_id, share_id, day, -1, -opens, -active_ms FROM old_rows
    ) c
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT engagement_daily_key DO UPDATE SET
      rows = d.rows + excluded.rows, opens = d.opens + excluded.opens, active_ms = d.active_ms + excluded.active_ms;
    -- a changed key (never done today) may leave a cell empty
    SELECT array_agg(asset_id), array_agg(share_id), array_agg(day) INTO asset_ids, share_ids, days
    FROM (SELECT asset_id, share_id, day FROM old_rows EXCEPT SELECT asset_id, share_id, day FROM new_rows) o;
  ELSE
    INSERT INTO engagement_daily AS d (asset_id, share_id, day, rows, opens, active_ms)
    SELECT asset_id, share_id, day, -count(*)::int, -sum(opens)::int, -sum(active_ms)::bigint
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT engagement_daily_key DO UPDATE SET
      rows = d.rows + excluded.rows, opens = d.opens + excluded.opens, active_ms = d.active_ms + excluded.active_ms;
    SELECT array_agg(asset_id), array_agg(share_id), array_agg(day) INTO asset_ids, share_ids, days
    FROM (SELECT DISTINCT asset_id, share_id, day FROM old_rows) o;
  END IF;
  IF asset_ids IS NOT NULL THEN
    PERFORM engagement_daily_drop_empty(asset_ids, share_ids, days);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "engagement_daily_on_insert" AFTER INSERT ON "prospect_engagement"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engagement_daily_follow();
--> statement-breakpoint
CREATE TRIGGER "engagement_daily_on_update" AFTER UPDATE ON "prospect_engagement"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engagement_daily_follow();
--> statement-breakpoint
CREATE TRIGGER "engagement_daily_on_delete" AFTER DELETE ON "prospect_engagement"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION engagement_daily_follow();
--> statement-breakpoint
-- Every cell from prospect_engagement from scratch (the migration, a benchmark that loads with triggers
-- off, the tests' check).
CREATE FUNCTION "rebuild_engagement_daily"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE engagement_daily IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM engagement_daily;
  INSERT INTO engagement_daily (asset_id, share_id, day, rows, opens, active_ms)
  SELECT asset_id, share_id, day, count(*)::int, sum(opens)::int, sum(active_ms)::bigint
  FROM prospect_engagement GROUP BY 1, 2, 3;
END $$;
--> statement-breakpoint
SELECT rebuild_engagement_daily();

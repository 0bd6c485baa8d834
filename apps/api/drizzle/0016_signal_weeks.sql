-- Field signals without scanning a period's mentions: weekly counts (signal_weeks) the report sums, with
-- only the period's partial first and last weeks read from signal_mentions. Distinct deals and reps come
-- from chains: each mention knows when the same key last came up on the same deal (and for the same rep)
-- and whether it is the last such mention, so the (signal, deal) pairs with a mention in [f, t) are
--   firsts before t − lasts before f − gaps from before f to t or later
-- (every term a weekly count plus a partial week, the last one mentions after t only).
ALTER TABLE "signal_mentions" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD COLUMN "deal_prev_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD COLUMN "deal_last" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD COLUMN "user_prev_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD COLUMN "user_last" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_deal_firsts" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signal_deal_firsts" ADD COLUMN "won" boolean;--> statement-breakpoint
CREATE TABLE "signal_weeks" (
	"dim" text NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"grp" text,
	"n" integer NOT NULL,
	CONSTRAINT "signal_weeks_cell" UNIQUE NULLS NOT DISTINCT("dim","week","kind","key","grp")
);
--> statement-breakpoint
-- covering: the period's partial weeks and the chains' edges are index-only scans
DROP INDEX "signal_mentions_at_idx";--> statement-breakpoint
CREATE INDEX "signal_mentions_period_idx" ON "signal_mentions" USING btree ("at","kind","key","deal_id","user_id","team_id","stage","industry","deal_prev_at","deal_last","user_prev_at","user_last");--> statement-breakpoint
CREATE INDEX "deals_closed_idx" ON "deals" USING btree ("closed_at","status");--> statement-breakpoint
CREATE INDEX "signal_mentions_deal_chain_idx" ON "signal_mentions" USING btree ("deal_id","kind","key","at","request_id");--> statement-breakpoint
CREATE INDEX "signal_mentions_user_chain_idx" ON "signal_mentions" USING btree ("user_id","kind","key","at","request_id");--> statement-breakpoint
CREATE INDEX "signal_deal_firsts_closed_idx" ON "signal_deal_firsts" USING btree ("closed_at","kind","key","first_at","won") WHERE "won" IS NOT NULL;--> statement-breakpoint
-- What some mention rows (a table or transition table named rel) add to signal_weeks, times sign:
-- per week and stage, team, industry; a deal's and a rep's first and last mention of the key.
CREATE FUNCTION "signal_mention_weeks_sql"(rel text, sign int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT c.dim, date_trunc('week', m.at AT TIME ZONE 'UTC')::date AS week, m.kind, m.key, c.grp, %2$s AS n
    FROM %1$I m CROSS JOIN LATERAL (VALUES
      ('stage', m.stage, true), ('team', m.team_id::text, true), ('industry', m.industry, true),
      ('deal_first', NULL, m.deal_id IS NOT NULL AND m.deal_prev_at IS NULL),
      ('deal_last', NULL, m.deal_id IS NOT NULL AND m.deal_last),
      ('rep_first', NULL, m.user_id IS NOT NULL AND m.user_prev_at IS NULL),
      ('rep_last', NULL, m.user_id IS NOT NULL AND m.user_last)
    ) c (dim, grp, counts)
    WHERE c.counts$f$, rel, sign);
$$;
--> statement-breakpoint
-- What some (deal, signal) rows add: a closed deal won or lost in the week of its close, when the signal
-- came up before the close.
CREATE FUNCTION "signal_closed_weeks_sql"(rel text, sign int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT CASE WHEN f.won THEN 'won' ELSE 'lost' END AS dim,
      date_trunc('week', f.closed_at AT TIME ZONE 'UTC')::date AS week, f.kind, f.key, NULL::text AS grp, %2$s AS n
    FROM %1$I f WHERE f.won IS NOT NULL AND f.first_at < f.closed_at$f$, rel, sign);
$$;
--> statement-breakpoint
-- Adds contributions (a statement of signal_weeks' columns) to signal_weeks. Cells that come to 0 stay
-- (the report skips them); rebuild_signal_rollups() drops them.
CREATE FUNCTION "signal_weeks_upsert_sql"(contributions text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'INSERT INTO signal_weeks (dim, week, kind, key, grp, n) SELECT dim, week, kind, key, grp, sum(n) FROM ('
    || contributions || ') c GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ON CONFLICT ON CONSTRAINT signal_weeks_cell DO UPDATE SET n = signal_weeks.n + excluded.n';
$$;
--> statement-breakpoint
-- Recomputes the chain columns (prev_col, last_col) of a deal's or a rep's (col) mentions around some
-- positions (a statement of kind, key, col, at, request_id; rows inserted, changed or gone): the rows there,
-- and the rows just before and after them in their chain (ordered by time, then request). A row without
-- the deal or rep is in no chain.
CREATE FUNCTION "signal_relink_sql"(col text, prev_col text, last_col text, positions text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    WITH p AS (SELECT DISTINCT kind, key, %1$I AS owner, at, request_id FROM (%4$s) x),
    t AS (
      SELECT m.request_id, m.kind, m.key FROM p JOIN signal_mentions m
        ON m.request_id = p.request_id AND m.kind = p.kind AND m.key = p.key
      UNION
      SELECT b.request_id, b.kind, b.key FROM p CROSS JOIN LATERAL (
        SELECT s.request_id, s.kind, s.key FROM signal_mentions s
        WHERE s.%1$I = p.owner AND s.kind = p.kind AND s.key = p.key AND (s.at, s.request_id) < (p.at, p.request_id)
        ORDER BY s.at DESC, s.request_id DESC LIMIT 1) b
      UNION
      SELECT a.request_id, a.kind, a.key FROM p CROSS JOIN LATERAL (
        SELECT s.request_id, s.kind, s.key FROM signal_mentions s
        WHERE s.%1$I = p.owner AND s.kind = p.kind AND s.key = p.key AND (s.at, s.request_id) > (p.at, p.request_id)
        ORDER BY s.at, s.request_id LIMIT 1) a
    ),
    l AS (
      SELECT m.request_id, m.kind, m.key,
        (SELECT s.at FROM signal_mentions s
          WHERE s.%1$I = m.%1$I AND s.kind = m.kind AND s.key = m.key AND (s.at, s.request_id) < (m.at, m.request_id)
          ORDER BY s.at DESC, s.request_id DESC LIMIT 1) AS prev_at,
        m.%1$I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM signal_mentions s
          WHERE s.%1$I = m.%1$I AND s.kind = m.kind AND s.key = m.key AND (s.at, s.request_id) > (m.at, m.request_id)) AS last
      FROM t JOIN signal_mentions m USING (request_id, kind, key)
    )
    UPDATE signal_mentions m SET %2$I = l.prev_at, %3$I = l.last FROM l
    WHERE m.request_id = l.request_id AND m.kind = l.kind AND m.key = l.key
      AND (m.%2$I IS DISTINCT FROM l.prev_at OR m.%3$I IS DISTINCT FROM l.last)$f$, col, prev_col, last_col, positions);
$$;
--> statement-breakpoint
-- signal_mentions changed: its deals' and reps' chains are relinked where rows came or went (not when only
-- the chain columns or the industry changed), and signal_weeks gets the difference.
CREATE FUNCTION "signal_mentions_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  positions text;
  moved boolean := true;
BEGIN
  IF TG_OP = 'INSERT' THEN
    positions := 'SELECT kind, key, deal_id, user_id, at, request_id FROM new_rows';
    EXECUTE signal_weeks_upsert_sql(signal_mention_weeks_sql('new_rows', 1));
  ELSIF TG_OP = 'DELETE' THEN
    positions := 'SELECT kind, key, deal_id, user_id, at, request_id FROM old_rows';
    EXECUTE signal_weeks_upsert_sql(signal_mention_weeks_sql('old_rows', -1));
  ELSE
    SELECT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n USING (request_id, kind, key)
      WHERE o.at IS DISTINCT FROM n.at OR o.deal_id IS DISTINCT FROM n.deal_id OR o.user_id IS DISTINCT FROM n.user_id)
      INTO moved;
    positions := 'SELECT kind, key, deal_id, user_id, at, request_id FROM old_rows
      UNION ALL SELECT kind, key, deal_id, user_id, at, request_id FROM new_rows';
    EXECUTE signal_weeks_upsert_sql(signal_mention_weeks_sql('old_rows', -1) || ' UNION ALL '
      || signal_mention_weeks_sql('new_rows', 1));
  END IF;
  IF moved THEN
    EXECUTE signal_relink_sql('deal_id', 'deal_prev_at', 'deal_last', positions);
    EXECUTE signal_relink_sql('user_id', 'user_prev_at', 'user_last', positions);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_mentions_inserted" AFTER INSERT ON "signal_mentions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_mentions_changed"();
--> statement-breakpoint
CREATE TRIGGER "signal_mentions_updated" AFTER UPDATE ON "signal_mentions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_mentions_changed"();
--> statement-breakpoint
CREATE TRIGGER "signal_mentions_deleted" AFTER DELETE ON "signal_mentions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_mentions_changed"();
--> statement-breakpoint
CREATE FUNCTION "signal_deal_firsts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE signal_weeks_upsert_sql(signal_closed_weeks_sql('new_rows', 1));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE signal_weeks_upsert_sql(signal_closed_weeks_sql('old_rows', -1));
  ELSE
    EXECUTE signal_weeks_upsert_sql(signal_closed_weeks_sql('old_rows', -1) || ' UNION ALL '
      || signal_closed_weeks_sql('new_rows', 1));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_deal_firsts_inserted" AFTER INSERT ON "signal_deal_firsts"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_deal_firsts_changed"();
--> statement-breakpoint
CREATE TRIGGER "signal_deal_firsts_updated" AFTER UPDATE ON "signal_deal_firsts"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_deal_firsts_changed"();
--> statement-breakpoint
CREATE TRIGGER "signal_deal_firsts_deleted" AFTER DELETE ON "signal_deal_firsts"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_deal_firsts_changed"();
--> statement-breakpoint
-- A deal's close (status, closed_at) and industry, copied to its signals' rows (which passes the change on
-- to signal_weeks). A deal's deletion drops its firsts (cascade) and takes it off its requests (set null,
-- which rewrites their mentions).
CREATE FUNCTION "signal_deals_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE signal_deal_firsts f
  SET closed_at = d.closed_at, won = CASE d.status WHEN 'won' THEN true WHEN 'lost' THEN false END
  FROM new_rows d JOIN old_rows o ON o.id = d.id
  WHERE f.deal_id = d.id AND (o.status IS DISTINCT FROM d.status OR o.closed_at IS DISTINCT FROM d.closed_at);
  UPDATE signal_mentions m SET industry = d.industry
  FROM new_rows d JOIN old_rows o ON o.id = d.id
  WHERE m.deal_id = d.id AND o.industry IS DISTINCT FROM d.industry;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_deals_changed" AFTER UPDATE ON "deals"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_deals_changed"();
--> statement-breakpoint
-- 0014's writers, now also copying the deal's industry to its mentions and its close to its firsts.
CREATE OR REPLACE FUNCTION "write_signal_mentions"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO signal_mentions (request_id, kind, key, at, deal_id, user_id, team_id, stage, industry)
  SELECT n.id, m.kind, m.key, n.at, n.deal_id, n.user_id, n.team_id, n.stage, d.industry
  FROM suggestion_signals n
  LEFT JOIN deals d ON d.id = n.deal_id
  CROSS JOIN LATERAL (
    SELECT 'competitor' AS kind, k AS key FROM unnest(n.competitors) k
    UNION ALL
    SELECT 'objection', k FROM unnest(n.objections) k
  ) m
  WHERE n.id = ANY (ids)
  ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "signal_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM write_signal_mentions(ARRAY(SELECT id FROM new_rows));
  INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at, closed_at, won)
  SELECT m.deal_id, m.kind, m.key, min(m.at), d.closed_at, CASE d.status WHEN 'won' THEN true WHEN 'lost' THEN false END
  FROM signal_mentions m JOIN new_rows n ON n.id = m.request_id JOIN deals d ON d.id = m.deal_id
  GROUP BY m.deal_id, m.kind, m.key, d.closed_at, d.status
  ON CONFLICT (deal_id, kind, key) DO UPDATE SET first_at = excluded.first_at
    WHERE signal_deal_firsts.first_at > excluded.first_at;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Some deals' first mentions, recounted from their mentions (a request changed or deleted).
CREATE FUNCTION "refresh_signal_deal_firsts"(touched uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM signal_deal_firsts WHERE deal_id = ANY (touched);
  INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at, closed_at, won)
  SELECT m.deal_id, m.kind, m.key, min(m.at), d.closed_at, CASE d.status WHEN 'won' THEN true WHEN 'lost' THEN false END
  FROM signal_mentions m JOIN deals d ON d.id = m.deal_id
  WHERE m.deal_id = ANY (touched)
  GROUP BY m.deal_id, m.kind, m.key, d.closed_at, d.status;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "signal_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT deal_id) INTO touched FROM (
    SELECT deal_id FROM old_rows UNION ALL SELECT deal_id FROM new_rows
  ) d WHERE deal_id IS NOT NULL;
  DELETE FROM signal_mentions m USING old_rows o WHERE m.request_id = o.id;
  PERFORM write_signal_mentions(ARRAY(SELECT id FROM new_rows));
  IF touched IS NOT NULL THEN
    PERFORM refresh_signal_deal_firsts(touched);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A request deleted: its mentions went with it (cascade); its deal's first mentions are recounted (0014 kept
-- them as they were).
CREATE FUNCTION "signal_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT deal_id) INTO touched FROM old_rows WHERE deal_id IS NOT NULL;
  IF touched IS NOT NULL THEN
    PERFORM refresh_signal_deal_firsts(touched);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_rollups_delete" AFTER DELETE ON "suggestion_signals"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_rollups_delete"();
--> statement-breakpoint
-- All the rollups from scratch, from the requests recorded and the deals (the migration below;
-- bench/field-signals.ts after loading with triggers off). Writes with this session's triggers off and
-- builds the chains and signal_weeks in one pass each.
CREATE OR REPLACE FUNCTION "rebuild_signal_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE suggestion_signals IN SHARE MODE;
  LOCK TABLE deals IN SHARE MODE;
  ALTER TABLE signal_mentions DISABLE TRIGGER USER;
  ALTER TABLE signal_deal_firsts DISABLE TRIGGER USER;
  TRUNCATE signal_mentions, signal_deal_firsts, signal_weeks;
  INSERT INTO signal_mentions (request_id, kind, key, at, deal_id, user_id, team_id, stage, industry,
    deal_prev_at, deal_last, user_prev_at, user_last)
  SELECT request_id, kind, key, at, deal_id, user_id, team_id, stage, industry,
    CASE WHEN deal_id IS NOT NULL THEN lag(at) OVER deal_chain END,
    deal_id IS NOT NULL AND lead(at) OVER deal_chain IS NULL,
    CASE WHEN user_id IS NOT NULL THEN lag(at) OVER user_chain END,
    user_id IS NOT NULL AND lead(at) OVER user_chain IS NULL
  FROM (
    SELECT DISTINCT ON (s.id, m.kind, m.key) s.id AS request_id, m.kind, m.key, s.at, s.deal_id, s.user_id,
      s.team_id, s.stage, d.industry
    FROM suggestion_signals s
    LEFT JOIN deals d ON d.id = s.deal_id
    CROSS JOIN LATERAL (
      SELECT 'competitor' AS kind, k AS key FROM unnest(s.competitors) k
      UNION ALL
      SELECT 'objection', k FROM unnest(s.objections) k
    ) m
  ) r
  WINDOW deal_chain AS (PARTITION BY kind, key, deal_id ORDER BY at, request_id),
    user_chain AS (PARTITION BY kind, key, user_id ORDER BY at, request_id);
  INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at, closed_at, won)
  SELECT f.deal_id, f.kind, f.key, f.first_at, d.closed_at, CASE d.status WHEN 'won' THEN true WHEN 'lost' THEN false END
  FROM (SELECT deal_id, kind, key, min(at) AS first_at FROM signal_mentions WHERE deal_id IS NOT NULL GROUP BY 1, 2, 3) f
  JOIN deals d ON d.id = f.deal_id;
  EXECUTE signal_weeks_upsert_sql(signal_mention_weeks_sql('signal_mentions', 1) || ' UNION ALL '
    || signal_closed_weeks_sql('signal_deal_firsts', 1));
  ALTER TABLE signal_mentions ENABLE TRIGGER USER;
  ALTER TABLE signal_deal_firsts ENABLE TRIGGER USER;
END $$;
--> statement-breakpoint
SELECT rebuild_signal_rollups();

CREATE TABLE "influence_groups" (
	"deal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"status" "deal_status" NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"owner_id" uuid,
	"amount" numeric(18, 2),
	"currency" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"first_credit" boolean NOT NULL,
	"last_credit" boolean NOT NULL,
	"assets" integer NOT NULL,
	"share_of" integer NOT NULL,
	CONSTRAINT "influence_groups_deal_id_kind_key_pk" PRIMARY KEY("deal_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "influence_touches" (
	"asset_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"status" "deal_status" NOT NULL,
	"closed_at" timestamp with time zone,
	"owner_id" uuid,
	"amount" numeric(18, 2),
	"currency" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"first_credit" boolean NOT NULL,
	"last_credit" boolean NOT NULL,
	"share_of" integer NOT NULL,
	CONSTRAINT "influence_touches_asset_id_deal_id_pk" PRIMARY KEY("asset_id","deal_id")
);
--> statement-breakpoint
CREATE INDEX "influence_groups_closed_idx" ON "influence_groups" USING btree ("kind","closed_at");--> statement-breakpoint
CREATE INDEX "influence_touches_deal_idx" ON "influence_touches" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "influence_touches_credited_idx" ON "influence_touches" USING btree ("closed_at","status","owner_id","currency","amount") WHERE first_credit;--> statement-breakpoint
CREATE INDEX "influence_touches_open_idx" ON "influence_touches" USING btree ("deal_id","first_at","last_at","owner_id") WHERE status = 'open';--> statement-breakpoint
-- Rebuilds the influence_touches and influence_groups rows of some deals from
-- asset_deal_touches, deals and assets.
-- The deals' rows are locked first, in id order and till commit (as a deal update locks
-- them), so two writers refreshing one deal never interleave their delete and insert; row
-- locks live in the rows, so a refresh of many deals does not fill the lock table.
CREATE FUNCTION "refresh_influence_touches"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM deals WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM influence_touches WHERE deal_id = ANY(ids);
  INSERT INTO influence_touches (asset_id, deal_id, status, closed_at, owner_id, amount, currency,
      first_at, last_at, first_credit, last_credit, share_of)
  SELECT asset_id, deal_id, status, closed_at, owner_id, amount, currency, first_at, last_at,
    -- an open deal earns no credit: its shares are worked out when it closes
    status <> 'open' AND row_number() OVER (PARTITION BY deal_id ORDER BY first_at, asset_id) = 1,
    status <> 'open' AND row_number() OVER (PARTITION BY deal_id ORDER BY last_at DESC, asset_id) = 1,
    CASE WHEN status = 'open' THEN 1 ELSE count(*) OVER (PARTITION BY deal_id) END
  FROM (
    SELECT t.asset_id, t.deal_id, d.status, d.closed_at, d.owner_id, d.amount, d.currency,
      t.first_touch_at AS first_at,
      -- only the first and last use are kept: when the last ran past the close, the first is the last known before it
      CASE WHEN d.status <> 'open' AND t.last_touch_at > d.closed_at THEN t.first_touch_at
        ELSE t.last_touch_at END AS last_at
    FROM asset_deal_touches t JOIN deals d ON d.id = t.deal_id
    WHERE t.deal_id = ANY(ids) AND (d.status = 'open' OR t.first_touch_at < d.closed_at)
  ) counted;
  DELETE FROM influence_groups WHERE deal_id = ANY(ids);
  INSERT INTO influence_groups (deal_id, kind, key, status, closed_at, owner_id, amount, currency,
      first_at, first_credit, last_credit, assets, share_of)
  SELECT r.deal_id, g.kind, g.key, r.status, r.closed_at, r.owner_id, r.amount, r.currency,
    min(r.first_at), bool_or(r.first_credit), bool_or(r.last_credit), count(*), r.share_of
  FROM influence_touches r JOIN assets a ON a.id = r.asset_id
    CROSS JOIN LATERAL (SELECT 'type', a.type::text
      UNION SELECT 'stage', s FROM unnest(a.stages) AS s
      UNION SELECT 'persona', p FROM unnest(a.personas) AS p) AS g(kind, key)
  WHERE r.deal_id = ANY(ids) AND r.status <> 'open'
  GROUP BY r.deal_id, g.kind, g.key, r.status, r.closed_at, r.owner_id, r.amount, r.currency, r.share_of;
END $$;
--> statement-breakpoint
-- A touch of an open deal is its own row, upserted with the touches of the statement, set
-- at a time (concurrent uses of one deal go side by side, sharing the deal's row lock, which
-- holds off a change to the deal meanwhile); a touch of a closed deal (a use recorded late)
-- changes the deal's credit shares, so the deal is rebuilt.
CREATE FUNCTION "influence_touches_follow_touches"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM deals WHERE id IN (SELECT deal_id FROM new_rows) AND status = 'open'
    ORDER BY id FOR SHARE;
  INSERT INTO influence_touches (asset_id, deal_id, status, closed_at, owner_id, amount, currency,
      first_at, last_at, first_credit, last_credit, share_of)
  SELECT n.asset_id, n.deal_id, 'open', NULL, d.owner_id, d.amount, d.currency,
    n.first_touch_at, n.last_touch_at, false, false, 1
  FROM new_rows n JOIN deals d ON d.id = n.deal_id
  WHERE d.status = 'open'
  ORDER BY n.asset_id, n.deal_id
  ON CONFLICT (asset_id, deal_id) DO UPDATE SET status = 'open', closed_at = NULL,
    owner_id = EXCLUDED.owner_id, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
    first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at,
    first_credit = false, last_credit = false, share_of = 1;
  PERFORM refresh_influence_touches(array(
    SELECT DISTINCT n.deal_id FROM new_rows n JOIN deals d ON d.id = n.deal_id WHERE d.status <> 'open'));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- a trigger with transition tables fires for one event only: one for inserts, one for updates
CREATE TRIGGER "influence_touches_on_touch_insert" AFTER INSERT ON "asset_deal_touches"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION influence_touches_follow_touches();
--> statement-breakpoint
CREATE TRIGGER "influence_touches_on_touch_update" AFTER UPDATE ON "asset_deal_touches"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION influence_touches_follow_touches();
--> statement-breakpoint
-- touches go when their asset or deal is deleted: the deals left are rebuilt, in one refresh
CREATE FUNCTION "influence_touches_follow_touch_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_influence_touches(array(SELECT DISTINCT deal_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "influence_touches_on_touch_delete" AFTER DELETE ON "asset_deal_touches"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION influence_touches_follow_touch_delete();
--> statement-breakpoint
-- a deal's rows change with its status, close, amount, currency or owner
CREATE FUNCTION "influence_touches_follow_deals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_influence_touches(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.status, n.closed_at, n.amount, n.currency, n.owner_id)
      IS DISTINCT FROM (o.status, o.closed_at, o.amount, o.currency, o.owner_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "influence_touches_on_deal_update" AFTER UPDATE ON "deals"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION influence_touches_follow_deals();
--> statement-breakpoint
-- an asset's groups change with its type, stages or personas: its deals' group rows follow
CREATE FUNCTION "influence_touches_follow_asset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_influence_touches(array(SELECT deal_id FROM asset_deal_touches WHERE asset_id = NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "influence_touches_on_asset_update" AFTER UPDATE OF type, stages, personas ON "assets"
  FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.stages IS DISTINCT FROM NEW.stages
    OR OLD.personas IS DISTINCT FROM NEW.personas)
  EXECUTE FUNCTION influence_touches_follow_asset();
--> statement-breakpoint
-- the rows of the touches recorded before this migration
SELECT refresh_influence_touches(array(SELECT id FROM deals));
--> statement-breakpoint
ANALYZE "influence_touches";
--> statement-breakpoint
ANALYZE "influence_groups";

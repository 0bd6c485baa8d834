CREATE TABLE "signal_deal_firsts" (
	"deal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signal_deal_firsts_deal_id_kind_key_pk" PRIMARY KEY("deal_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "signal_mentions" (
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"deal_id" uuid,
	"user_id" uuid,
	"team_id" uuid,
	"stage" text,
	CONSTRAINT "signal_mentions_request_id_kind_key_pk" PRIMARY KEY("request_id","kind","key")
);
--> statement-breakpoint
ALTER TABLE "signal_deal_firsts" ADD CONSTRAINT "signal_deal_firsts_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD CONSTRAINT "signal_mentions_request_id_suggestion_signals_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."suggestion_signals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD CONSTRAINT "signal_mentions_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD CONSTRAINT "signal_mentions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_mentions" ADD CONSTRAINT "signal_mentions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signal_mentions_at_idx" ON "signal_mentions" USING btree ("at","kind","key","deal_id","user_id","team_id","stage");--> statement-breakpoint
-- Writes the mentions of some requests (one row per request and key) from suggestion_signals.
CREATE FUNCTION "write_signal_mentions"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO signal_mentions (request_id, kind, key, at, deal_id, user_id, team_id, stage)
  SELECT n.id, m.kind, m.key, n.at, n.deal_id, n.user_id, n.team_id, n.stage
  FROM suggestion_signals n
  CROSS JOIN LATERAL (
    SELECT 'competitor' AS kind, k AS key FROM unnest(n.competitors) k
    UNION ALL
    SELECT 'objection', k FROM unnest(n.objections) k
  ) m
  WHERE n.id = ANY (ids)
  ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
-- Each inserted request's (kind, key) pairs go to signal_mentions, and each deal's earliest mention of a
-- key to signal_deal_firsts, set at a time from the statement's rows (the write-behind inserts up to 500
-- requests per statement). The rows only ever get inserted; a deal's or a rep's deletion sets their ids
-- null (or drops the deal's firsts) through the foreign keys, as it does on suggestion_signals.
CREATE FUNCTION "signal_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM write_signal_mentions(ARRAY(SELECT id FROM new_rows));
  INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at)
  SELECT m.deal_id, m.kind, m.key, min(m.at)
  FROM signal_mentions m JOIN new_rows n ON n.id = m.request_id
  WHERE m.deal_id IS NOT NULL
  GROUP BY 1, 2, 3
  ON CONFLICT (deal_id, kind, key) DO UPDATE SET first_at = excluded.first_at
    WHERE signal_deal_firsts.first_at > excluded.first_at;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_rollups_insert" AFTER INSERT ON "suggestion_signals"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_rollups_insert"();
--> statement-breakpoint
-- A request changed (its time, deal, rep, team, stage or keys; also a deal's or a rep's deletion, which
-- sets the id null): its mentions are written again, and its deals' first mentions recounted from them.
CREATE FUNCTION "signal_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  SELECT array_agg(DISTINCT deal_id) INTO touched FROM (
    SELECT deal_id FROM old_rows UNION ALL SELECT deal_id FROM new_rows
  ) d WHERE deal_id IS NOT NULL;
  DELETE FROM signal_mentions m USING old_rows o WHERE m.request_id = o.id;
  PERFORM write_signal_mentions(ARRAY(SELECT id FROM new_rows));
  IF touched IS NOT NULL THEN
    DELETE FROM signal_deal_firsts WHERE deal_id = ANY (touched);
    INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at)
    SELECT m.deal_id, m.kind, m.key, min(m.at) FROM signal_mentions m
    WHERE m.deal_id = ANY (touched) AND EXISTS (SELECT 1 FROM deals d WHERE d.id = m.deal_id)
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "signal_rollups_update" AFTER UPDATE ON "suggestion_signals"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_rollups_update"();
--> statement-breakpoint
-- Both rollups from scratch, from the requests recorded (the migration below; bench/field-signals.ts after
-- loading with triggers off).
CREATE FUNCTION "rebuild_signal_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE suggestion_signals IN SHARE MODE;
  TRUNCATE signal_mentions, signal_deal_firsts;
  INSERT INTO signal_mentions (request_id, kind, key, at, deal_id, user_id, team_id, stage)
  SELECT s.id, 'competitor', k, s.at, s.deal_id, s.user_id, s.team_id, s.stage
  FROM suggestion_signals s CROSS JOIN unnest(s.competitors) k
  UNION ALL
  SELECT s.id, 'objection', k, s.at, s.deal_id, s.user_id, s.team_id, s.stage
  FROM suggestion_signals s CROSS JOIN unnest(s.objections) k
  ON CONFLICT DO NOTHING;
  INSERT INTO signal_deal_firsts (deal_id, kind, key, first_at)
  SELECT deal_id, kind, key, min(at) FROM signal_mentions WHERE deal_id IS NOT NULL GROUP BY 1, 2, 3;
END $$;
--> statement-breakpoint
SELECT rebuild_signal_rollups();

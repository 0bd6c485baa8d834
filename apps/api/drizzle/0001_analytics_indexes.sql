CREATE INDEX IF NOT EXISTS "events_deal_idx" ON "events" USING btree ("deal_id","at");

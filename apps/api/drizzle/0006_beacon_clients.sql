ALTER TABLE "link_visits" ADD COLUMN "client_hash" text;--> statement-breakpoint
CREATE INDEX "link_visits_client_idx" ON "link_visits" USING btree ("share_id","client_hash");
-- unlogged: counters need no crash safety or replicas (a restart that empties them only forgives a window),
-- and every counted request writes here: without the WAL that write is cheaper
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");
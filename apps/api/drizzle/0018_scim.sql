ALTER TABLE "users" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "scim_user_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "scim_deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_scim_user_name_key" ON "users" USING btree (lower("scim_user_name")) WHERE "users"."scim_user_name" is not null;--> statement-breakpoint
CREATE INDEX "users_external_id_idx" ON "users" USING btree ("external_id");

CREATE TYPE "public"."audience" AS ENUM('external', 'internal');--> statement-breakpoint
CREATE TABLE "deal_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"deal_id" uuid,
	"recipient_email" text,
	"allow_download" boolean DEFAULT false NOT NULL,
	"require_email" boolean DEFAULT false NOT NULL,
	"passcode_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "deal_rooms_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "link_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"share_id" uuid NOT NULL,
	"visitor_id" text NOT NULL,
	"email" text,
	"started_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"active_ms" bigint DEFAULT 0 NOT NULL,
	"pages" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summarized_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "asset_versions" ADD COLUMN "change_note" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "audience" "audience" DEFAULT 'external' NOT NULL;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "pending_version_id" uuid;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "require_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "passcode_hash" text;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "room_id" uuid;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "room_position" integer;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "ended_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deal_rooms" ADD CONSTRAINT "deal_rooms_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_rooms" ADD CONSTRAINT "deal_rooms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_visits" ADD CONSTRAINT "link_visits_share_id_share_links_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_rooms_deal_idx" ON "deal_rooms" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_rooms_creator_idx" ON "deal_rooms" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "link_visits_share_idx" ON "link_visits" USING btree ("share_id","visitor_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "link_visits_unsummarized_idx" ON "link_visits" USING btree ("last_seen_at") WHERE summarized_at is null;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_room_id_deal_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."deal_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_links_room_idx" ON "share_links" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "share_links_creator_idx" ON "share_links" USING btree ("created_by");--> statement-breakpoint
-- Battle cards and objection talk tracks are for sellers; every other type may go to buyers (both editable).
UPDATE "assets" SET "audience" = 'internal' WHERE "type" IN ('battle_card', 'objection_guide');

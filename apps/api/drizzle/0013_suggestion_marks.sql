CREATE TABLE "suggestion_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid,
	"asset_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"deal_id" uuid,
	"helped" boolean NOT NULL,
	"surface" "surface" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_marks_one_per_request" UNIQUE NULLS NOT DISTINCT("user_id","asset_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "weekly_summaries" (
	"week" text PRIMARY KEY NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "suggestion_marks" ADD CONSTRAINT "suggestion_marks_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_marks" ADD CONSTRAINT "suggestion_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_marks" ADD CONSTRAINT "suggestion_marks_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestion_marks_asset_idx" ON "suggestion_marks" USING btree ("asset_id","user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key_idx" ON "jobs" USING btree ("dedupe_key") WHERE "jobs"."dedupe_key" is not null;
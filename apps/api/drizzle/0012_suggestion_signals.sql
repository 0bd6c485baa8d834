CREATE TABLE "suggestion_signals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"team_id" uuid,
	"deal_id" uuid,
	"surface" "surface" NOT NULL,
	"stage" text,
	"persona" text,
	"language" text,
	"competitors" text[] DEFAULT '{}'::text[] NOT NULL,
	"objections" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "suggestion_signals" ADD CONSTRAINT "suggestion_signals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_signals" ADD CONSTRAINT "suggestion_signals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_signals" ADD CONSTRAINT "suggestion_signals_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestion_signals_at_idx" ON "suggestion_signals" USING btree ("at") WHERE cardinality(competitors) + cardinality(objections) > 0;--> statement-breakpoint
CREATE INDEX "suggestion_signals_deal_idx" ON "suggestion_signals" USING btree ("deal_id","at");
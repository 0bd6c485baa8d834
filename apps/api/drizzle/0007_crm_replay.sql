CREATE TABLE "crm_deliveries" (
	"digest" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "crm_updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "crm_deliveries_received_idx" ON "crm_deliveries" USING btree ("received_at");
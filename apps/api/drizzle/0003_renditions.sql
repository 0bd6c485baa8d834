CREATE TYPE "public"."rendition_state" AS ENUM('none', 'pending', 'ready', 'failed', 'unavailable');--> statement-breakpoint
CREATE TABLE "version_pages" (
	"version_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"image_key" text,
	CONSTRAINT "version_pages_version_id_number_pk" PRIMARY KEY("version_id","number")
);
--> statement-breakpoint
ALTER TABLE "asset_versions" ADD COLUMN "rendition_key" text;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD COLUMN "rendition_state" "rendition_state" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD COLUMN "rendition_error" text;--> statement-breakpoint
ALTER TABLE "asset_versions" ADD COLUMN "document_title" text;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "unsaved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "version_pages" ADD CONSTRAINT "version_pages_version_id_asset_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."asset_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Versions made before renditions existed get theirs from the start-up backlog run (`cli renditions --missing`).
UPDATE "asset_versions" SET "rendition_state" = 'pending'
WHERE "file_key" IS NOT NULL AND split_part("mime_type", ';', 1) IN (
	'application/pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
);
--> statement-breakpoint
-- A PDF is its own rendition, readable at once.
UPDATE "asset_versions" SET "rendition_key" = "file_key" WHERE split_part("mime_type", ';', 1) = 'application/pdf';

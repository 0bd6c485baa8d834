-- The kind a file was detected as on upload (assets/processing/detect-type.ts), kept on its version so
-- nothing reads it back from the MIME type; null for a link. Versions stored before it: the kind their
-- MIME type names (parameters and case ignored, QuickTime an MP4, an unknown type text).
ALTER TABLE "asset_versions" ADD COLUMN "kind" text;--> statement-breakpoint
UPDATE "asset_versions" SET "kind" = CASE lower(trim(split_part("mime_type", ';', 1)))
		WHEN 'application/pdf' THEN 'pdf'
		WHEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' THEN 'docx'
		WHEN 'application/vnd.openxmlformats-officedocument.presentationml.presentation' THEN 'pptx'
		WHEN 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' THEN 'xlsx'
		WHEN 'application/msword' THEN 'doc'
		WHEN 'application/vnd.ms-excel' THEN 'xls'
		WHEN 'application/vnd.ms-powerpoint' THEN 'ppt'
		WHEN 'application/vnd.oasis.opendocument.text' THEN 'odt'
		WHEN 'application/vnd.oasis.opendocument.spreadsheet' THEN 'ods'
		WHEN 'application/vnd.oasis.opendocument.presentation' THEN 'odp'
		WHEN 'application/rtf' THEN 'rtf'
		WHEN 'image/png' THEN 'png'
		WHEN 'image/jpeg' THEN 'jpeg'
		WHEN 'image/webp' THEN 'webp'
		WHEN 'image/gif' THEN 'gif'
		WHEN 'video/mp4' THEN 'mp4'
		WHEN 'video/quicktime' THEN 'mp4'
		WHEN 'text/markdown' THEN 'markdown'
		WHEN 'text/plain' THEN 'text'
		ELSE 'text'
	END
	WHERE "mime_type" IS NOT NULL;

-- The extension signing in through the portal (SSO or password there): a single-use code the portal
-- hands the extension's tab, which the extension exchanges for its token. Only the code's SHA-256 is kept.
CREATE TABLE "extension_connect_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "extension_connect_codes" ADD CONSTRAINT "extension_connect_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;

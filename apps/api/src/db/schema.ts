import {
  assetStatuses,
  assetTypes,
  audiences,
  dealStatuses,
  processingStates,
  roles,
  surfaces,
  taxonomyKinds,
} from "@pitchside/shared";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { FileKind } from "../assets/processing/detect-type";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();
const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

export const roleEnum = pgEnum("role", roles);
export const assetTypeEnum = pgEnum("asset_type", assetTypes);
export const assetStatusEnum = pgEnum("asset_status", assetStatuses);
export const assetSourceEnum = pgEnum("asset_source", ["file", "link", "markdown"]);
/** Who an asset may reach: buyers (`external`) or only the sellers themselves (`internal`). */
export const audienceEnum = pgEnum("audience", audiences);
export const processingStateEnum = pgEnum("processing_state", processingStates);
/**
 * The PDF rendition that every page view reads: `none` for files without pages (images, video,
 * Markdown, links), `unavailable` when the server has no LibreOffice to make one.
 */
export const renditionStateEnum = pgEnum("rendition_state", [
  "none",
  "pending",
  "ready",
  "failed",
  "unavailable",
]);
export const taxonomyKindEnum = pgEnum("taxonomy_kind", taxonomyKinds);
export const dealStatusEnum = pgEnum("deal_status", dealStatuses);
export const jobStatusEnum = pgEnum("job_status", ["queued", "running", "done", "failed"]);
export const surfaceEnum = pgEnum("surface", surfaces);
export const requestStatusEnum = pgEnum("request_status", ["open", "in_progress", "answered", "declined"]);

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** The identity provider's id for the group this team mirrors (SCIM `externalId`). */
  externalId: text("external_id"),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale"),
    disabledAt: ts("disabled_at"),
    /** The identity provider's id for the user (SCIM `externalId`). */
    externalId: text("external_id"),
    /** SCIM `userName` when it is not the email itself (Entra ID may send a non-address). */
    scimUserName: text("scim_user_name"),
    /** Deleted through SCIM: kept (disabled) for its history, gone from SCIM's view until created again. */
    scimDeletedAt: ts("scim_deleted_at"),
    /** Who the identity provider says this is (`<issuer> <sub>`), set at the first SSO sign-in. */
    ssoSubject: text("sso_subject"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_scim_user_name_key")
      .on(sql`lower(${t.scimUserName})`)
      .where(sql`${t.scimUserName} is not null`),
    index("users_external_id_idx").on(t.externalId),
    uniqueIndex("users_sso_subject_key").on(t.ssoSubject),
  ],
);

/** Portal sessions; the cookie holds the token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    /** What the owner's "Sessions and tokens" page names a session by: never the token or its hash. */
    id: uuid("id").notNull().defaultRandom(),
    /** The browser's user agent at sign-in, cut to 512 characters. */
    userAgent: text("user_agent"),
    /** The address at sign-in, coarsened (IPv4 /24, IPv6 /48): roughly where, not who. */
    ipPrefix: text("ip_prefix"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), uniqueIndex("sessions_id_key").on(t.id)],
);

/**
 * An admin's invitation to join (identity/invitations-service.ts): the link's token is signed from
 * the id and only its SHA-256 is kept. Pending while neither accepted nor revoked; one pending per email.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    /** The language of the mail and of the new account: "en" or "ja". */
    locale: text("locale").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    /** When the last invitation mail went out (SMTP_URL); null while queued or when the link was copied. */
    mailedAt: ts("mailed_at"),
    acceptedAt: ts("accepted_at"),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("invitations_pending_email_key")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

/** A single-use link to set a new password (identity/password-reset-service.ts); token kept hashed. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** The admin who made the link to copy; null when the user asked by mail. */
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    mailedAt: ts("mailed_at"),
    usedAt: ts("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** Bearer tokens (the extension's); stored hashed, listable and revocable. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    scope: text("scope").notNull().default("extension"),
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * The extension signing in through the portal: a single-use, short-lived code the portal puts in the
 * extension's tab, exchanged for an extension token; stored as its SHA-256 only.
 */
export const extensionConnectCodes = pgTable("extension_connect_codes", {
  codeHash: text("code_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
});

export const taxonomyTerms = pgTable(
  "taxonomy_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: taxonomyKindEnum("kind").notNull(),
    key: text("key").notNull(),
    labelEn: text("label_en").notNull(),
    labelJa: text("label_ja").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    /** titlePatterns (personas), aliases (competitors) or phrases (objection themes). */
    patterns: textArray("patterns"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("taxonomy_kind_key").on(t.kind, t.key)],
);

export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    externalId: text("external_id").unique(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    type: assetTypeEnum("type").notNull(),
    status: assetStatusEnum("status").notNull().default("draft"),
    audience: audienceEnum("audience").notNull().default("external"),
    source: assetSourceEnum("source").notNull(),
    language: text("language").notNull().default("en"),
    url: text("url"),
    stages: textArray("stages"),
    personas: textArray("personas"),
    industries: textArray("industries"),
    competitors: textArray("competitors"),
    objections: textArray("objections"),
    tags: textArray("tags"),
    /** Empty means visible to every team. */
    teamIds: uuid("team_ids").array().notNull().default(sql`'{}'::uuid[]`),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** The live version: what reps read and links show. */
    currentVersionId: uuid("current_version_id"),
    /** A newer version of a published asset waiting for another marketer's review, when the workspace asks for it. */
    pendingVersionId: uuid("pending_version_id"),
    expiresAt: ts("expires_at"),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: ts("submitted_at"),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: ts("published_at"),
    archivedBy: uuid("archived_by").references(() => users.id, { onDelete: "set null" }),
    archivedAt: ts("archived_at"),
    /** Uploaded from the portal, its details not saved yet: hidden from the library, removed after a day. */
    unsaved: boolean("unsaved").notNull().default(false),
    /** Language versions of one piece of content (an English card and its Japanese translation) share it. */
    familyId: uuid("family_id"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("assets_status_idx").on(t.status),
    index("assets_updated_idx").on(t.updatedAt),
    // one version per language in a family
    uniqueIndex("assets_family_language_idx")
      .on(t.familyId, t.language)
      .where(sql`${t.familyId} is not null`),
  ],
);

export const assetVersions = pgTable(
  "asset_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    fileKey: text("file_key"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    /** What the file was detected as on upload (detect-type.ts); null for a link, which has no file. */
    kind: text("kind").$type<FileKind>(),
    size: bigint("size", { mode: "number" }),
    sha256: text("sha256"),
    pageCount: integer("page_count"),
    textContent: text("text_content"),
    thumbnailKey: text("thumbnail_key"),
    processingState: processingStateEnum("processing_state").notNull().default("pending"),
    processingError: text("processing_error"),
    /** The PDF every page view reads: the original itself for a PDF, LibreOffice's conversion for Office. */
    renditionKey: text("rendition_key"),
    renditionState: renditionStateEnum("rendition_state").notNull().default("none"),
    renditionError: text("rendition_error"),
    /** The title in the file's own properties, offered on the upload form. */
    documentTitle: text("document_title"),
    /** What changed, in the words of whoever uploaded it. */
    changeNote: text("change_note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("asset_versions_number").on(t.assetId, t.number)],
);

/** Each page of a version's rendition: its text (a slide's with its notes) and a small image for the page strip. */
export const versionPages = pgTable(
  "version_pages",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => assetVersions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    text: text("text").notNull().default(""),
    imageKey: text("image_key"),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.number] })],
);

export const collections = pgTable("collections", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
  teamIds: uuid("team_ids").array().notNull().default(sql`'{}'::uuid[]`),
  createdAt: createdAt(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const collectionItems = pgTable(
  "collection_items",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.assetId] })],
);

export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    externalId: text("external_id").unique(),
    name: text("name").notNull(),
    accountName: text("account_name").notNull().default(""),
    accountDomain: text("account_domain"),
    industry: text("industry"),
    stage: text("stage").notNull(),
    status: dealStatusEnum("status").notNull().default("open"),
    amount: numeric("amount", { precision: 18, scale: 2 }),
    currency: text("currency").notNull().default("USD"),
    closedAt: ts("closed_at"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** The CRM's modification time of the newest delivery seen: an older one arriving later is stale. */
    crmUpdatedAt: ts("crm_updated_at"),
  },
  (t) => [
    index("deals_domain_idx").on(t.accountDomain),
    index("deals_owner_idx").on(t.ownerId),
    // the deals closed in a period (field signals' win rates), index-only
    index("deals_closed_idx").on(t.closedAt, t.status),
  ],
);

/**
 * Digests of the CRM webhook's signatures accepted while their timestamp is
 * still acceptable: the same signed request twice is a replay, in any process.
 */
export const crmDeliveries = pgTable(
  "crm_deliveries",
  {
    digest: text("digest").primaryKey(),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [index("crm_deliveries_received_idx").on(t.receivedAt)],
);

export const dealContacts = pgTable(
  "deal_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    title: text("title").notNull().default(""),
  },
  (t) => [
    index("deal_contacts_email_idx").on(sql`lower(${t.email})`),
    index("deal_contacts_deal_idx").on(t.dealId),
  ],
);

export const dealStageHistory = pgTable(
  "deal_stage_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    changedAt: ts("changed_at").notNull().defaultNow(),
    source: text("source").notNull(),
  },
  (t) => [index("deal_stage_history_deal_idx").on(t.dealId)],
);

/** One link to several assets for one deal: its assets are share links of its own (`share_links.room_id`). */
export const dealRooms = pgTable(
  "deal_rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    token: text("token").notNull().unique(),
    name: text("name").notNull().default(""),
    note: text("note").notNull().default(""),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    recipientEmail: text("recipient_email"),
    allowDownload: boolean("allow_download").notNull().default(false),
    requireEmail: boolean("require_email").notNull().default(false),
    passcodeHash: text("passcode_hash"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("deal_rooms_deal_idx").on(t.dealId), index("deal_rooms_creator_idx").on(t.createdBy)],
);

export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    token: text("token").notNull().unique(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => assetVersions.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    recipientEmail: text("recipient_email"),
    allowDownload: boolean("allow_download").notNull().default(false),
    /** Pinned to `version_id`; otherwise the link shows the asset's live version, whichever it is. */
    pinned: boolean("pinned").notNull().default(false),
    /** The rep's own name for the link ("Acme — pricing follow-up"). */
    name: text("name").notNull().default(""),
    /** The viewer asks for an email first (not verified) and records it on the visit. */
    requireEmail: boolean("require_email").notNull().default(false),
    passcodeHash: text("passcode_hash"),
    /** One of a deal room's assets: the room's state and gate apply too. */
    roomId: uuid("room_id").references(() => dealRooms.id, { onDelete: "cascade" }),
    /** Its place in the room's list. */
    roomPosition: integer("room_position"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    /** When its maker was told the link ended because its asset stopped being live; cleared if it is live again. */
    endedNotifiedAt: ts("ended_notified_at"),
  },
  (t) => [
    index("share_links_asset_idx").on(t.assetId),
    index("share_links_deal_idx").on(t.dealId),
    index("share_links_room_idx").on(t.roomId),
    index("share_links_creator_idx").on(t.createdBy),
  ],
);

/**
 * One prospect's reading of one link: the same browser (visitor id) within
 * half an hour is one visit. Kept as beacons arrive, so "My links" and the
 * after-visit summary need no scan of the events.
 */
export const linkVisits = pgTable(
  "link_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shareId: uuid("share_id")
      .notNull()
      .references(() => shareLinks.id, { onDelete: "cascade" }),
    visitorId: text("visitor_id").notNull(),
    /** The browser as a salted hash of address and user agent (it changes daily): ties rotating visitor ids together. */
    clientHash: text("client_hash"),
    /** Given at the link's email gate; not verified. */
    email: text("email"),
    startedAt: ts("started_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
    activeMs: bigint("active_ms", { mode: "number" }).notNull().default(0),
    /** Active milliseconds per page number. */
    pages: jsonb("pages").$type<Record<string, number>>().notNull().default({}),
    /** When the link's maker got the summary of this visit. */
    summarizedAt: ts("summarized_at"),
  },
  (t) => [
    index("link_visits_share_idx").on(t.shareId, t.visitorId, t.lastSeenAt),
    index("link_visits_client_idx").on(t.shareId, t.clientHash),
    index("link_visits_unsummarized_idx").on(t.lastSeenAt).where(sql`summarized_at is null`),
  ],
);

/** Append-only; the id comes from the client so retries are idempotent. */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey(),
    type: text("type").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    assetId: uuid("asset_id").references(() => assets.id, { onDelete: "set null" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    shareId: uuid("share_id").references(() => shareLinks.id, { onDelete: "set null" }),
    surface: surfaceEnum("surface").notNull(),
    at: ts("at").notNull().defaultNow(),
    props: jsonb("props").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("events_at_idx").on(t.at),
    index("events_asset_idx").on(t.assetId, t.at),
    index("events_deal_idx").on(t.dealId, t.at),
    // one row per suggestion request (its first item, or none): the gaps report's weak suggestions
    index("events_suggestion_requests_idx")
      .on(t.at)
      .where(sql`type = 'suggestion_shown' and coalesce((props->>'rank')::int, 1) = 1`),
  ],
);

/**
 * What prospects did with shared links, per (asset, link, visitor, UTC day,
 * page): opens on the page-0 row, active milliseconds on each page's row.
 * Derived: a trigger on events adds every inserted prospect_opened and
 * prospect_page event (migration 0010), so engagement reads this, not the raw
 * events. `visitor` is the viewer's visitor id, or `c:` and a salted hash of
 * address and user agent when the browser sent none; '' when unknown (events
 * recorded without either), which counts no visitor.
 */
export const prospectEngagement = pgTable(
  "prospect_engagement",
  {
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    shareId: uuid("share_id").references(() => shareLinks.id, { onDelete: "cascade" }),
    visitor: text("visitor").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** 0 for the visitor's opens that day; else a page number. */
    page: integer("page").notNull(),
    opens: integer("opens").notNull().default(0),
    activeMs: bigint("active_ms", { mode: "number" }).notNull().default(0),
    firstAt: ts("first_at").notNull(),
    lastAt: ts("last_at").notNull(),
  },
  (t) => [
    unique("prospect_engagement_key").on(t.assetId, t.shareId, t.visitor, t.day, t.page).nullsNotDistinct(),
    index("prospect_engagement_day_idx").on(t.day, t.assetId),
    index("prospect_engagement_share_idx").on(t.shareId, t.day),
  ],
);

/**
 * prospect_engagement summed per (asset, link, UTC day): what engagement ranks
 * assets and links by (opens, active time). `rows` counts the prospect_engagement
 * rows a cell sums. Derived: statement triggers on prospect_engagement keep it
 * (migration 0015); no foreign keys of its own, its cells go with those rows.
 */
export const engagementDaily = pgTable(
  "engagement_daily",
  {
    assetId: uuid("asset_id").notNull(),
    shareId: uuid("share_id"),
    day: date("day", { mode: "string" }).notNull(),
    rows: integer("rows").notNull(),
    opens: integer("opens").notNull(),
    activeMs: bigint("active_ms", { mode: "number" }).notNull(),
  },
  (t) => [
    unique("engagement_daily_key").on(t.assetId, t.shareId, t.day).nullsNotDistinct(),
    index("engagement_daily_day_idx").on(t.day, t.assetId, t.shareId, t.opens, t.activeMs),
  ],
);

export const assetDealTouches = pgTable(
  "asset_deal_touches",
  {
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    firstTouchAt: ts("first_touch_at").notNull(),
    lastTouchAt: ts("last_touch_at").notNull(),
    count: integer("count").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.dealId] }), index("touches_deal_idx").on(t.dealId)],
);

/**
 * asset_deal_touches as the influence report reads them: only the touches
 * that count (before the close; every touch of an open deal), each with its
 * deal's status, close, owner and amount, and its share of the deal's credit
 * under the first, last and linear models. Derived: database triggers on
 * asset_deal_touches and deals rebuild a deal's rows whenever either changes
 * (migration 0002), so the report is one scan without a join. No foreign
 * keys: the triggers remove a deal's rows when its touches go.
 */
export const influenceTouches = pgTable(
  "influence_touches",
  {
    assetId: uuid("asset_id").notNull(),
    dealId: uuid("deal_id").notNull(),
    status: dealStatusEnum("status").notNull(),
    closedAt: ts("closed_at"),
    ownerId: uuid("owner_id"),
    amount: numeric("amount", { precision: 18, scale: 2 }),
    currency: text("currency").notNull(),
    firstAt: ts("first_at").notNull(),
    /** The last use known to precede the close (the first use when the last ran past it). */
    lastAt: ts("last_at").notNull(),
    /** The deal's earliest touch (ties: smallest asset id): first-touch credits it. */
    firstCredit: boolean("first_credit").notNull(),
    /** The deal's latest touch before close (ties: smallest asset id): last-touch credits it. */
    lastCredit: boolean("last_credit").notNull(),
    /** How many assets touched the deal before close: linear credits each 1/n. */
    shareOf: integer("share_of").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assetId, t.dealId] }),
    index("influence_touches_deal_idx").on(t.dealId),
    // a closed deal's one first-credited touch stands for the deal in the report's totals
    index("influence_touches_credited_idx")
      .on(t.closedAt, t.status, t.ownerId, t.currency, t.amount)
      .where(sql`first_credit`),
    // an open deal's touches, read by deal without the heap
    index("influence_touches_open_idx")
      .on(t.dealId, t.firstAt, t.lastAt, t.ownerId)
      .where(sql`status = 'open'`),
  ],
);

/**
 * A closed deal as each asset group (the assets' type, each of their stages,
 * each of their personas) touched it: one row per (deal, kind, key), with what
 * its group gets of the deal's credit, so a report by type, stage or persona
 * needs no per-deal merge over the touches. Kept with influence_touches by the
 * same refresh (migration 0002), and rebuilt for an asset's deals when its
 * type, stages or personas change. Open deals are merged at report time (a
 * touch of one counts only when made in the period).
 */
export const influenceGroups = pgTable(
  "influence_groups",
  {
    dealId: uuid("deal_id").notNull(),
    /** "type", "stage" or "persona". */
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    status: dealStatusEnum("status").notNull(),
    closedAt: ts("closed_at").notNull(),
    ownerId: uuid("owner_id"),
    amount: numeric("amount", { precision: 18, scale: 2 }),
    currency: text("currency").notNull(),
    /** The group's earliest touch of the deal. */
    firstAt: ts("first_at").notNull(),
    /** The group holds the deal's first-credited (last-credited) touch. */
    firstCredit: boolean("first_credit").notNull(),
    lastCredit: boolean("last_credit").notNull(),
    /** The deal's touching assets in the group, and in all: linear credits the group assets / shareOf. */
    assets: integer("assets").notNull(),
    shareOf: integer("share_of").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.kind, t.key] }),
    index("influence_groups_closed_idx").on(t.kind, t.closedAt),
  ],
);

/**
 * The events the usage, adoption and gaps reports count, per UTC day, asset,
 * rep, surface and whether the rep acted (the event's user) or a prospect did
 * on the rep's link (the share link's maker): one count per event type.
 * Derived: a trigger on events adds each insert's counts, and the cells an
 * update or delete of events (a cascade from a deleted asset, user or link)
 * or a link's new maker touches are recounted from the events (migration
 * 0011). No foreign keys: the triggers move a deleted asset's or user's
 * counts to null as the events' own set-null cascades do.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    day: date("day").notNull(),
    assetId: uuid("asset_id"),
    repId: uuid("rep_id"),
    surface: surfaceEnum("surface").notNull(),
    /** The rep is the event's user (false: a prospect's event, credited to the link's maker). */
    repActed: boolean("rep_acted").notNull(),
    viewed: integer("viewed").notNull().default(0),
    downloaded: integer("downloaded").notNull().default(0),
    shared: integer("shared").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    copied: integer("copied").notNull().default(0),
    clicked: integer("clicked").notNull().default(0),
    opened: integer("opened").notNull().default(0),
  },
  (t) => [
    unique("usage_daily_cell").on(t.day, t.assetId, t.repId, t.surface, t.repActed).nullsNotDistinct(),
    index("usage_daily_rep_idx").on(t.repId, t.day),
    // the gaps report asks, per published asset, whether anyone used it in the period
    index("usage_daily_asset_idx").on(t.assetId, t.day),
  ],
);

/**
 * One row per suggestion request: only the taxonomy keys the shared detection found in the rep's message
 * (never its text or keywords), the deal and rep it was for, and the rep's team at the time. The id is the
 * `requestId` a suggestion answer carries. Field signals read it (analytics/field-signals-service.ts).
 */
export const suggestionSignals = pgTable(
  "suggestion_signals",
  {
    id: uuid("id").primaryKey(),
    at: ts("at").notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The rep's team when they asked: where the signal was heard, even if they move teams later. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    surface: surfaceEnum("surface").notNull(),
    stage: text("stage"),
    persona: text("persona"),
    language: text("language"),
    competitors: textArray("competitors"),
    objections: textArray("objections"),
  },
  (t) => [
    // the reports read only requests that named something
    index("suggestion_signals_at_idx")
      .on(t.at)
      .where(sql`cardinality(competitors) + cardinality(objections) > 0`),
    // whole, not partial: a deal's deletion finds its rows through it
    index("suggestion_signals_deal_idx").on(t.dealId, t.at),
  ],
);

/**
 * Field signals' rollups, kept by triggers on `suggestion_signals` (migration 0014): one row per
 * (request, kind, key) with the columns the report groups by, so a report scans narrow rows in time order
 * instead of unnesting the requests' arrays.
 */
export const signalMentions = pgTable(
  "signal_mentions",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => suggestionSignals.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    at: ts("at").notNull(),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    stage: text("stage"),
    /** The deal's industry, kept by a trigger on deals (migration 0016). */
    industry: text("industry"),
    /**
     * The chains (migration 0016): the time of the previous mention of the key on the same deal (null for
     * its first), whether this is its last; the same for the rep. Distinct deals and reps come from them.
     */
    dealPrevAt: ts("deal_prev_at"),
    dealLast: boolean("deal_last").notNull().default(false),
    userPrevAt: ts("user_prev_at"),
    userLast: boolean("user_last").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.kind, t.key] }),
    // covering: a report's reads of a period's partial weeks and of the chains' edges are index-only
    index("signal_mentions_period_idx").on(
      t.at,
      t.kind,
      t.key,
      t.dealId,
      t.userId,
      t.teamId,
      t.stage,
      t.industry,
      t.dealPrevAt,
      t.dealLast,
      t.userPrevAt,
      t.userLast,
    ),
    // a chain's neighbours of a row; a deal's or rep's rows
    index("signal_mentions_deal_chain_idx").on(t.dealId, t.kind, t.key, t.at, t.requestId),
    index("signal_mentions_user_chain_idx").on(t.userId, t.kind, t.key, t.at, t.requestId),
  ],
);

/** When each signal first came up on each deal: a closed deal "had" it when that is before its close. */
export const signalDealFirsts = pgTable(
  "signal_deal_firsts",
  {
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    firstAt: ts("first_at").notNull(),
    /** The deal's close and outcome (won true, lost false, else null), kept by a trigger on deals (0016). */
    closedAt: ts("closed_at"),
    won: boolean("won"),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.kind, t.key] }),
    index("signal_deal_firsts_closed_idx")
      .on(t.closedAt, t.kind, t.key, t.firstAt, t.won)
      .where(sql`won is not null`),
  ],
);

/**
 * Field signals' weekly counts (migration 0016), kept by triggers on signal_mentions and signal_deal_firsts:
 * per ISO week (UTC Monday) and signal, the mentions per `stage`, `team` and `industry` (grp the value), the
 * deals' and reps' first and last mentions (`deal_first`, `deal_last`, `rep_first`, `rep_last`), and the
 * deals closed `won` / `lost` that week where it came up before the close. Cells may hold 0.
 */
export const signalWeeks = pgTable(
  "signal_weeks",
  {
    dim: text("dim").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    grp: text("grp"),
    n: integer("n").notNull(),
  },
  (t) => [unique("signal_weeks_cell").on(t.dim, t.week, t.kind, t.key, t.grp).nullsNotDistinct()],
);

export const searches = pgTable(
  "searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    query: text("query").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    resultCount: integer("result_count").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    index("searches_at_idx").on(t.at),
    // the gaps report's searches that found nothing, without reading the others
    index("searches_zero_idx").on(t.at).where(sql`result_count = 0`),
  ],
);

export const feedback = pgTable("feedback", {
  id: uuid("id").primaryKey().defaultRandom(),
  assetId: uuid("asset_id")
    .notNull()
    .references(() => assets.id, { onDelete: "cascade" }),
  userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
  rating: smallint("rating"),
  comment: text("comment"),
  createdAt: createdAt(),
});

/**
 * A rep's "helped" / "not helpful" on one suggestion: one per (user, asset, request), a second
 * click changes it. `request_id` names the suggestion request (no foreign key yet); null when the
 * client did not send one.
 */
export const suggestionMarks = pgTable(
  "suggestion_marks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id"),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
    helped: boolean("helped").notNull(),
    surface: surfaceEnum("surface").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    unique("suggestion_marks_one_per_request").on(t.userId, t.assetId, t.requestId).nullsNotDistinct(),
    index("suggestion_marks_asset_idx").on(t.assetId, t.userId, t.at),
  ],
);

export const contentRequests = pgTable("content_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  requesterId: uuid("requester_id").references(() => users.id, { onDelete: "set null" }),
  title: text("title").notNull(),
  details: text("details").notNull().default(""),
  status: requestStatusEnum("status").notNull().default("open"),
  assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
  answerAssetId: uuid("answer_asset_id").references(() => assets.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    readAt: ts("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId)],
);

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: ts("run_at").notNull().defaultNow(),
    lockedAt: ts("locked_at"),
    lastError: text("last_error"),
    /** At most one job ever per key (a week's summary): a second enqueue with it is a no-op. */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("jobs_ready_idx").on(t.status, t.runAt),
    uniqueIndex("jobs_dedupe_key_idx").on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

/** Each finished ISO week's summary (analytics/weekly-summary.ts), computed once, mailed from it. */
export const weeklySummaries = pgTable("weekly_summaries", {
  /** ISO week, e.g. 2026-W49. */
  week: text("week").primaryKey(),
  summary: jsonb("summary").$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

/** Outbox for the search indexer: written in the same transaction as the change. */
export const searchOutbox = pgTable("search_outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  assetId: uuid("asset_id").notNull(),
  createdAt: createdAt(),
});

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * rate-limiter-flexible's counters when limits are kept in Postgres (limits/limiter-store.ts), in the
 * columns its RateLimiterPostgres reads and writes: the key (prefix and subject), points used, and the
 * end of the window in epoch milliseconds. Made here rather than by the library at start, so every
 * process finds it ready and the app's database role needs no CREATE at run time.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: bigint("expire", { mode: "number" }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

/** The API's test harness as other packages' tests use it (`@pitchside/api/testing`). */

export { repAdoption } from "../src/analytics/adoption-service";
export { saveCurrencySettings } from "../src/analytics/currency-settings";
export { assetDeals, dealTimeline } from "../src/analytics/drilldown-service";
export {
  engagementInputSchema,
  linkEngagementInputSchema,
  linkEngagementReport,
  prospectEngagement,
} from "../src/analytics/engagement-service";
export { fieldSignals, fieldSignalsInputSchema } from "../src/analytics/field-signals-service";
export { contentGaps, gapsInputSchema } from "../src/analytics/gaps-service";
export {
  contentInfluence,
  type InfluenceRequest,
  influenceInputSchema,
} from "../src/analytics/influence-service";
export { rowsOf } from "../src/analytics/sql-rows";
export { usageInputSchema, usageOverTime } from "../src/analytics/usage-service";
export { createApp } from "../src/app";
export { setStatus } from "../src/assets/assets-service";
export { createMarkdownAsset } from "../src/assets/markdown-assets";
export { renderPagesInWorker } from "../src/assets/processing/run-processing";
export { convertToPdf } from "../src/assets/renditions/libreoffice";
export { trackRecords } from "../src/assets/track-records";
export { MB } from "../src/body-limit";
export { type ClusterBus, localBus } from "../src/cluster/cluster-bus";
export { PostgresBus } from "../src/cluster/postgres-bus";
export { RedisBus } from "../src/cluster/redis-bus";
export { loadConfig, repoRoot } from "../src/config";
export { type Database, type Db, openPglite, openPostgres } from "../src/db/client";
export { assets, assetVersions, dealContacts, deals, events, searchOutbox } from "../src/db/schema";
export { signCrmPayload } from "../src/deals/crm-webhook-route";
export { demoTaxonomy } from "../src/demo/demo-taxonomy";
export { findJapaneseFont } from "../src/demo/library/japanese-font";
export { localStorage } from "../src/files/local-storage";
export { s3Storage } from "../src/files/s3-storage";
export type { FileStorage } from "../src/files/storage";
export { uploadStagingDir } from "../src/files/upload-staging";
export { defaultLoginLimits, LoginThrottle } from "../src/identity/login-throttle";
export { createUser, updateUser } from "../src/identity/users-service";
export type { LimiterStore } from "../src/limits/limiter-store";
export { createLogger } from "../src/logger";
export { type AssetDocument, buildAssetDocuments, foldedText } from "../src/search/asset-documents";
export { meiliHttpClient } from "../src/search/meili-http";
export { type RunningMeili, spawnMeili } from "../src/search/meili-process";
export { meiliMultiSearch, meiliSearchParams, type SearchInput } from "../src/search/search-service";
export { upsertTerms } from "../src/taxonomy/taxonomy-service";
export { ingestEvents, type NewEvent } from "../src/tracking/events-service";
export { notifyShareOpened } from "../src/tracking/notifications-service";
export { limiterStoreFor, wireDeps } from "../src/wiring";
export {
  dropNamedDatabase,
  loginCookie,
  loginToken,
  openNamedDatabase,
  openTestDatabase,
  startServerWith,
  type TestServer,
} from "./app-server";
export { chromiumPath, testChromiumArgs } from "./chromium";
export { type ClusterNode, clusterClient, clusterToken, startCluster } from "./cluster-harness";
export { BROWSER_UA, makeAsset, makeDeal, postCrm } from "./deal-factories";
export { makeLinkAsset, makeUser, uploadFile } from "./factories";
export { seedInfluenceBook } from "./influence-book";
export { startServerOnOwnMeili } from "./own-meili-server";
export { rawPost } from "./raw-post";
export { deleteRedisKeys } from "./redis-keys";
export { codeOf, refusal } from "./refusal";
export { startS3Server } from "./s3-server";
export { startTestServer } from "./server";
export { makeDocx, makePdf, makePptx } from "./test-files";
export { type MadeUser, openTestWorkspace, type TestWorkspace, type WorkspaceUser } from "./test-workspace";

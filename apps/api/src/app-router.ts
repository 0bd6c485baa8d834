import { adminRouter } from "./admin/admin-router";
import { auditRouter } from "./admin/audit-router";
import { analyticsRouter } from "./analytics/analytics-router";
import { assetsRouter } from "./assets/assets-router";
import { collectionsRouter } from "./collections/collections-router";
import { dealsRouter } from "./deals/deals-router";
import { feedbackRouter } from "./feedback/feedback-router";
import { authRouter } from "./identity/auth-router";
import { invitationsRouter } from "./identity/invitations-router";
import { passwordResetRouter } from "./identity/password-reset-router";
import { sessionsRouter } from "./identity/sessions-router";
import { teamsRouter } from "./identity/teams-router";
import { tokensRouter } from "./identity/tokens-router";
import { usersRouter } from "./identity/users-router";
import { requestsRouter } from "./requests/requests-router";
import { scimRouter } from "./scim/scim-router";
import { searchRouter } from "./search/search-router";
import { roomsRouter } from "./shares/rooms-router";
import { sharesRouter } from "./shares/shares-router";
import { suggestRouter } from "./suggest/suggest-router";
import { taxonomyRouter } from "./taxonomy/taxonomy-router";
import { eventsRouter } from "./tracking/events-router";
import { notificationsRouter } from "./tracking/notifications-router";
import { router } from "./trpc/init";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tokens: tokensRouter,
  sessions: sessionsRouter,
  teams: teamsRouter,
  audit: auditRouter,
  taxonomy: taxonomyRouter,
  assets: assetsRouter,
  collections: collectionsRouter,
  search: searchRouter,
  suggest: suggestRouter,
  deals: dealsRouter,
  shares: sharesRouter,
  rooms: roomsRouter,
  feedback: feedbackRouter,
  events: eventsRouter,
  notifications: notificationsRouter,
  requests: requestsRouter,
  analytics: analyticsRouter,
  admin: adminRouter,
  scim: scimRouter,
  invitations: invitationsRouter,
  passwordReset: passwordResetRouter,
});

export type AppRouter = typeof appRouter;

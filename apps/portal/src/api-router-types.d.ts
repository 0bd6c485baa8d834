// Typechecking `AppRouter` compiles the API's context, which reads `req.log`: pino-http's augmentation of
// Express's request. The router's import graph does not reach it, so pull it in here (types only).
// Remove once apps/api/src/trpc/context.ts imports the augmentation itself.
import type {} from "pino-http";

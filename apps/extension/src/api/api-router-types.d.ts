// Typechecking `AppRouter` compiles the API's context, which reads `req.log`: pino-http's augmentation of
// Express's Request has to be in this program too. Types only; nothing of the server reaches the bundle.
import type {} from "pino-http";

/**
 * A tRPC v11 call over plain HTTP (no transformer). Queries and mutations alike go as POST with the
 * JSON input in the body (the server allows method override): what the extension derives from a
 * page — signals, recipients, a search — never sits in a URL, where proxies and logs keep it.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    /**
     * The tRPC error code ("UNAUTHORIZED", "BAD_REQUEST", …), "NETWORK" when the server was unreachable,
     * or "NOT_PITCHSIDE" when something answered that is not a Pitchside server (a wrong address).
     */
    readonly code: string,
    readonly status: number,
    /** The server the call went to, so a message can name it. */
    readonly serverUrl?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface CallOptions {
  serverUrl: string;
  token?: string | undefined;
  /** Attempts after the first one for network failures, 429 and 5xx. Default 3. */
  retries?: number;
  /** First backoff delay; doubles each attempt, with jitter. Default 400 ms. */
  baseDelayMs?: number;
  fetchImpl?: typeof fetch;
}

interface TrpcErrorBody {
  error?: { message?: string; data?: { code?: string; httpStatus?: number } };
  result?: { data?: unknown };
}

const retryable = (status: number) => status === 429 || status >= 500;
/** What a reverse proxy or load balancer answers for a server that is down. */
const gatewayDown = (status: number) => status === 502 || status === 503 || status === 504;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function once(path: string, input: unknown, opts: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return (opts.fetchImpl ?? fetch)(`${opts.serverUrl}/trpc/${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(input ?? {}),
    credentials: "omit",
  });
}

/** Calls one procedure, retrying with exponential backoff when the server is unreachable or overloaded. */
export async function callProcedure(path: string, input: unknown, opts: CallOptions): Promise<unknown> {
  const retries = opts.retries ?? 3;
  const baseDelay = opts.baseDelayMs ?? 400;
  let last: ApiError = new ApiError("unreachable", "NETWORK", 0, opts.serverUrl);
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0) await sleep(baseDelay * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
    let res: Response;
    try {
      res = await once(path, input, opts);
    } catch (err) {
      last = new ApiError(err instanceof Error ? err.message : String(err), "NETWORK", 0, opts.serverUrl);
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as TrpcErrorBody;
    if (res.ok) return body.result?.data;
    last = body.error
      ? new ApiError(
          body.error.message ?? `HTTP ${res.status}`,
          body.error.data?.code ?? "HTTP_ERROR",
          res.status,
          opts.serverUrl,
        )
      : // no tRPC error: a proxy in front of a server that is down, or an address that is not Pitchside
        new ApiError(
          `HTTP ${res.status}`,
          gatewayDown(res.status) ? "NETWORK" : "NOT_PITCHSIDE",
          res.status,
          opts.serverUrl,
        );
    if (!retryable(res.status)) throw last;
  }
  throw last;
}

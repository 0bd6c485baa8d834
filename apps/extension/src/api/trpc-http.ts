/**
 * A tRPC v11 call over plain HTTP (no transformer). Queries and mutations alike go as POST with the
 * JSON input in the body (the server allows method override): what the extension derives from a
 * page — signals, recipients, a search — never sits in a URL, where proxies and logs keep it.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    /** The tRPC error code ("UNAUTHORIZED", "BAD_REQUEST", …) or "NETWORK" when the server was unreachable. */
    readonly code: string,
    readonly status: number,
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
  let last: ApiError = new ApiError("unreachable", "NETWORK", 0);
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0) await sleep(baseDelay * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
    let res: Response;
    try {
      res = await once(path, input, opts);
    } catch (err) {
      last = new ApiError(err instanceof Error ? err.message : String(err), "NETWORK", 0);
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as TrpcErrorBody;
    if (res.ok) return body.result?.data;
    last = new ApiError(
      body.error?.message ?? `HTTP ${res.status}`,
      body.error?.data?.code ?? "HTTP_ERROR",
      res.status,
    );
    if (!retryable(res.status)) throw last;
  }
  throw last;
}

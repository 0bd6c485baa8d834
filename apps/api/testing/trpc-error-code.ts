import { TRPCClientError } from "@trpc/client";

/** The tRPC error code a call ends with ("OK" when it succeeds), for the tests' access checks. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
}

import { TRPCClientError } from "@trpc/client";

/** A refused call's code and the reason it named (its own, or its field issue's), as the portal reads them. */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; reason: string | undefined }> {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = err.data as { code: string; reason?: string; issues?: { reason?: string }[] };
    return { code: data.code, reason: data.reason ?? data.issues?.[0]?.reason };
  }
  throw new Error("the call succeeded");
}

/** A call's tRPC error code, or "OK" when it succeeds. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code: string }).code;
    throw err;
  }
}

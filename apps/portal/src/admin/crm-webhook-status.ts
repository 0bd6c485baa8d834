import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** Whether the server has CRM_WEBHOOK_SECRET, and the webhook's public URL (the secret never leaves the server). */
export function useCrmStatus() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.crmStatus.queryOptions(), staleTime: 60_000 });
}

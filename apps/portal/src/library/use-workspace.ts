import { type AssetType, type Audience, defaultAudienceByType } from "@pitchside/shared";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** The workspace's content rules (every role may read them), cached for a few minutes. */
export function useWorkspaceSettings() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.admin.workspace.queryOptions(), staleTime: 5 * 60_000 });
}

/** Each type's default audience in this workspace; the product's defaults until the settings arrive. */
export function useAudienceByType(): Readonly<Record<AssetType, Audience>> {
  return useWorkspaceSettings().data?.audienceByType ?? defaultAudienceByType;
}

import { useQuery } from "@tanstack/react-query";

/** A version's file as text (Markdown battle cards are stored as their source). */
export function useFileText(versionId: string | null) {
  return useQuery({
    queryKey: ["library", "file-text", versionId],
    enabled: versionId != null,
    queryFn: async () => {
      const res = await fetch(`/api/files/${versionId}?inline=1`, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`GET /api/files/${versionId}: ${res.status}`);
      return res.text();
    },
  });
}

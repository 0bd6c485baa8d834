import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc";

/**
 * Creates a tracked share link (`shares.create`) and copies it to the clipboard. `copied` is false when
 * the browser refused the clipboard (permissions, focus): the caller then shows the link to copy by hand.
 */
export function useCreateShareLink() {
  const trpc = useTRPC();
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.shares.create.mutationOptions({
      onSuccess: async ({ url }) => {
        setCopied(
          await navigator.clipboard.writeText(url).then(
            () => true,
            () => false,
          ),
        );
      },
    }),
  );
  const reset = () => {
    create.reset();
    setCopied(false);
  };
  return { create, copied, reset };
}

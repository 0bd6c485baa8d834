import type { Role } from "@pitchside/shared";
import type { FlatNamespace, ParseKeys } from "i18next";

/** Every namespace, the shell's first: a label is `"key"` (the shell's) or `"<feature>:key"`. */
export type AllNamespaces = readonly ["translation", ...Exclude<FlatNamespace, "translation">[]];
export type NavLabel = ParseKeys<AllNamespaces>;

export interface NavItem {
  to: string;
  label: NavLabel;
  roles: readonly Role[];
  /** Sub-pages listed under the item while it is open. */
  children?: readonly { to: string; label: NavLabel }[];
}

export const everyone: readonly Role[] = ["admin", "marketer", "rep"];

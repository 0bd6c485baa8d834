import { z } from "zod";

export const roles = ["admin", "marketer", "rep"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const clients = ["portal", "extension"] as const;
export type Client = (typeof clients)[number];

export const PASSWORD_MIN_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "Password must be at most 256 characters");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Not a valid email address"));

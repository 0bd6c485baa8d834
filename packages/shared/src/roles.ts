export const roles = ["admin", "marketer", "rep"] as const;
export type Role = (typeof roles)[number];

export const clients = ["portal", "extension"] as const;
export type Client = (typeof clients)[number];

export const PASSWORD_MIN_LENGTH = 12;

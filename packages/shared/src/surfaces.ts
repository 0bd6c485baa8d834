/** The mail and social sites the extension puts a panel on. */
export const extensionSurfaces = ["gmail", "linkedin", "outlook"] as const;
export type ExtensionSurface = (typeof extensionSurfaces)[number];

/** Where a signed-in client says an asset was used; the public viewer reports its own events. */
export const clientSurfaces = ["portal", ...extensionSurfaces] as const;
export type ClientSurface = (typeof clientSurfaces)[number];

/** Every place an event can come from, in the order of the database enum. */
export const surfaces = [...clientSurfaces, "viewer"] as const;
export type Surface = (typeof surfaces)[number];

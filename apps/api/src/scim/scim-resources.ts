/** Where the SCIM API lives under the public URL. */
export const SCIM_PATH = "/scim/v2";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export const scimBaseUrl = (publicUrl: string) => `${publicUrl}${SCIM_PATH}`;

/** One page of a list (RFC 7644 §3.4.2.4): 1-based startIndex, count capped at MAX_PAGE. */
export interface Page {
  startIndex: number;
  count: number;
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 200;

export function listResponse(resources: unknown[], total: number, page: Page) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export const meta = (
  resourceType: "User" | "Group",
  location: string,
  created: Date,
  lastModified: Date,
) => ({
  resourceType,
  created: created.toISOString(),
  lastModified: lastModified.toISOString(),
  location,
});

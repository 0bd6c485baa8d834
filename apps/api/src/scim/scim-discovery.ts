import { GROUP_SCHEMA, listResponse, MAX_PAGE, USER_SCHEMA } from "./scim-resources";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/** GET /ServiceProviderConfig (RFC 7643 §5): what this server does and does not do. */
export const serviceProviderConfig = (base: string, maxBodyBytes: number) => ({
  schemas: [SPC_SCHEMA],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: maxBodyBytes },
  filter: { supported: true, maxResults: MAX_PAGE },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: "oauthbearertoken",
      name: "Bearer token",
      description: "The token an admin creates under Admin → Provisioning (SCIM)",
      primary: true,
    },
  ],
  meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
});

const resourceTypes = (base: string) => [
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A Pitchside user; userName is the sign-in email",
    schema: USER_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "A Pitchside team",
    schema: GROUP_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
  },
];

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference";
  multiValued?: boolean;
  required?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable";
  uniqueness?: "none" | "server";
  caseExact?: boolean;
  description: string;
  subAttributes?: Attribute[];
};

/** Attributes with RFC 7643's defaults filled in. */
const attribute = (a: Attribute): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...a,
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
});

const userAttributes: Attribute[] = [
  {
    name: "userName",
    type: "string",
    required: true,
    uniqueness: "server",
    description: "The sign-in email (or, when not an address, the work email is)",
  },
  {
    name: "name",
    type: "complex",
    description: "Kept as one name: formatted, else givenName and familyName",
    subAttributes: [
      { name: "formatted", type: "string", description: "The full name" },
      { name: "givenName", type: "string", description: "Given name" },
      { name: "familyName", type: "string", description: "Family name" },
    ],
  },
  { name: "displayName", type: "string", description: "The name shown in Pitchside" },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    description: "One work address, the sign-in email",
    subAttributes: [
      { name: "value", type: "string", description: "The address" },
      { name: "type", type: "string", description: "work" },
      { name: "primary", type: "boolean", description: "Always true" },
    ],
  },
  {
    name: "active",
    type: "boolean",
    description: "False disables the user and ends their sessions and tokens",
  },
  { name: "externalId", type: "string", caseExact: true, description: "The identity provider's id" },
  {
    name: "groups",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    description: "The user's team",
    subAttributes: [
      { name: "value", type: "string", mutability: "readOnly", description: "The team's id" },
      { name: "display", type: "string", mutability: "readOnly", description: "The team's name" },
    ],
  },
];

const groupAttributes: Attribute[] = [
  {
    name: "displayName",
    type: "string",
    required: true,
    uniqueness: "server",
    description: "The team's name",
  },
  { name: "externalId", type: "string", caseExact: true, description: "The identity provider's id" },
  {
    name: "members",
    type: "complex",
    multiValued: true,
    description: "The team's users; a user is in one team at a time",
    subAttributes: [
      { name: "value", type: "string", mutability: "immutable", description: "The user's id" },
      { name: "display", type: "string", mutability: "readOnly", description: "The user's email" },
    ],
  },
];

const schemas = (base: string) => [
  {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "Pitchside user",
    attributes: userAttributes.map(attribute),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  },
  {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: "Group",
    description: "Pitchside team",
    attributes: groupAttributes.map(attribute),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${GROUP_SCHEMA}` },
  },
];

/** The list, or the one named by `id` (undefined when there is none). */
export function discoveryList(kind: "ResourceTypes" | "Schemas", base: string, id?: string) {
  const all: { id: string }[] = kind === "ResourceTypes" ? resourceTypes(base) : schemas(base);
  if (id !== undefined) return all.find((r) => r.id === id);
  return listResponse(all, all.length, { startIndex: 1, count: all.length });
}

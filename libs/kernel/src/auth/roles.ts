/** The roles of API.md; a user has one or more. */
export const ROLES = [
  'issuing_officer',
  'customs_officer',
  'secretariat',
  'committee_member',
  'chair',
  'observer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the bearer token says. */
export interface AuthenticatedUser {
  username: string;
  roles: Role[];
  /** The participant the user acts for; observers, the secretariat and admins may have none. */
  participant: string | null;
}

// A user as the user-admin routes return it.
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "admin" | "adjudicator" | "reviewer";
  active: boolean;
  createdAt: string;
  /** password | oidc (single sign-on). */
  authSource?: string;
  /** Signed in through single sign-on with no mapped role: no access until given one. */
  awaitingRole?: boolean;
}

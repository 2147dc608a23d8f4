// A user as the user-admin routes return it.
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "admin" | "adjudicator" | "reviewer";
  active: boolean;
  createdAt: string;
}

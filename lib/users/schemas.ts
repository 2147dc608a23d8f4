// Input schemas for user management, shared by the admin forms (client) and the route handlers (server).
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/roles";

const email = z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(200);
const name = z.string().trim().min(1, "Enter a name").max(120);
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Use at most 200 characters");
const role = z.enum(ROLES, { message: "Choose admin, adjudicator or reviewer" });

export const createUserSchema = z.object({ email, name, role, password });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ name: name.optional(), role: role.optional(), active: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password });

export const signInSchema = z.object({ email, password: z.string().min(1, "Enter your password").max(200) });

import { z } from "zod";
import { messages } from "../messages";

export const signInSchema = z.object({
  email: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().min(1, messages.required("your email address")).max(320)),
  password: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().min(1, messages.required("your password")).max(1024)),
  returnTo: z.string().optional(),
});

import { redirect } from "next/navigation";
import { homePathFor } from "@/domain/permissions";
import { requireCtx } from "@/server/context";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { user } = await requireCtx();
  redirect(homePathFor(user.role));
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ServiceHeader } from "@/components/ui/service-header";
import { getSessionUser } from "@/server/context";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { returnTo } = await searchParams;
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-xl">
          <h1 className="h1">Sign in</h1>
          <p className="mb-6">Use the email address and password your administrator gave you. This service holds health and probation records: sign in only on a work device.</p>
          <SignInForm returnTo={typeof returnTo === "string" ? returnTo : ""} />
        </div>
      </main>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/forms/two-factor-forms";
import { ServiceHeader } from "@/components/ui/service-header";
import { readChallengeCookie } from "@/server/auth/challenge-cookie";
import { openChallenge } from "@/server/auth/sign-in-flow";
import { getDb } from "@/server/db";
import { secondFactorAction } from "../../actions";

export const metadata: Metadata = { title: "Enter your security code" };
export const dynamic = "force-dynamic";

export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const { returnTo } = await searchParams;
  if (!(await openChallenge(await getDb(), await readChallengeCookie(), "second-factor"))) redirect("/sign-in?expired=1");
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8" tabIndex={-1}>
        <div className="max-w-xl">
          <h1 className="h1">Enter your security code</h1>
          <p className="mb-6">Your password was right. To finish signing in, open your authenticator app and enter the code it shows for Probation Health Hub.</p>
          <SecondFactorForm action={secondFactorAction} returnTo={typeof returnTo === "string" ? returnTo : ""} />
          <p className="mt-8">
            <Link href="/sign-in">Start again with your email and password</Link>
          </p>
          <p className="mt-2 text-muted">Lost your phone and your recovery codes? Ask an administrator to reset your two-factor sign-in.</p>
        </div>
      </main>
    </>
  );
}

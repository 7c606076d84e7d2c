import Link from "next/link";
import { ServiceHeader } from "@/components/ui/service-header";

export default function NotFound() {
  return (
    <>
      <ServiceHeader nav={[]} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="h1">Page not found</h1>
        <p className="mb-4">If you typed the web address, check it is correct.</p>
        <p className="mb-4">If you followed a link to a person or appointment, it may not exist or may be at a site you do not work at.</p>
        <p>
          <Link href="/">Go to your start page</Link>
        </p>
      </main>
    </>
  );
}

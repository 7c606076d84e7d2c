import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="h1">You do not have permission to see this page</h1>
      <p className="mb-4">Your role does not include this part of the service. Ask your administrator if you think you need it.</p>
      <p>
        <Link href="/">Go to your start page</Link>
      </p>
    </main>
  );
}

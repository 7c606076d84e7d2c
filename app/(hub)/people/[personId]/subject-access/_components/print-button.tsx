"use client";

/** Opens the browser's print dialogue; without JavaScript the page says to use the browser's Print. */
export function PrintButton() {
  return (
    <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
      Print this report
    </button>
  );
}

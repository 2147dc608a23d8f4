import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SpineMed Review", template: "%s · SpineMed Review" },
  description: "Clinician review of LLM-drafted spine QA items, per vertebral level.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-full font-sans">{children}</body>
    </html>
  );
}

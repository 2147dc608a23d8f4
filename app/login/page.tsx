import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { SsoButton } from "@/components/auth/SsoButton";
import { oidcHealth } from "@/lib/auth/oidc-check";
import { OIDC_PROVIDER_ID, readAuthConfig } from "@/lib/auth/oidc-config";
import { ssoErrorMessage, SSO_ERRORS } from "@/lib/auth/oidc-errors";
import { currentUser } from "@/lib/auth/session";
import { homeFor, ROLE_LABELS } from "@/lib/auth/roles";
import { DEMO_ACCOUNTS, isDemoMode } from "@/lib/demo/accounts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(homeFor(user.role));
  const demo = isDemoMode();
  const config = readAuthConfig();
  const { error } = await searchParams;
  // Only known codes are shown (their sentence): the address is not a place for arbitrary text on this page.
  const errorText = ssoErrorMessage(typeof error === "string" ? error : null);
  const health = config.oidc ? await oidcHealth(config.oidc) : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-teal-50 p-6">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">SpineMed Review</h1>
          <p className="mt-1 text-sm text-slate-600">Level-aware review of LLM-drafted spine items</p>
        </div>
        <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {errorText && (
            <p role="alert" data-testid="sso-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errorText}</p>
          )}
          {config.oidc && health && !health.ok && (
            <p role="alert" data-testid="sso-unavailable" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Sign-in with {config.oidc.name} is unavailable: {health.code === "OidcUnreachable" ? SSO_ERRORS.OidcUnreachable : SSO_ERRORS.OidcMisconfigured}
            </p>
          )}
          {config.oidc && <SsoButton providerId={OIDC_PROVIDER_ID} name={config.oidc.name} />}
          {config.oidc && config.credentials && <p className="text-center text-xs uppercase tracking-wide text-slate-400">or</p>}
          {config.credentials && <LoginForm />}
        </div>
        {demo && (
          <div className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="demo-accounts">
            <p className="font-medium text-amber-900">Demo mode — sample accounts</p>
            <table className="mt-2 w-full text-left text-amber-950">
              <tbody>
                {DEMO_ACCOUNTS.map((a) => (
                  <tr key={a.email}>
                    <td className="py-0.5 pr-2">{ROLE_LABELS[a.role]}</td>
                    <td className="py-0.5 pr-2 font-mono text-xs">{a.email}</td>
                    <td className="py-0.5 font-mono text-xs">{a.password}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </main>
  );
}

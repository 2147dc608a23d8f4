import "server-only";
// Sign-in settings at start: a configuration that cannot work stops the instance (thrown, one line); a
// provider that is away or answers as another issuer is one line in the log, and the sign-in page says so.
import { readAuthConfig } from "./oidc-config";
import { checkOidcProvider } from "./oidc-check";

export async function checkSignIn(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log, warn: (line: string) => void = console.error): Promise<void> {
  const config = readAuthConfig(env);
  if (config.credentialsKeptForDemo) log("SpineMed Review: AUTH_CREDENTIALS=off is ignored in demo mode (the demo accounts sign in with passwords)");
  if (!config.oidc) return;
  const health = await checkOidcProvider(config.oidc);
  if (health.ok) log(`SpineMed Review: single sign-on with ${config.oidc.name} (${config.oidc.issuer}) is ready${config.credentials ? "" : "; password sign-in is off"}`);
  else warn(`SpineMed Review: single sign-on is not working: ${health.problem}`);
}

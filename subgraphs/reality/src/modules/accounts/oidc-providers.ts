// The configured OpenID Connect providers and their discovered metadata (openid-client). Discovery
// runs on first use and is kept for the process; a failed discovery is retried on the next sign-in.
import type { PortalAuthProvider } from "@ppt/db/client";
import { AppError, ErrorCode, type Logger, type PortalOidcConfig, type PortalOidcProviderConfig } from "@ppt/server-kit";
import * as oidc from "openid-client";

export interface OidcProvider {
  name: string;
  /** The provider as stored with linked accounts (reality.portal_social_accounts.provider). */
  stored: PortalAuthProvider;
  configuration(): Promise<oidc.Configuration>;
}

export class OidcProviders {
  private readonly discovered = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly config: PortalOidcConfig,
    private readonly logger: Logger,
  ) {}

  /** Refuses an unknown or unconfigured provider with BAD_USER_INPUT. */
  get(name: string): OidcProvider {
    const provider = this.config.providers.find((p) => p.name === name.toLowerCase());
    if (!provider) throw AppError.badInput("This sign-in provider is not available", { field: "provider" });
    return { name: provider.name, stored: provider.name.toUpperCase() as PortalAuthProvider, configuration: () => this.configuration(provider) };
  }

  names(): string[] {
    return this.config.providers.map((p) => p.name);
  }

  /** Only the exact redirect URIs the deployment lists: a sign-in never sends a code elsewhere. */
  requireRedirectUri(uri: string): void {
    if (!this.config.redirectUris.includes(uri)) throw AppError.badInput("This redirect URI is not allowed", { field: "redirectUri" });
  }

  private configuration(provider: PortalOidcProviderConfig): Promise<oidc.Configuration> {
    let found = this.discovered.get(provider.name);
    if (!found) {
      const clientAuth = provider.clientSecret ? oidc.ClientSecretPost(provider.clientSecret) : oidc.None();
      found = oidc
        .discovery(new URL(provider.issuer), provider.clientId, undefined, clientAuth, {
          timeout: 10,
          ...(this.config.allowInsecureIssuers && provider.issuer.startsWith("http://") ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          this.discovered.delete(provider.name);
          this.logger.warn({ provider: provider.name, err: error }, "OIDC discovery failed");
          throw new AppError(ErrorCode.Internal, "The sign-in provider is not reachable; try again later");
        });
      this.discovered.set(provider.name, found);
    }
    return found;
  }
}

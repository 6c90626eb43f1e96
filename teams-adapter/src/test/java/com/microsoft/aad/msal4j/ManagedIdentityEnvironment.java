package com.microsoft.aad.msal4j;

import java.util.Map;

/**
 * Test hook: the environment MSAL's managed-identity sources read ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER},
 * {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}, ...), through the package-private setter MSAL's own tests use, so a test
 * can point them at a local fake without changing the process environment. {@link #reset()} restores the real one.
 */
public final class ManagedIdentityEnvironment {

    private ManagedIdentityEnvironment() {
    }

    public static void use(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        ManagedIdentityApplication.setEnvironmentVariables(copy::get);
    }

    public static void reset() {
        ManagedIdentityApplication.setEnvironmentVariables(null);
    }
}

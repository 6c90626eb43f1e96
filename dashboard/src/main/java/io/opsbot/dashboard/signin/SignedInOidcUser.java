package io.opsbot.dashboard.signin;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.io.Serial;

/** The OpenID Connect user Spring Security keeps, with the person the bot knows them as. */
final class SignedInOidcUser extends DefaultOidcUser implements PersonHolder {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SignedInPerson person;

    SignedInOidcUser(OidcUser user, SignedInPerson person) {
        super(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), "sub");
        this.person = person;
    }

    @Override
    public SignedInPerson person() {
        return person;
    }

    @Override
    public String getName() {
        return person.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInOidcUser o && super.equals(o) && person.equals(o.person);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + person.hashCode();
    }
}

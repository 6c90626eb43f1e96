package io.opsbot.dashboard.signin;

/** A principal that knows which person signed in: the OpenID user of either provider, or the local sign-in's. */
public interface PersonHolder {

    SignedInPerson person();
}

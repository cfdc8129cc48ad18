package com.devicecreds.portal.api.token;

/** A token just created: the only time its secret exists outside the caller's hands. */
public record IssuedApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedApiToken[" + token + ", secret=…]";
    }
}

package com.devicecreds.portal.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API (docs/decisions/032-api-conventions.md).
 *
 * @param rateCapacity     requests a client may burst (the token bucket's size)
 * @param ratePerSecond    requests per second a client's bucket refills with
 * @param maxUpload        largest authorized list part accepted in one request
 * @param tokenMaxLifetime longest validity of a personal API token
 */
@ConfigurationProperties("portal.api")
public record ApiProperties(@DefaultValue("120") int rateCapacity, @DefaultValue("20") double ratePerSecond,
        @DefaultValue("20MB") DataSize maxUpload, @DefaultValue("365d") Duration tokenMaxLifetime) {
}

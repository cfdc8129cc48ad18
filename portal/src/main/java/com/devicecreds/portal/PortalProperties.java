package com.devicecreds.portal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the portal application. Defaults work for the embedded run.
 *
 * @param database  the embedded PostgreSQL, used when no spring.datasource.url is given
 * @param demo      the demo world seeded into an empty embedded database
 * @param simulator the simulated provisioning service that keeps the demo world moving
 */
@ConfigurationProperties(prefix = "portal")
public record PortalProperties(@DefaultValue Database database, @DefaultValue Demo demo,
        @DefaultValue Simulator simulator) {

    /**
     * @param dataDirectory where the embedded server keeps its files across restarts
     * @param port          TCP port on the loopback interface; 0 picks a free one
     */
    public record Database(@DefaultValue("${user.home}/.credentials-portal/pgdata") Path dataDirectory,
            @DefaultValue("0") int port) {
    }

    /**
     * @param enabled      seed the demo world into an empty database at start
     * @param historyDays  days of provisioning history to generate
     * @param events       how many historic provisioning events to generate
     * @param randomSeed   seed of the generator, so a demo world can be made again exactly
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("90") int historyDays,
            @DefaultValue("1000000") int events, @DefaultValue("20261122") long randomSeed) {
    }

    /**
     * @param enabled           play the provisioning service against the database
     * @param requestsPerSecond mean rate of simulated device requests
     * @param tick              how often the simulator wakes up to send the requests due
     */
    public record Simulator(@DefaultValue("false") boolean enabled, @DefaultValue("5") double requestsPerSecond,
            @DefaultValue("1s") Duration tick) {
    }
}

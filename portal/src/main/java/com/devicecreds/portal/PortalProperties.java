package com.devicecreds.portal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the portal application. Defaults work for the embedded run.
 *
 * @param database  the embedded PostgreSQL, used when no spring.datasource.url is given
 * @param demo      the demo world seeded into an empty embedded database
 * @param simulator the simulated provisioning service that keeps the demo world moving
 * @param notifications in-app notifications and the e-mail outbox
 * @param scheduledReports the job that delivers scheduled reports
 * @param configChanges configuration changes under dual control
 * @param deviceCas     trusted device CAs, their revocation lists and alerts
 * @param metrics       business metrics on /actuator/prometheus and who may scrape them
 * @param webhooks      signed webhook deliveries to registered HTTPS endpoints
 */
@ConfigurationProperties(prefix = "portal")
public record PortalProperties(@DefaultValue Database database, @DefaultValue Demo demo,
        @DefaultValue Simulator simulator, @DefaultValue Notifications notifications,
        @DefaultValue ScheduledReports scheduledReports, @DefaultValue ConfigChanges configChanges,
        @DefaultValue DeviceCas deviceCas, @DefaultValue Metrics metrics, @DefaultValue Webhooks webhooks) {

    /**
     * @param dataDirectory where the embedded server keeps its files across restarts; by default
     *                      {@code .credentials-portal/pgdata} in the user's home directory
     * @param port          TCP port on the loopback interface; 0 picks a free one
     * @param appUser       the role the application connects as (row-level security applies to it); the
     *                      embedded server creates it, an external server's administrator does
     */
    public record Database(Path dataDirectory, @DefaultValue("0") int port, @DefaultValue("portal_app") String appUser) {

        public Database {
            // Not a @DefaultValue: placeholders such as ${user.home} are not resolved there.
            if (dataDirectory == null) {
                dataDirectory = Path.of(System.getProperty("user.home"), ".credentials-portal", "pgdata");
            }
        }
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

    /**
     * E-mail is sent through Spring's spring.mail.* settings; without spring.mail.host the sender
     * writes each message to the log instead.
     *
     * @param pkiOpsAddresses who receives every pool alert by e-mail
     * @param from            the sender address of notification e-mails
     * @param retryBase       wait after the first failed attempt; doubles with every further failure
     * @param retryCap        longest wait between two attempts
     * @param maxAttempts     attempts before a message is marked failed
     * @param publicUrl       the portal's address as people open it, for links in e-mails
     */
    public record Notifications(@DefaultValue("pki-ops@demo.invalid") List<String> pkiOpsAddresses,
            @DefaultValue("credentials-portal@demo.invalid") String from, @DefaultValue("30s") Duration retryBase,
            @DefaultValue("1h") Duration retryCap, @DefaultValue("8") int maxAttempts,
            @DefaultValue("http://localhost:8080/") java.net.URI publicUrl) {

        public Notifications {
            if (!publicUrl.isAbsolute() || !(publicUrl.getScheme().equals("http") || publicUrl.getScheme().equals("https"))) {
                throw new IllegalArgumentException("portal.notifications.public-url must be an absolute http(s) address, not '"
                        + publicUrl + "'");
            }
            if (!publicUrl.getPath().endsWith("/")) {
                publicUrl = java.net.URI.create(publicUrl + "/");
            }
        }

        /** The address of a route inside the portal, e.g. {@code rollouts/12}, for an e-mail. */
        public String link(String route) {
            return publicUrl.resolve(route).toString();
        }
    }

    /**
     * @param interval    how often the clustered job looks for schedules whose run is due
     * @param maxAttempts failed scheduled runs of one period before the job leaves it to "run now"
     * @param retryBase   wait after the first failed run of a period; it doubles with each further failure
     * @param retryCap    longest wait between two runs of a failing period
     */
    public record ScheduledReports(@DefaultValue("1m") Duration interval, @DefaultValue("3") int maxAttempts,
            @DefaultValue("5m") Duration retryBase, @DefaultValue("1h") Duration retryCap) {
    }

    /**
     * @param requestValidity         how long a configuration change request waits for a second person before it expires
     * @param reauthenticationMaxAge how recently an approver must have confirmed who they are to approve a change
     */
    public record ConfigChanges(@DefaultValue("72h") Duration requestValidity,
            @DefaultValue("5m") Duration reauthenticationMaxAge) {
    }

    /**
     * @param expiryWarningDays alert when a trusted device CA expires within this many days
     * @param alertInterval     how often the clustered job checks expiry and revocation lists
     * @param crlFetch          fetching revocation lists from their distribution points
     */
    public record DeviceCas(@DefaultValue("30") int expiryWarningDays, @DefaultValue("1h") Duration alertInterval,
            @DefaultValue CrlFetch crlFetch) {

        public DeviceCas {
            if (expiryWarningDays < 0) {
                throw new IllegalArgumentException("portal.device-cas.expiry-warning-days must not be negative");
            }
        }
    }

    /**
     * @param enabled  whether the portal may fetch a CRL from its http(s) distribution point (off for the
     *                 embedded run: the demo world's addresses lead nowhere)
     * @param timeout  connect and read limit of one fetch
     * @param maxBytes the largest CRL accepted
     */
    public record CrlFetch(@DefaultValue("false") boolean enabled, @DefaultValue("10s") Duration timeout,
            @DefaultValue("10485760") long maxBytes) {
    }

    /**
     * Business metrics (docs/decisions/029-business-metrics-and-scraping.md).
     *
     * @param refreshInterval how often the figures are read from the database; scrapes read the last figures
     * @param scrapeUsername  the user name Prometheus sends with HTTP Basic authentication
     * @param scrapePassword  its password; empty refuses every scrape of /actuator/prometheus
     */
    public record Metrics(@DefaultValue("20s") Duration refreshInterval, @DefaultValue("prometheus") String scrapeUsername,
            @DefaultValue("") String scrapePassword) {

        public Metrics {
            if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("portal.metrics.refresh-interval must be at least 1s, was " + refreshInterval);
            }
        }
    }

    /**
     * Webhooks (docs/decisions/034-webhooks.md).
     *
     * @param secretKey      base64 of the 32-byte AES key that encrypts the endpoints' signing secrets at rest;
     *                       the default is published, for local runs only (prod requires WEBHOOK_SECRET_KEY)
     * @param allowHttp      accept http:// endpoints: for local development only, never in production
     * @param connectTimeout limit of the TCP and TLS connection to an endpoint
     * @param requestTimeout limit of one delivery's whole request and response
     * @param retryBase      wait after the first failed attempt; doubles with every further failure
     * @param retryCap       longest wait between two attempts
     * @param maxAttempts    attempts before a delivery is given up (dead)
     */
    public record Webhooks(@DefaultValue("") String secretKey, @DefaultValue("false") boolean allowHttp,
            @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("30s") Duration retryBase, @DefaultValue("1h") Duration retryCap,
            @DefaultValue("8") int maxAttempts) {

        public Webhooks {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("portal.webhooks.max-attempts must be at least 1, was " + maxAttempts);
            }
        }
    }
}

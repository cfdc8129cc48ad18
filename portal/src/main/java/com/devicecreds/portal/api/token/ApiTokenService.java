package com.devicecreds.portal.api.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.api.ApiProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens of the embedded run (decision 031): 256 random bits, shown once, kept as their
 * SHA-256 only, with an expiry; a user sees and revokes their own tokens only. Creating and revoking
 * are audited. A token acts as its owner with the owner's current roles and operator.
 */
@Service
@Profile("dev")
@Transactional(readOnly = true)
public class ApiTokenService {

    /** Every token starts with this, so that secret scanners and people can recognize one. */
    public static final String PREFIX = "cpat_";
    private static final int SHOWN = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = """
            select id, name, token_prefix, created_at, expires_at, last_used_at, revoked_at from api_token""";

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final ApiProperties properties;
    private final Clock clock;

    ApiTokenService(JdbcClient jdbc, CurrentActor currentActor, AuditLog auditLog, ApiProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional
    public IssuedApiToken create(String name, Duration validity) {
        var actor = currentActor.actor();
        var record = AuditRecord.of(actor, AuditAction.API_TOKEN_CREATED, AuditOutcome.SUCCESS, "api-token");
        String trimmed = name == null ? "" : name.strip();
        String problem = trimmed.isEmpty() || trimmed.length() > 100 ? "Give the token a name of 1 to 100 characters."
                : validity.isNegative() || validity.isZero() || validity.compareTo(properties.tokenMaxLifetime()) > 0
                        ? "A token is valid for at most " + properties.tokenMaxLifetime().toDays() + " days." : null;
        if (problem != null) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(), record.details())
                    .withDetail("problem", problem));
            throw new IllegalArgumentException(problem);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var now = clock.instant();
        long id = jdbc.sql("""
                        insert into api_token (token_hash, token_prefix, owner, name, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(sha256(secret), secret.substring(0, SHOWN), actor.username(), trimmed, Timestamp.from(now),
                        Timestamp.from(now.plus(validity)))
                .query(Long.class).single();
        auditLog.record(AuditRecord.of(actor, AuditAction.API_TOKEN_CREATED, AuditOutcome.SUCCESS, "api-token:" + id)
                .withDetail("name", trimmed).withDetail("expires", now.plus(validity).toString()));
        return new IssuedApiToken(byId(id).orElseThrow(), secret);
    }

    /** The caller's tokens, newest first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<ApiToken> mine() {
        return jdbc.sql(SELECT + " where owner = ? order by created_at desc, id desc")
                .param(currentActor.actor().username()).query((rs, n) -> token(rs)).list();
    }

    /** Revokes one of the caller's tokens; false (audited as denied) for another's, an unknown or a revoked one. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional
    public boolean revoke(long id) {
        var actor = currentActor.actor();
        int updated = jdbc.sql("""
                        update api_token set revoked_at = ?, revoked_by = ?
                        where id = ? and owner = ? and revoked_at is null""")
                .params(Timestamp.from(clock.instant()), actor.username(), id, actor.username()).update();
        auditLog.record(AuditRecord.of(actor, AuditAction.API_TOKEN_REVOKED,
                updated == 1 ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, "api-token:" + id));
        return updated == 1;
    }

    /**
     * The owner and id of a usable token (known, not expired, not revoked), noting when it was used
     * (at most once a minute, so that a busy client does not write on every call).
     */
    @Transactional
    Optional<TokenOwner> use(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        var now = Timestamp.from(clock.instant());
        var owner = jdbc.sql("select id, owner from api_token where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(sha256(secret), now).query((rs, n) -> new TokenOwner(rs.getLong("id"), rs.getString("owner")))
                .optional();
        owner.ifPresent(o -> jdbc.sql("""
                        update api_token set last_used_at = :now where id = :id
                          and (last_used_at is null or last_used_at < cast(:now as timestamptz) - interval '1 minute')""")
                .param("now", now).param("id", o.id()).update());
        return owner;
    }

    private Optional<ApiToken> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> token(rs)).optional();
    }

    private static ApiToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        var lastUsed = rs.getTimestamp("last_used_at");
        var revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                Optional.ofNullable(lastUsed).map(Timestamp::toInstant), Optional.ofNullable(revoked).map(Timestamp::toInstant));
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record TokenOwner(long id, String owner) {
    }
}

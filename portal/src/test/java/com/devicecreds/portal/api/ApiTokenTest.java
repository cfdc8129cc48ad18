package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.api.token.ApiTokenService;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;

/**
 * Personal API tokens: shown once and kept only as their SHA-256, usable as a bearer token until they
 * expire or are revoked, revocable by their owner only, and every creation and revocation audited once.
 */
class ApiTokenTest extends ApiTestSupport {


    @Test
    @RecordsAudit(AuditAction.API_TOKEN_CREATED)
    void a_token_is_shown_once_stored_as_its_hash_and_acts_as_its_owner() throws Exception {
        var issued = as("pm.felix", () -> tokens.create("reporting job", Duration.ofDays(30)));
        assertThat(issued.secret()).startsWith(ApiTokenService.PREFIX).hasSize(ApiTokenService.PREFIX.length() + 43);
        var stored = jdbc.sql("select encode(token_hash, 'hex') as h, token_prefix, owner from api_token where id = ?")
                .param(issued.token().id()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        var expectedHash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(issued.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(stored).containsExactly(expectedHash, issued.secret().substring(0, 11), "pm.felix");
        assertThat(audit("API_TOKEN_CREATED", "api-token:" + issued.token().id()))
                .containsExactly("pm.felix success");

        var client = client();
        assertThat(client.getWithToken(issued.secret(), "/api/v1/rollouts").statusCode()).isEqualTo(200);
        // pm.felix is a project manager: lineage is not theirs, as in the UI.
        assertThat(client.getWithToken(issued.secret(), "/api/v1/devices/AA:BB:CC:DD:EE:FF/lineage").statusCode())
                .isEqualTo(403);
        assertThat(as("pm.felix", tokens::mine)).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo(issued.token().id());
            assertThat(t.lastUsedAt()).isPresent();
        });
        assertThatThrownBy(() -> as("pm.felix", () -> tokens.create("forever", Duration.ofDays(3650))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 365 days");
        assertThat(audit("API_TOKEN_CREATED", "api-token")).containsExactly("pm.felix failed");
    }

    @Test
    @RecordsAudit(AuditAction.API_TOKEN_REVOKED)
    void only_the_owner_revokes_a_token_and_a_revoked_or_expired_token_is_refused() {
        var issued = as("audit.dora", () -> tokens.create("siem", Duration.ofDays(7)));
        var client = client();
        assertThat(client.getWithToken(issued.secret(), "/api/v1/pools").statusCode()).isEqualTo(200);

        assertThat(as("admin.erik", () -> tokens.revoke(issued.token().id()))).isFalse();
        assertThat(client.getWithToken(issued.secret(), "/api/v1/pools").statusCode()).isEqualTo(200);
        assertThat(as("audit.dora", () -> tokens.revoke(issued.token().id()))).isTrue();
        var refused = client.getWithToken(issued.secret(), "/api/v1/pools");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(audit("API_TOKEN_REVOKED", "api-token:" + issued.token().id()))
                .containsExactly("admin.erik denied", "audit.dora success");

        var expiring = as("audit.dora", () -> tokens.create("short", Duration.ofDays(1)));
        jdbc.sql("update api_token set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where id = ?")
                .param(expiring.token().id()).update();
        assertThat(client.getWithToken(expiring.secret(), "/api/v1/pools").statusCode()).isEqualTo(401);
    }

    private List<String> audit(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }

    private static <T> T as(String username, java.util.function.Supplier<T> call) {
        try (var signedIn = SignedIn.as(SignedIn.user(username, Optional.empty(), Roles.AUDITOR))) {
            return call.get();
        }
    }
}

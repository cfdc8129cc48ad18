package com.devicecreds.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.AuditSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The prod profile does not start with the audit keys of local runs, nor without a signing key. */
class ProductionAuditKeysTest {

    @TempDir
    Path dir;

    @EnableConfigurationProperties(AuditProperties.class)
    static class AuditSettings {
    }

    private ApplicationContextRunner runner(String profile, String... properties) {
        return new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().setActiveProfiles(profile))
                .withUserConfiguration(AuditSettings.class, ProductionAuditKeys.class)
                .withPropertyValues("audit.anchor-file=" + dir.resolve("anchors.jsonl"))
                .withPropertyValues(properties);
    }

    @Test
    void the_prod_profile_refuses_the_published_development_chain_key() {
        runner("prod", "audit.chain-key=" + AuditProperties.DEVELOPMENT_CHAIN_KEY).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("The prod profile refuses the published development audit chain key")
                    .hasMessageContaining("AUDIT_CHAIN_KEY");
        });
        runner("prod", "audit.chain-key=a-production-secret-0123456789",
                "audit.previous-chain-keys.0=" + AuditProperties.DEVELOPMENT_CHAIN_KEY)
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void the_prod_profile_refuses_to_make_a_signing_key_and_does_not_start_without_one() {
        runner("prod", "audit.chain-key=a-production-secret-0123456789", "audit.generate-signing-key=true")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("does not make an audit signing key"));
        runner("prod", "audit.chain-key=a-production-secret-0123456789", "audit.signing-key=" + dir.resolve("none.pem"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var properties = context.getBean(AuditProperties.class);
                    assertThatThrownBy(() -> AuditKeys.from(properties))
                            .hasMessageContaining("No audit signing key at " + dir.resolve("none.pem"));
                });
        runner("prod", "audit.chain-key=a-production-secret-0123456789", "audit.signing-key=")
                .run(context -> assertThatThrownBy(() -> AuditKeys.from(context.getBean(AuditProperties.class)))
                        .hasMessageContaining("audit.signing-key must name the file"));
    }

    @Test
    void the_prod_profile_starts_with_a_chain_key_and_a_signing_key_of_its_own_and_local_runs_keep_theirs() {
        AuditSigner.generate(dir.resolve("signing.pem"));
        runner("prod", "audit.chain-key=a-production-secret-0123456789", "audit.signing-key=" + dir.resolve("signing.pem"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(AuditKeys.from(context.getBean(AuditProperties.class)).signer().keyId()).hasSize(16);
                });
        runner("dev", "audit.chain-key=" + AuditProperties.DEVELOPMENT_CHAIN_KEY, "audit.generate-signing-key=true")
                .run(context -> assertThat(context).hasNotFailed());
    }
}

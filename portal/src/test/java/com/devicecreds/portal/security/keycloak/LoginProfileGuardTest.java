package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class LoginProfileGuardTest {

    @Test
    void the_keycloak_configuration_fails_the_start_when_the_dev_login_is_active_too() {
        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("dev", "keycloak"))
                .withUserConfiguration(KeycloakSecurityConfiguration.class)
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("'keycloak' and 'dev' are both active"));
    }

    @Test
    void keycloak_alone_may_start() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("keycloak");

        assertThatCode(() -> LoginProfileGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void production_refuses_the_local_client_secret() {
        var environment = new MockEnvironment().withProperty(LoginProfileGuard.CLIENT_SECRET,
                LoginProfileGuard.LOCAL_CLIENT_SECRET);
        environment.setActiveProfiles("prod", "keycloak");

        assertThatThrownBy(() -> LoginProfileGuard.check(environment)).hasMessageContaining("KEYCLOAK_CLIENT_SECRET");
    }

    @Test
    void production_accepts_a_secret_from_the_environment() {
        var environment = new MockEnvironment().withProperty(LoginProfileGuard.CLIENT_SECRET, "from-the-vault");
        environment.setActiveProfiles("prod", "keycloak");

        assertThatCode(() -> LoginProfileGuard.check(environment)).doesNotThrowAnyException();
    }
}

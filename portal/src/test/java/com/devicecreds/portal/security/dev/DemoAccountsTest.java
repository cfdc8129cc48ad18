package com.devicecreds.portal.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.devicecreds.access.Roles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The development login and the Keycloak realm file offer the same demo people with the same roles. */
class DemoAccountsTest {

    @Test
    void three_pki_operators_exist_so_that_a_type_needing_two_approvals_can_be_loaded_by_someone_else() {
        assertThat(DemoAccounts.ALL).filteredOn(a -> a.role().equals(Roles.PKI_OPS)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void the_realm_file_holds_every_demo_account_with_its_role_and_operator() throws IOException {
        JsonNode realm = JsonMapper.builder().build().readTree(Path.of("..", "docs", "keycloak", "credentials-portal-realm.json").toFile());
        Map<String, String> realmUsers = new HashMap<>();
        for (JsonNode user : realm.path("users")) {
            if (!user.path("username").asString().startsWith("service-account-")) {
                String operator = user.path("attributes").path("operator").path(0).asString("");
                realmUsers.put(user.path("username").asString(), user.path("realmRoles").path(0).asString() + "/" + operator);
            }
        }
        Map<String, String> devUsers = new HashMap<>();
        DemoAccounts.ALL.forEach(a -> devUsers.put(a.username(), a.role() + "/" + a.operatorCode().orElse("")));

        assertThat(realmUsers).isEqualTo(devUsers);
    }
}

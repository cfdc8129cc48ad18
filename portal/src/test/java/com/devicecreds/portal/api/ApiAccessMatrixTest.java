package com.devicecreds.portal.api;

import static com.devicecreds.portal.api.ApiWorld.ADMIN;
import static com.devicecreds.portal.api.ApiWorld.AUDITOR;
import static com.devicecreds.portal.api.ApiWorld.NORDKABEL;
import static com.devicecreds.portal.api.ApiWorld.PKI;
import static com.devicecreds.portal.api.ApiWorld.PM;
import static com.devicecreds.portal.api.ApiWorld.SUNWAVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of the API for every role and for staff of two operators, over real HTTP with
 * personal API tokens: the status each gets is the UI's rule (roles from the services' method
 * security, operator scope from the same services), and without a token every endpoint is 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessMatrixTest extends ApiTestSupport {


    ApiClient api;
    ApiWorld world;

    @BeforeAll
    void world() {
        api = client();
        world = ApiWorld.of(jdbc);
    }

    /** One call and the status expected for each of {@link ApiWorld#USERS}, in that order. */
    record Call(String method, String path, int... expected) {
    }

    List<Call> calls() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String monthAgo = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        String period = "?from=" + monthAgo + "&to=" + today;
        String pool = "/api/v1/pools/" + world.nordkabelType();
        String device = "/api/v1/devices/" + world.nordkabelDevice();
        //                                                      NORDKABEL SUNWAVE PKI  PM   AUDITOR ADMIN
        return List.of(
                new Call("GET", "/api/v1/pools", 200, 200, 200, 200, 200, 200),
                new Call("GET", pool, 200, 404, 200, 200, 200, 200),
                new Call("GET", pool + "/alerts", 200, 404, 200, 200, 200, 200),
                new Call("GET", "/api/v1/alerts", 200, 200, 200, 200, 200, 200),
                new Call("POST", "/api/v1/alerts/999999999/acknowledgement", 403, 403, 409, 403, 403, 403),
                new Call("GET", "/api/v1/usage" + period, 200, 200, 200, 200, 200, 200),
                new Call("GET", "/api/v1/usage" + period + "&operator=nordkabel", 200, 404, 200, 200, 200, 200),
                new Call("GET", "/api/v1/usage/csv" + period + "&granularity=week", 200, 200, 200, 200, 200, 200),
                new Call("GET", device, 200, 404, 200, 200, 200, 200),
                new Call("GET", device + "/events", 200, 404, 200, 200, 200, 200),
                new Call("GET", device + "/lineage", 403, 403, 200, 403, 200, 200),
                new Call("GET", "/api/v1/missing-ids", 200, 200, 200, 200, 200, 200),
                new Call("GET", "/api/v1/missing-ids?operator=nordkabel&status=new", 200, 404, 200, 200, 200, 200),
                new Call("POST", "/api/v1/operators/nordkabel/missing-ids/exports", 200, 404, 200, 403, 403, 200),
                new Call("POST", "/api/v1/operators/nordkabel/types/" + world.nordkabelType() + "/list-parts?fileName=api.csv",
                        403, 404, 201, 403, 403, 201),
                new Call("GET", "/api/v1/rollouts", 200, 200, 200, 200, 200, 200),
                new Call("GET", "/api/v1/audit/export?from=" + monthAgo + "T00:00:00Z&to=" + today + "T00:00:00Z", 403, 403, 403, 403, 200, 200));
    }

    @Test
    void every_endpoint_answers_each_role_and_operator_as_the_ui_would() {
        var failures = new ArrayList<String>();
        byte[] part = ("device_id\n" + String.join("\n", world.nordkabelTypeDevices()) + "\n").getBytes(StandardCharsets.UTF_8);
        for (var call : calls()) {
            for (int i = 0; i < ApiWorld.USERS.size(); i++) {
                String user = ApiWorld.USERS.get(i);
                var response = call.method().equals("GET") ? api.get(user, call.path())
                        : call.path().contains("list-parts") ? api.post(user, call.path(), "text/csv", part)
                        : api.post(user, call.path());
                if (response.statusCode() != call.expected()[i]) {
                    failures.add(call.method() + " " + call.path() + " as " + user + ": " + response.statusCode()
                            + " instead of " + call.expected()[i] + " " + response.body());
                }
                if (response.statusCode() >= 400) {
                    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void without_a_token_every_endpoint_is_unauthorized_with_a_problem() {
        for (var call : calls()) {
            var response = api.getWithToken(null, call.path());
            if (call.method().equals("GET")) {
                assertThat(response.statusCode()).as(call.path()).isEqualTo(401);
                assertThat(ApiClient.json(response).get("type").asString()).isEqualTo("/api/v1/problems/unauthorized");
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            }
        }
        assertThat(api.getWithToken("cpat_not-a-token", "/api/v1/pools").statusCode()).isEqualTo(401);
    }

    @Test
    void operator_staff_see_their_operators_rows_only() {
        for (var pool : ApiClient.json(api.get(NORDKABEL, "/api/v1/pools"))) {
            assertThat(pool.get("operator").isNull() || pool.get("operator").asString().equals("nordkabel"))
                    .as(pool.toString()).isTrue();
        }
        var missing = ApiClient.json(api.get(NORDKABEL, "/api/v1/missing-ids?limit=200")).get("items");
        assertThat(missing).isNotEmpty();
        missing.forEach(m -> assertThat(m.get("operator").asString()).isEqualTo("nordkabel"));
        ApiClient.json(api.get(SUNWAVE, "/api/v1/rollouts"))
                .forEach(r -> assertThat(r.get("operator").asString()).isEqualTo("sunwave"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String period = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(20) + "&to=" + today;
        var own = ApiClient.json(api.get(NORDKABEL, "/api/v1/usage" + period)).get("totals");
        var asPki = ApiClient.json(api.get(PKI, "/api/v1/usage" + period + "&operator=nordkabel")).get("totals");
        var all = ApiClient.json(api.get(PKI, "/api/v1/usage" + period)).get("totals");
        assertThat(own).isEqualTo(asPki);
        assertThat(own.get("total").asLong()).isPositive().isLessThan(all.get("total").asLong());
        assertThat(api.get(NORDKABEL, "/api/v1/devices/" + world.sunwaveDevice() + "/events").statusCode()).isEqualTo(404);
        assertThat(api.get(SUNWAVE, "/api/v1/devices/" + world.sunwaveDevice() + "/events").statusCode()).isEqualTo(200);
        assertThat(api.get(PM, "/api/v1/pools").statusCode()).isEqualTo(200);
        assertThat(api.get(AUDITOR, "/api/v1/alerts").statusCode()).isEqualTo(200);
        assertThat(api.get(ADMIN, "/api/v1/rollouts").statusCode()).isEqualTo(200);
    }
}

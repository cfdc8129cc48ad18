package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets an RFC 9457 problem that says what is wrong, and a refused upload imports nothing. */
class ApiProblemsTest extends ApiTestSupport {


    ApiClient api;
    ApiWorld world;

    @BeforeEach
    void world() {
        missingIds.compact();
        api = client();
        world = ApiWorld.of(jdbc);
    }

    @Test
    void a_bad_device_id_is_a_problem_that_says_why() {
        var response = api.get(ApiWorld.PKI, "/api/v1/devices/no!such*id/events");
        assertProblem(response, 400, "bad-device-id");
        assertThat(ApiClient.json(response).get("detail").asString()).contains("letters, digits");
    }

    @Test
    void bad_dates_and_periods_are_problems() {
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/usage?from=2026-13-01&to=2026-12-01"), 400, "bad-parameter");
        assertThat(ApiClient.json(api.get(ApiWorld.PKI, "/api/v1/usage?from=2026-13-01&to=2026-12-01")).get("detail")
                .asString()).contains("'from' must be a date as yyyy-mm-dd");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/usage?from=2026-12-01&to=2026-11-01"), 400, "bad-period");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/usage?to=2026-11-01"), 400, "bad-request");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/usage?from=2026-11-01&to=2026-11-02&granularity=year"), 400, "bad-parameter");
        assertProblem(api.get(ApiWorld.AUDITOR, "/api/v1/audit/export?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z"),
                400, "bad-period");
    }

    @Test
    void a_malformed_list_part_is_refused_row_by_row_and_nothing_is_imported() {
        long before = parts();
        String csv = "device_id\n" + world.nordkabelTypeDevices().getFirst() + "\n#no id!\n";
        var response = api.post(ApiWorld.PKI, listParts(), "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertProblem(response, 422, "list-part-refused");
        var problem = ApiClient.json(response);
        assertThat(problem.get("problemCount").asInt()).isEqualTo(1);
        assertThat(problem.get("problems").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("problems").get(0).get("value").asString()).isEqualTo("#no id!");
        assertThat(parts()).isEqualTo(before);
    }

    @Test
    void an_oversized_upload_is_refused_before_it_is_read_and_nothing_is_imported() {
        long before = parts();
        byte[] large = new byte[20 * 1024 * 1024 + 256 * 1024];
        java.util.Arrays.fill(large, (byte) 'A');
        var announced = api.post(ApiWorld.PKI, listParts(), "text/csv", new byte[0]);
        assertThat(announced.statusCode()).isEqualTo(422);
        // Sent without a length (chunked), so the server counts what it reads; just over the limit, so
        // the rest that the server skips after refusing is small enough for it to read and drop.
        var response = api.postStreamed(ApiWorld.PKI, listParts(), "text/csv", large);
        assertProblem(response, 413, "too-large");
        assertThat(parts()).isEqualTo(before);
    }

    @Test
    void bad_cursors_limits_and_paths_are_problems() {
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/missing-ids?cursor=garbage"), 400, "bad-cursor");
        String other = ApiClient.json(api.get(ApiWorld.PKI, "/api/v1/missing-ids?limit=1")).get("nextCursor").asString();
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/missing-ids?status=new&cursor=" + other), 400, "bad-cursor");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/missing-ids?limit=0"), 400, "bad-limit");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/missing-ids?status=lost"), 400, "bad-parameter");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/no-such-thing"), 404, "not-found");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/pools/no-such-type"), 404, "not-found");
        assertProblem(api.get(ApiWorld.PKI, "/api/v1/usage?from=2026-11-01&to=2026-11-02&operator=nowhere"), 404, "not-found");
    }

    private String listParts() {
        return "/api/v1/operators/nordkabel/types/" + world.nordkabelType() + "/list-parts";
    }

    private long parts() {
        return jdbc.sql("select count(*) from authorized_list_part").query(Long.class).single();
    }

    static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        var problem = ApiClient.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("/api/v1/problems/" + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }
}

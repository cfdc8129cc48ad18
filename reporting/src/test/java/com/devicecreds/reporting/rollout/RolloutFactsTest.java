package com.devicecreds.reporting.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stage of a rollout from its facts: the pipeline's steps in order, the acknowledgement skippable. */
class RolloutFactsTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing yet                                  | -      | -        | 0  | -     | -     | 0   | -      | WAITING_FOR_CREDENTIALS
            a batch staged                               | loaded | -        | 0  | -     | -     | 0   | -      | LOADED
            approved before anything was loaded          | -      | approved | 0  | -     | -     | 0   | -      | WAITING_FOR_CREDENTIALS
            loaded and approved, not active              | loaded | approved | 0  | -     | -     | 0   | -      | APPROVED
            live from earlier batches, not approved      | -      | -        | 50 | -     | -     | 0   | -      | LOADED
            approved and live                            | loaded | approved | 50 | -     | -     | 0   | -      | LIVE
            told                                         | loaded | approved | 50 | told  | -     | 0   | -      | GO_AHEAD_SENT
            told, pool ran dry since                     | loaded | approved | 0  | told  | -     | 0   | -      | GO_AHEAD_SENT
            acknowledged                                 | loaded | approved | 50 | told  | ack   | 0   | -      | ACKNOWLEDGED
            devices provisioning without acknowledgement | loaded | approved | 50 | told  | -     | 3   | -      | IN_PROGRESS
            devices provisioning after acknowledgement   | loaded | approved | 50 | told  | ack   | 3   | -      | IN_PROGRESS
            target reached                               | loaded | approved | 50 | told  | ack   | 100 | -      | COMPLETE
            deliveries before the go-ahead do not count  | loaded | approved | 50 | -     | -     | 100 | -      | LIVE
            cancelled                                    | loaded | approved | 50 | told  | -     | 3   | cancel | CANCELLED
            """)
    void stage(String situation, String loaded, String approved, long available, String told, String acknowledged,
            long delivered, String cancelled, RolloutStage expected) {
        var facts = new RolloutFacts(T, at(loaded), at(approved), at(loaded), available, at(told), at(acknowledged), delivered,
                100, delivered > 0 ? Optional.of(LocalDate.of(2026, 11, 5)) : Optional.empty(), Optional.empty(), at(cancelled));
        assertThat(facts.stage()).as(situation).isEqualTo(expected);
        assertThat(facts.goAheadDue()).as("go-ahead due when " + situation)
                .isEqualTo(!"-".equals(approved) && (available > 0 || !"-".equals(told)) && "-".equals(told) && "-".equals(cancelled));
    }

    private static Optional<Instant> at(String fact) {
        return "-".equals(fact) ? Optional.empty() : Optional.of(T.plusSeconds(60));
    }
}

package com.devicecreds.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

/** A browser that leaves while a chart or a download is streaming is no incident; a real failure is. */
class ErrorHandlingTest {

    @Test
    void a_broken_pipe_or_reset_connection_anywhere_in_the_causes_is_the_client_going_away() {
        assertThat(ErrorHandling.clientWentAway(new UncheckedIOException(new IOException("Broken pipe")))).isTrue();
        assertThat(ErrorHandling.clientWentAway(new RuntimeException(new IOException("Connection reset by peer")))).isTrue();
    }

    @Test
    void other_failures_remain_incidents() {
        assertThat(ErrorHandling.clientWentAway(new IOException("No space left on device"))).isFalse();
        assertThat(ErrorHandling.clientWentAway(new IllegalStateException("Broken pipe"))).isFalse();
        assertThat(ErrorHandling.clientWentAway(new NullPointerException())).isFalse();
    }
}

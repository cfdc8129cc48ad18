package com.devicecreds.portal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.dev.DemoPeople;
import com.devicecreds.portal.ui.CompactLastResponse;
import com.vaadin.flow.server.communication.UidlRequestHandler;
import com.vaadin.flow.spring.SpringServlet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The last response of a UI is kept deflated (decision 040, {@code CompactLastResponse}); a browser
 * that re-sends a message whose answer it lost must still get that answer, to the byte, and the tab
 * must go on working after it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LastResponseResendTest {

    @LocalServerPort
    int port;

    @Autowired
    ServletRegistrationBean<SpringServlet> vaadinServlet;

    @Test
    void the_portal_answers_uidl_messages_with_the_handler_that_keeps_the_last_answer_deflated() {
        var first = java.util.stream.StreamSupport.stream(vaadinServlet.getServlet().getService().getRequestHandlers().spliterator(), false)
                .filter(UidlRequestHandler.class::isInstance).findFirst();
        assertThat(first).get().isInstanceOf(CompactLastResponse.Handler.class);
    }

    @Test
    void a_resent_message_gets_the_same_answer_as_the_first_time_and_the_tab_goes_on() throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            var browser = new BrowserSession(http, port);
            assertThat(browser.signIn("pki.anna", DemoPeople.PASSWORD)).isEmpty();
            assertThat(browser.load("", "Dashboard")).isEmpty();
            assertThat(browser.navigate("reports/usage", "Usage", "link")).isEmpty();
            String answer = browser.lastAnswer();
            assertThat(answer.length()).as("a navigation's answer is long enough to be kept deflated")
                    .isGreaterThan(CompactLastResponse.THRESHOLD);

            for (int attempt = 1; attempt <= 2; attempt++) {
                var again = browser.resendLast();
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).as("answer to the re-sent message, attempt %d", attempt).isEqualTo(answer);
            }

            assertThat(browser.navigate("reports/missing-ids", "Missing device IDs", "link")).isEmpty();
            assertThat(browser.poll()).isEmpty();
            assertThat(browser.signOut()).isEmpty();
        }
    }
}

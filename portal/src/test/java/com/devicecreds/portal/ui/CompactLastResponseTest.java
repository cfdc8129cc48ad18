package com.devicecreds.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;

class CompactLastResponseTest {

    /** A navigation's answer as Vaadin writes it, with characters outside Latin-1 as the pages have them. */
    private static String longAnswer() {
        var text = new StringBuilder("{\"syncId\":7,\"clientId\":7,\"changes\":[");
        for (int i = 0; i < 400; i++) {
            text.append("{\"node\":").append(i).append(",\"type\":\"put\",\"key\":\"text\",\"feat\":7,\"value\":\"Pool ")
                    .append(i).append(" – 12 % left…\"},");
        }
        return text.append("{}]}").toString();
    }

    @Test
    void a_long_answer_is_kept_deflated_and_comes_back_the_same() {
        var ui = new UI();
        String answer = longAnswer();
        ui.getInternals().setLastRequestResponse(answer);

        CompactLastResponse.compact(ui);

        assertThat(ui.getInternals().getLastRequestResponse()).isNull();
        var kept = ComponentUtil.getData(ui, CompactLastResponse.Deflated.class);
        assertThat(kept).isNotNull();
        assertThat(kept.bytes().length).as("deflated bytes against %d characters", answer.length())
                .isLessThan(answer.length() / 5);

        CompactLastResponse.restore(ui);

        assertThat(ui.getInternals().getLastRequestResponse()).isEqualTo(answer);
        assertThat(ComponentUtil.getData(ui, CompactLastResponse.Deflated.class)).isNull();
    }

    @Test
    void a_short_answer_stays_as_it_is_and_drops_a_deflated_one_kept_before() {
        var ui = new UI();
        ui.getInternals().setLastRequestResponse(longAnswer());
        CompactLastResponse.compact(ui);

        ui.getInternals().setLastRequestResponse("{\"syncId\":8,\"clientId\":8}");
        CompactLastResponse.compact(ui);

        assertThat(ui.getInternals().getLastRequestResponse()).isEqualTo("{\"syncId\":8,\"clientId\":8}");
        assertThat(ComponentUtil.getData(ui, CompactLastResponse.Deflated.class)).isNull();
        CompactLastResponse.restore(ui);
        assertThat(ui.getInternals().getLastRequestResponse()).isEqualTo("{\"syncId\":8,\"clientId\":8}");
    }

    @Test
    void text_outside_latin_1_and_empty_text_inflate_to_what_was_deflated() {
        for (String text : new String[] {"", "plain", "–…€ 𝄞 ü", longAnswer()}) {
            assertThat(CompactLastResponse.inflate(CompactLastResponse.deflate(text))).isEqualTo(text);
        }
    }
}

package com.devicecreds.portal.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinSessionState;
import com.vaadin.flow.server.communication.ServerRpcHandler;
import com.vaadin.flow.server.communication.UidlRequestHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps each UI's last UIDL response deflated instead of as text (decision 040). Vaadin keeps the
 * whole text of a UI's last response so that it can send it again when the browser re-sends a message
 * whose answer it lost; after a navigation that is 10-100 KB per session, two bytes a character as
 * soon as the page holds a character outside Latin-1, and it stays until the UI's next request. Here
 * the UIDL handler, registered ahead of Vaadin's own, deflates a long response once it is written and
 * keeps the bytes with the UI (a tenth of the size or less); when the browser re-sends, the text is
 * inflated back before Vaadin answers with it, so the answer is the same to the byte. Short responses
 * (polls, heartbeats' follow-ups) are left as they are. {@code portal.ui.compact-last-response=false}
 * leaves Vaadin's own handler alone (for comparing, as the load benchmark does).
 */
@Component
@ConditionalOnProperty(name = "portal.ui.compact-last-response", havingValue = "true", matchIfMissing = true)
public class CompactLastResponse implements VaadinServiceInitListener {

    /** Responses shorter than this (in characters) are kept as Vaadin keeps them. */
    public static final int THRESHOLD = 2_048;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addRequestHandler(new Handler());
    }

    /** The deflated text of a UI's last response, kept in the UI's data. */
    record Deflated(byte[] bytes, int length) implements Serializable {
    }

    public static final class Handler extends UidlRequestHandler {

        @Override
        protected ServerRpcHandler createRpcHandler() {
            return new Restoring();
        }

        @Override
        public Optional<ResponseWriter> synchronizedHandleRequest(VaadinSession session, VaadinRequest request,
                VaadinResponse response, String requestBody) throws IOException {
            // The UI is looked up before Vaadin handles the message: signing out closes the session
            // during it, and a closed session has no UIs to look up (nor a last response worth keeping).
            UI ui = session.getService().findUI(request);
            var writer = super.synchronizedHandleRequest(session, request, response, requestBody);
            if (ui != null && session.getState() == VaadinSessionState.OPEN && ui.getSession() == session) {
                compact(ui);
            }
            return writer;
        }
    }

    /** Puts the text back before Vaadin answers a re-sent message with it. */
    static final class Restoring extends ServerRpcHandler {

        @Override
        public void handleRpc(UI ui, String message, VaadinRequest request)
                throws InvalidUIDLSecurityKeyException, MessageIdSyncException {
            try {
                super.handleRpc(ui, message, request);
            } catch (ClientResentPayloadException resent) {
                restore(ui);
                throw resent;
            }
        }
    }

    /** Replaces the UI's last response by its deflated bytes, if it is long. */
    static void compact(UI ui) {
        var internals = ui.getInternals();
        String last = internals.getLastRequestResponse();
        if (last == null) {
            return;
        }
        if (last.length() < THRESHOLD) {
            if (ComponentUtil.getData(ui, Deflated.class) != null) {
                ComponentUtil.setData(ui, Deflated.class, null);
            }
            return;
        }
        ComponentUtil.setData(ui, Deflated.class, deflate(last));
        internals.setLastRequestResponse(null);
    }

    /** Puts the UI's last response back as text, if it was deflated. */
    static void restore(UI ui) {
        var deflated = ComponentUtil.getData(ui, Deflated.class);
        if (deflated != null) {
            ui.getInternals().setLastRequestResponse(inflate(deflated));
            ComponentUtil.setData(ui, Deflated.class, null);
        }
    }

    static Deflated deflate(String text) {
        byte[] utf8 = text.getBytes(UTF_8);
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(utf8);
            deflater.finish();
            var out = new ByteArrayOutputStream(Math.max(64, utf8.length / 8));
            byte[] buffer = new byte[8_192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Deflated(out.toByteArray(), utf8.length);
        } finally {
            deflater.end();
        }
    }

    static String inflate(Deflated deflated) {
        var inflater = new Inflater();
        try {
            inflater.setInput(deflated.bytes());
            byte[] utf8 = new byte[deflated.length()];
            int read = 0;
            while (read < utf8.length && !inflater.finished()) {
                int n = inflater.inflate(utf8, read, utf8.length - read);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != utf8.length) {
                throw new IllegalStateException("A kept response inflated to " + read + " of " + utf8.length + " bytes");
            }
            return new String(utf8, UTF_8);
        } catch (DataFormatException e) {
            throw new UncheckedIOException(new IOException("A kept response could not be inflated", e));
        } finally {
            inflater.end();
        }
    }
}

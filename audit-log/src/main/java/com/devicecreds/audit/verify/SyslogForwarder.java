package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every line of the anchor file, as it is written, to a log host outside the portal's host:
 * RFC 5424 syslog over TCP with octet-counting framing (RFC 6587), facility local0, severity notice,
 * app name {@code credentials-portal}, message id {@code audit-anchor}. The log host keeps a copy that
 * the portal host's own users cannot rewrite, against which the verifier checks too (decision 024). A
 * failed send is logged and the connection opened again for the next line; the local line is already
 * on disk.
 */
public final class SyslogForwarder implements Consumer<String> {

    private static final Logger log = LoggerFactory.getLogger(SyslogForwarder.class);
    private static final int PRI_LOCAL0_NOTICE = 16 * 8 + 5;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String host;
    private final int port;
    private final String hostname;
    private Socket socket;
    private OutputStream out;

    public SyslogForwarder(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostname = localHostname();
    }

    @Override
    public synchronized void accept(String line) {
        String message = "<%d>1 %s %s credentials-portal - audit-anchor - %s".formatted(PRI_LOCAL0_NOTICE,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), hostname, line);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            if (socket == null || socket.isClosed()) {
                socket = new Socket();
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
            }
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            log.warn("Could not forward an audit anchor line to syslog at {}:{}: {}", host, port, e.getMessage());
            close();
        }
    }

    public synchronized void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a broken connection
        }
        socket = null;
    }

    private static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }
}

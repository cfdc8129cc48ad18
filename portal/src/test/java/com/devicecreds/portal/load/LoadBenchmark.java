package com.devicecreds.portal.load;

import java.time.Duration;
import java.util.List;

/**
 * The full load test: a thousand people with sessions of their own (the demo accounts in turn,
 * operator staff included) sign in over two minutes and walk the main pages of their roles, clicking
 * every ~10 s, against a real portal process on the default demo world (a million events over 90
 * days, simulator on, dev login). Prints navigation p50/p95/p99 per page and over all, errors, the
 * portal's CPU per navigation and the live heap per session, each beside the same figure for one
 * person at a time measured in the same run. Run from the repository root (or through {@code ./bench}):
 * <pre>
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl portal -am
 * $JAVA_HOME/bin/java -cp portal/target/test-classes:portal/target/classes:$(cat portal/target/test-classpath.txt) \
 *     com.devicecreds.portal.load.LoadBenchmark [users] [walk seconds] [think seconds] [demo events]
 * </pre>
 * Defaults: 1000 users, 300 s of walking after the ramp-up, 10 s of thinking, 1,000,000 demo events.
 * The portal runs with {@code -Xmx2g} and the full JIT.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int walk = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int think = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        var rampUp = Duration.ofSeconds(Math.max(5, users / 8));
        var jvm = new java.util.ArrayList<>(List.of("-Xmx2g"));
        // For example -Dload.jvm-options="-XX:StartFlightRecording=filename=load.jfr,settings=profile" to profile the portal.
        String extra = System.getProperty("load.jvm-options", "").strip();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        LoadTarget.run("load-benchmark", jvm,
                new LoadRun.Settings(users, rampUp, Duration.ofSeconds(walk), Duration.ofSeconds(think), true),
                "--portal.demo.events=" + events, "--portal.demo.history-days=" + (events >= 1_000_000 ? 90 : 7));
    }
}

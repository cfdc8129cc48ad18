package com.devicecreds.portal.ui.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Charts drawn once and served to every viewer whose chart is drawn from equal inputs. The key is the
 * chart's name and size and the very data it is drawn from (records with value equality), so a chart
 * changes exactly when its data does and is never stale: a page reads its data as before, and only the
 * drawing is shared. A drawn chart is named by a digest of its SVG, so its address never changes its
 * content and browsers may keep it for good ({@link ChartEndpoint}). The least recently used charts go
 * once the cache holds more than its bound of bytes or of charts (the keys hold the charts' data, so
 * their number is bounded too). Decisions 038 and 039.
 */
final class RenderedCharts {

    /** Typical charts are 10-40 KB of SVG; their data a few KB to a few hundred. */
    static final RenderedCharts SHARED = new RenderedCharts(32L * 1024 * 1024, 2_000);

    record Key(String name, Object inputs, int width, int height) {
    }

    /** A drawn chart: its address ({@code id}), its SVG and the same gzipped, for clients that accept it. */
    record Rendered(String id, byte[] svg, byte[] gzipped) {

        static Rendered of(String svg) {
            byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
            return new Rendered(digest(bytes), bytes, gzip(bytes));
        }

        long size() {
            return svg.length + gzipped.length;
        }
    }

    private final long maxBytes;
    private final int maxCharts;
    private final Map<Key, Rendered> byKey = new LinkedHashMap<>(64, 0.75f, true);
    /** Charts by address, with the number of keys that drew the very same SVG. */
    private final Map<String, Rendered> byId = new HashMap<>();
    private final Map<String, Integer> keysById = new HashMap<>();
    private long bytes;
    private long hits;

    RenderedCharts(long maxBytes, int maxCharts) {
        this.maxBytes = maxBytes;
        this.maxCharts = maxCharts;
    }

    /** The chart for the key, drawn now if no viewer has had it yet (two first viewers may both draw). */
    Rendered chart(Key key, Supplier<String> draw) {
        synchronized (this) {
            Rendered cached = byKey.get(key);
            if (cached != null) {
                hits++;
                return cached;
            }
        }
        Rendered drawn = Rendered.of(draw.get());
        synchronized (this) {
            Rendered before = byKey.get(key);
            if (before != null) {
                return before;
            }
            byKey.put(key, drawn);
            if (keysById.merge(drawn.id(), 1, Integer::sum) == 1) {
                byId.put(drawn.id(), drawn);
                bytes += drawn.size();
            }
            var oldest = byKey.entrySet().iterator();
            while ((bytes > maxBytes || byKey.size() > maxCharts) && oldest.hasNext()) {
                Rendered gone = oldest.next().getValue();
                oldest.remove();
                if (keysById.merge(gone.id(), -1, Integer::sum) == 0) {
                    keysById.remove(gone.id());
                    byId.remove(gone.id());
                    bytes -= gone.size();
                }
            }
            return drawn;
        }
    }

    /** The chart at this address, while the cache holds it. */
    synchronized Optional<Rendered> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized long hits() {
        return hits;
    }

    synchronized int size() {
        return byKey.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 4);
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

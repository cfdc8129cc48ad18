package com.devicecreds.portal.ui.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chart images rendered once and served to every viewer whose chart is drawn from equal inputs.
 * The key is the chart's name, size and scale and the very data it is drawn from (records with value
 * equality), so a chart changes exactly when its data does and is never stale: a page reads its data
 * as before, and only the drawing and the PNG encoding, most of a chart's cost, are shared. Inputs
 * without value equality only miss. The least recently used images go once the cache holds more than
 * its bound of bytes (decision 038).
 */
final class RenderedCharts {

    /** About a thousand images of a typical size; each viewer's image is one of them. */
    static final RenderedCharts SHARED = new RenderedCharts(48L * 1024 * 1024);

    record Key(String name, Object inputs, int width, int height, double scale) {
    }

    private final long maxBytes;
    private final Map<Key, byte[]> images = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;

    RenderedCharts(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The image for the key, rendered now if no viewer has had it yet (two first viewers may both render). */
    byte[] png(Key key, Supplier<byte[]> render) {
        synchronized (this) {
            byte[] cached = images.get(key);
            if (cached != null) {
                hits++;
                return cached;
            }
        }
        byte[] png = render.get();
        synchronized (this) {
            byte[] before = images.put(key, png);
            bytes += png.length - (before == null ? 0 : before.length);
            var oldest = images.entrySet().iterator();
            while (bytes > maxBytes && oldest.hasNext()) {
                bytes -= oldest.next().getValue().length;
                oldest.remove();
            }
        }
        return png;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized int size() {
        return images.size();
    }
}

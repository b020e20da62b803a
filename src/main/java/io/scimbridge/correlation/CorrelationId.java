package io.scimbridge.correlation;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The id that ties one SCIM or admin request to everything it causes: its log lines, its audit
 * entry, the dirty mark it leaves and the Identity Center calls that deliver it. It travels in
 * the logging MDC under {@link #MDC_KEY} (so JSON logs carry it as a field), in and out of the
 * bridge as {@link #HEADER}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "correlationId";
    static final String REQUEST_PROPERTY = CorrelationId.class.getName();

    /** What we accept from a caller: short, and nothing that could forge a log line or a header. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {}

    public static boolean isSane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }

    /**
     * 16 hex characters: unique enough to find one request among a year of logs. Not a secret (it
     * is sent back in {@link #HEADER}, and a caller may choose its own), so it needs no
     * {@code SecureRandom}, whose one synchronised generator every request thread took in turn.
     */
    public static String generate() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** The correlation id of the work this thread (or Vert.x request context) is doing, if any. */
    public static Optional<String> current() {
        Object value = MDC.get(MDC_KEY);
        return value instanceof String s && isSane(s) ? Optional.of(s) : Optional.empty();
    }

    /** The correlation id given to this HTTP request by {@link CorrelationIdFilter}, if it is under /scim/v2 or /admin. */
    public static Optional<String> of(ContainerRequestContext request) {
        return request.getProperty(REQUEST_PROPERTY) instanceof String id ? Optional.of(id) : Optional.empty();
    }

    /** Runs {@code work} with {@code id} as the current correlation id (none when null), then restores the previous one. */
    public static void runWith(String id, Runnable work) {
        callWith(id, () -> {
            work.run();
            return null;
        });
    }

    /** Like {@link #runWith}, for work with a result. */
    public static <T> T callWith(String id, java.util.function.Supplier<T> work) {
        Object previous = MDC.get(MDC_KEY);
        if (isSane(id)) {
            MDC.put(MDC_KEY, id);
        } else {
            MDC.remove(MDC_KEY);
        }
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}

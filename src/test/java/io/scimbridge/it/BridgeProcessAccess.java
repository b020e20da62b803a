package io.scimbridge.it;

import java.nio.file.Path;
import java.util.Map;

/** Lets benchmarks in other packages start the built jar the way the process tests do. */
public final class BridgeProcessAccess {

    /** A started bridge process. */
    public interface Running extends AutoCloseable {
        String baseUrl();

        /** The bridge's operating-system process id. */
        long pid();

        @Override
        void close() throws InterruptedException;
    }

    private BridgeProcessAccess() {}

    public static Running start(Path dataDir, Map<String, String> env) throws java.io.IOException {
        BridgeProcess p = new BridgeProcess(BridgeProcess.builtApp(), dataDir, env).start();
        return new Running() {
            @Override
            public String baseUrl() {
                return p.baseUrl();
            }

            @Override
            public long pid() {
                return p.pid();
            }

            @Override
            public void close() throws InterruptedException {
                p.close();
            }
        };
    }

    public static String token(Path dataDir, String source) throws java.io.IOException, InterruptedException {
        return BridgeProcess.mintToken(BridgeProcess.builtApp(), dataDir, source);
    }
}

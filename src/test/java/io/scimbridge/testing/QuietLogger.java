package io.scimbridge.testing;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Raises one logger to ERROR for the tests of one class and puts its level back afterwards: for a
 * class whose every case provokes a warning on purpose (with its stack trace), so that the console
 * of a test run keeps the warnings nobody expected.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final QuietLogger EXPECTED_5XX = new QuietLogger(ScimErrorMapper.class);
 * }</pre>
 */
public final class QuietLogger implements BeforeAllCallback, AfterAllCallback {

    // held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level
    private final Logger logger;
    private Level before;

    public QuietLogger(Class<?> loggingClass) {
        this.logger = Logger.getLogger(loggingClass.getName());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        before = logger.getLevel();
        logger.setLevel(Level.SEVERE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        logger.setLevel(before);
    }
}

package io.scimbridge.rules;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.store.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The rules in force. Loads {@code bridge.rules-file} (env {@code BRIDGE_RULES_FILE}; default
 * {@code <bridge.data-dir>/rules.yaml}) at startup and reloads it when its content changes,
 * without restart:
 *
 * <ul>
 *   <li>No file at startup: the built-in {@link Rules#DEFAULTS} (forward everything, shape
 *       nothing). An invalid file at startup stops the startup with every error listed: a
 *       replica never starts forwarding with rules the operator did not write.</li>
 *   <li>The file's content is read every {@code bridge.rules-check-interval} (2s) through its
 *       path, so symlinks are followed: a Kubernetes ConfigMap update (which swaps the
 *       {@code ..data} symlink) is seen like an edit, and no file system event is needed
 *       (inotify misses those swaps and does not work on every volume). A change is loaded
 *       once the file reads the same on two consecutive checks, so a half-written file is
 *       never applied.</li>
 *   <li>An invalid file keeps the last good rules in force; the errors go to the log (once per
 *       content) and to {@link #status()}, which the {@code rules} health group reports without
 *       touching readiness.</li>
 *   <li>A removed file keeps the rules in force (reported); an empty file means the defaults.</li>
 *   <li>After a successful reload, {@link RulesChanged} is fired.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class RulesHolder {

    private static final Logger LOG = Logger.getLogger(RulesHolder.class);

    private final Path file;
    private final Event<RulesChanged> changed;

    private volatile Rules rules;
    private volatile RulesStatus status;

    // guarded by this: digests of the content in force, of the last refused one, of one seen once
    private String appliedDigest;
    private String rejectedDigest;
    private String pendingDigest;

    @Inject
    public RulesHolder(RulesConfig config, StoreConfig store, Event<RulesChanged> changed) {
        this(config.rulesFile().orElse(store.dataDir().resolve("rules.yaml")), changed);
    }

    RulesHolder(Path file, Event<RulesChanged> changed) {
        this.file = file;
        this.changed = changed;
        loadAtStartup();
    }

    /** The rules in force: read once per decision, so one decision never mixes two files. */
    public Rules rules() {
        return rules;
    }

    public RulesStatus status() {
        return status;
    }

    public Path file() {
        return file;
    }

    /**
     * Parses a candidate rules file as a reload would, every section included (the preview).
     *
     * @throws InvalidRulesException with every error of the file
     */
    public Rules parse(String yaml) {
        return RulesParser.parse(yaml);
    }

    private void loadAtStartup() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            rules = Rules.DEFAULTS;
            status = new RulesStatus(file, false, Instant.now(), rules.summary(), Optional.empty(), false);
            LOG.infof("No rules file at %s: built-in defaults, every user and group is forwarded as sent", file);
            return;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the rules file " + file + ": " + e.getMessage(), e);
        }
        try {
            rules = parse(new String(content, StandardCharsets.UTF_8));
        } catch (InvalidRulesException e) {
            throw new IllegalStateException("The rules file " + file + " is invalid, not starting:\n" + format(e.errors()));
        }
        appliedDigest = digest(content);
        status = new RulesStatus(file, true, Instant.now(), rules.summary(), Optional.empty(), false);
        LOG.infof("Rules loaded from %s:%n  %s", file, String.join("\n  ", rules.summary()));
    }

    @Scheduled(every = "${bridge.rules-check-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        check(false);
    }

    /**
     * Reads the file now and loads it if it changed, without waiting for a second read (for the
     * admin API, or a test that wrote the file atomically).
     */
    public RulesStatus reloadNow() {
        check(true);
        return status;
    }

    private synchronized void check(boolean now) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            pendingDigest = null;
            if (status.fromFile() && !status.fileMissing()) {
                status = status.withFileMissing(true);
                LOG.warnf("The rules file %s was removed: the rules loaded at %s stay in force"
                        + " (an empty file returns to the built-in defaults)", file, status.loadedAt());
            }
            return;
        } catch (IOException e) {
            LOG.debugf("Cannot read the rules file %s now: %s", file, e.getMessage());
            return;
        }
        String digest = digest(content);
        if (digest.equals(appliedDigest)) {
            pendingDigest = null;
            if (!status.current()) {
                status = status.cleared();
                LOG.infof("The rules file %s is back to the rules in force", file);
            }
            return;
        }
        if (status.fileMissing()) {
            status = status.withFileMissing(false);
        }
        if (digest.equals(rejectedDigest)) {
            pendingDigest = null;
            return;
        }
        if (!now && !digest.equals(pendingDigest)) {
            pendingDigest = digest; // load it when it reads the same next time
            return;
        }
        pendingDigest = null;
        load(content, digest);
    }

    private void load(byte[] content, String digest) {
        Rules next;
        try {
            next = parse(new String(content, StandardCharsets.UTF_8));
        } catch (InvalidRulesException e) {
            rejectedDigest = digest;
            status = status.withRejection(new RulesStatus.Rejection(Instant.now(), e.errors()));
            LOG.errorf("The rules file %s was changed but is invalid; the rules loaded at %s stay in force:%n%s",
                    file, status.loadedAt(), format(e.errors()));
            return;
        }
        Rules old = rules;
        rules = next;
        appliedDigest = digest;
        rejectedDigest = null;
        status = new RulesStatus(file, true, Instant.now(), next.summary(), Optional.empty(), false);
        LOG.infof("Rules reloaded from %s%s:%n  %s", file,
                old.sameForwarding(next) ? " (forwarding unchanged)" : "", String.join("\n  ", next.summary()));
        try {
            changed.fire(new RulesChanged(old, next));
        } catch (RuntimeException e) {
            LOG.error("An observer of the rules change failed; the new rules are in force", e);
        }
    }

    private String format(List<RulesError> errors) {
        return String.join("\n", errors.stream().map(e -> "  " + e.format(file.toString())).toList());
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

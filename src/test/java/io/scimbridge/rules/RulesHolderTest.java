package io.scimbridge.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder's file handling, step by step, without Quarkus: each {@code poll()} is one scheduled check. */
class RulesHolderTest {

    static final String GUESTS_EXCLUDED = "users:\n  exclude: 'userName co \"#EXT#\"'\n";
    static final String AWS_GROUPS = "groups:\n  include: 'displayName sw \"aws-\"'\n";

    @TempDir
    Path dir;

    final List<RulesChanged> fired = new ArrayList<>();

    RulesHolder holder(Path file) {
        return new RulesHolder(file, new RecordingEvent());
    }

    @Test
    void noFileMeansTheBuiltInDefaultsFromTheDataDir() throws Exception {
        RulesHolder holder = new RulesHolder(dir.resolve("rules.yaml"), new RecordingEvent());

        assertSame(Rules.DEFAULTS, holder.rules());
        assertEquals(dir.resolve("rules.yaml"), holder.file());
        assertFalse(holder.status().fromFile());

        Files.writeString(dir.resolve("rules.yaml"), GUESTS_EXCLUDED);
        holder.poll();
        holder.poll();
        assertTrue(holder.rules().users().exclude().isPresent(), "a file created later is loaded");
    }

    @Test
    void anInvalidFileAtStartupStopsTheStartupWithEveryError() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "users:\n  exlude: x\n  requireGroup: 3\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> holder(file));

        assertTrue(e.getMessage().contains(file + ":2: users.exlude: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":3: users.requireGroup: expected true or false"), e.getMessage());
    }

    @Test
    void aChangeIsLoadedOnceItReadsTheSameTwice() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), AWS_GROUPS);
        RulesHolder holder = holder(file);
        Rules initial = holder.rules();

        Files.writeString(file, "users:\n  exclude: 'userName co"); // half written
        holder.poll();
        assertSame(initial, holder.rules());
        Files.writeString(file, GUESTS_EXCLUDED); // complete
        holder.poll();
        assertSame(initial, holder.rules(), "seen once only");
        holder.poll();

        assertTrue(holder.rules().users().exclude().isPresent());
        assertEquals(List.of(new RulesChanged(initial, holder.rules())), fired);
        assertTrue(holder.status().current());
    }

    @Test
    void anInvalidChangeKeepsTheRulesUntilTheFileIsGoodAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), AWS_GROUPS);
        RulesHolder holder = holder(file);
        Rules good = holder.rules();

        Files.writeString(file, "groups:\n  rename: { pattern: '(', to: x }\n");
        holder.reloadNow();
        assertSame(good, holder.rules());
        assertEquals("groups.rename.pattern", holder.status().rejection().orElseThrow().errors().getFirst().key());
        holder.poll();
        assertEquals(List.of(), fired, "a refused file is neither loaded nor announced");

        Files.writeString(file, AWS_GROUPS); // reverted
        holder.poll();
        assertTrue(holder.status().current());
        assertSame(good, holder.rules());
        assertEquals(List.of(), fired);
    }

    @Test
    void aRemovedFileKeepsTheRulesInForce() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), GUESTS_EXCLUDED);
        RulesHolder holder = holder(file);
        Rules rules = holder.rules();

        Files.delete(file);
        holder.poll();

        assertSame(rules, holder.rules());
        assertTrue(holder.status().fileMissing());
        assertFalse(holder.status().current());

        Files.writeString(file, "");
        holder.reloadNow();
        assertEquals(Rules.Users.DEFAULTS, holder.rules().users(), "an empty file means the defaults");
        assertTrue(holder.status().current());
    }

    /** The part of CDI's Event the holder uses. */
    final class RecordingEvent implements Event<RulesChanged> {
        @Override
        public void fire(RulesChanged event) {
            fired.add(event);
        }

        @Override
        public <U extends RulesChanged> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends RulesChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<RulesChanged> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends RulesChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends RulesChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}

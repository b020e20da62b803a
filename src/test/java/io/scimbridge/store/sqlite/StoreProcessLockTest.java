package io.scimbridge.store.sqlite;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridges on one data directory: the second cannot open the store while the first runs, and
 * a first one killed with kill -9 leaves nothing locked. The other bridge is a real process
 * ({@link HoldsTheStore}), because a lock only keeps out other processes.
 */
class StoreProcessLockTest {

    @TempDir
    Path dir;

    private Process other;

    @AfterEach
    void stopTheOtherBridge() throws InterruptedException {
        if (other != null) {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondBridgeOnTheSameDataDirectoryCannotOpenTheStoreUntilTheFirstIsKilled() throws Exception {
        Path store = dir.resolve("store/bridge.db");
        String url = "jdbc:sqlite:" + store;
        other = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                HoldsTheStore.class.getName(), url).redirectErrorStream(true).start();
        assertEquals("holding", firstLine(other), "the other bridge opened the store");

        SQLException refused = assertThrows(SQLException.class, () -> open(url));
        assertTrue(refused.getMessage().contains("in use by another bridge process (pid " + other.pid() + ")"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("PostgreSQL"), "says what to do instead: " + refused.getMessage());

        other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (Connection mine = open(url)) {
            assertEquals(List.of(String.valueOf(ProcessHandle.current().pid())),
                    Files.readAllLines(StoreProcessLock.lockFile(store), US_ASCII));
            assertEquals(1, SqliteHousekeeping.pragma(mine, "foreign_keys"), "the store opened as usual");
        }
    }

    @Test
    void oneProcessOpensItsStoreAsOftenAsItLikes() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        try (Connection first = open(url); Connection second = open(url)) {
            assertTrue(first.isValid(1) && second.isValid(1));
        }
        try (Connection again = open(url)) {
            assertTrue(again.isValid(1));
        }
    }

    @Test
    void aLockThisProcessTookUnderAnotherClassLoaderIsItsOwn() throws Exception {
        // Quarkus tests restart the application in one JVM under a new class loader, whose copy of
        // the lock's registry is empty: the lock the earlier start took is this JVM's, not a rival's
        Path store = dir.resolve("store/bridge.db");
        Files.createDirectories(store.getParent());
        try (FileChannel earlierStart = FileChannel.open(StoreProcessLock.lockFile(store), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = earlierStart.lock()) {
            try (Connection again = open("jdbc:sqlite:" + store)) {
                assertTrue(again.isValid(1));
            }
            assertTrue(held.isValid(), "the earlier start's lock is still held");
        }
    }

    private static Connection open(String url) throws SQLException {
        return new SqliteStoreDriver().connect(url, new Properties());
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), US_ASCII));
        String line;
        StringBuilder all = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.equals("holding")) {
                return line;
            }
            all.append(line).append('\n');
        }
        return all.toString();
    }
}

package io.scimbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Readings of another process from /proc (Linux), and a directory's size. */
final class ProcessStats {

    /** Linux's USER_HZ: clock ticks per second in /proc/<pid>/stat (100 on every mainstream kernel). */
    private static final double TICKS = 100.0;

    private ProcessStats() {}

    /** Peak resident set size (VmHWM) in MiB, or -1 when /proc is not readable. */
    static double peakRssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** User + system CPU seconds used so far, or -1. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // after ")" come: state(3) ppid(4) ... utime(14) stime(15), i.e. indexes 11 and 12 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Bytes in the files under dir, log files left out (the bridge's own log is written beside its store). */
    static long storeBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".log"))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    }).sum();
        }
    }
}
